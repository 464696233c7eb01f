"""A notice read with its facts: the cleaned text with every fact the notice asserted
marked in place, and the list of those facts beside it.

Where the marks come from: every relationship a notice asserted carries, for that
notice, the sentence the extraction took it from and where it stands
(`kg.model.EVIDENCE_LISTS`, aligned with `sources`: `evidence[i]` is the sentence
in the notice's own characters, `text[sentence_start[i]:sentence_end[i]]` in the
Document's stored text, and `mention_start/end[i]` the mention, the person's name
or the body or place the fact is about). The sentence is highlighted and the
mention marked at those offsets, so a sentence written twice in a notice is marked
where the fact was read, and a Traditional notice is quoted and marked in its own
characters. Inside the sentence the other words of the fact are then looked up:
the other end's name (or an alias), the post title of a HOLDS, and the verb of an
event (主持, 出席, 宣读, 签订, 检查…, the verbs of ingest/data/verbs.tsv). Names in the
graph are Simplified, so they are looked up in a Simplified shadow of the text
(`ingest.clean.to_simplified`, which keeps every line's length), and the mark
falls on the original characters at the same offsets.

Fallback, for graphs loaded before offsets existed and for evidence without a
position (-1: gazetteer facts, a sentence taken from the title): the sentence is
searched in the text (its first occurrence) and the mention by name, as before.
Offsets that do not slice back to the stored sentence (a Document whose text
changed under old relationships) are not trusted either and take the fallback.

One colour per kind, the legend's colours of kg/model.py; a mark links to its
entity in the explorer.

Everything from the graph is escaped with `html.escape` on the way into the page;
labels and colours come from kg.model.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from neo4j import RoutingControl

from ingest.clean import has_traditional, to_simplified
from kg.model import EVIDENCE_LISTS, NODES, REL_NAMES

VERBS_FILE = Path(__file__).resolve().parent.parent / "ingest" / "data" / "verbs.tsv"

#: Relationship type → the predicates of verbs.tsv whose verbs mark its event.
EVENT_PREDICATES = {"CHAIRED": ("chaired",), "SPOKE_AT": ("spoke",), "ATTENDED": ("attended",),
                    "READ_OUT": ("read_out",), "SIGNED": ("signed_letter",),
                    "INSPECTED": ("inspected",)}
#: Verbs the data file may not list for every phrasing (the longest match wins anyway).
EXTRA_VERBS = {"READ_OUT": ("宣读",), "SIGNED": ("签订", "签署", "递交", "颁发"),
               "INSPECTED": ("检查", "督导", "调研")}

#: Mark kinds: the labels of the model, plus a post title and an event verb.
TITLE, EVENT = "Title", "Event"
KIND_COLORS: dict[str, str] = {
    **{n.label: n.color for n in NODES.values() if n.label not in ("Document", "Meeting")},
    TITLE: "#c08bd8",
    EVENT: NODES["Meeting"].color,
}
KIND_NAMES = {TITLE: "post title", EVENT: "event verb", "ResponsibilityLetter": "letter"}


@lru_cache(maxsize=1)
def verbs() -> dict[str, tuple[str, ...]]:
    """predicate → verbs, longest first."""
    out: dict[str, list[str]] = {}
    for line in VERBS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1].strip():
            out.setdefault(parts[0].strip(), []).append(parts[1].strip())
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def event_verbs(rel_type: str) -> tuple[str, ...]:
    found = [v for p in EVENT_PREDICATES.get(rel_type, ()) for v in verbs().get(p, ())]
    found += EXTRA_VERBS.get(rel_type, ())
    return tuple(sorted(set(found), key=len, reverse=True))


DOC_CYPHER = """
MATCH (d:Document {id: $id})
OPTIONAL MATCH (d)-[:ABOUT]->(l:Locality)
RETURN d.title AS title, d.name AS name, d.date AS date, d.source AS source,
       coalesce(d.sources, []) AS sources, d.text AS text,
       d.publisher AS publisher, coalesce(d.asserts, []) AS asserts, l.id AS place_id,
       l.name AS place
