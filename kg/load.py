"""Loading resolved notices into Neo4j: batched, idempotent, with provenance.

Why it is shaped this way:
- One transaction per batch of notices, `UNWIND` over parameter lists, one MERGE
  statement per label and per (relationship type, source label, target label),
  all generated from `kg.model`: a new label or type needs no loader change, and
  values never enter the Cypher text.
- Idempotent by construction: nodes MERGE on `id`, relationships on `key`
  (a hash of type, endpoints and key properties), and a notice's Document id and
  evidence sentence are appended to a relationship only when absent. A notice
  already loaded with the same `content_hash` is skipped without writing.
- A notice whose text changed first retracts what it asserted (its Document's
  `asserts` list): its id and sentence are removed from each relationship, a
  relationship left without sources is deleted, and nodes left without any
  relationship go too; facts other notices assert stay. `forget` is the same
  retraction followed by deleting the Document.
- A killed run leaves only whole committed batches (the Document is written in
  the same transaction as its facts, with `complete = true`), so running again
  skips those and loads the rest: the same graph as an uninterrupted run.
"""

from __future__ import annotations

import gc
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from ingest.records import NoticeRecord
from kg import ids
from kg.dedupe import (
    LONGER,
    BatchView,
    Fingerprint,
    MeetingKey,
    RepostIndex,
    join_meeting,
    meeting_keys,
    same_notice,
)
from kg.errors import Neo4jUnavailable, UserError
from kg.model import EVIDENCE_LISTS, NODES, PROVENANCE_LISTS, REL_TYPES, label_for_prefix
from kg.resolve import NodeRow, RelRow, Resolved, resolve

#: List-valued node properties that accumulate across notices instead of being set once.
ACCUMULATED = ("aliases", "titles")

#: Notices per load transaction. Larger batches touch each well-attested relationship
#: (a county's PART_OF, a body's IN, whose provenance lists grow with every notice) in
#: fewer commits: on the 10,000-notice synthetic corpus 2,500 loaded 5,200 relationship
#: rows/s against 2,900–3,200 for 1,000 (docs/BENCHMARKS.md, issue 12). A batch of 2,500
#: needs more than 512 MB of transaction memory: the managed server allows 1 GB
#: (kg.server.ServerConfig.tx_memory).
BATCH_SIZE = 2500


@dataclass
class LoadReport:
    """What a load did, from the driver's result counters."""

    read: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    unchanged: int = 0
    replaced: int = 0
    added: int = 0
    #: Notices found to be copies of one already held: their source joined its Document.
    reposts: int = 0
    #: Meetings found to be one another notice already reported.
    meetings_joined: int = 0
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0
    node_rows: int = 0
    relationship_rows: int = 0
    seconds: float = 0.0

    @property
    def nodes_updated(self) -> int:
        """Node rows that matched an existing node (MERGE found it)."""
        return max(self.node_rows - self.nodes_created, 0)

    @property
    def relationships_updated(self) -> int:
        return max(self.relationship_rows - self.relationships_created, 0)

    def add_counters(self, counters: Any) -> None:
        self.nodes_created += counters.nodes_created
        self.nodes_deleted += counters.nodes_deleted
        self.relationships_created += counters.relationships_created
        self.relationships_deleted += counters.relationships_deleted
        self.properties_set += counters.properties_set


# --- statements generated from the model ------------------------------------------------------


def _q(name: str) -> str:
    """Backtick-quote a label or type taken from kg.model."""
    return "`" + name.replace("`", "``") + "`"


@cache
def node_merge_statement(label: str) -> str:
    if label == "Document":
        return ("UNWIND $rows AS row MERGE (n:Document {id: row.id}) SET n += row.props "
                "REMOVE n._fresh")
    lists = [p for p in ACCUMULATED if p in NODES[label].properties]
    sets = "".join(
        f" SET n.{p} = coalesce(n.{p}, []) + "
        f"[x IN row.{p} WHERE NOT x IN coalesce(n.{p}, [])]"
        for p in lists
    )
    return (f"UNWIND $rows AS row MERGE (n:{_q(label)} {{id: row.id}}) "
            f"ON CREATE SET n += row.props{sets}")


def _ev_list(p: str) -> str:
    """A relationship's provenance list `p`, padded with -1 when a graph loaded before
    the list existed lacks it, so that it stays aligned with `sources`."""
    return f"coalesce(r.{p}, [x IN r.sources | -1])" if p != "evidence" else "r.evidence"


