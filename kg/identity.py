"""One official across notices: candidate links, analysts' verdicts, and merges.

Why this is a separate, explicit step rather than a looser identity rule: a
person is a name plus an anchor (`kg.resolve`), which is right within a
jurisdiction line but splits an official who moves from a county post to his
prefecture (县长 in 2021, 副市长 in 2023). Merging on the name alone would fuse
every 张伟 of a province, so the graph only *proposes*:
``(:Person)-[:SAME_AS_CANDIDATE {score, reasons, notices}]->(:Person)``, with the
reasons in words, and an analyst decides. Never a silent merge.

- `propose` recomputes every candidate (MERGE, stale ones deleted): same name,
  anchors in one jurisdiction chain (one GB/T 2260 code encloses the other),
  no incompatible posts on one date, not named apart in one notice, and no
  verdict on the pair. `judge` is the rule, pure, on plain values.
- `accept` merges the second person into the first (the id given first
  survives: the analyst chooses which anchor the official keeps); `reject`
  records that they are two people. Both store a `Verdict` node keyed by the
  sorted pair and linked to neither person, so it survives a re-ingest that
  deletes and recreates the persons.
- `redirects` gives the loader merged id → surviving id, so a re-ingest lands on
  the survivor; `after_load` re-merges a loser that a load recreated anyway (a
  bulk import, or a loader without the redirect) and runs `propose`.

The rule, the score and the analyst's Cypher are in docs/MODEL.md ("Candidates
and verdicts").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from neo4j import Driver, ManagedTransaction

from kg import ids
from kg.errors import NotFoundError, UserError
from kg.model import EVIDENCE_LISTS, NODES, RELS, label_for_prefix

CANDIDATE = "SAME_AS_CANDIDATE"
VERDICT = "Verdict"
VERDICTS = ("accept", "reject")
#: Provenance lists aligned per index with `sources` (see kg.model).
PROVENANCE = ("sources", *EVIDENCE_LISTS)
#: The body kind of which one person heads or deputises at most one at a time.
GOVERNMENT = "government"
_CODE = re.compile(r"^[0-9]{6}$")
_LEVEL_NAMES = {1: "province", 2: "prefecture", 3: "county"}

#: Score parts (docs/MODEL.md lists them): a candidate starts at BASE and gains the rest.
BASE = 0.40
ADJACENT = 0.15  # county ↔ prefecture or prefecture ↔ province (not county ↔ province)
POSTS = 0.15  # both have dated posts, and none conflict
RISE = 0.15  # every post at the inner level is dated no later than every outer one
LONG_NAME = 0.10  # three or more characters: much rarer than a two-character name


class ConflictError(UserError):
    """The request contradicts the graph (the pair is already one person); the API
    answers 409."""

    status = 409


# --- the jurisdiction chain, from the code's shape -------------------------------------------


def level(anchor: str | None) -> int | None:
    """1 province (PP0000), 2 prefecture (PPCC00), 3 county (PPCCDD); None for an anchor
    that is not a 6-digit code (CN, a place the gazetteer lacks, unknown)."""
    if not anchor or not _CODE.match(anchor) or anchor.startswith("00"):
        return None
    if anchor.endswith("0000"):
        return 1
    if anchor.endswith("00"):
        return 2
    return 3


def ancestors(code: str) -> list[str]:
    """The enclosing codes of a code, innermost first (140902 → 140900, 140000). Derived
    from the shape alone: a municipality's districts (110105) get 110100 and 110000, which
    is the chain the gazetteer gives too."""
    lv = level(code)
    if lv == 3:
        return [code[:4] + "00", code[:2] + "0000"]
    if lv == 2:
        return [code[:2] + "0000"]
    return []


def within(inner: str, outer: str) -> bool:
    """Whether `outer` encloses `inner` (strictly)."""
    return level(inner) is not None and outer in ancestors(inner)


# --- the rule ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Post:
    """A HOLDS of a person, as the rule reads it."""

    role: str
    as_of: str | None
    body: str
    kind: str | None = None


@dataclass
class PersonView:
    """What the rule knows of one person."""

    id: str
    name: str
    anchor: str
    anchor_name: str | None = None
    posts: list[Post] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Candidate:
    a: str
    b: str
    score: float
    reasons: list[str]
    notices: list[str]

    @property
    def pair(self) -> str:
        return pair_key(self.a, self.b)


def pair_key(a: str, b: str) -> str:
    """The pair as stored: the two ids sorted, joined by `|` (ids never contain one)."""
    lo, hi = sorted((a, b))
    return f"{lo}|{hi}"


def verdict_id(a: str, b: str) -> str:
    return f"{NODES[VERDICT].prefix}:{pair_key(a, b)}"


def _place(code: str, name: str | None) -> str:
    return f"{code} ({name})" if name else code


def conflict(p: PersonView, q: PersonView) -> str | None:
    """Why `p` and `q` cannot be one person, or None.

    - Both named in one notice: a notice's extraction keeps one person per name, so two
      persons of one name in one notice are two people.
    - On one date, posts in two different governments: a person is head or deputy of one
      government at a time (a county head is not also a city vice-mayor that day). Party
      posts are left out on purpose: 市委常委 and 县委书记 are often held together."""
    shared = sorted(set(p.notices) & set(q.notices))
    if shared:
        return f"both named in notice {shared[0]}"
    for x in p.posts:
        if x.kind != GOVERNMENT or not x.as_of:
            continue
        for y in q.posts:
            if y.kind == GOVERNMENT and y.as_of == x.as_of and y.body != x.body:
                return f"on {x.as_of} {x.role} of {x.body} and {y.role} of {y.body}"
    return None


def _dated(posts: Iterable[Post]) -> list[Post]:
    return sorted((x for x in posts if x.as_of), key=lambda x: (x.as_of or "", x.role))


def judge(p: PersonView, q: PersonView) -> Candidate | None:
    """The candidate link between two persons, or None when they are not one.

    A candidate needs the same name, anchors in one jurisdiction chain (one code
    encloses the other) and no `conflict`. The score (0..1) is BASE plus: ADJACENT
    when the levels are next to each other, POSTS when both have dated posts, RISE
    when the inner person's posts all come no later than the outer person's (the
    usual career: county, then prefecture), LONG_NAME for a name of three or more
    characters."""
    if p.name != q.name or p.id == q.id:
        return None
    if within(p.anchor, q.anchor):
        inner, outer = p, q
    elif within(q.anchor, p.anchor):
        inner, outer = q, p
    else:
        return None
    if conflict(p, q) is not None:
        return None
    score = BASE
    reasons = [f"same name {p.name}",
               f"{_place(inner.anchor, inner.anchor_name)} is within "
               f"{_place(outer.anchor, outer.anchor_name)}"]
    li, lo = level(inner.anchor) or 0, level(outer.anchor) or 0
    if li - lo == 1:
        score += ADJACENT
        reasons.append(f"{_LEVEL_NAMES[li]} and its {_LEVEL_NAMES[lo]}")
    di, do = _dated(inner.posts), _dated(outer.posts)
    if di and do:
        score += POSTS
        steps = [*di[-3:], *do[:3]] if di[-1].as_of <= do[0].as_of else _dated([*di, *do])[:6]
        reasons.append("titles " + " → ".join(f"{x.role} ({x.as_of})" for x in steps))
        reasons.append("no two governments on one date")
        if di[-1].as_of <= do[0].as_of:  # type: ignore[operator]
            score += RISE
            reasons.append(f"{_LEVEL_NAMES[li]} posts before {_LEVEL_NAMES[lo]} posts")
    else:
        side = inner if not di else outer
        reasons.append(f"no dated post for {side.id} to compare")
    if len(p.name) >= 3:
        score += LONG_NAME
        reasons.append(f"name of {len(p.name)} characters")
    lo_id, hi_id = sorted((p.id, q.id))
    return Candidate(lo_id, hi_id, round(min(score, 1.0), 2), reasons,
                     sorted(set(p.notices) | set(q.notices)))


def pairs(persons: Iterable[PersonView], decided: set[str]) -> list[Candidate]:
    """Every candidate among `persons`, skipping pairs in `decided` (pair keys): grouped
    by name first, so only namesakes are compared."""
    by_name: dict[str, list[PersonView]] = {}
    for p in persons:
        by_name.setdefault(p.name, []).append(p)
    out: list[Candidate] = []
    for group in by_name.values():
        group.sort(key=lambda p: p.id)
        for i, p in enumerate(group):
            for q in group[i + 1:]:
                if pair_key(p.id, q.id) in decided:
                    continue
                c = judge(p, q)
                if c is not None:
                    out.append(c)
    return out


# --- propose -----------------------------------------------------------------------------------


def _q(name: str) -> str:
    """Backtick-quote a label or type taken from kg.model (never user input)."""
    return "`" + name.replace("`", "``") + "`"


#: Namesakes whose anchors are codes: the only persons that can pair at all.
NAMESAKES_CYPHER = """
MATCH (p:Person) WHERE p.anchor =~ '[0-9]{6}'
WITH p.name AS name, collect(p) AS ps WHERE size(ps) > 1
UNWIND ps AS p
OPTIONAL MATCH (l:Locality {id: $loc + p.anchor})
CALL (p) {
  OPTIONAL MATCH (p)-[h:HOLDS]->(o:Organization)
  RETURN collect({role: coalesce(h.role, h.title), as_of: h.as_of, body: o.id,
                  kind: o.kind}) AS posts
}
CALL (p) {
  OPTIONAL MATCH (d:Document)-[:MENTIONS]->(p)
  RETURN collect(d.id) AS notices
}
RETURN p.id AS id, p.name AS name, p.anchor AS anchor, l.name AS anchor_name, posts, notices
"""
VERDICT_PAIRS_CYPHER = f"MATCH (v:{_q(VERDICT)}) RETURN v.a AS a, v.b AS b"
WRITE_CANDIDATES_CYPHER = f"""
UNWIND $rows AS row
MATCH (a:Person {{id: row.a}}) MATCH (b:Person {{id: row.b}})
MERGE (a)-[c:{_q(CANDIDATE)}]->(b)
SET c.score = row.score, c.reasons = row.reasons, c.notices = row.notices, c.pair = row.pair
"""
STALE_CANDIDATES_CYPHER = (f"MATCH (:Person)-[c:{_q(CANDIDATE)}]->(:Person) "
                           "WHERE NOT coalesce(c.pair, '') IN $pairs DELETE c")
#: A person kept alive only by candidate links (its notices were forgotten): the loader's
#: orphan rule counts any relationship, so the clean-up of what this module adds is here.
ORPHANS_CYPHER = (f"MATCH (p:Person)-[:{_q(CANDIDATE)}]-() "
                  f"WHERE NOT EXISTS {{ (p)-[r]-() WHERE type(r) <> '{CANDIDATE}' }} "
                  "DETACH DELETE p")


def _persons(records: Iterable[Any]) -> list[PersonView]:
    out = []
    for r in records:
        posts = [Post(x["role"] or "", x["as_of"], x["body"], x["kind"])
                 for x in r["posts"] if x["body"] is not None]
        out.append(PersonView(r["id"], r["name"], r["anchor"], r["anchor_name"], posts,
                              list(r["notices"])))
    return out


def _propose(tx: ManagedTransaction) -> int:
    tx.run(ORPHANS_CYPHER).consume()
    decided = {pair_key(r["a"], r["b"]) for r in tx.run(VERDICT_PAIRS_CYPHER)}
    found = pairs(_persons(tx.run(NAMESAKES_CYPHER, loc=NODES["Locality"].prefix + ":")),
                  decided)
    rows = [{"a": c.a, "b": c.b, "score": c.score, "reasons": c.reasons,
             "notices": c.notices, "pair": c.pair} for c in found]
    tx.run(STALE_CANDIDATES_CYPHER, pairs=[r["pair"] for r in rows]).consume()
    if rows:
        tx.run(WRITE_CANDIDATES_CYPHER, rows=rows).consume()
    return len(rows)


def propose(driver: Driver, database: str) -> int:
    """Recompute every SAME_AS_CANDIDATE link; returns how many there are. Idempotent:
    links are MERGEd on the pair and those no longer proposed are deleted, in one
    transaction of a few statements (no per-person round trips)."""
    with driver.session(database=database) as session:
        return session.execute_write(_propose)


# --- verdicts and merging ----------------------------------------------------------------------


@dataclass
class VerdictRecord:
    """A stored verdict, as the API and CLI show it."""

    id: str
    pair: str
    a: str
    b: str
    verdict: str
    by: str
    at: str
    why: str | None = None
    survivor: str | None = None
    merged: str | None = None
    score: float | None = None
    reasons: list[str] = field(default_factory=list)


def _verdict_of(props: dict[str, Any]) -> VerdictRecord:
    return VerdictRecord(**{k: props.get(k) for k in (
        "id", "pair", "a", "b", "verdict", "by", "at", "why", "survivor", "merged", "score")},
        reasons=list(props.get("reasons") or []))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _redirect_map(tx: ManagedTransaction) -> dict[str, str]:
    rows = tx.run(f"MATCH (v:{_q(VERDICT)} {{verdict: 'accept'}}) "
                  "RETURN v.merged AS merged, v.survivor AS survivor")
    return follow({r["merged"]: r["survivor"] for r in rows if r["merged"] and r["survivor"]})


def follow(direct: dict[str, str]) -> dict[str, str]:
    """Chains followed to their end (a → b and b → c give a → c), cycles cut."""
    out: dict[str, str] = {}
    for start in direct:
        seen = {start}
        cur = direct[start]
        while cur in direct and cur not in seen:
            seen.add(cur)
            cur = direct[cur]
        if cur != start:
            out[start] = cur
    return out


def redirects(driver: Driver, database: str) -> dict[str, str]:
    """Merged person id → surviving id, from the accepted verdicts (chains followed): the
    loader rewrites the rows it loads with this, so a re-ingest lands on the survivor."""
    with driver.session(database=database) as session:
        return session.execute_read(_redirect_map)


def _person(tx: ManagedTransaction, person_id: str) -> dict[str, Any] | None:
    rec = tx.run("MATCH (p:Person {id: $id}) RETURN properties(p) AS props",
                 id=person_id).single()
    return dict(rec["props"]) if rec else None


def _resolve_id(tx: ManagedTransaction, person_id: str, moved: dict[str, str]) -> str:
    """The person's current id (a merged id leads to its survivor); unknown → NotFoundError."""
    current = moved.get(person_id, person_id)
    if _person(tx, current) is None:
        raise NotFoundError(f"No person with id {person_id!r} in the graph: give a person id "
                            "(person:<anchor>:<name>) as `kg resolve --list` or "
                            "/api/search shows them.")
    return current


