"""Places: administrative places (GB/T 2260) and named zones from the
gazetteer (`ingest.gazetteer`)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ingest.components.doc import doc_text, set_spans


class Places:
    """Administrative places (GB/T 2260) and named zones, from the gazetteer."""

    def __call__(self, doc: Doc) -> Doc:
        from ingest import gazetteer

        found = []
        for s, e, name, place in gazetteer.find(doc_text(doc)):
            found.append((s, e, name, getattr(place, "code", None)))
        doc._.kg_places = found
        set_spans(doc, "places", [(s, e, "GPE") for s, e, _, _ in found])
        return doc



@Language.factory("kg_places")
def make_places(nlp: Language, name: str) -> Places:
    return Places()