@cache
def rel_merge_statement(rel_type: str, source: str, target: str) -> str:
    """MERGE on `key`, one row per relationship and batch (`_rel_params`): `row.docs` are
    the notices of the batch that assert it, `row.ev` their evidence, list by list. The
    notices not yet among the relationship's `sources` append their ids and evidence
    (every list of `EVIDENCE_LISTS`, so they stay aligned).

    Why one row per relationship rather than per notice: a body's `IN` or a county's
    `PART_OF` is asserted by every notice of its county, and each append rewrites the
    relationship's six provenance lists; gathered in the batch, they are rewritten once
    per batch instead of once per notice."""
    new = "[i IN range(0, size(row.docs) - 1) WHERE NOT row.docs[i] IN r.sources]"
    create = ", ".join(f"r.{p} = row.ev.{p}" for p in EVIDENCE_LISTS)
    append = ", ".join(f"{p}: {_ev_list(p)} + [i IN {new} | row.ev.{p}[i]]"
                       for p in EVIDENCE_LISTS)
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{_q(source)} {{id: row.from}}) MATCH (b:{_q(target)} {{id: row.to}}) "
        f"MERGE (a)-[r:{_q(rel_type)} {{key: row.key}}]->(b) "
        f"ON CREATE SET r += row.props, r.sources = row.docs, {create} "
        "ON MATCH SET r += CASE WHEN all(d IN row.docs WHERE d IN r.sources) THEN {} "
        f"ELSE {{sources: r.sources + [i IN {new} | row.docs[i]], {append}}} END"
    )


@cache
def retract_statement(rel_type: str) -> str:
    """Remove one document from relationships' provenance; delete those left without
    any source and return their endpoints (candidates for orphan removal)."""
    keep = ", ".join(
        f"r.{p} = CASE WHEN r.{p} IS NULL THEN null ELSE [i IN keep | r.{p}[i]] END"
        for p in PROVENANCE_LISTS)
    return (
        f"UNWIND $rows AS row MATCH ()-[r:{_q(rel_type)} {{key: row.key}}]->() "
        "WITH r, row, [i IN range(0, size(r.sources) - 1) WHERE r.sources[i] <> row.doc] AS keep "
        f"SET {keep} "
        "WITH r WHERE size(r.sources) = 0 "
        "WITH r, startNode(r).id AS a, endNode(r).id AS b DELETE r "
        "RETURN a, b"
    )


#: Relationships that do not keep a node alive: a same-as candidate is a suggestion about
#: two persons, not a fact about either (kg.identity proposes them again after a load).
NOT_KEEPING = ("SAME_AS_CANDIDATE",)


@cache
def orphan_statement(label: str) -> str:
    return (f"UNWIND $ids AS id MATCH (n:{_q(label)} {{id: id}}) "
            "WHERE NOT EXISTS { (n)-[r]-() WHERE NOT type(r) IN $not_keeping } "
            "DETACH DELETE n")


# --- batches -----------------------------------------------------------------------------------


class Rows(list):  # type: ignore[type-arg]
    """A statement's rows, as the driver sends any list, with a short repr. Why: the
    driver formats every query's parameters for its debug log before it asks whether
    debug is on (`Bolt5x5.run`), and the repr of a batch's rows took 3.6 s of the
    loader's main thread in a load of 10,000 notices."""

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def _write(tx: ManagedTransaction, statement: str, rows: list[dict[str, Any]]) -> Any:
    """Run a write statement on `rows` and return its counters. The rows are emptied once
    the server has them: the driver's result keeps its parameters and sits in reference
    cycles until the transaction's results are collected, so without this a batch's rows
    (800,000 lists and dicts in 2,500 notices) would wait for the cyclic collector."""
    sent = Rows(rows)
    try:
        return tx.run(statement, rows=sent).consume().counters
    finally:
        sent.clear()


def _node_params(rows: list[NodeRow]) -> list[dict[str, Any]]:
    """Rows of one label, one per id (aliases and titles unioned, first props win)."""
    merged: dict[str, dict[str, Any]] = {}
    for n in rows:
        props = {k: v for k, v in n.props.items() if k not in ACCUMULATED and v is not None}
        lists = {"aliases": list(n.aliases), "titles": list(n.props.get("titles") or [])}
        cur = merged.get(n.id)
        if cur is None:
            merged[n.id] = {"id": n.id, "props": props, **lists}
            continue
        for k in ACCUMULATED:
            cur[k] += [x for x in lists[k] if x not in cur[k]]
    return list(merged.values())


def _rel_params(rel_rows: Iterable[RelRow]) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """A batch's relationship rows, by (type, source label, target label), one per key:
    the notices asserting it in batch order, each once (the first row of a notice wins, as
    a second MERGE of the same notice would change nothing), with their evidence; the
    properties are the first row's (what ON CREATE would have set)."""
    out: dict[tuple[str, str, str], dict[str, dict[str, Any]]] = {}
    seen: set[tuple[str, str]] = set()  # (key, notice)
    for r in rel_rows:
        if (r.key, r.doc_id) in seen:
            continue
        seen.add((r.key, r.doc_id))
        group = out.setdefault((r.type, r.from_label, r.to_label), {})
        row = group.get(r.key)
        if row is None:
            group[r.key] = row = {
                "from": r.from_id, "to": r.to_id, "key": r.key, "docs": [],
                "ev": {p: [] for p in EVIDENCE_LISTS},
                "props": {k: v for k, v in r.props.items() if v is not None}}
        row["docs"].append(r.doc_id)
        for values, v in zip(row["ev"].values(), r.cite.values(), strict=True):
            values.append(v)
    return {k: list(group.values()) for k, group in out.items()}