def _pad(values: list[Any] | None, n: int, name: str) -> list[Any]:
    """A provenance list of length n (an older relationship may lack one of the lists)."""
    fill: Any = "" if name == "evidence" else -1
    vals = list(values or [])
    return vals[:n] + [fill] * (n - len(vals))


def union_provenance(kept: dict[str, Any], moved: dict[str, Any]) -> dict[str, list[Any]]:
    """The provenance lists of two relationships that became one: `kept`'s, then each
    source of `moved` that `kept` lacks with its own entry of every list, so the lists stay
    aligned per index with `sources`."""
    sources = list(kept.get("sources") or [])
    names = [x for x in PROVENANCE[1:] if x in kept or x in moved]
    out = {x: _pad(kept.get(x), len(sources), x) for x in names}
    msources = list(moved.get("sources") or [])
    mlists = {x: _pad(moved.get(x), len(msources), x) for x in names}
    for i, doc in enumerate(msources):
        if doc in sources:
            continue
        sources.append(doc)
        for x in names:
            out[x].append(mlists[x][i])
    return {"sources": sources, **out}


def _move_relationships(tx: ManagedTransaction, loser: str, survivor: str) -> int:
    """Every relationship of `loser` re-attached to `survivor`; one that coincides with a
    relationship the survivor already has (same type, other end and key properties, so the
    same key) unions its provenance into it. Documents' `asserts` follow each new key."""
    rels = tx.run(
        "MATCH (l:Person {id: $id})-[r]-(m) WHERE type(r) <> $cand "
        "RETURN type(r) AS type, startNode(r) = l AS out, m.id AS other, "
        "properties(r) AS props",
        id=loser, cand=CANDIDATE)
    moved = 0
    renames: dict[tuple[str, str], list[str]] = {}  # (old, new) asserts → documents
    for r in list(rels):
        rel_type, props, other = r["type"], dict(r["props"]), r["other"]
        if rel_type not in RELS or other in (loser, survivor):
            continue
        frm, to = (survivor, other) if r["out"] else (other, survivor)
        old_key = props.get("key")
        new_key = ids.rel_key(rel_type, frm, to, props) if old_key else None
        existing = None
        if new_key:
            existing = tx.run(f"MATCH ()-[r:{_q(rel_type)} {{key: $key}}]->() "
                              "RETURN properties(r) AS props LIMIT 1", key=new_key).single()
        if existing is not None:
            tx.run(f"MATCH ()-[r:{_q(rel_type)} {{key: $key}}]->() SET r += $lists",
                   key=new_key, lists=union_provenance(dict(existing["props"]), props)).consume()
        else:
            if new_key:
                props["key"] = new_key
            tx.run(f"MATCH (a:{_q(label_for_prefix(frm))} {{id: $frm}}) "
                   f"MATCH (b:{_q(label_for_prefix(to))} {{id: $to}}) "
                   f"CREATE (a)-[r:{_q(rel_type)}]->(b) SET r = $props",
                   frm=frm, to=to, props=props).consume()
        if old_key and new_key != old_key:
            for doc in props.get("sources") or []:
                renames.setdefault((f"{rel_type}|{old_key}", f"{rel_type}|{new_key}"),
                                   []).append(doc)
        moved += 1
    rows = [{"old": old, "new": new, "docs": sorted(set(docs))}
            for (old, new), docs in renames.items()]
    if rows:
        tx.run("UNWIND $rows AS row UNWIND row.docs AS doc "
               "MATCH (d:Document {id: doc}) WHERE row.old IN coalesce(d.asserts, []) "
               "SET d.asserts = [x IN d.asserts WHERE x <> row.old] + "
               "CASE WHEN row.new IN d.asserts THEN [] ELSE [row.new] END",
               rows=rows).consume()
    return moved


