"""Resolution: one extracted `NoticeRecord` in, graph rows out.

Notices write bodies relative to themselves (区委, 市政府, 应急局) and persons by
bare name; the graph needs bodies with canonical names under their place and
persons that are the same node across notices. This module makes those
decisions, purely (no database), so each rule can be tested on its own and the
loader only has to MERGE what it is given.

The abbreviation rules are data (`kg/data/canonical_bodies.tsv`,
`place_levels.tsv`, `national_bodies.tsv`); places come from the gazetteer
(`ingest.gazetteer`), used when present.

Every relationship row carries the notice's Document id and the sentence that
asserts it, so the loader can keep provenance uniform (see docs/MODEL.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Protocol

from ingest.records import Evidence, NoticeRecord, Person, Relation, Title
from kg import ids
from kg.dedupe import block, fingerprint
from kg.model import PREDICATE_TO_REL, RELS, label_for_prefix

#: Evidence of structural facts that come from the gazetteer, not from a sentence.
GAZETTEER_EVIDENCE = "gazetteer: GB/T 2260"
COUNTRY = "CN"
_LEVEL_GOV_ROLE = re.compile(r"^(?:常务)?副?(?P<level>[省市区县镇乡州旗盟])长$")


# --- rule data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BodyRule:
    abbreviation: str
    pattern: str  # with {P} for the place's full name
    kind: str
    parent: str  # abbreviation of the parent body, or ""


def _data_lines(name: str) -> list[list[str]]:
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


@lru_cache(maxsize=1)
def body_rules() -> dict[str, BodyRule]:
    rules = {}
    for cols in _data_lines("canonical_bodies.tsv"):
        cols += [""] * (4 - len(cols))
        rules[cols[0]] = BodyRule(cols[0], cols[1], cols[2], cols[3])
    return rules


@lru_cache(maxsize=1)
def level_endings() -> dict[str, tuple[str, ...]]:
    return {c[0]: tuple(c[1].split(",")) for c in _data_lines("place_levels.tsv")}


@lru_cache(maxsize=1)
def national_bodies() -> dict[str, tuple[str, str]]:
    return {c[0]: (c[1], c[2]) for c in _data_lines("national_bodies.tsv")}


def _longest_prefix(text: str, keys: Any) -> str | None:
    best = None
    for k in keys:
        if text.startswith(k) and (best is None or len(k) > len(best)):
            best = k
    return best


# --- the gazetteer -----------------------------------------------------------------------------


class Gazetteer(Protocol):
    def lookup(self, name: str, within: str | None = None) -> Any: ...
    def chain(self, code: str) -> list[Any]: ...


class _NoGazetteer:
    """Stands in while `ingest.gazetteer` is absent: no place is known."""

    def lookup(self, name: str, within: str | None = None) -> Any:
        return None

    def chain(self, code: str) -> list[Any]:
        return []


def default_gazetteer() -> Gazetteer:
    try:
        from ingest import gazetteer  # type: ignore[attr-defined]
    except ImportError:
        return _NoGazetteer()
    return gazetteer  # type: ignore[return-value]


@dataclass(frozen=True)
class Place:
    """A place as the resolver uses it; `code` is None when the gazetteer does not know it."""

    name: str
    code: str | None = None
    level: str | None = None
    short: str | None = None
    parent_code: str | None = None

    @property
    def node_id(self) -> str:
        return ids.locality_id(self.code, self.name, self.parent_code)

    @property
    def depth(self) -> int:
        """0 country … 4 township, from the code's shape (GB/T 2260: PPCCDD[TTT])."""
        if not self.code:
            return 5
        if len(self.code) > 6:
            return 4
        if self.code.endswith("0000"):
            return 1
        if self.code.endswith("00"):
            return 2
        return 3

    @property
    def anchor(self) -> str:
        """The place a person holding a post here is identified within: townships
        belong to their county's line."""
        if not self.code:
            return self.name
        return self.code[:6] if len(self.code) > 6 else self.code