def _retract(tx: ManagedTransaction, asserts_by_doc: dict[str, list[str]],
             report: LoadReport) -> None:
    by_type: dict[str, list[dict[str, str]]] = {}
    for doc_id, asserts in asserts_by_doc.items():
        for item in asserts or []:
            rel_type, _, key = item.partition("|")
            by_type.setdefault(rel_type, []).append({"key": key, "doc": doc_id})
    candidates: set[str] = set()
    for rel_type, rows in by_type.items():
        result = tx.run(retract_statement(rel_type), rows=Rows(rows))
        for rec in result:
            candidates.update((rec["a"], rec["b"]))
        report.add_counters(result.consume().counters)
    by_label: dict[str, list[str]] = {}
    for node_id in candidates:
        label = label_for_prefix(node_id)
        if label != "Document":
            by_label.setdefault(label, []).append(node_id)
    # Deleting a node can orphan nothing else (its relationships are already gone), so one
    # pass per label suffices.
    for label, node_ids in by_label.items():
        report.add_counters(tx.run(orphan_statement(label), ids=Rows(node_ids),
                                   not_keeping=list(NOT_KEEPING)).consume().counters)


#: Per-source lists of a Document (kg.model), aligned: the first is the source whose text
#: the Document stores.
SOURCE_LISTS = ("sources", "source_ids", "source_dates", "source_publishers", "source_hashes")

_LOCK = (
    "UNWIND $ids AS id MERGE (d:Document {id: id}) ON CREATE SET d._fresh = true "
    "SET d._lock = true REMOVE d._lock "
    "WITH d WHERE d._fresh IS NULL "
    "RETURN d.id AS id, d.content_hash AS hash, d.complete AS complete, "
    "d.asserts AS asserts, d.source AS source, d.date AS date, d.publisher AS publisher, "
    + ", ".join(f"d.{p} AS {p}" for p in SOURCE_LISTS)
)
_SET_DOCUMENT = "UNWIND $rows AS row MATCH (d:Document {id: row.id}) SET d += row.props"
_DROP_FRESH = "UNWIND $ids AS id MATCH (d:Document {id: id}) WHERE d._fresh DELETE d"


@dataclass
class LoadState:
    """What one load knows beyond its batch: the notices already in the graph and in this
    load by fingerprint (reposts), accepted same-as merges (ids to redirect), and the
    meetings this load wrote (a second report of one meeting joins the first)."""

    index: RepostIndex = field(default_factory=RepostIndex)
    redirects: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_graph(cls, driver: Driver, database: str) -> LoadState:
        state = cls()
        records, _, _ = driver.execute_query(
            "MATCH (d:Document) WHERE d.minhash IS NOT NULL AND d.complete "
            "RETURN d.id AS id, d.minhash AS minhash, d.shingles AS shingles, "
            "d.repost_block AS day, coalesce(d.source_ids, [d.id]) AS sources",
            database_=database)
        for rec in records:
            state.index.add(rec["id"], Fingerprint(tuple(rec["minhash"]), rec["shingles"] or 0,
                                                   rec["day"] or ""), rec["sources"])
        state.redirects = _redirects(driver, database)
        return state


def _redirects(driver: Driver, database: str) -> dict[str, str]:
    """Accepted same-as merges (kg.identity), so a re-ingest lands on the survivor."""
    try:
        from kg import identity
    except ImportError:
        return {}
    fn = getattr(identity, "redirects", None)
    return dict(fn(driver, database)) if fn is not None else {}


def _source_entry(res: Resolved) -> dict[str, Any]:
    p = res.document.props
    return {"sources": p.get("source") or "", "source_ids": res.doc_id,
            "source_dates": p.get("date") or "", "source_publishers": p.get("publisher") or "",
            "source_hashes": p.get("content_hash") or ""}


def _lists_of(rec: Any) -> dict[str, list[Any]]:
    """A stored Document's per-source lists; a Document loaded before reposts were
    recognised holds one source, its own."""
    if rec["source_ids"]:
        return {p: list(rec[p] or []) for p in SOURCE_LISTS}
    return {"sources": [rec["source"] or ""], "source_ids": [rec["id"]],
            "source_dates": [rec["date"] or ""], "source_publishers": [rec["publisher"] or ""],
            "source_hashes": [rec["hash"] or ""]}


def _put(lists: dict[str, list[Any]], entry: dict[str, Any], first: bool = False) -> None:
    """Set one source's entry (replacing its old one); `first` puts it at the head, as
    the source whose text the Document stores."""
    sid = entry["source_ids"]
    if sid in lists["source_ids"]:
        i = lists["source_ids"].index(sid)
        for p in SOURCE_LISTS:
            del lists[p][i]
    for p in SOURCE_LISTS:
        if first:
            lists[p].insert(0, entry[p])
        else:
            lists[p].append(entry[p])


def _drop(lists: dict[str, list[Any]], sid: str) -> None:
    if sid in lists["source_ids"]:
        i = lists["source_ids"].index(sid)
        for p in SOURCE_LISTS:
            del lists[p][i]