def _merge_into(tx: ManagedTransaction, loser: str, survivor: str) -> int:
    """Move the loser's relationships, keep its names and ids on the survivor (`aliases`,
    `merged_ids`, `titles`), delete it. Returns the relationships moved."""
    lost = _person(tx, loser) or {}
    moved = _move_relationships(tx, loser, survivor)
    names = [x for x in [lost.get("name"), *(lost.get("aliases") or [])] if x]
    tx.run("MATCH (s:Person {id: $s}) "
           "SET s.aliases = coalesce(s.aliases, []) + "
           "  [x IN $names WHERE x <> s.name AND NOT x IN coalesce(s.aliases, [])], "
           "  s.titles = coalesce(s.titles, []) + "
           "  [x IN $titles WHERE NOT x IN coalesce(s.titles, [])], "
           "  s.merged_ids = coalesce(s.merged_ids, []) + "
           "  [x IN $ids WHERE NOT x IN coalesce(s.merged_ids, [])]",
           s=survivor, names=list(dict.fromkeys(names)),
           titles=list(lost.get("titles") or []),
           ids=[loser, *(lost.get("merged_ids") or [])]).consume()
    tx.run("MATCH (l:Person {id: $id}) DETACH DELETE l", id=loser).consume()
    return moved


def _store_verdict(tx: ManagedTransaction, a: str, b: str, verdict: str, by: str,
                   why: str | None, survivor: str | None, merged: str | None) -> VerdictRecord:
    lo, hi = sorted((a, b))
    cand = tx.run(f"MATCH (:Person {{id: $lo}})-[c:{_q(CANDIDATE)}]->(:Person {{id: $hi}}) "
                  "RETURN c.score AS score, c.reasons AS reasons", lo=lo, hi=hi).single()
    props = {"pair": pair_key(a, b), "a": lo, "b": hi, "verdict": verdict, "by": by,
             "at": _now(), "why": why, "survivor": survivor, "merged": merged,
             "score": cand["score"] if cand else None,
             "reasons": list(cand["reasons"] or []) if cand else [],
             "name": f"{verdict} {pair_key(a, b)}"}
    vid = verdict_id(a, b)
    rec = tx.run(f"MERGE (v:{_q(VERDICT)} {{id: $id}}) SET v += $props "
                 "RETURN properties(v) AS props", id=vid, props=props).single()
    tx.run(f"MATCH (:Person {{id: $lo}})-[c:{_q(CANDIDATE)}]-(:Person {{id: $hi}}) DELETE c",
           lo=lo, hi=hi).consume()
    return _verdict_of(dict(rec["props"]))