def _place(obj: Any, fallback_name: str = "") -> Place | None:
    if obj is None:
        return None
    return Place(name=getattr(obj, "name", fallback_name) or fallback_name,
                 code=getattr(obj, "code", None), level=getattr(obj, "level", None),
                 short=getattr(obj, "short", None), parent_code=getattr(obj, "parent", None))


def _safe_lookup(gaz: Gazetteer, name: str, within: str | None) -> Any:
    try:
        return gaz.lookup(name, within)
    except TypeError:
        return gaz.lookup(name)


def _chain_of(gaz: Gazetteer, code: str) -> list[Place]:
    places = [p for p in (_place(x) for x in gaz.chain(code) or []) if p is not None]
    return sorted(places, key=lambda p: (p.depth, len(p.code or "")))


# --- output rows -----------------------------------------------------------------------------


@dataclass
class NodeRow:
    label: str
    id: str
    props: dict[str, Any]
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Cite:
    """One relationship row's evidence: the sentence as the notice wrote it (original
    characters) and, in the Document's stored text, the sentence's offsets and the
    mention's (-1: no position, as for gazetteer facts or title evidence). The loader
    appends each field to the relationship list of the same name (`EVIDENCE_LISTS`)."""

    sentence: str
    sentence_start: int = -1
    sentence_end: int = -1
    mention_start: int = -1
    mention_end: int = -1

    def values(self) -> tuple[str, int, int, int, int]:
        """The values for `kg.model.EVIDENCE_LISTS`, in that order."""
        return (self.sentence, self.sentence_start, self.sentence_end, self.mention_start,
                self.mention_end)


GAZETTEER_CITE = Cite(GAZETTEER_EVIDENCE)


@dataclass
class RelRow:
    type: str
    from_id: str
    to_id: str
    props: dict[str, Any]
    doc_id: str
    cite: Cite
    key: str = ""

    def __post_init__(self) -> None:
        self.key = self.key or ids.rel_key(self.type, self.from_id, self.to_id, self.props)

    @property
    def evidence(self) -> str:
        """The evidence sentence (what `r.evidence[i]` holds)."""
        return self.cite.sentence

    @property
    def from_label(self) -> str:
        return label_for_prefix(self.from_id)

    @property
    def to_label(self) -> str:
        return label_for_prefix(self.to_id)


@dataclass
class Resolved:
    """What one notice asserts, as rows ready to MERGE."""

    doc_id: str
    document: NodeRow
    nodes: dict[str, list[NodeRow]] = field(default_factory=dict)
    rels: dict[str, list[RelRow]] = field(default_factory=dict)

    @property
    def asserts(self) -> list[str]:
        return [f"{r.type}|{r.key}" for rows in self.rels.values() for r in rows]

    def node(self, node_id: str) -> NodeRow | None:
        for rows in self.nodes.values():
            for n in rows:
                if n.id == node_id:
                    return n
        return None

    def rel_rows(self, rel_type: str) -> list[RelRow]:
        return self.rels.get(rel_type, [])

    def remap(self, mapping: dict[str, str]) -> Resolved:
        """The same rows with node ids replaced through `mapping` (an accepted same-as
        merge sends a person's old id to the survivor; a meeting another notice already
        reported takes that meeting's id; a longer copy of a notice speaks for the
        Document that holds it). Keys are recomputed from the new endpoints, rows that
        become one are one, and the Document's `asserts` follow."""
        touched = [i for i in (self.doc_id, *self.node_ids) if mapping.get(i, i) != i]
        if not touched:
            return self  # nothing to rename: the rows as they are

        def m(node_id: str) -> str:
            return mapping.get(node_id, node_id)

        doc_id = m(self.doc_id)
        nodes: dict[str, list[NodeRow]] = {}
        for label, rows in self.nodes.items():
            merged: dict[str, NodeRow] = {}
            for n in rows:
                new_id = m(n.id)
                cur = merged.get(new_id)
                if cur is None:
                    merged[new_id] = NodeRow(n.label, new_id, dict(n.props), list(n.aliases))
                    continue
                _extend(cur.aliases, n.aliases)
                if "titles" in n.props:
                    _extend(cur.props.setdefault("titles", []), n.props["titles"])
            nodes[label] = list(merged.values())
        rels: dict[str, list[RelRow]] = {}
        for rel_type, rows in self.rels.items():
            seen: dict[str, RelRow] = {}
            for r in rows:
                row = RelRow(r.type, m(r.from_id), m(r.to_id), dict(r.props), m(r.doc_id), r.cite)
                seen.setdefault(row.key, row)
            rels[rel_type] = list(seen.values())
        doc = NodeRow("Document", doc_id, dict(self.document.props), list(self.document.aliases))
        out = Resolved(doc_id, doc, nodes, rels)
        doc.props["asserts"] = out.asserts
        return out

    @property
    def node_ids(self) -> set[str]:
        return {n.id for rows in self.nodes.values() for n in rows}