def _fp(res: Resolved) -> Fingerprint:
    p = res.document.props
    return Fingerprint(tuple(p.get("minhash") or ()), p.get("shingles") or 0,
                       p.get("repost_block") or "")


def _write_batch(tx: ManagedTransaction, batch: list[Resolved], report: LoadReport,
                 state: LoadState | None = None) -> BatchView:
    """One batch in one transaction. Each notice is one of: unchanged (its source's hash
    is the one stored), a replacement of the Document whose text it is, a repost of a
    Document already held (its source joins that Document's lists; a longer copy replaces
    the stored text and facts), or a new Document. Returns what the batch adds to the
    repost index, for the caller to commit once the transaction has."""
    view = BatchView((state or LoadState()).index)
    by_id = {r.doc_id: r for r in batch}  # the same source twice in a batch: the last wins
    holders = {doc_id: view.holder_of(doc_id) for doc_id in by_id}
    # Lock each Document before reading it (MERGE waits for a concurrent creator; the SET
    # takes the write lock on one that exists), so two ingests of one folder at once see
    # each other's commits and report what each really created; the Documents the notices
    # may be reposts of are read and locked in the same statement. Sorted: no deadlock.
    prints = {doc_id: _fp(res) for doc_id, res in by_id.items()}
    copies = {view.index.find(fp, exclude=doc_id) for doc_id, fp in prints.items()}
    lock_ids = sorted(set(by_id) | {h for h in holders.values() if h} | (copies - {None}))
    locked = tx.run(_LOCK, ids=Rows(lock_ids))
    found = {rec["id"]: rec for rec in locked}
    existing = {i: rec for i, rec in found.items() if rec["complete"]}
    report.nodes_created += locked.consume().counters.nodes_created
    lists: dict[str, dict[str, list[Any]]] = {}  # Document id → its source lists, as changed
    todo: dict[str, Resolved] = {}  # Document id → the notice whose facts it will hold
    retract: dict[str, list[str]] = {}

    def held(doc_id: str) -> dict[str, list[Any]]:
        if doc_id not in lists:
            lists[doc_id] = _lists_of(existing[doc_id])
        return lists[doc_id]

    def speak(doc_id: str, res: Resolved, fp: Fingerprint) -> None:
        """`res` becomes the text and facts of Document `doc_id`."""
        if doc_id in existing and doc_id not in retract:
            retract[doc_id] = list(existing[doc_id]["asserts"] or [])
        todo[doc_id] = res.remap({res.doc_id: doc_id})
        view.add(doc_id, fp, held(doc_id)["source_ids"])

    for doc_id, res in by_id.items():
        fp, entry = prints[doc_id], _source_entry(res)
        holder = holders.get(doc_id) or (doc_id if doc_id in existing else None)
        if holder is not None and (holder in existing or holder in todo):
            mine = held(holder)
            if doc_id in mine["source_ids"]:
                i = mine["source_ids"].index(doc_id)
                if mine["source_hashes"][i] == entry["source_hashes"]:
                    report.unchanged += 1
                    continue
                if i == 0:  # the source whose text the Document stores: replace its facts
                    report.replaced += 1
                    _put(mine, entry, first=True)
                    speak(holder, res, fp)
                    continue
                if same_notice(fp, view.print_of(holder) or fp):  # an edited repost
                    report.replaced += 1
                    _put(mine, entry)
                    continue
                _drop(mine, doc_id)  # edited into another notice: it leaves the Document
                view.forget_source(doc_id)
        copy_of = view.find(fp, exclude=doc_id)
        if copy_of is not None and (copy_of in existing or copy_of in todo):
            report.reposts += 1
            stored = view.print_of(copy_of)
            if stored is not None and fp.size > stored.size * LONGER:
                # The stored text was a shortened copy: the fuller one speaks for the notice.
                _put(held(copy_of), entry, first=True)
                speak(copy_of, res, fp)
            else:
                _put(held(copy_of), entry)
                view.join(doc_id, copy_of)
            continue
        report.added += 1
        lists[doc_id] = {p: [entry[p]] for p in SOURCE_LISTS}
        speak(doc_id, res, fp)
    if retract:
        _retract(tx, retract, report)
    # Document nodes the lock created for sources that turned out to be reposts
    unused = [i for i in lock_ids if i not in found and i not in todo]
    if unused:
        report.add_counters(tx.run(_DROP_FRESH, ids=Rows(unused)).consume().counters)
        report.nodes_created -= len(unused)
        report.nodes_deleted -= len(unused)
    rows = _same_meetings(tx, list(todo.values()), report)
    if rows:
        docs = [{"id": r.doc_id, "props": {**r.document.props, **lists.get(r.doc_id, {})}}
                for r in rows]
        report.add_counters(_write(tx, node_merge_statement("Document"), docs))
        report.node_rows += len(docs)
    only_lists = [{"id": d, "props": v} for d, v in lists.items() if d not in todo]
    if only_lists:
        report.add_counters(_write(tx, _SET_DOCUMENT, only_lists))
    nodes: dict[str, list[NodeRow]] = {}
    for res in rows:
        for label, node_rows in res.nodes.items():
            nodes.setdefault(label, []).extend(node_rows)
    for label, node_rows in nodes.items():
        params = _node_params(node_rows)
        report.node_rows += len(params)
        report.add_counters(_write(tx, node_merge_statement(label), params))
    rel_rows = [r for res in rows for group in res.rels.values() for r in group]
    report.relationship_rows += len(rel_rows)
    for (rel_type, a, b), params in _rel_params(rel_rows).items():
        report.add_counters(_write(tx, rel_merge_statement(rel_type, a, b), params))
    return view


