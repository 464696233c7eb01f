"""spaCy pipeline components, registered by factory and assembled from
`ingest/config.cfg`.

Each component does one thing to a `Doc` and leaves its result in a `Doc._`
extension (and, for inspection, as spans in `doc.spans`): officials with their
titles, names no title announces (a statistical recogniser), later mentions,
places, bodies, documents and slogans, and finally the events that tie them
together. The rules themselves live in `ingest.rules`, on plain strings.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ingest import rules
from ingest.lexicon import load

_EXTENSIONS = ("kg_meta", "kg_mentions", "kg_persons", "kg_places", "kg_orgs", "kg_documents",
               "kg_principles", "kg_facts")
for _name in _EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _spans(doc: Doc, key: str, items: list[tuple[int, int, str]]) -> None:
    """Keep results visible as doc.spans[key] (aligned outward to tokens)."""
    spans = []
    for s, e, label in items:
        span = doc.char_span(s, e, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[key] = spans


def _text(doc: Doc) -> str:
    """_text(doc) rebuilds the string from its tokens on every call; keep it once."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def _persons(doc: Doc) -> dict[str, dict[str, Any]]:
    if doc._.kg_persons is None:
        doc._.kg_persons = {}
    return doc._.kg_persons


def _add_person(doc: Doc, mention: rules.PersonMention) -> None:
    persons = _persons(doc)
    entry = persons.setdefault(mention.name, {"titles": [], "first": mention.start, "kind": mention.kind,
                                              "aliases": []})
    for t in mention.titles:
        if t.text not in [x.text for x in entry["titles"]]:
            entry["titles"].append(t)
    if mention.alias and mention.alias not in entry["aliases"]:
        entry["aliases"].append(mention.alias)


class Officials:
    """Names announced by post titles (before, after or around the name, stacked
    with 、, shared over lists), bylines and credits, and untitled attendee lists."""

    def __call__(self, doc: Doc) -> Doc:
        lex = load()
        text = _text(doc)
        places = [(s, e) for s, e, _, _ in doc._.kg_places or []]
        mentions = rules.find_titled_persons(text, lex, places)
        taken = [(m.start, m.end) for m in mentions]
        for m in rules.find_credits(text, lex):
            if not any(m.start < e and s < m.end for s, e in taken):
                mentions.append(m)
                taken.append((m.start, m.end))
        known = {m.name for m in mentions}
        for m in rules.find_listed_persons(text, lex, known):
            if not any(m.start < e and s < m.end for s, e in taken):
                mentions.append(m)
                taken.append((m.start, m.end))
        doc._.kg_mentions = sorted(mentions, key=lambda m: m.start)
        for m in doc._.kg_mentions:
            _add_person(doc, m)
        _spans(doc, "officials", [(m.start, m.end, "PERSON") for m in mentions])
        return doc


class PersonRecogniser:
    """Names that no title announces (a leader's instruction, 某某同志), from
    Baidu LAC (`ingest.ner`). LAC reads only a short window before each cue word
    (指示, 批示, 同志… in data/cues.txt), never the whole text: it is ten times
    slower than the rules. A name LAC proposes is kept when it starts with a
    surname (or is a ·-joined minority name) and is not part of a known name."""

    def __init__(self, enabled: bool = True, window: int = 30) -> None:
        self.enabled = enabled
        self.window = window

    def __call__(self, doc: Doc) -> Doc:
        if not self.enabled:
            return doc
        from ingest import ner

        lex = load()
        text = _text(doc)
        persons = _persons(doc)
        mentions = list(doc._.kg_mentions or [])
        added: list[rules.PersonMention] = []
        windows = [(ws, we) for ws, we in dict.fromkeys(_windows(text, self.window))
                   if not any(ws <= m.name_start < we for m in mentions)
                   and _may_name_a_person(text[ws:we])]
        # one model call for all windows: they are joined with a sentence break
        # and the offsets mapped back, since each call has a fixed cost
        joined, offsets = "", []
        for ws, we in windows:
            offsets.append((len(joined), ws, we))
            joined += text[ws:we] + "。"
        for js, je, name in ner.persons(joined) if joined else []:
            base = next(((o, ws) for o, ws, we in offsets if o <= js < o + (we - ws)), None)
            if base is None:
                continue
            s, e = js - base[0] + base[1], je - base[0] + base[1]
            if name in persons or not rules._plausible_name(name, lex):
                continue
            if any(name in n or n in name for n in persons):
                continue
            if any(s < m.end and m.start < e for m in mentions):
                continue
            m = rules.PersonMention(s, e, name, s, [], "ner")
            mentions.append(m)
            added.append(m)
            _add_person(doc, m)
        doc._.kg_mentions = sorted(mentions, key=lambda m: m.start)
        _spans(doc, "person_ner", [(m.start, m.end, "PERSON") for m in added])
        return doc