"""


def facts_cypher(types: list[str]) -> str:
    """One statement over the types the notice asserted (types from kg.model only)."""
    parts = []
    for t in types:
        if t not in REL_NAMES:
            raise ValueError(f"not a relationship type of the model: {t!r}")
        parts.append(
            f"MATCH (a)-[r:`{t}`]->(b) WHERE r.key IN $keys['{t}'] "
            f"RETURN '{t}' AS type, r.key AS key, properties(r) AS props, "
            "a {.id, .name, .title, .aliases, labels: labels(a)} AS a, "
            "b {.id, .name, .title, .aliases, labels: labels(b)} AS b")
    return " UNION ALL ".join(parts)


@dataclass
class Mark:
    start: int
    end: int
    kind: str
    entity: str
    name: str
    facts: set[str] = field(default_factory=set)


@dataclass
class Fact:
    key: str
    type: str
    a: dict[str, Any]
    b: dict[str, Any]
    props: dict[str, Any]
    sentence: str
    start: int | None
    end: int | None
    #: "offsets" (placed by the evidence's offsets), "search" (by looking the sentence
    #: up) or "" (not found in the text)
    placed: str = ""


@dataclass
class NoticeFacts:
    doc_id: str
    title: str
    meta: list[str]
    place: tuple[str, str] | None
    text: str
    facts: list[Fact]
    marks: list[Mark]
    source: str = ""
    #: where else the notice was found (reposts, kg.dedupe), besides `source`
    also: list[str] = field(default_factory=list)


def _label(node: dict[str, Any]) -> str:
    return next((lb for lb in node.get("labels") or [] if lb in NODES), "")


def _names(node: dict[str, Any]) -> list[str]:
    names = [node.get("name") or "", *(node.get("aliases") or [])]
    return sorted({n for n in names if n and len(n) >= 2}, key=len, reverse=True)


def _find(text: str, start: int, end: int, words: list[str] | tuple[str, ...]) -> tuple[int, int] | None:
    """The first, longest of `words` in text[start:end]."""
    best: tuple[int, int] | None = None
    for w in words:
        if not w:
            continue
        i = text.find(w, start, end)
        if i >= 0 and (best is None or i < best[0] or (i == best[0] and i + len(w) > best[1])):
            best = (i, i + len(w))
    return best


def locate(text: str, sentence: str, cache: dict[str, tuple[int, int] | None]) -> tuple[int, int] | None:
    """Where the evidence sentence stands in the notice's text (first occurrence)."""
    if sentence not in cache:
        s = sentence.strip()
        i = text.find(s) if s else -1
        cache[sentence] = (i, i + len(s)) if i >= 0 else None
    return cache[sentence]


def shadow(text: str) -> str:
    """The text in Simplified characters, offset for offset (what names are looked up in)."""
    if not has_traditional(text):
        return text
    return "\n".join(to_simplified(line) for line in text.split("\n"))


def _position(lists: dict[str, list[Any]], i: int, start: str, end: str,
              size: int) -> tuple[int, int] | None:
    """(start, end) of list entry `i` when both are offsets inside a text of `size`."""
    try:
        s, e = lists[start][i], lists[end][i]
    except (KeyError, IndexError, TypeError):
        return None
    if not isinstance(s, int) or not isinstance(e, int) or s < 0 or e < s or e > size:
        return None
    return (s, e)