# --- one meeting, two reports --------------------------------------------------------------

_MEETINGS_AT = (
    "UNWIND $keys AS k "
    "MATCH (m:Meeting {date: k.date})-[:IN]->(:Locality {id: k.place}) WHERE m.id <> k.id "
    "OPTIONAL MATCH (p:Person)-[:CHAIRED|SPOKE_AT|ATTENDED]->(m) "
    "RETURN k.id AS mine, m.id AS id, m.title AS title, collect(DISTINCT p.id) AS people "
    "ORDER BY mine, id"
)


def _same_meetings(tx: ManagedTransaction, todo: list[Resolved],
                   report: LoadReport) -> list[Resolved]:
    """Give a notice's meeting the id of one another notice reported (`same_meeting`):
    met in the graph, or earlier in this batch."""
    keys = [k for res in todo for k in meeting_keys(res)]
    if not keys:
        return todo
    by_id = {k.id: k for k in keys}
    # the meetings of each date and place: the graph's, then this batch's as they come
    pools: dict[tuple[str, str], list[MeetingKey]] = {}
    for rec in tx.run(_MEETINGS_AT, keys=Rows({"id": k.id, "date": k.date, "place": k.place}
                                              for k in keys)):
        mine = by_id[rec["mine"]]
        pool = pools.setdefault((mine.date, mine.place), [])
        if all(o.id != rec["id"] for o in pool):
            pool.append(MeetingKey(rec["id"], mine.date, mine.place, rec["title"] or "",
                                   frozenset(rec["people"])))
    out: list[Resolved] = []
    for res in todo:
        mapping: dict[str, str] = {}
        for k in meeting_keys(res):
            joined = join_meeting(pools.setdefault((k.date, k.place), []), k)
            if joined is not None:
                mapping[k.id] = joined
                report.meetings_joined += 1
        out.append(res.remap(mapping))
    return out


# --- the same decisions for a first load in bulk -----------------------------------------


@dataclass
class Notice:
    """What a first-load plan needs of one notice: its source's Document id, fingerprint,
    source entry and meetings (`plan_first_load`)."""

    doc_id: str
    fingerprint: Fingerprint
    entry: dict[str, Any]
    meetings: list[MeetingKey]

    @classmethod
    def of(cls, res: Resolved) -> Notice:
        return cls(res.doc_id, _fp(res), _source_entry(res), meeting_keys(res))


@dataclass
class FirstLoadPlan:
    """Which notices a first load writes, as which Document, with which meeting ids.

    `speaks`: source id → the Document whose text and facts that notice is (its own id,
    or the id of the Document it is a longer copy of); notices not in it are reposts or
    were superseded by a longer copy. `remap`: source id → the id mapping its rows take
    (its Document, the meetings another notice reported first). `lists`: Document id →
    its per-source lists."""

    speaks: dict[str, str] = field(default_factory=dict)
    remap: dict[str, dict[str, str]] = field(default_factory=dict)
    lists: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    reposts: int = 0
    meetings_joined: int = 0


def plan_first_load(notices: Iterable[Notice]) -> FirstLoadPlan:
    """The transactional loader's decisions (`_write_batch`, `_same_meetings`) for notices
    loaded in this order into an empty graph, made in memory: `kg load --bulk` writes
    what this says, so a bulk import holds what a transactional load of the same folder
    holds. Each source once (the last version of an edited notice)."""
    plan = FirstLoadPlan()
    index = RepostIndex()
    order: list[Notice] = []
    for n in notices:
        order.append(n)
        copy_of = index.find(n.fingerprint, exclude=n.doc_id)
        if copy_of is not None:
            plan.reposts += 1
            if n.fingerprint.size > index.prints[copy_of].size * LONGER:
                _put(plan.lists[copy_of], n.entry, first=True)
                plan.speaks = {k: v for k, v in plan.speaks.items() if v != copy_of}
                plan.speaks[n.doc_id] = copy_of
                index.add(copy_of, n.fingerprint, plan.lists[copy_of]["source_ids"])
            else:
                _put(plan.lists[copy_of], n.entry)
                index.holder[n.doc_id] = copy_of
            continue
        plan.lists[n.doc_id] = {p: [n.entry[p]] for p in SOURCE_LISTS}
        plan.speaks[n.doc_id] = n.doc_id
        index.add(n.doc_id, n.fingerprint, [n.doc_id])
    seen: dict[tuple[str, str], list[MeetingKey]] = {}
    for n in order:
        if n.doc_id not in plan.speaks:
            continue
        mapping = {n.doc_id: plan.speaks[n.doc_id]} if plan.speaks[n.doc_id] != n.doc_id else {}
        for k in n.meetings:
            joined = join_meeting(seen.setdefault((k.date, k.place), []), k)
            if joined is not None:
                mapping[k.id] = joined
                plan.meetings_joined += 1
        plan.remap[n.doc_id] = mapping
    return plan