def _check_names(a: str, b: str, by: str) -> None:
    for x in (a, b):
        if not x.startswith(f"{NODES['Person'].prefix}:"):
            raise UserError(f"{x!r} is not a person id: person ids look like "
                            "person:<anchor>:<name> (person:140902:张三).")
    if a == b:
        raise ConflictError(f"{a!r} is given twice: a verdict is about two persons.")
    if not by or not by.strip():
        raise UserError("A verdict needs who gave it (`by`).")


def _decide(tx: ManagedTransaction, a: str, b: str, verdict: str, by: str,
            why: str | None) -> VerdictRecord:
    moved = _redirect_map(tx)
    ra, rb = _resolve_id(tx, a, moved), _resolve_id(tx, b, moved)
    if ra == rb:
        raise ConflictError(f"{a!r} and {b!r} are already one person ({ra}).")
    if verdict == "accept":
        record = _store_verdict(tx, ra, rb, verdict, by, why, survivor=ra, merged=rb)
        _merge_into(tx, rb, ra)
        return record
    return _store_verdict(tx, ra, rb, verdict, by, why, survivor=None, merged=None)


def decide(driver: Driver, database: str, a: str, b: str, verdict: str, by: str,
           why: str | None = None) -> VerdictRecord:
    """Store an accept or reject verdict on persons `a` and `b` (merged ids are followed to
    their survivor) and apply it; then recompute the candidates."""
    if verdict not in VERDICTS:
        raise UserError(f"A verdict is accept or reject, not {verdict!r}.")
    _check_names(a, b, by)
    with driver.session(database=database) as session:
        record = session.execute_write(_decide, a, b, verdict, by.strip(), why)
        session.execute_write(_propose)
    return record


