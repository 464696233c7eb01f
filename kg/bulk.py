"""Bulk import: a records folder written as `neo4j-admin database import full` CSV files.

Why: the transactional loader MERGEs at 4,000–12,000 relationships per second, so a first
load of hundreds of millions of relationships would take a day. `neo4j-admin database
import full` writes the store files directly (hundreds of thousands of relationships per
second), but only into an empty database and only from data that is already whole: every
node once, every relationship once with all of its provenance. So this module does in
Python what the MERGEs do in Neo4j, with the same rules, and writes the result:

- nodes: one row per id; the first notice's properties win (the loader's ON CREATE),
  `aliases` and `titles` are the union in notice order, a Document is its last version;
- relationships: one row per `key`; properties from the first notice, `sources` and
  `evidence` the notice ids and sentences in load order, each notice once;
- a relationship whose end is no node is dropped, as the loader's MATCH drops it.

Files: `nodes_<Label>.csv` per label and `rels_<TYPE>.csv` per type, in one global id
space (ids carry their label's prefix, so they are unique across labels), lists as
`:string[]` with U+001F between elements (a character cleaned text never holds; checked),
fields with line breaks (the notices' text) read as multiline. Constraints and the full-text
index are created after the import, when the server is up again (`kg.schema`).

The graph this gives is the transactionally loaded one, property for property
(tests/test_bulk.py compares them); the managed server is stopped for the import and
started again; for a server the user runs, `--print-command` prints what to run.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import multiprocessing
import os
import pickle
import shlex
import shutil
import subprocess
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from neo4j import Driver

from kg.errors import UserError
from kg.load import ACCUMULATED, paused_gc
from kg.model import EVIDENCE_LISTS, NODES
from kg.resolve import resolve

ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_ARG = "U+001F"


# --- the merge, streamed ----------------------------------------------------------------------
#
# Two passes over spill files instead of one graph in memory (which took 3.4 GiB for
# 100,000 notices):
#
# A. per part of the records folder (in worker processes): read, resolve, merge the part's
#    notices as the MERGEs would, write its Documents straight to a CSV part (a Document
#    is one notice's: nothing to merge), and spill the part's other nodes and its
#    relationships into `buckets` pickle files by a hash of the node id / relationship key;
# B. per bucket (in worker processes): merge the parts' spills in load order (so the first
#    notice's properties still win and provenance lists keep load order), drop
#    relationships without an endpoint, write the bucket's CSV part per label and type.
#
# Memory is one part (A) or one bucket (B) per worker, plus the set of node ids; the CSV
# parts of a label or type are one import group behind a header file written last, when
# every column's type is known.

#: Notices whose merged nodes and relationships one bucket holds, about (pass B's memory:
#: roughly 100 MB of Python objects per 10,000 notices of the generated corpus).
BUCKET_NOTICES = 10_000

_KINDS = {str: "string", bool: "boolean", int: "long", float: "double"}


def _kind(value: Any) -> str:
    """The import type of one value (lists: of their elements; an empty list: "[]")."""
    t = type(value)
    if t is list or t is tuple:
        if not value:
            return "[]"
        kinds = {_KINDS.get(type(x), type(x).__name__) for x in value}
        return f"{kinds.pop()}[]" if len(kinds) == 1 else "mixed[]"
    return _KINDS.get(t, t.__name__)


def _column_type(kinds: set[str], where: str) -> str:
    """One column's import type from the kinds of the values it holds."""
    kinds = set(kinds) - {"[]"} or ({"string[]"} if "[]" in kinds else {"string"})
    if len(kinds) == 1:
        (kind,) = kinds
        if kind in ("string", "boolean", "long", "double", "string[]", "long[]", "double[]",
                    "boolean[]"):
            return kind
    elif kinds == {"long", "double"}:
        return "double"
    elif kinds == {"long[]", "double[]"}:
        return "double[]"
    raise UserError(f"{where} holds values of the types {sorted(kinds)}: the bulk import "
                    "needs one type per property; load without --bulk.")


def _text(value: Any, where: str) -> str:
    """A value as the import reads it (its column's type is decided afterwards)."""
    t = type(value)
    if t is str:
        return value
    if t is bool:
        return "true" if value else "false"
    if t is list or t is tuple:
        try:
            out = ARRAY_DELIMITER.join(value)
        except TypeError:
            out = ARRAY_DELIMITER.join("true" if x is True else "false" if x is False else str(x)
                                       for x in value)
        if value and out.count(ARRAY_DELIMITER) != len(value) - 1:
            raise UserError(f"{where} holds the array delimiter U+001F: load without --bulk.")
        return out
    return str(value)