def _apply_schema(driver: Driver, database: str) -> None:
    """Constraints and indexes first: MERGE on `id` and MATCH on `key` need them to be fast."""
    try:
        from kg import schema
    except ImportError:
        schema = None
    if schema is not None and hasattr(schema, "apply"):
        schema.apply(driver, database)
        return
    for statement in loader_schema():
        driver.execute_query(statement, database_=database)


def loader_schema() -> list[str]:
    """What the loader itself relies on (unique `id` per label, an index on each
    relationship type's `key`), for a database that `kg.schema` has not prepared."""
    out = [f"CREATE CONSTRAINT IF NOT EXISTS FOR (n:{_q(n.label)}) REQUIRE n.id IS UNIQUE"
           for n in NODES.values()]
    out += [f"CREATE INDEX IF NOT EXISTS FOR ()-[r:{_q(r.type)}]-() ON (r.key)" for r in REL_TYPES]
    return out


def _batches(items: Iterable[Resolved], size: int) -> Iterator[list[Resolved]]:
    batch: list[Resolved] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic collector off for a block that makes many small acyclic containers (a
    batch's parameters, resolved notices, the bulk merge's rows): its full scans of them
    cost more than the work (a batch's relationship parameters took 2.2 s with it and
    0.9 s without, on 2,500 notices). Callers collect between their steps (the loader:
    `_collected`), which frees what cycles a step made."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _collected(batches: Iterable[list[Resolved]]) -> Iterator[list[Resolved]]:
    """The batches, with the cyclic collector (paused during a load, `paused_gc`) run
    before each one after the first: the driver's results sit in reference cycles that
    only the collector frees (40,000–80,000 objects a batch of 2,500 notices, now that
    `_write` releases the rows they held; 800,000 before). The young generations each
    batch, everything every 20th. It runs in the thread that makes the batches: with
    `_prefetched`, while the loader's thread waits on the server (in the loader's own
    thread it took 0.9 s a batch of 2,500 notices)."""
    for n, batch in enumerate(batches, start=1):
        if n > 1:
            gc.collect(2 if n % 20 == 0 else 1)
        yield batch


def _prefetched(batches: Iterator[list[Resolved]]) -> Iterator[list[Resolved]]:
    """The batches, each made in a background thread while the one before it is written.

    Why: making a batch (reading Parquet, resolving: about 2.5 ms a notice) is client CPU,
    writing it is server CPU, and the loader's thread waits on the server with the GIL
    released; one batch ahead, the two overlap on two cores. A failure while making a batch
    is raised here, in the loader's thread; when the loader stops early (an error, the
    crash test), the thread stops at its next batch and closes the source."""
    ahead: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def offer(item: tuple[str, Any]) -> bool:
        while not stop.is_set():
            try:
                ahead.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def make() -> None:
        try:
            for batch in batches:
                if not offer(("batch", batch)):
                    return
            offer(("end", None))
        except BaseException as exc:  # noqa: BLE001 — raised again in the loader's thread
            offer(("error", exc))
        finally:
            close = getattr(batches, "close", None)
            if close is not None:
                close()

    worker = threading.Thread(target=make, name="kg-load-prefetch", daemon=True)
    worker.start()
    try:
        while True:
            kind, item = ahead.get()
            if kind == "end":
                return
            if kind == "error":
                raise item
            yield item
    finally:
        stop.set()


def load_resolved(resolved: Iterable[Resolved], driver: Driver, database: str,
                  batch_size: int = BATCH_SIZE, report: LoadReport | None = None,
                  on_batch: Callable[[int, LoadReport], None] | None = None,
                  prefetch: bool = False) -> LoadReport:
    """Load already-resolved notices; `on_batch(n, report)` runs after each committed batch
    (progress bars, and the crash test's way of dying half-way). With `prefetch`, the
    next batch is taken from `resolved` in a background thread while one is written
    (`_prefetched`): for sources that cost CPU (resolving records) and may run outside
    the main thread (not in-process extraction, whose time budget is a main-thread
    signal)."""
    if batch_size < 1:
        raise UserError("--batch-size must be at least 1.")
    report = report or LoadReport()
    start = time.perf_counter()
    try:
        _apply_schema(driver, database)
        state = LoadState.from_graph(driver, database)
        batches = _collected(_batches(resolved, batch_size))
        source = _prefetched(batches) if prefetch else batches
        with driver.session(database=database) as session, paused_gc():
            try:
                for n, batch in enumerate(source, start=1):
                    batch = [res.remap(state.redirects) for res in batch]
                    view, part = session.execute_write(_work, batch, state)
                    view.commit()  # the repost index learns only what the graph has
                    _absorb(report, part)
                    if on_batch is not None:
                        on_batch(n, report)
            finally:
                source.close()  # a prefetching thread stops with the loader
        _after_load(driver, database)
    except (ServiceUnavailable, SessionExpired) as exc:
        done = report.added + report.replaced + report.unchanged + report.reposts
        raise Neo4jUnavailable(
            f"Neo4j stopped answering after {done} notice{'s' if done != 1 else ''}; start "
            "it and run the same command again: nothing is lost.") from exc
    except Neo4jError as exc:
        if "MemoryPoolOutOfMemory" not in (exc.code or ""):
            raise
        raise UserError(
            f"A batch of {batch_size} notices needs more transaction memory than this Neo4j "
            "allows (db.memory.transaction.max); run the same command again with a "
            f"smaller --batch-size, such as {max(1, batch_size // 4)}: nothing is lost."
        ) from exc
    report.seconds += time.perf_counter() - start
    return report