def accept(driver: Driver, database: str, a: str, b: str, by: str,
           why: str | None = None) -> VerdictRecord:
    """`a` and `b` are one official: `b` is merged into `a` (the id given first survives,
    so the analyst picks the anchor the official keeps). Every relationship of `b` moves to
    `a` (provenance unioned where `a` already had the same fact); `b`'s name and aliases
    join `a`'s `aliases`, its id `a`'s `merged_ids`, and the verdict records the redirect."""
    return decide(driver, database, a, b, "accept", by, why)


def reject(driver: Driver, database: str, a: str, b: str, by: str,
           why: str | None = None) -> VerdictRecord:
    """`a` and `b` are two people: the verdict is stored, the candidate link removed, and
    the pair is never proposed again (the verdict outlives the person nodes)."""
    return decide(driver, database, a, b, "reject", by, why)


def _remerge(tx: ManagedTransaction) -> int:
    """Losers a load recreated (no redirect applied) merged into their survivors again."""
    moved = _redirect_map(tx)
    if not moved:
        return 0
    back = [r["id"] for r in tx.run("UNWIND $ids AS id MATCH (p:Person {id: id}) "
                                    "RETURN p.id AS id", ids=sorted(moved))]
    for loser in back:
        if _person(tx, moved[loser]) is not None:
            _merge_into(tx, loser, moved[loser])
    return len(back)