@dataclass
class Body:
    id: str
    name: str
    kind: str
    place: Place | None
    written: str
    parent: Body | None = None
    #: The body a compound starts with (应急局 of 应急局党委): later bare titles (局长) hold it.
    primary: Body | None = None


# --- the resolver ----------------------------------------------------------------------------


class _Resolver:
    def __init__(self, record: NoticeRecord, gaz: Gazetteer) -> None:
        self.r = record
        self.gaz = gaz
        self.doc_id = ids.document_id(record.source or record.doc)
        self.nodes: dict[str, NodeRow] = {}
        self.rels: dict[tuple[str, str], RelRow] = {}
        self.chain = self._jurisdiction_chain()
        self.date = record.event_date or record.date
        self.fallback = Cite(record.title or record.doc)

    # places
    def _jurisdiction_chain(self) -> list[Place]:
        r = self.r
        if r.jurisdiction_code:
            chain = _chain_of(self.gaz, r.jurisdiction_code)
            if chain:
                return chain
        places: list[Place] = []
        within = None
        for name in r.jurisdiction:
            p = _place(_safe_lookup(self.gaz, name, within), name)
            if p is None:
                p = Place(name=name, parent_code=within)
            elif p.code:
                # The full chain of a known place is better than the header's partial one.
                full = _chain_of(self.gaz, p.code)
                if full:
                    places = [q for q in places if q.code is None] + full
                    within = p.code
                    continue
            places.append(p)
            within = p.code or within
        return places

    def lookup_near(self, name: str) -> Place | None:
        """A place named in the notice: one of its own chain, else the nearest match within
        the chain's places (innermost first, since `within` means "inside of"), else anywhere."""
        for p in self.chain:
            if name in (p.name, p.short) and p.code:
                return p
        for p in reversed(self.chain):
            if p.code:
                hit = _place(_safe_lookup(self.gaz, name, p.code), name)
                if hit is not None:
                    return hit
        return _place(_safe_lookup(self.gaz, name, None), name)

    def gaz_get(self, code: str) -> Any:
        get = getattr(self.gaz, "get", None)
        return get(code) if get is not None else None

    @property
    def innermost(self) -> Place | None:
        return self.chain[-1] if self.chain else None

    def add_place(self, place: Place, alias: str = "", evidence: Cite | None = None) -> str:
        """The Locality node of a place, with its parent chain through PART_OF."""
        node = self.add_node("Locality", place.node_id, {"name": place.name, "code": place.code,
                                                          "level": place.level}, alias)
        if place.code:
            child = node.id
            for p in reversed(_chain_of(self.gaz, place.code)):
                pid = self.add_node("Locality", p.node_id,
                                    {"name": p.name, "code": p.code, "level": p.level}).id
                if child != pid:
                    self.add_rel("PART_OF", child, pid, {}, GAZETTEER_CITE)
                child = pid
        else:
            parent = self._parent_in_chain(place)
            if parent is not None:
                pid = self.add_place(parent)
                self.add_rel("PART_OF", node.id, pid, {}, evidence or self.fallback)
        return node.id

    def _parent_in_chain(self, place: Place) -> Place | None:
        for i, p in enumerate(self.chain):
            if p.name == place.name:
                return self.chain[i - 1] if i > 0 else None
        if place.parent_code:
            for p in self.chain:
                if p.code == place.parent_code:
                    return p
        return self.innermost if self.innermost and self.innermost.name != place.name else None

    def place_by_level(self, level_char: str) -> Place | None:
        endings = level_endings().get(level_char, ())
        for p in reversed(self.chain):
            if p.name.endswith(endings):
                return p
        return None

    def place_written(self, text: str) -> tuple[Place, str] | None:
        """A place written at the start of a body (忻州市应急管理局) and the rest."""
        for p in sorted(self.chain, key=lambda p: -len(p.name)):
            for form in (p.name, p.short):
                if form and len(form) >= 2 and text.startswith(form) and len(text) > len(form):
                    return p, text[len(form):]
        for end in range(len(text) - 1, 1, -1):
            prefix = text[:end]
            if prefix[-1] not in level_endings() and not _longest_prefix(text[end:], body_rules()):
                continue
            p = self.lookup_near(prefix)
            if p is not None and p.code:
                return p, text[end:]
        return None

    # bodies
    def resolve_body(self, written: str) -> Body | None:
        text = ids.normalise(written)
        if not text:
            return None
        nat = _longest_prefix(text, national_bodies())
        if nat:
            name, kind = national_bodies()[nat]
            body = Body(ids.organization_id(COUNTRY, name), name, kind, None, text)
            body.primary = body
            rest = text[len(nat):]
            return self._compound(body, rest, text) if rest else body
        place: Place | None = None
        rest = text
        found = self.place_written(text)
        if found:
            place, rest = found
        else:
            level = _longest_prefix(text, level_endings())
            if level and _longest_prefix(text[len(level):], body_rules()):
                place, rest = self.place_by_level(level), text[len(level):]
                if place is None:  # a level the notice's chain lacks: keep as written
                    return self._unknown_body(text, self.innermost)
            else:
                place = self.innermost
        key = _longest_prefix(rest, body_rules())
        if key is None:
            return self._unknown_body(text, place)
        rule = body_rules()[key]
        body = self._body_from_rule(rule, place, text)
        return self._compound(body, rest[len(key):], text)

    def _body_from_rule(self, rule: BodyRule, place: Place | None, written: str) -> Body:
        name = rule.pattern.replace("{P}", place.name if place else "")
        body = Body(ids.organization_id(self._scope(place), name), name, rule.kind, place, written)
        body.primary = body
        if rule.parent and rule.parent in body_rules():
            parent = self._body_from_rule(body_rules()[rule.parent], place, "")
            body.parent = parent
        return body

    def _compound(self, first: Body, rest: str, written: str) -> Body:
        body = first
        while rest:
            key = _longest_prefix(rest, body_rules())
            seg = key or rest
            kind = body_rules()[key].kind if key else "other"
            name = body.name + seg
            child = Body(ids.organization_id(self._scope(body.place), name), name, kind,
                         body.place, written, parent=body, primary=first)
            body = child
            rest = rest[len(seg):]
        if body is not first:
            first.written = ""
        return body

    def _unknown_body(self, text: str, place: Place | None) -> Body:
        body = Body(ids.organization_id(self._scope(place), text), text, "other", place, text)
        body.primary = body
        return body

    def _group(self, text: str) -> Body:
        """A counterparty that is a set of units (镇街, 成员单位代表), within the notice's place."""
        place = self.innermost
        name = ids.normalise(text)
        body = Body(ids.organization_id(self._scope(place), name), name, "group", place, text)
        body.primary = body
        return body

    def _scope(self, place: Place | None) -> str:
        if place is None:
            return "unknown"
        return place.code or place.name

    def add_body(self, body: Body, evidence: Cite) -> str:
        self.add_node("Organization", body.id, {"name": body.name, "kind": body.kind},
                      body.written)
        evidence = self.point(evidence, body.written)
        if body.place is not None:
            self.add_rel("IN", body.id, self.add_place(body.place), {}, evidence)
        if body.parent is not None:
            pid = self.add_body(body.parent, evidence)
            self.add_rel("PART_OF", body.id, pid, {}, evidence)
        return body.id

    # persons
    def title_body(self, title: Title, previous: Body | None) -> Body | None:
        if title.body:
            return self.resolve_body(title.body)
        role = title.role or title.text
        m = _LEVEL_GOV_ROLE.match(role)
        if m:
            # 副县长 with no body: the government of the notice's place of that level, or
            # of its innermost place when the chain has no such level.
            place = self.place_by_level(m.group("level")) or self.innermost
            return self._body_from_rule(body_rules()["政府"], place, "")
        if _longest_prefix(role, national_bodies()):
            return self.resolve_body(role)
        return previous.primary if previous is not None else None

    def person_anchor(self, bodies: list[Body | None]) -> str:
        candidates: list[tuple[int, str]] = []
        for body in bodies:
            if body is None:
                continue
            if body.place is None and body.id.startswith(ids.organization_id(COUNTRY, "")):
                candidates.append((0, COUNTRY))
            elif body.place is not None:
                candidates.append((min(body.place.depth, 3), body.place.anchor))
        if candidates:
            return max(candidates)[1]
        return self.default_anchor()

    def default_anchor(self) -> str:
        for p in self.chain:
            if p.code and p.depth == 2:
                return p.code
        for p in reversed(self.chain):
            if p.code:
                return p.anchor
        return self.innermost.name if self.innermost else "unknown"

    def add_person(self, person: Person) -> str:
        evidence = self.cite(person.evidence)
        bodies: list[Body | None] = []
        previous: Body | None = None
        for t in person.titles:
            body = self.title_body(t, previous)
            bodies.append(body)
            previous = body or previous
        pid = ids.person_id(self.person_anchor(bodies), person.name)
        node = self.add_node("Person", pid, {"name": person.name,
                                             "anchor": pid.split(":")[1]})
        _extend(node.props.setdefault("titles", []), [t.text for t in person.titles])
        for a in person.aliases:
            _extend(node.aliases, [a])
        for t, body in zip(person.titles, bodies, strict=True):
            if body is None:
                continue
            oid = self.add_body(body, evidence)
            self.add_rel("HOLDS", pid, oid, {"title": t.text, "role": t.role or t.text,
                                             "as_of": self.date}, evidence)
        self.add_rel("MENTIONS", self.doc_id, pid, {}, evidence)
        return pid

    # generic
    def add_node(self, label: str, node_id: str, props: dict[str, Any], alias: str = "") -> NodeRow:
        node = self.nodes.get(node_id)
        if node is None:
            node = self.nodes[node_id] = NodeRow(label, node_id, dict(props))
        if alias and alias != node.props.get("name"):
            _extend(node.aliases, [alias])
        return node

    def add_rel(self, rel_type: str, a: str, b: str, props: dict[str, Any],
                evidence: Cite | None) -> None:
        allowed = RELS[rel_type]
        if label_for_prefix(a) not in allowed.sources or label_for_prefix(b) not in allowed.targets:
            return
        row = RelRow(rel_type, a, b, props, self.doc_id, evidence or self.fallback)
        self.rels.setdefault((rel_type, row.key), row)

    # evidence
    def cite(self, ev: Evidence | None) -> Cite:
        """An extracted Evidence as the graph stores it: the sentence in the notice's own
        characters with its offsets (the stored text is the original, aligned with the
        Simplified one), or the title when the fact has no sentence."""
        if ev is None or not ev.sentence.strip():
            return self.fallback
        sentence = ev.original or ev.sentence
        if ev.end <= ev.start or self.stored_text[ev.start:ev.end] != sentence:
            return Cite(sentence.strip())  # offsets that do not slice the text are not kept
        return Cite(sentence, ev.start, ev.end, ev.mention_start, ev.mention_end)

    def point(self, cite: Cite, written: str) -> Cite:
        """The same sentence, its mention moved onto `written` (a body's or place's name as
        the notice wrote it) when the sentence holds it: a body's IN and PART_OF point at
        the body, not at the person whose title named it."""
        if cite.sentence_start < 0:
            return cite
        at = self.r.text.find(written, cite.sentence_start, cite.sentence_end) if written else -1
        if at < 0:
            return Cite(cite.sentence, cite.sentence_start, cite.sentence_end)
        return Cite(cite.sentence, cite.sentence_start, cite.sentence_end, at, at + len(written))

    @staticmethod
    def sentence_only(cite: Cite) -> Cite:
        """The sentence without a mention: for the facts a sentence implies about the
        notice itself (it reports a meeting, the meeting is in its place)."""
        return Cite(cite.sentence, cite.sentence_start, cite.sentence_end)

    @property
    def stored_text(self) -> str:
        return self.r.original_text or self.r.text

    # events
    def meeting(self, evidence: Cite) -> str:
        mid = ids.meeting_id(self.doc_id, 1)
        title = self.r.event_title or self.r.title or self.r.doc
        self.add_node("Meeting", mid, {"name": title, "title": title, "date": self.date})
        evidence = self.sentence_only(evidence)
        self.add_rel("REPORTS", self.doc_id, mid, {}, evidence)
        if self.innermost is not None:
            self.add_rel("IN", mid, self.add_place(self.innermost), {}, evidence)
        return mid

    def relation(self, rel: Relation, persons: dict[str, str]) -> None:
        evidence = self.cite(rel.evidence)
        rel_type = PREDICATE_TO_REL.get(rel.p)
        if rel_type is None:
            return
        if rel.s_kind == "person":
            subject = persons.get(rel.s) or self.add_person(Person(name=rel.s))
            persons[rel.s] = subject
        else:
            body = self.resolve_body(rel.s) or self._group(rel.s)
            subject = self.add_body(body, evidence)
        date = rel.date or self.date
        if rel_type in ("CHAIRED", "SPOKE_AT", "ATTENDED"):
            self.add_rel(rel_type, subject, self.meeting(evidence), {}, evidence)
        elif rel_type == "READ_OUT" and rel.o:
            did = ids.directive_id(rel.o)
            self.add_node("Directive", did, {"name": ids.normalise(rel.o)})
            self.add_rel("MENTIONS", self.doc_id, did, {}, evidence)
            self.add_rel("READ_OUT", subject, did, {"date": date}, evidence)
        elif rel_type == "SIGNED":
            letter = rel.o or "责任书"
            lid = ids.letter_id(self.doc_id, letter)
            self.add_node("ResponsibilityLetter", lid, {"name": ids.normalise(letter),
                                                        "date": date})
            self.add_rel("SIGNED", subject, lid, {"on_behalf_of": self.on_behalf_of(rel, subject),
                                                  "date": date}, evidence)
            for w in rel.with_:
                body = self._counterparty(w)
                self.add_rel("WITH", lid, self.add_body(body, evidence), {}, evidence)
        elif rel_type == "INSPECTED" and rel.o:
            self.add_rel("INSPECTED", subject, self.inspected_target(rel.o, evidence),
                         {"date": date}, evidence)

    def _counterparty(self, text: str) -> Body:
        body = self.resolve_body(text)
        if body is None or body.kind == "other":
            return self._group(text)
        return body

    def on_behalf_of(self, rel: Relation, subject: str) -> str | None:
        """The resolved body the signer acted for: as written, or else the body of the
        signer's government post (a 市长 signs for the 市人民政府), else their first post."""
        if rel.on_behalf_of:
            body = self.resolve_body(rel.on_behalf_of)
            return body.name if body else rel.on_behalf_of
        if label_for_prefix(subject) != "Person":
            return self.nodes[subject].props.get("name")
        holds = [r for (t, _), r in self.rels.items() if t == "HOLDS" and r.from_id == subject]
        names = [(self.nodes[r.to_id].props.get("kind"), self.nodes[r.to_id].props["name"])
                 for r in holds]
        for kind, name in names:
            if kind == "government":
                return name
        return names[0][1] if names else None

    def inspected_target(self, site: str, evidence: Cite) -> str:
        place = self.lookup_near(site)
        if place is not None and place.code:
            return self.add_place(place, alias=site, evidence=self.point(evidence, site))
        sid = ids.site_id(self._scope(self.innermost), site)
        self.add_node("Site", sid, {"name": ids.normalise(site)})
        if self.innermost is not None:
            self.add_rel("IN", sid, self.add_place(self.innermost), {}, evidence)
        return sid

    def run(self) -> Resolved:
        r = self.r
        title_evidence = self.fallback
        if self.innermost is not None:
            self.add_rel("ABOUT", self.doc_id, self.add_place(self.innermost), {}, title_evidence)
        persons: dict[str, str] = {}
        for p in r.persons:
            pid = self.add_person(p)
            for name in [p.name, *p.aliases]:
                persons.setdefault(name, pid)
        for m in r.localities:
            found = self.lookup_near(m.text)
            if m.code and (found is None or found.code != m.code):
                found = _place(self.gaz_get(m.code), m.text) or Place(name=m.text, code=m.code)
            within = self.innermost.code if self.innermost else None
            place = found or Place(name=ids.normalise(m.text), parent_code=within)
            ev = self.cite(m.evidence)
            self.add_rel("MENTIONS", self.doc_id, self.add_place(place, m.text, ev), {}, ev)
        for m in r.organizations:
            ev = self.cite(m.evidence)
            body = self.resolve_body(m.text)
            if body is not None:
                self.add_rel("MENTIONS", self.doc_id, self.add_body(body, ev), {}, ev)
        for m in r.documents:
            ev = self.cite(m.evidence)
            did = ids.directive_id(m.text)
            self.add_node("Directive", did, {"name": ids.normalise(m.text)})
            self.add_rel("MENTIONS", self.doc_id, did, {}, ev)
        for m in r.principles:
            ev = self.cite(m.evidence)
            pid = ids.principle_id(m.text)
            self.add_node("Principle", pid, {"name": ids.normalise(m.text)})
            self.add_rel("INVOKES", self.doc_id, pid, {}, ev)
        for rel in r.relations:
            self.relation(rel, persons)
        return self._result()

    def _result(self) -> Resolved:
        r = self.r
        nodes: dict[str, list[NodeRow]] = {}
        for n in self.nodes.values():
            nodes.setdefault(n.label, []).append(n)
        rels: dict[str, list[RelRow]] = {}
        for row in self.rels.values():
            rels.setdefault(row.type, []).append(row)
        place = self.innermost
        fp = fingerprint(r.text, block(self.date, (place.code or place.name) if place else ""))
        doc = NodeRow("Document", self.doc_id, {
            "name": r.doc, "source": ids.canonical_source(r.source or r.doc), "title": r.title,
            "date": r.date, "publisher": r.publisher, "jurisdiction": list(r.jurisdiction),
            "text": self.stored_text, "content_hash": ids.content_hash(self.stored_text),
            "complete": True, "minhash": list(fp.hashvalues), "shingles": fp.size,
            "repost_block": fp.block,
        })
        out = Resolved(self.doc_id, doc, nodes, rels)
        doc.props["asserts"] = out.asserts
        return out




def _extend(target: list[str], items: list[str]) -> None:
    for x in items:
        if x and x not in target:
            target.append(x)


def resolve(record: NoticeRecord, gazetteer: Gazetteer | None = None) -> Resolved:
    """Resolve one notice's record against its jurisdiction and the gazetteer."""
    return _Resolver(record, gazetteer or default_gazetteer()).run()