def _work(tx: ManagedTransaction, batch: list[Resolved],
          state: LoadState) -> tuple[BatchView, LoadReport]:
    """One attempt at a batch (the driver retries transient errors with a new attempt,
    which starts its counts and index additions afresh)."""
    part = LoadReport()
    return _write_batch(tx, batch, part, state), part


def _after_load(driver: Driver, database: str) -> None:
    """What follows a load: same-as candidates between persons (kg.identity)."""
    try:
        from kg import identity
    except ImportError:
        return
    fn = getattr(identity, "after_load", None)
    if fn is not None:
        fn(driver, database)


def _absorb(total: LoadReport, part: LoadReport) -> None:
    for name in ("unchanged", "replaced", "added", "reposts", "meetings_joined",
                 "nodes_created", "nodes_deleted",
                 "relationships_created", "relationships_deleted", "properties_set",
                 "node_rows", "relationship_rows"):
        setattr(total, name, getattr(total, name) + getattr(part, name))


def load_records(records: Iterable[NoticeRecord], driver: Driver, database: str,
                 batch_size: int = BATCH_SIZE,
                 on_batch: Callable[[int, LoadReport], None] | None = None) -> LoadReport:
    """Resolve and load records (tests and benchmarks call this directly)."""
    report = LoadReport()

    def resolved() -> Iterator[Resolved]:
        for rec in records:
            report.read += 1
            yield resolve(rec)

    return load_resolved(resolved(), driver, database, batch_size, report, on_batch,
                         prefetch=True)


def ingest_paths(paths: list[Path], workers: int = 1, batch_size: int = BATCH_SIZE,
                 progress: bool = False, driver: Driver | None = None,
                 database: str | None = None, sources: Any = None) -> LoadReport:
    """Read, extract, resolve and load notice files, streaming (extraction of the next
    notices overlaps nothing but keeps memory flat)."""
    from ingest.extract import iter_extract
    from ingest.read import Skipped
    from kg import db
    from kg.settings import get_settings

    missing = [str(p) for p in paths if not Path(p).exists()]
    if paths and len(missing) == len(paths):  # a missing path among others is skipped
        raise UserError(f"No such file or folder: {', '.join(missing)}.")
    own = driver is None
    drv = driver or db.driver()
    database = database or get_settings().neo4j_database
    report = LoadReport()
    bar = _progress() if progress else None
    task = bar.add_task("ingesting", total=None) if bar else None

    def resolved() -> Iterator[Resolved]:
        for item in iter_extract(paths, workers, sources=sources):  # ingest.read.SourceOptions
            if isinstance(item, Skipped):
                report.skipped.append((str(item.path), item.reason))
                continue
            report.read += 1
            if bar is not None:
                bar.update(task, advance=1, description=f"ingesting {item.doc}")
            yield resolve(item)

    try:
        # extraction in worker processes: this process only resolves, in the background
        ahead = (workers or os.cpu_count() or 1) > 1  # 0: one per core
        with bar if bar is not None else nullcontext():
            load_resolved(resolved(), drv, database, batch_size, report, prefetch=ahead)
    finally:
        if own:
            drv.close()
    return report


def _progress() -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), transient=True)


def summary_lines(report: LoadReport) -> list[str]:
    lines = [
        f"{report.read} notices read, {len(report.skipped)} skipped, {report.unchanged} unchanged, "
        f"{report.replaced} replaced, {report.added} new, {report.reposts} reposts of notices "
        f"held (one Document, several sources), {report.meetings_joined} meetings another "
        "notice had reported",
        f"nodes: {report.nodes_created} created, {report.nodes_updated} updated, "
        f"{report.nodes_deleted} deleted",
        f"relationships: {report.relationships_created} created, "
        f"{report.relationships_updated} updated, {report.relationships_deleted} deleted",
        f"{report.seconds:.1f} s",
    ]
    lines += [f"skipped {path}: {reason}" for path, reason in report.skipped]
    return lines


