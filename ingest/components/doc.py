"""What the components keep on a spaCy `Doc`: the `Doc._.kg_*` extensions,
the text (built once), the persons found so far, and spans for inspection."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from ingest.components.shared import PersonMention

_EXTENSIONS = ("kg_meta", "kg_mentions", "kg_persons", "kg_places", "kg_orgs", "kg_documents",
               "kg_principles", "kg_facts")
for _name in _EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def set_spans(doc: Doc, key: str, items: list[tuple[int, int, str]]) -> None:
    """Keep results visible as doc.spans[key] (aligned outward to tokens)."""
    spans = []
    for s, e, label in items:
        span = doc.char_span(s, e, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[key] = spans


def doc_text(doc: Doc) -> str:
    """doc_text(doc) rebuilds the string from its tokens on every call; keep it once."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def doc_persons(doc: Doc) -> dict[str, dict[str, Any]]:
    if doc._.kg_persons is None:
        doc._.kg_persons = {}
    return doc._.kg_persons


def add_person(doc: Doc, mention: PersonMention) -> None:
    persons = doc_persons(doc)
    entry = persons.setdefault(mention.name, {"titles": [], "first": mention.start, "kind": mention.kind,
                                              "aliases": []})
    for t in mention.titles:
        if t.text not in [x.text for x in entry["titles"]]:
            entry["titles"].append(t)
    if mention.alias and mention.alias not in entry["aliases"]:
        entry["aliases"].append(mention.alias)