def evidence_span(text: str, lists: dict[str, list[Any]], i: int, sentence: str
                  ) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The sentence's and the mention's spans from the offsets of evidence entry `i`,
    each None where there is no trustworthy offset (see the module docstring)."""
    pos = _position(lists, i, "sentence_start", "sentence_end", len(text))
    if pos is not None and sentence and text[pos[0]:pos[1]] != sentence.strip():
        pos = None
    if pos is None:
        return None, None
    mention = _position(lists, i, "mention_start", "mention_end", len(text))
    if mention is not None and (mention[0] == mention[1] or mention[0] < pos[0]
                                or mention[1] > pos[1]):
        mention = None
    return pos, mention


def _mentioned(a: dict[str, Any], b: dict[str, Any], written: str) -> dict[str, Any] | None:
    """Which end of a fact the mention names: the one whose name or alias it is, else
    the subject (the person or body acting), else the object (what a notice MENTIONS)."""
    ends = [n for n in (a, b) if _label(n) not in ("Document", "Meeting", "")]
    for n in ends:
        if written in _names(n) or written == n.get("name"):
            return n
    return ends[0] if ends else None


def build(doc: dict[str, Any], doc_id: str, rows: list[dict[str, Any]]) -> NoticeFacts:
    """The marks and the facts of one notice from its Document row and its facts' rows."""
    text = doc.get("text") or ""
    simple = shadow(text)
    cache: dict[str, tuple[int, int] | None] = {}
    marks: dict[tuple[int, int], Mark] = {}
    facts: list[Fact] = []

    def add(span: tuple[int, int] | None, kind: str, node: dict[str, Any], key: str) -> None:
        if span is None or not node.get("id"):
            return
        m = marks.get(span)
        if m is None:
            m = marks[span] = Mark(span[0], span[1], kind, node["id"],
                                   node.get("title") or node.get("name") or node["id"])
        m.facts.add(key)

    for r in rows:
        props = dict(r["props"] or {})
        sources = list(props.pop("sources", None) or [])
        lists = {name: list(props.pop(name, None) or []) for name in EVIDENCE_LISTS}
        evidence = lists["evidence"]
        props.pop("key", None)
        i = sources.index(doc_id) if doc_id in sources else -1
        sentence = evidence[i] if 0 <= i < len(evidence) else ""
        pos, mention = evidence_span(text, lists, i, sentence) if i >= 0 else (None, None)
        placed = "offsets" if pos is not None else ""
        if pos is None and sentence:
            pos = locate(text, sentence, cache)
            placed = "search" if pos is not None else ""
        facts.append(Fact(r["key"], r["type"], r["a"], r["b"], props, sentence,
                          pos[0] if pos else None, pos[1] if pos else None, placed))
        if pos is None:
            continue
        s0, s1 = pos
        named = _mentioned(r["a"], r["b"], simple[mention[0]:mention[1]]) if mention else None
        if named is not None and mention is not None:
            add(mention, _label(named), named, r["key"])
        for node in (r["a"], r["b"]):
            label = _label(node)
            if label in ("Document", "Meeting", "") or node is named:
                continue
            add(_find(simple, s0, s1, _names(node)), label, node, r["key"])
        if r["type"] == "HOLDS" and props.get("title"):
            add(_find(simple, s0, s1, [props["title"]]), TITLE, r["b"], r["key"])
        if r["type"] in EVENT_PREDICATES:
            after = mention if named is r["a"] and mention else _find(simple, s0, s1,
                                                                      _names(r["a"]))
            start = after[1] if after else s0
            span = _find(simple, start, s1, event_verbs(r["type"])) or _find(
                simple, s0, s1, event_verbs(r["type"]))
            add(span, EVENT, r["b"], r["key"])

    chosen: list[Mark] = []
    for m in sorted(marks.values(), key=lambda m: (m.start, -(m.end - m.start))):
        if not chosen or m.start >= chosen[-1].end:
            chosen.append(m)
    facts.sort(key=lambda f: (f.start is None, f.start or 0, f.type))
    meta = [str(x) for x in (doc.get("date"), doc.get("publisher")) if x]
    place = (doc["place_id"], doc["place"]) if doc.get("place_id") else None
    return NoticeFacts(doc_id, doc.get("title") or doc.get("name") or doc_id, meta, place, text,
                       facts, chosen, str(doc.get("source") or ""),
                       [str(x) for x in doc.get("sources") or [] if x and x != doc.get("source")])