def run_cli(paths: list[Path], workers: int = 1, batch_size: int = BATCH_SIZE,
            sources: Any = None) -> None:
    """`kg ingest`: progress bar, then the closing summary. The driver's retry warnings
    stay off the terminal: when Neo4j goes away the run ends with one sentence."""
    import logging

    from rich.console import Console

    logging.getLogger("neo4j").setLevel(logging.ERROR)
    report = ingest_paths(paths, workers=workers, batch_size=batch_size, progress=True,
                          sources=sources)
    console = Console(highlight=False)
    for line in summary_lines(report):
        console.print(line)


# --- forget ------------------------------------------------------------------------------------


@dataclass
class ForgetReport:
    doc_id: str
    source: str
    relationships_deleted: int
    nodes_deleted: int


def _find(driver: Driver, database: str, doc: str) -> tuple[str, str, str | None]:
    """A Document by id, file name or source (any of its sources); with the source id
    named when the notice was named by one of several sources."""
    candidates = {doc, ids.canonical_source(doc)}
    on_disk = Path(doc).expanduser()
    if not doc.startswith("doc:") and len(doc) < 4096 and on_disk.is_file():
        # a path typed from here (data/samples/01.txt): the source its folder's ingest gave
        from ingest.read import path_source

        candidates.add(path_source(on_disk, on_disk))
    if not doc.startswith("doc:"):
        candidates |= {ids.document_id(c) for c in list(candidates)}
    records, _, _ = driver.execute_query(
        "MATCH (d:Document) WHERE d.id IN $c OR d.source IN $c OR d.name = $name "
        "OR any(s IN coalesce(d.sources, []) + coalesce(d.source_ids, []) WHERE s IN $c) "
        "RETURN d.id AS id, d.source AS source, "
        "[i IN range(0, size(coalesce(d.source_ids, [])) - 1) "
        " WHERE d.source_ids[i] IN $c OR d.sources[i] IN $c | d.source_ids[i]][0] AS named, "
        "size(coalesce(d.source_ids, [])) AS n ORDER BY id",
        c=sorted(candidates), name=doc, database_=database)
    if not records:
        raise UserError(f"No notice {doc!r} in the graph: give a document id (doc:…), "
                        "a file name or a source path that was ingested.")
    if len(records) > 1:
        raise UserError(f"{len(records)} notices match {doc!r}: give the document id "
                        f"({', '.join(r['id'] for r in records)}).")
    rec = records[0]
    one_of_several = rec["named"] if rec["n"] > 1 and not doc.startswith("doc:") else None
    return rec["id"], rec["source"], one_of_several


def find_document(driver: Driver, database: str, doc: str) -> tuple[str, str]:
    """A Document by id, file name or source path; unknown or ambiguous → UserError."""
    doc_id, source, _ = _find(driver, database, doc)
    return doc_id, source


def forget(driver: Driver, database: str, doc: str) -> ForgetReport:
    """Remove one notice and the facts only it asserted. Named by one of several sources
    (a repost), only that source leaves the Document: the others still hold the notice,
    so its facts stay. Named by its id, or by its only source, the Document goes."""
    doc_id, source, one_source = _find(driver, database, doc)
    report = LoadReport()

    def drop_source(tx: ManagedTransaction) -> None:
        rec = tx.run("MATCH (d:Document {id: $id}) RETURN d.id AS id, d.source AS source, "
                     "d.content_hash AS hash, d.date AS date, d.publisher AS publisher, "
                     + ", ".join(f"d.{p} AS {p}" for p in SOURCE_LISTS), id=doc_id).single()
        lists = _lists_of(rec)
        _drop(lists, one_source or "")
        tx.run("MATCH (d:Document {id: $id}) SET d += $props",
               id=doc_id, props={**lists, "source": lists["sources"][0]})

    def work(tx: ManagedTransaction) -> None:
        rec = tx.run("MATCH (d:Document {id: $id}) RETURN d.asserts AS asserts", id=doc_id).single()
        _retract(tx, {doc_id: list(rec["asserts"] or []) if rec else []}, report)
        report.add_counters(
            tx.run("MATCH (d:Document {id: $id}) DETACH DELETE d", id=doc_id).consume().counters)

    with driver.session(database=database) as session:
        session.execute_write(drop_source if one_source else work)
    if not one_source:
        _after_load(driver, database)  # candidates that stood on the notice's persons go
    return ForgetReport(doc_id, source, report.relationships_deleted, report.nodes_deleted)


def forget_cli(doc: str) -> None:
    from rich.console import Console

    from kg import db
    from kg.settings import get_settings

    drv = db.driver()
    try:
        rep = forget(drv, get_settings().neo4j_database, doc)
    finally:
        drv.close()
    Console(highlight=False).print(
        f"forgot {rep.doc_id} ({rep.source}): {rep.relationships_deleted} relationships and "
        f"{rep.nodes_deleted} nodes deleted (the notice included)")


__all__ = ["LoadReport", "load_records", "load_resolved", "ingest_paths", "run_cli",
           "forget", "forget_cli", "find_document", "REL_TYPES"]