def _may_name_a_person(window: str) -> bool:
    """jieba's part-of-speech tags (rjieba, ~10 M characters/s) as a cheap first
    look: a window where it sees no personal name (nr*) is not worth the model."""
    import rjieba

    return any(tag.startswith("nr") for _, tag in rjieba.tag(window))


def _windows(text: str, width: int) -> list[tuple[int, int]]:
    """A window of `width` characters ending at each cue word, within its sentence."""
    spans: list[tuple[int, int]] = []
    for m in rules.cue_re().finditer(text):
        start = max(0, m.start() - width)
        cut = max(text.rfind(c, start, m.start()) for c in "。；;\n")
        start = max(start, cut + 1)
        spans.append((start, m.end()))
    return spans


class LaterMentions:
    """Bare names, truncated names and surname + role of persons already found;
    they point at the introduced person and never create a new one."""

    def __call__(self, doc: Doc) -> Doc:
        lex = load()
        persons = {n: v["titles"] for n, v in _persons(doc).items()}
        mentions = list(doc._.kg_mentions or [])
        taken = [(m.name_start, m.end) for m in mentions]
        later = rules.find_later_mentions(_text(doc), persons, taken, lex)
        for m in later:
            if m.alias:
                _add_person(doc, m)
        doc._.kg_mentions = sorted(mentions + later, key=lambda m: m.start)
        _spans(doc, "later_mentions", [(m.start, m.end, "PERSON") for m in later])
        return doc


class Places:
    """Administrative places (GB/T 2260) and named zones, from the gazetteer."""

    def __call__(self, doc: Doc) -> Doc:
        from ingest import gazetteer

        found = []
        for s, e, name, place in gazetteer.find(_text(doc)):
            found.append((s, e, name, getattr(place, "code", None)))
        doc._.kg_places = found
        _spans(doc, "places", [(s, e, "GPE") for s, e, _, _ in found])
        return doc


class Bodies:
    """Bodies named as actors, participants or targets (区纪委, 国务院, 管委会),
    outside any person's title."""

    def __call__(self, doc: Doc) -> Doc:
        lex = load()
        excluded = [(m.start, m.name_start) for m in doc._.kg_mentions or [] if m.titles]
        places = [(s, e) for s, e, _, _ in doc._.kg_places or []]
        orgs = rules.find_organizations(_text(doc), excluded, lex, places)
        doc._.kg_orgs = orgs
        _spans(doc, "bodies", [(s, e, "ORG") for s, e, _ in orgs])
        return doc


class Documents:
    """Document titles (《…》, 关于…的通报 after 宣读/印发/学习) and slogans (党政同责…)."""

    def __call__(self, doc: Doc) -> Doc:
        docs = rules.find_documents(_text(doc))
        doc._.kg_documents = docs
        doc._.kg_principles = rules.find_principles(_text(doc), load())
        _spans(doc, "documents", [(s, e, "WORK_OF_ART") for s, e, _ in docs])
        return doc


class Events:
    """Who chaired, spoke at, attended, read out, signed and inspected."""

    def __call__(self, doc: Doc) -> Doc:
        persons = {n: v["titles"] for n, v in _persons(doc).items()}
        doc._.kg_facts = rules.find_facts(_text(doc), doc._.kg_mentions or [], persons,
                                          doc._.kg_documents or [], load())
        return doc


@Language.factory("kg_officials")
def make_officials(nlp: Language, name: str) -> Officials:
    return Officials()


@Language.factory("kg_person_ner", default_config={"enabled": True, "window": 30})
def make_person_ner(nlp: Language, name: str, enabled: bool, window: int) -> PersonRecogniser:
    return PersonRecogniser(enabled=enabled, window=window)


@Language.factory("kg_later_mentions")
def make_later_mentions(nlp: Language, name: str) -> LaterMentions:
    return LaterMentions()


@Language.factory("kg_places")
def make_places(nlp: Language, name: str) -> Places:
    return Places()


@Language.factory("kg_bodies")
def make_bodies(nlp: Language, name: str) -> Bodies:
    return Bodies()


@Language.factory("kg_documents")
def make_documents(nlp: Language, name: str) -> Documents:
    return Documents()


@Language.factory("kg_events")
def make_events(nlp: Language, name: str) -> Events:
    return Events()
