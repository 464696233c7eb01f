"""The pipeline's components, one module each, with the rules beside them (as
spaCy keeps each pipe in its own module under `spacy/pipeline/`).

| module      | factory            | leaves on the Doc                  |
|-------------|--------------------|------------------------------------|
| `places`    | `kg_places`        | `doc._.kg_places`                  |
| `persons`   | `kg_officials`, `kg_person_ner`, `kg_later_mentions` | `doc._.kg_mentions`, `doc._.kg_persons` |
| `bodies`    | `kg_bodies`        | `doc._.kg_orgs`                    |
| `documents` | `kg_documents`     | `doc._.kg_documents`, `doc._.kg_principles` |
| `events`    | `kg_events`        | `doc._.kg_facts`                   |

`titles` (splitting a stack of posts), `dates` (the event's date), `shared`
(sentences, name boundaries, mention dataclasses) and `doc` (the Doc
extensions) are used by several of them. The rules are plain functions on
strings, testable without spaCy; each component class calls them and keeps the
results on the Doc. Importing this package registers every factory; the
`spacy_factories` entry points in pyproject.toml name the same functions, so
`spacy.load` of a saved pipeline finds them without importing `ingest` first.
"""

from __future__ import annotations

from ingest.components.bodies import make_bodies
from ingest.components.documents import make_documents
from ingest.components.events import make_events
from ingest.components.persons import make_later_mentions, make_officials, make_person_ner
from ingest.components.places import make_places

__all__ = ["make_bodies", "make_documents", "make_events", "make_later_mentions",
           "make_officials", "make_person_ner", "make_places"]