def load(driver: Any, database: str, doc_id: str) -> NoticeFacts | None:
    # reads go to a reader of a cluster (neo4j:// or neo4j+s://, docs/SCALE.md)
    rows, _, _ = driver.execute_query(DOC_CYPHER, id=doc_id, database_=database,
                                      routing_=RoutingControl.READ)
    if not rows:
        return None
    doc = dict(rows[0])
    keys: dict[str, list[str]] = {}
    for item in doc["asserts"]:
        t, _, key = str(item).partition("|")
        if t in REL_NAMES and key:
            keys.setdefault(t, []).append(key)
    facts: list[dict[str, Any]] = []
    if keys:
        records, _, _ = driver.execute_query(facts_cypher(sorted(keys)), keys=keys,
                                             database_=database, routing_=RoutingControl.READ)
        facts = [dict(r) for r in records]
    return build(doc, doc_id, facts)


# --- the page ------------------------------------------------------------------------------


def entity_href(entity_id: str) -> str:
    return "/?entity=" + quote(entity_id, safe="")


def _span_name(node: dict[str, Any]) -> str:
    return node.get("title") or node.get("name") or node.get("id") or ""


def render_text(nf: NoticeFacts, hl: tuple[int, int] | None, active: set[str]) -> str:
    """The text as paragraphs, marks as links, the highlighted sentence in <mark id=hl>."""
    e = html.escape
    out: list[str] = []
    pos = 0
    marks = nf.marks
    first_hl = True
    for line in nf.text.split("\n"):
        ls, le = pos, pos + len(line)
        pos = le + 1
        if not line.strip():
            continue
        hs, he = (max(hl[0], ls), min(hl[1], le)) if hl else (0, 0)
        if hs >= he:
            hs = he = -1
        inside = [m for m in marks if ls <= m.start and m.end <= le
                  and not (m.start < hs < m.end or m.start < he < m.end)]
        parts: list[str] = []
        bounds = sorted({ls, le, *(b for m in inside for b in (m.start, m.end)),
                         *((hs, he) if hs >= 0 else ())})
        open_mark: Mark | None = None
        for a, b in zip(bounds, bounds[1:], strict=False):
            if a == hs:
                where = f' data-start="{hl[0]}" data-end="{hl[1]}"' if hl else ""
                parts.append(f'<mark id="hl" class="hl"{where}>' if first_hl
                             else '<mark class="hl">')
                first_hl = False
            m = next((m for m in inside if m.start == a), None)
            if m is not None:
                open_mark = m
                on = " on" if m.facts & active else ""
                title = f"{KIND_NAMES.get(m.kind, m.kind)} · {m.name}"
                parts.append(f'<a class="mk k-{e(m.kind)}{on}" href="{e(entity_href(m.entity))}" '
                             f'data-id="{e(m.entity)}" data-kind="{e(m.kind)}" '
                             f'data-start="{m.start}" data-end="{m.end}" '
                             f'data-facts="{e(" ".join(sorted(m.facts)))}" title="{e(title)}">')
            parts.append(e(nf.text[a:b]))
            if open_mark is not None and b == open_mark.end:
                parts.append("</a>")
                open_mark = None
            if b == he:
                parts.append("</mark>")
        out.append("<p>" + "".join(parts) + "</p>")
    return "".join(out)