def after_load(driver: Driver, database: str) -> int:
    """Run once at the end of each load: re-merge any recreated loser (one statement when
    there is none), then `propose`. Returns the number of candidates."""
    with driver.session(database=database) as session:
        session.execute_write(_remerge)
        return session.execute_write(_propose)


# --- reading -----------------------------------------------------------------------------------


@dataclass
class CandidateView:
    other: str
    name: str | None
    score: float
    reasons: list[str]
    notices: list[str]


#: The survivor of a merged person id, as one read: by the survivor's `merged_ids` (a
#: merge of namesakes keeps the name, so the name index finds it) or by the accept verdict.
SURVIVOR_CYPHER = (
    "MATCH (p:Person) WHERE p.name = last(split($id, ':')) "
    "AND $id IN coalesce(p.merged_ids, []) RETURN p.id AS id "
    f"UNION MATCH (v:{_q(VERDICT)} {{verdict: 'accept', merged: $id}}) "
    "MATCH (p:Person {id: v.survivor}) RETURN p.id AS id")


def current_id(driver: Driver, database: str, person_id: str) -> str | None:
    """The id a person has now (a merged id leads to its survivor), or None if unknown."""
    with driver.session(database=database) as session:
        def work(tx: ManagedTransaction) -> str | None:
            target = _redirect_map(tx).get(person_id, person_id)
            return target if _person(tx, target) is not None else None
        return session.execute_read(work)