def _quoted(value: str) -> str:
    """RFC 4180: quoted, quotes doubled (an empty unquoted field is a missing value; a
    quoted "" is an empty string, as the loader keeps it)."""
    return '"' + value.replace('"', '""') + '"' if '"' in value else '"' + value + '"'


def _bucket(key: str, buckets: int) -> int:
    # crc32: stable across processes (str hash is salted per process)
    return zlib.crc32(key.encode()) % buckets


@dataclass
class _Columns:
    """What the values of one label's or type's columns were, over every part written."""

    kinds: dict[str, set[str]] = field(default_factory=dict)
    rows: int = 0
    #: list property → rows holding a list there, and the ids of those holding []
    lists: dict[str, int] = field(default_factory=dict)
    empty: dict[str, list[str]] = field(default_factory=dict)
    #: list property → (id, value) of lists holding an empty string, which the CSV cannot
    #: tell from a shorter list ([""] is written as [] is): set after the import
    fix: dict[str, list[tuple[str, list[Any]]]] = field(default_factory=dict)
    multiline: bool = False
    parts: list[Path] = field(default_factory=list)

    def absorb(self, other: _Columns) -> None:
        for k, v in other.kinds.items():
            self.kinds.setdefault(k, set()).update(v)
        for k, v in other.lists.items():
            self.lists[k] = self.lists.get(k, 0) + v
        for k, v in other.empty.items():
            self.empty.setdefault(k, []).extend(v)
        for k, v in other.fix.items():
            self.fix.setdefault(k, []).extend(v)
        self.rows += other.rows
        self.multiline = self.multiline or other.multiline
        self.parts += other.parts


def _write_nodes(path: Path, label: str, names: list[str],
                 rows: Iterable[dict[str, Any]]) -> _Columns:
    """Node rows (`id` and properties) as one header-less CSV part with columns
    `id` + `names`; what the columns held comes back."""
    cols = _Columns(parts=[path])
    kinds = {k: set() for k in names}
    lists, empty = cols.lists, cols.empty
    ml = False
    with open(path, "w", encoding="utf-8", newline="") as fh:
        write = fh.write
        for row in rows:
            cells = [_quoted(row["id"])]
            for k in names:
                v = row.get(k)
                if v is None:
                    cells.append("")
                    continue
                kind = _kind(v)
                kinds[k].add(kind)
                if kind.endswith("]"):
                    lists[k] = lists.get(k, 0) + 1
                    if kind == "[]":
                        empty.setdefault(k, []).append(row["id"])
                    elif kind == "string[]" and "" in v:
                        cols.fix.setdefault(k, []).append((row["id"], list(v)))
                cells.append(_quoted(_text(v, f"{label}.{k}")))
            line = ",".join(cells)
            if not ml and ("\n" in line or "\r" in line):
                ml = True
            write(line)
            write("\n")
            cols.rows += 1
    cols.kinds, cols.multiline = kinds, ml
    return cols


def _write_rels(path: Path, rel_type: str, names: list[str],
                rows: Iterable[tuple[str, list[Any]]]) -> _Columns:
    """Relationship rows (key, [from, to, props, sources, evidence lists]) as one
    header-less CSV part: endpoints, key, the provenance lists, then `names`."""
    cols = _Columns(parts=[path])
    kinds = {k: set() for k in names}
    where = f"{rel_type}.evidence"
    ml = False
    d = ARRAY_DELIMITER
    with open(path, "w", encoding="utf-8", newline="") as fh:
        write = fh.write
        for key, (a, b, props, sources, ev, s0, s1, m0, m1) in rows:
            evidence = d.join(ev)
            if evidence.count(d) != len(ev) - 1:
                raise UserError(f"{where} holds the array delimiter U+001F: load without --bulk.")
            fixed = (a, b, key, d.join(sources), evidence, d.join(map(str, s0)),
                     d.join(map(str, s1)), d.join(map(str, m0)), d.join(map(str, m1)))
            line = '","'.join(fixed)
            # one join for the usual row; cell by cell when some value holds a quote
            cells = ['"' + line + '"'] if '"' not in line else [_quoted(x) for x in fixed]
            for k in names:
                v = props.get(k)
                if v is None:
                    cells.append("")
                    continue
                kinds[k].add(_kind(v))
                cells.append(_quoted(_text(v, f"{rel_type}.{k}")))
            line = ",".join(cells)
            if not ml and ("\n" in line or "\r" in line):
                ml = True
            write(line)
            write("\n")
            cols.rows += 1
    cols.kinds, cols.multiline = kinds, ml
    return cols