def render_facts(nf: NoticeFacts, doc_id: str, active: set[str]) -> str:
    e = html.escape
    rows = []
    for f in nf.facts:
        if f.type in ("MENTIONS", "ABOUT", "REPORTS", "INVOKES", "IN", "PART_OF"):
            continue
        extra = ", ".join(f"{k}: {v}" for k, v in f.props.items()
                          if k in ("title", "as_of", "on_behalf_of", "date") and v)
        link = f"/notices/{quote(doc_id, safe='')}?fact={quote(f.key, safe='')}"
        on = " on" if f.key in active else ""
        placed = "" if f.start is not None else ' <span class="muted">(sentence not found)</span>'
        rows.append(
            f'<li class="fact{on}" data-key="{e(f.key)}" data-placed="{e(f.placed)}">'
            f'<span class="ftype">{e(f.type)}</span> '
            f'<a href="{e(entity_href(f.a.get("id", "")))}">{e(_span_name(f.a))}</a> → '
            f'<a href="{e(entity_href(f.b.get("id", "")))}">{e(_span_name(f.b))}</a>'
            + (f' <span class="muted">({e(extra)})</span>' if extra else "")
            + f' <a class="sentence-link" href="{e(link)}">sentence</a>{placed}</li>')
    mentions = sorted({(_label(f.b), _span_name(f.b), f.b.get("id", "")) for f in nf.facts
                       if f.type in ("MENTIONS", "INVOKES", "ABOUT")})
    names = "".join(f'<li><span class="swatch-inline k-{e(lb)}"></span><a href="{e(entity_href(i))}">'
                    f'{e(n)}</a> <span class="muted">{e(lb)}</span></li>' for lb, n, i in mentions)
    return (f'<h2>Facts · {len(rows)}</h2><ul id="facts">{"".join(rows)}</ul>'
            f'<h2>Named · {len(mentions)}</h2><ul id="named">{names}</ul>')


def legend_html() -> str:
    e = html.escape
    return "".join(f'<span class="lg"><span class="swatch-inline k-{e(k)}"></span>'
                   f'{e(KIND_NAMES.get(k, k))}</span>' for k in KIND_COLORS)


def kind_css() -> str:
    return "".join(f".k-{k}{{--c:{c}}}" for k, c in KIND_COLORS.items())


def source_html(source: str) -> str:
    """The notice's source: a link when it is an http(s) URL a user can follow (checked
    again here: the graph may hold what an older loader stored), else plain text."""
    from ingest.read import clean_url

    e = html.escape
    url = clean_url(source)
    if url is None:
        return e(source)
    return f'<a class="source" href="{e(url)}" rel="noopener noreferrer nofollow">{e(url)}</a>'


def page(nf: NoticeFacts, fact: str | None, hl_text: str | None) -> str:
    e = html.escape
    active: set[str] = set()
    hl: tuple[int, int] | None = None
    if fact:
        f = next((f for f in nf.facts if f.key == fact), None)
        if f is not None:
            active = {f.key}
            if f.start is not None and f.end is not None:
                hl = (f.start, f.end)
    if hl is None and hl_text and hl_text.strip():
        i = nf.text.find(hl_text.strip())
        if i < 0:  # a Simplified quote of a Traditional notice
            i = shadow(nf.text).find(shadow(hl_text.strip()))
        if i >= 0:
            hl = (i, i + len(hl_text.strip()))
    meta = " · ".join([*(e(x) for x in nf.meta), *([source_html(nf.source)] if nf.source else [])])
    if nf.also:
        meta += '<br><span class="muted">also at</span> ' + " · ".join(source_html(x) for x in nf.also)
    place = (f' · <a href="{e(entity_href(nf.place[0]))}">{e(nf.place[1])}</a>'
             if nf.place else "")
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{e(nf.title)}</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/app.css"><style>{kind_css()}</style></head>
<body class="notice reading" data-marks="{len(nf.marks)}"><nav class="back"><a href="/">← explorer</a></nav>
<h1>{e(nf.title)}</h1><div class="meta">{meta}{place}<br>{e(nf.doc_id)}</div>
<div class="legend-row">{legend_html()}</div>
<div class="reading-grid"><article id="text">{render_text(nf, hl, active)}</article>
<aside id="notice-facts">{render_facts(nf, nf.doc_id, active)}</aside></div>
<script src="/static/notice.js"></script>
</body></html>"""