def candidates_of(driver: Driver, database: str, person_id: str | None = None,
                  limit: int = 1000) -> list[tuple[str, CandidateView]]:
    """Candidates, best first: of one person (both directions) or of the whole graph
    (each pair once, seen from its lower id)."""
    cypher = (f"MATCH (p:Person)-[c:{_q(CANDIDATE)}]-(o:Person) "
              "WHERE ($id IS NULL AND p.id < o.id) OR p.id = $id "
              "RETURN p.id AS id, o.id AS other, o.name AS name, c.score AS score, "
              "c.reasons AS reasons, c.notices AS notices "
              "ORDER BY score DESC, id, other LIMIT $limit")
    recs, _, _ = driver.execute_query(cypher, id=person_id, limit=limit, database_=database)
    return [(r["id"], CandidateView(r["other"], r["name"], r["score"], list(r["reasons"] or []),
                                    list(r["notices"] or []))) for r in recs]


def verdicts_of(driver: Driver, database: str, person_id: str | None = None,
                limit: int = 1000) -> list[VerdictRecord]:
    """Verdicts on a person (by its id or one merged into it), or all of them, newest first."""
    cypher = (f"MATCH (v:{_q(VERDICT)}) WHERE $id IS NULL OR $id IN [v.a, v.b] "
              "OR v.a IN $merged OR v.b IN $merged "
              "RETURN properties(v) AS props ORDER BY v.at DESC, v.id LIMIT $limit")
    merged: list[str] = []
    if person_id:
        recs, _, _ = driver.execute_query("MATCH (p:Person {id: $id}) RETURN p.merged_ids AS m",
                                          id=person_id, database_=database)
        merged = list(recs[0]["m"] or []) if recs else []
    recs, _, _ = driver.execute_query(cypher, id=person_id, merged=merged, limit=limit,
                                      database_=database)
    return [_verdict_of(dict(r["props"])) for r in recs]


# --- kg resolve --------------------------------------------------------------------------------


def _default_by() -> str:
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no user name in this environment (a container without one)
        return "cli"


def run_cli(list_: bool, accept_pair: tuple[str, str] | None,
            reject_pair: tuple[str, str] | None, why: str | None, by: str | None,
            limit: int = 100) -> None:
    """`kg resolve`: list the candidates (best first) with their reasons and the verdicts,
    or accept / reject one pair. Exactly one of the three."""
    from rich.console import Console

    from kg import db
    from kg.settings import get_settings

    chosen = [x for x in (list_, accept_pair, reject_pair) if x]
    if len(chosen) != 1:
        raise UserError("Give one of --list, --accept A B or --reject A B.")
    if limit < 1:
        raise UserError("--limit must be at least 1.")
    console = Console(highlight=False)
    drv = db.driver()
    database = get_settings().neo4j_database
    try:
        if list_:
            found = candidates_of(drv, database, None, limit)
            if not found:
                console.print("no candidates (kg ingest proposes them; verdicts exclude pairs)")
            for pid, c in found:
                console.print(f"{c.score:.2f}  {pid}  {c.other}")
                for reason in c.reasons:
                    console.print(f"      {reason}")
                console.print(f"      notices: {', '.join(c.notices)}")
            verdicts = verdicts_of(drv, database, None, limit)
            if verdicts:
                console.print(f"{len(verdicts)} verdict{'s' if len(verdicts) != 1 else ''}:")
            for v in verdicts:
                into = f" ({v.merged} → {v.survivor})" if v.verdict == "accept" else ""
                console.print(f"  {v.verdict}  {v.a}  {v.b}{into}  by {v.by} at {v.at}"
                              + (f": {v.why}" if v.why else ""))
            return
        pair, verdict = (accept_pair, "accept") if accept_pair else (reject_pair, "reject")
        assert pair is not None
        rec = decide(drv, database, pair[0], pair[1], verdict, by or _default_by(), why)
        if verdict == "accept":
            console.print(f"accepted: {rec.merged} merged into {rec.survivor} "
                          f"(verdict {rec.id})")
        else:
            console.print(f"rejected: {rec.a} and {rec.b} are two people; the pair will not "
                          f"be proposed again (verdict {rec.id})")
    finally:
        drv.close()