@dataclass
class _PartResult:
    """What pass A returns for one part of the records folder."""

    notices: int
    node_ids: set[str]
    docs: _Columns | None
    #: label → property names seen; type → property names seen
    node_props: dict[str, set[str]]
    rel_props: dict[str, set[str]]


def _document_columns() -> list[str]:
    return sorted({"name", *NODES["Document"].properties})


def _no_gc(fn: Any) -> Any:
    """Without the cyclic collector: the passes make millions of small containers and
    no cycles, and the collector's scans of them cost a third of the time."""
    def run(*args: Any) -> Any:
        with paused_gc():
            return fn(*args)
    run.__name__ = run.__qualname__ = fn.__name__
    run.__doc__ = fn.__doc__
    return run


@_no_gc
def _pass_0(task: tuple[int, Path, list[int], Path]) -> list[Any]:
    """One part: resolve its notices (those `keep` lists by row, in order), keep them in a
    spill file for pass A, and return what the first-load plan needs of each."""
    from kg import records_io
    from kg.load import Notice

    index, part, keep, spill = task
    keep_set = set(keep)
    resolved = []
    pf = pq.ParquetFile(part)
    row = 0
    for g in range(pf.num_row_groups):
        for r in pf.read_row_group(g).to_pylist():
            i, row = row, row + 1
            if i in keep_set:  # else a Document seen again later: its last version is loaded
                resolved.append(resolve(records_io.row_record(r)))
    with open(spill / f"r{index:05d}.pickle", "wb") as fh:
        pickle.dump(resolved, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return [Notice.of(res) for res in resolved]


#: The first-load plan (kg.load.plan_first_load), set before pass A's workers fork.
_A_STATE: dict[str, Any] = {}


@_no_gc
def _pass_a(task: tuple[int, Path, int]) -> _PartResult:
    """One part: its resolved notices as the plan says (reposts left out, a longer copy
    written as the Document it copies, meetings reported twice as one), merged; its
    Documents written, the rest spilled into the buckets."""
    index, spill, buckets = task
    plan = _A_STATE["plan"]
    path = spill / f"r{index:05d}.pickle"
    with open(path, "rb") as fh:
        resolved = pickle.load(fh)
    path.unlink()
    nodes: list[dict[str, list[Any]]] = [{} for _ in range(buckets)]
    rels: list[dict[tuple[str, str], list[Any]]] = [{} for _ in range(buckets)]
    docs: list[dict[str, Any]] = []
    node_props: dict[str, set[str]] = {}
    rel_props: dict[str, set[str]] = {}
    node_ids: set[str] = set()
    accumulated = {label: [p for p in ACCUMULATED if p in NODES[label].properties]
                   for label in NODES}
    doc_columns = set(_document_columns())
    for res in resolved:
        if res.doc_id not in plan.speaks:
            continue  # a repost (its source is in the Document's lists) or a shorter copy
        res = res.remap(plan.remap.get(res.doc_id) or {})
        doc = {k: v for k, v in {**res.document.props, **plan.lists.get(res.doc_id, {})}.items()
               if v is not None}
        unknown = set(doc) - doc_columns
        if unknown:
            raise UserError(f"Document properties {sorted(unknown)} are not declared in "
                            "kg.model (NODES['Document'].properties): the bulk import "
                            "would drop them; declare them there.")
        docs.append({"id": res.doc_id, **doc})
        node_ids.add(res.doc_id)
        for label, rows in res.nodes.items():
            seen = node_props.setdefault(label, set())
            lists = accumulated[label]
            for n in rows:
                node_ids.add(n.id)
                table = nodes[_bucket(n.id, buckets)]
                cur = table.get(n.id)
                incoming = {"aliases": n.aliases, "titles": n.props.get("titles") or []}
                if cur is None:
                    props = {k: v for k, v in n.props.items()
                             if k not in ACCUMULATED and v is not None}
                    seen.update(props)
                    seen.update(lists)
                    table[n.id] = [label, props, {p: list(incoming[p]) for p in lists}]
                    continue
                for p in lists:
                    have = cur[2][p]
                    have += [x for x in incoming[p] if x not in have]
        for rows in res.rels.values():
            for x in rows:
                table = rels[_bucket(x.key, buckets)]
                cur = table.get((x.type, x.key))
                c = x.cite
                if cur is None:
                    props = {k: v for k, v in x.props.items() if v is not None}
                    rel_props.setdefault(x.type, set()).update(props)
                    table[(x.type, x.key)] = [x.from_id, x.to_id, props, [x.doc_id],
                                              [c.sentence], [c.sentence_start],
                                              [c.sentence_end], [c.mention_start],
                                              [c.mention_end]]
                else:  # a Document is one notice's (the plan), which asserts a key once
                    cur[3].append(x.doc_id)
                    cur[4].append(c.sentence)
                    cur[5].append(c.sentence_start)
                    cur[6].append(c.sentence_end)
                    cur[7].append(c.mention_start)
                    cur[8].append(c.mention_end)
    for b in range(buckets):  # marshal: plain lists, dicts and strings, 3-5x faster than pickle
        with open(spill / f"a{index:05d}-b{b:05d}.bin", "wb") as fh:
            fh.write(marshal.dumps((nodes[b], rels[b])))
    cols = None
    if docs:
        out = spill.parent / f"nodes_Document.part-{index:05d}.csv"
        cols = _write_nodes(out, "Document", _document_columns(), docs)
    return _PartResult(len(docs), node_ids, cols, node_props, rel_props)


#: Pass B's read-only inputs, set before its workers fork (inherited, not pickled per task).
_B_STATE: dict[str, Any] = {}


@_no_gc
def _pass_b(b: int) -> tuple[dict[str, _Columns], dict[str, _Columns], int]:
    """One bucket: merge the parts' spills in load order, write its CSV parts."""
    st = _B_STATE
    spill, parts, known = st["spill"], st["parts"], st["known"]
    nodes: dict[str, list[Any]] = {}
    rels: dict[tuple[str, str], list[Any]] = {}
    for a in range(parts):
        path = spill / f"a{a:05d}-b{b:05d}.bin"
        with open(path, "rb") as fh:
            part_nodes, part_rels = marshal.loads(fh.read())  # load(fh) reads in small pieces
        path.unlink()
        for node_id, item in part_nodes.items():
            cur = nodes.get(node_id)
            if cur is None:
                nodes[node_id] = item
                continue
            for p, values in item[2].items():
                have = cur[2][p]
                have += [x for x in values if x not in have]
        for k, item in part_rels.items():
            cur = rels.get(k)
            if cur is None:
                rels[k] = item
                continue
            for j in range(3, 9):
                cur[j] += item[j]
    node_cols: dict[str, _Columns] = {}
    by_label: dict[str, list[dict[str, Any]]] = {}
    for node_id, (label, props, lists) in nodes.items():
        by_label.setdefault(label, []).append({"id": node_id, **props, **lists})
    del nodes
    out = spill.parent
    for label, rows in by_label.items():
        node_cols[label] = _write_nodes(out / f"nodes_{label}.part-{b:05d}.csv", label,
                                        st["node_names"][label], rows)
    del by_label
    by_type: dict[str, list[tuple[str, list[Any]]]] = {}
    dropped = 0
    for (rel_type, key), item in rels.items():
        if item[0] in known and item[1] in known:
            by_type.setdefault(rel_type, []).append((key, item))
        else:
            dropped += 1  # the loader's MATCH finds no endpoint and writes nothing
    del rels
    rel_cols: dict[str, _Columns] = {}
    for rel_type, rows in by_type.items():
        rel_cols[rel_type] = _write_rels(out / f"rels_{rel_type}.part-{b:05d}.csv", rel_type,
                                         st["rel_names"][rel_type], rows)
    return node_cols, rel_cols, dropped


def _pool_map(fn: Any, tasks: list[Any], workers: int) -> Iterator[Any]:
    """`fn` over `tasks` in order, in `workers` forked processes (1: in this one)."""
    if workers <= 1 or len(tasks) <= 1:
        yield from map(fn, tasks)
        return
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(min(workers, len(tasks)), maxtasksperchild=None) as pool:
        yield from pool.imap(fn, tasks)


@dataclass
class CsvFiles:
    """What `write_csv` wrote: the arguments of the import, and the counts."""

    #: label or type → its header file, then its parts (one import group each)
    nodes: list[tuple[str, list[Path]]]
    rels: list[tuple[str, list[Path]]]
    multiline: bool
    node_count: int
    rel_count: int
    #: label → list property → the ids of nodes where it is an empty list ([] when every
    #: node of the label has a list there: then "is missing" means "was empty"). The
    #: loader stores empty lists; what the import makes of an empty array cell is set
    #: to [] afterwards, so both graphs agree.
    empty_lists: dict[str, dict[str, list[str]]]
    notices: int = 0
    #: label → list property → (id, value): lists holding an empty string, set afterwards
    list_fixes: dict[str, dict[str, list[tuple[str, list[Any]]]]] = field(default_factory=dict)
    dropped_rels: int = 0
    #: seconds of pass A (read, resolve, merge per part, Documents) and pass B (merge per
    #: bucket, CSV)
    pass_a_seconds: float = 0.0
    pass_b_seconds: float = 0.0


def _joined(path: Path, parts: list[Path]) -> Path:
    """The parts of one label or type as one file (removed once copied): neo4j-admin
    pays about 0.1 s per input file before it starts (280 parts at 100,000 notices: 42 s
    of set-up, 13 s for the same data in 23 files)."""
    with open(path, "wb") as out:
        for part in sorted(parts):
            with open(part, "rb") as src:
                shutil.copyfileobj(src, out, 1 << 22)
            part.unlink()
    return path


def _header_line(header: list[str]) -> str:
    return ",".join(_quoted(h) for h in header) + "\n"


def write_csv(folder: Path, out: Path, workers: int | None = None,
              buckets: int | None = None) -> CsvFiles:
    """A records folder as import CSV: per label and type a header file and its parts.

    `workers`: processes for both passes (default: the machine's cores, at most 4);
    `buckets`: how many slices pass B merges one at a time (default: one per
    `BUCKET_NOTICES` notices, at least `workers`)."""
    from kg import records_io

    manifest = records_io.require_folder(folder)
    workers = workers or min(os.cpu_count() or 1, 4)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.csv"):
        old.unlink()
    spill = out / "spill"
    shutil.rmtree(spill, ignore_errors=True)
    spill.mkdir()
    t = time.perf_counter()
    # The last version of a Document wins (an edited notice extracted again): which rows
    # of which part, from the doc_id column alone.
    where: dict[str, tuple[int, int]] = {}
    paths = [folder / p["file"] for p in manifest.parts]
    for a, path in enumerate(paths):
        for i, doc_id in enumerate(pq.read_table(path, columns=["doc_id"])
                                   .column("doc_id").to_pylist()):
            where[doc_id] = (a, i)
    keep: list[list[int]] = [[] for _ in paths]
    for a, i in where.values():
        keep[a].append(i)
    del where
    sources = sum(map(len, keep))
    buckets = buckets or max(workers, -(-sources // BUCKET_NOTICES))
    # pass 0: resolve; then the loader's repost and meeting decisions, in load order
    from kg.load import plan_first_load

    notices = [n for part in _pool_map(_pass_0, [(a, path, sorted(keep[a]), spill)
                                                 for a, path in enumerate(paths)], workers)
               for n in part]
    _A_STATE["plan"] = plan_first_load(notices)
    del notices
    tasks = [(a, spill, buckets) for a in range(len(paths))]
    known: set[str] = set()
    docs = _Columns()
    node_props: dict[str, set[str]] = {}
    rel_props: dict[str, set[str]] = {}
    notices = 0
    try:
        for res in _pool_map(_pass_a, tasks, workers):
            notices += res.notices
            known |= res.node_ids
            if res.docs is not None:
                docs.absorb(res.docs)
            for k, v in res.node_props.items():
                node_props.setdefault(k, set()).update(v)
            for k, v in res.rel_props.items():
                rel_props.setdefault(k, set()).update(v)
    finally:
        _A_STATE.clear()
    pass_a = time.perf_counter() - t
    t = time.perf_counter()
    _B_STATE.update(spill=spill, parts=len(paths), known=known,
                    node_names={k: sorted(v) for k, v in node_props.items()},
                    rel_names={k: sorted(v) for k, v in rel_props.items()})
    node_cols: dict[str, _Columns] = {"Document": docs} if docs.rows else {}
    rel_cols: dict[str, _Columns] = {}
    dropped = 0
    try:
        for n_cols, r_cols, d in _pool_map(_pass_b, list(range(buckets)), workers):
            for k, v in n_cols.items():
                node_cols.setdefault(k, _Columns()).absorb(v)
            for k, v in r_cols.items():
                rel_cols.setdefault(k, _Columns()).absorb(v)
            dropped += d
    finally:
        _B_STATE.clear()
        shutil.rmtree(spill, ignore_errors=True)
    names = {k: sorted(v) for k, v in node_props.items()}
    names["Document"] = _document_columns()
    nodes: list[tuple[str, list[Path]]] = []
    empty: dict[str, dict[str, list[str]]] = {}
    files_fix: dict[str, dict[str, list[tuple[str, list[Any]]]]] = {}
    for label, cols in sorted(node_cols.items()):
        kinds = {k: _column_type(cols.kinds.get(k, set()), f"{label}.{k}") for k in names[label]}
        header = out / f"nodes_{label}.header.csv"
        header.write_text(_header_line(
            ["id:ID"] + [k if kinds[k] == "string" else f"{k}:{kinds[k]}" for k in names[label]]),
            encoding="utf-8")
        for k, ids_ in cols.empty.items():
            if ids_:
                empty.setdefault(label, {})[k] = [] if cols.lists.get(k) == cols.rows else ids_
        for k, pairs in cols.fix.items():
            files_fix.setdefault(label, {})[k] = sorted(pairs)
        nodes.append((label, [header, _joined(out / f"nodes_{label}.csv", cols.parts)]))
    rels: list[tuple[str, list[Path]]] = []
    ev_kinds = {k: "string[]" if k == "evidence" else "long[]" for k in EVIDENCE_LISTS}
    for rel_type, cols in sorted(rel_cols.items()):
        names_t = sorted(rel_props.get(rel_type, set()))
        kinds = {k: _column_type(cols.kinds.get(k, set()), f"{rel_type}.{k}") for k in names_t}
        header = out / f"rels_{rel_type}.header.csv"
        header.write_text(_header_line(
            [":START_ID", ":END_ID", "key", "sources:string[]"]
            + [f"{k}:{ev_kinds[k]}" for k in EVIDENCE_LISTS]
            + [k if kinds[k] == "string" else f"{k}:{kinds[k]}" for k in names_t]),
            encoding="utf-8")
        rels.append((rel_type, [header, _joined(out / f"rels_{rel_type}.csv", cols.parts)]))
    files = CsvFiles(nodes, rels, any(c.multiline for c in node_cols.values())
                     or any(c.multiline for c in rel_cols.values()),
                     sum(c.rows for c in node_cols.values()),
                     sum(c.rows for c in rel_cols.values()), empty, notices=notices,
                     list_fixes=files_fix, dropped_rels=dropped, pass_a_seconds=pass_a,
                     pass_b_seconds=time.perf_counter() - t)
    (out / "after_import.cypher").write_text(
        "".join(f"{st};\n" for st in after_import_statements(files)), encoding="utf-8")
    return files


# --- the import -------------------------------------------------------------------------------


def admin_threads() -> int:
    """neo4j-admin's worker threads: twice the cores (its default is one per core). Its
    stages read and write files as they compute, so more threads than cores keep the
    cores busy: on 2 cores, 4 threads imported the 100,000-notice corpus in 35–44 s
    against 47–62 s with 2, and 8 took 52 s (docs/BENCHMARKS.md)."""
    return 2 * (os.cpu_count() or 1)


def import_args(files: CsvFiles, database: str = "neo4j") -> list[str]:
    """The arguments after `neo4j-admin`: what the managed server runs, and what
    `--print-command` prints for a server the user runs."""
    # the database first: the list-valued options (--nodes, --relationships) would
    # take a trailing name for one more file
    args = ["database", "import", "full", database, "--overwrite-destination=true",
            f"--array-delimiter={ARRAY_DELIMITER_ARG}", "--id-type=string",
            "--ignore-empty-strings=false", "--skip-bad-relationships=false",
            f"--threads={admin_threads()}"]
    if files.multiline:
        # v1 (all files may span lines): the per-file v2 form fails on a field that
        # crosses the reader's 4 MiB buffer ("found CR outside a text cell", 5.26.19)
        args.append("--multiline-fields=true")
    # one group per label and type: its header file, then its parts
    args += [f"--nodes={label}={','.join(map(str, paths))}" for label, paths in files.nodes]
    args += [f"--relationships={t}={','.join(map(str, paths))}" for t, paths in files.rels]
    return args


def graph_is_empty(driver: Driver, database: str) -> int:
    """How many nodes the database holds (0: a bulk import may replace it)."""
    recs, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=database)
    return int(recs[0]["n"])


def after_import_statements(files: CsvFiles) -> list[str]:
    """What runs once the imported database is up: the schema (constraints, indexes, the
    full-text index) of `kg.schema`, a wait for the indexes, then the lists the CSV could
    not carry (`list_statements`). The same statements go to `after_import.cypher` beside
    the CSV files, for `cypher-shell -f`."""
    from kg import schema

    return schema.statements() + ["CALL db.awaitIndexes(300)"] + list_statements(files)


def list_statements(files: CsvFiles) -> list[str]:
    """Empty lists as the loader leaves them, and lists holding an empty string. They look
    nodes up by id, so they run once the id constraints are online (without them each
    lookup is a label scan: hours at 100,000 notices)."""
    from kg.load import _q

    out = []
    for label, props in sorted(files.empty_lists.items()):
        for prop, node_ids in sorted(props.items()):
            if not node_ids:
                out.append(f"MATCH (n:{_q(label)}) WHERE n.{_q(prop)} IS NULL "
                           f"CALL (n) {{ SET n.{_q(prop)} = [] }} IN TRANSACTIONS OF 50000 ROWS")
                continue
            for i in range(0, len(node_ids), 5000):
                literal = ", ".join(json.dumps(x, ensure_ascii=False) for x in node_ids[i:i + 5000])
                out.append(f"UNWIND [{literal}] AS id MATCH (n:{_q(label)} {{id: id}}) "
                           f"SET n.{_q(prop)} = []")
    for label, props in sorted(files.list_fixes.items()):
        for prop, pairs in sorted(props.items()):
            for i in range(0, len(pairs), 5000):
                literal = json.dumps(pairs[i:i + 5000], ensure_ascii=False)
                out.append(f"UNWIND {literal} AS row MATCH (n:{_q(label)} {{id: row[0]}}) "
                           f"SET n.{_q(prop)} = row[1]")
    return out


@dataclass
class BulkReport:
    notices: int = 0
    nodes: int = 0
    relationships: int = 0
    dropped_relationships: int = 0
    #: pass A: read, resolve and merge per part (and write the Documents)
    build_seconds: float = 0.0
    #: pass B: merge per bucket and write the CSV parts
    csv_seconds: float = 0.0
    import_seconds: float = 0.0
    schema_seconds: float = 0.0
    #: neo4j-admin alone (import_seconds adds stopping and starting the server)
    admin_seconds: float = 0.0
    command: list[str] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return self.build_seconds + self.csv_seconds + self.import_seconds + self.schema_seconds


def prepare(folder: Path, csv_dir: Path, report: BulkReport, workers: int | None = None,
            buckets: int | None = None) -> CsvFiles:
    """Records folder → CSV files (the streamed merge, `write_csv`)."""
    files = write_csv(folder, csv_dir, workers=workers, buckets=buckets)
    report.build_seconds, report.csv_seconds = files.pass_a_seconds, files.pass_b_seconds
    report.notices, report.dropped_relationships = files.notices, files.dropped_rels
    report.nodes, report.relationships = files.node_count, files.rel_count
    return files


#: The import tool's heap (it keeps its id mapper and caches off heap, sized by
#: --max-off-heap-memory).
ADMIN_HEAP = "1g"


def bulk_load(folder: Path, config: Any, database: str = "neo4j",
              csv_dir: Path | None = None, workers: int | None = None,
              buckets: int | None = None) -> BulkReport:
    """`kg load DIR --bulk` against a server this project manages (`config`: a
    `kg.server.ServerConfig`): refuse a database that holds data, write the CSV files,
    stop the server, import, start it, set empty lists, create the schema."""
    from kg import schema, server
    from kg.settings import Settings

    report = BulkReport()
    settings = Settings(NEO4J_URI=config.uri, NEO4J_PASSWORD=config.password,
                        NEO4J_DATABASE=database)
    from kg import db

    drv = db.driver(settings)
    try:
        held = graph_is_empty(drv, database)
    finally:
        drv.close()
    if held:
        raise UserError(f"The database {database!r} holds {held} nodes: --bulk is for a first "
                        "load into an empty database; run `kg load DIR` without --bulk to add "
                        "to it.")
    csv_dir = csv_dir or config.home / "import" / "bulk"
    files = prepare(folder, csv_dir, report, workers=workers, buckets=buckets)
    args = import_args(files, database)
    report.command = ["neo4j-admin", *args]
    t = time.perf_counter()
    server.stop(config, quiet=True)
    try:
        admin = time.perf_counter()
        done = subprocess.run(
            ["java", f"-Xmx{ADMIN_HEAP}", "-cp", server._classpath(config), server.ADMIN_ENTRY_POINT, *args,
             f"--report-file={csv_dir / 'import.report'}"],
            capture_output=True, text=True, env=server._java_env(config), cwd=str(csv_dir))
        report.admin_seconds = time.perf_counter() - admin
    finally:
        server.start(config, timeout=180, quiet=True)
    report.import_seconds = time.perf_counter() - t
    if done.returncode != 0:
        lines = [x for x in (done.stdout + done.stderr).splitlines()
                 if x.strip() and not x.lstrip().startswith(("at ", "...", ".....")) ]
        tail = "\n".join(lines[-12:])
        raise UserError(f"neo4j-admin database import failed (the database is left as it "
                        f"was imported; the CSV files are in {csv_dir}):\n{tail}")
    t = time.perf_counter()
    drv = db.driver(settings)
    try:
        schema.apply(drv, database)  # waits for the indexes to come online
        with drv.session(database=database) as session:  # IN TRANSACTIONS: auto-commit
            for statement in list_statements(files):
                session.run(statement).consume()
    finally:
        drv.close()
    report.schema_seconds = time.perf_counter() - t
    return report


def run_cli(folder: Path, print_command: bool = False) -> BulkReport:
    """`kg load DIR --bulk [--print-command]`."""
    from rich.console import Console

    from kg import server
    from kg.settings import get_settings

    settings = get_settings()
    console = Console(highlight=False)
    if print_command or not server.managed(settings):
        from kg import records_io

        records_io.require_folder(folder)
        report = BulkReport()
        csv_dir = folder / "bulk-csv"
        files = prepare(folder, csv_dir, report)
        console.print(f"{report.notices} notices: {report.nodes} nodes, {report.relationships} "
                      f"relationships written as CSV in {csv_dir}.")
        console.print("Stop the server (or the database), then run on its host:")
        print("  " + shlex.join(["neo4j-admin", *import_args(files, settings.neo4j_database)]))
        console.print("then start it again and run "
                      f"`cypher-shell -u neo4j -f {csv_dir / 'after_import.cypher'}` "
                      "(empty lists, constraints, indexes, the full-text index).",
                      soft_wrap=True)
        return report
    report = bulk_load(folder, server.ServerConfig.from_settings(settings),
                       settings.neo4j_database)
    rate = report.relationships / report.admin_seconds if report.admin_seconds else 0.0
    console.print(f"{report.notices} notices imported: {report.nodes} nodes, "
                  f"{report.relationships} relationships ({report.dropped_relationships} "
                  "without an endpoint dropped)")
    console.print(f"resolve and merge per part {report.build_seconds:.1f} s, merge per bucket "
                  f"and CSV {report.csv_seconds:.1f} s, "
                  f"neo4j-admin import {report.admin_seconds:.1f} s ({rate:,.0f} relationships/s; "
                  f"{report.import_seconds:.1f} s with the server's stop and start), "
                  f"schema {report.schema_seconds:.1f} s")
    return report


# --- comparing graphs -------------------------------------------------------------------------


def graph_digest(driver: Driver, database: str) -> tuple[int, int, str]:
    """(nodes, relationships, sha1 over every node's labels and properties and every
    relationship's type, endpoints and properties, provenance lists in their order):
    two graphs with the same digest are the same graph."""
    h = hashlib.sha1()
    n = r = 0
    with driver.session(database=database) as session:
        for rec in session.run("MATCH (n) RETURN labels(n) AS l, properties(n) AS p "
                               "ORDER BY n.id"):
            n += 1
            h.update(json.dumps([sorted(rec["l"]), rec["p"]], sort_keys=True,
                                ensure_ascii=False).encode())
        for rec in session.run("MATCH (a)-[x]->(b) RETURN type(x) AS t, a.id AS a, b.id AS b, "
                               "properties(x) AS p ORDER BY t, a, b, x.key"):
            r += 1
            h.update(json.dumps([rec["t"], rec["a"], rec["b"], rec["p"]], sort_keys=True,
                                ensure_ascii=False).encode())
    return n, r, h.hexdigest()
