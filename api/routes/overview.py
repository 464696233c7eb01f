"""The story of the graph on one page: what it holds and the headline question.

`/api/overview` is what the explorer opens on: counts per label and relationship
type (read from kg.model, so a new label shows up without touching this file),
the latest notices, the most active officials, the places with the most notices.
`/api/overview/letters` is the headline question as a table, "who signed which
responsibility letters": signer, on behalf of, counterparties, letter, date and
notice, every cell carrying the id the explorer opens.

Labels and types go into the Cypher text only from kg.model (Neo4j takes neither
as a parameter); every value from the request is a parameter.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from api.db import read
from api.errors import responses
from api.models import NodeRef, NoticeRef
from api.params import DIGITS, MAX_OFFSET
from kg.model import NODE_TYPES, REL_TYPES

router = APIRouter(prefix="/api", tags=["overview"])

#: Relationship types that are an official's own acts (what "active" counts).
EVENT_TYPES = ("CHAIRED", "SPOKE_AT", "ATTENDED", "READ_OUT", "INSPECTED")
assert all(t in {r.type for r in REL_TYPES} for t in EVENT_TYPES), "EVENT_TYPES out of step"


class CountView(BaseModel):
    name: str = Field(description="The label or relationship type (kg/model.py).")
    count: int
    color: str | None = Field(None, description="The label's legend colour.")


class NoticeSummary(NoticeRef):
    place: NodeRef | None = Field(None, description="The notice's own jurisdiction (ABOUT).")


class OfficialSummary(NodeRef):
    events: int = Field(description="Meetings chaired, attended or spoken at, documents "
                                    "read out and inspections.")
    letters: int = Field(description="Responsibility letters signed.")
    titles: list[str] = Field(default_factory=list)


class PlaceSummary(NodeRef):
    notices: int = Field(description="Notices about the place (ABOUT).")


class Overview(BaseModel):
    labels: list[CountView] = Field(description="Nodes per label, in the model's order.")
    relationships: list[CountView] = Field(description="Relationships per type.")
    latest_notices: list[NoticeSummary]
    active_officials: list[OfficialSummary]
    top_places: list[PlaceSummary]


class LetterRow(BaseModel):
    signer: NodeRef
    on_behalf_of: str | None = Field(None, description="The body the signer acted for.")
    counterparties: list[NodeRef]
    letter: NodeRef
    date: str | None = None
    notices: list[NoticeRef]
    evidence: list[str] = Field(default_factory=list,
                                description="The sentence in each notice, aligned with notices.")
    key: str | None = Field(None, description="The SIGNED relationship's key (the fact).")


class LetterTable(BaseModel):
    items: list[LetterRow]
    total: int = Field(description="How many signings there are, across all pages.")
    limit: int
    offset: int


def _counts_cypher() -> str:
    parts = [f"MATCH (n:`{n.label}`) RETURN '{n.label}' AS name, 'label' AS kind, count(n) AS count"
             for n in NODE_TYPES]
    parts += [f"MATCH ()-[r:`{r.type}`]->() RETURN '{r.type}' AS name, 'rel' AS kind, "
              "count(r) AS count" for r in REL_TYPES]
    return " UNION ALL ".join(parts)


COUNTS = _counts_cypher()

LATEST = """
MATCH (d:Document)
WITH d ORDER BY coalesce(d.date, '') DESC, d.title LIMIT $limit
OPTIONAL MATCH (d)-[:ABOUT]->(l:Locality)
RETURN d.id AS id, coalesce(d.title, d.name) AS title, d.source AS source, d.date AS date,
       l.id AS place_id, l.name AS place
ORDER BY coalesce(date, '') DESC, title
"""

ACTIVE = f"""
MATCH (p:Person)
WITH p, COUNT {{ (p)-[:{'|'.join(EVENT_TYPES)}]->() }} AS events,
     COUNT {{ (p)-[:SIGNED]->() }} AS letters
WHERE events + letters > 0
RETURN p.id AS id, p.name AS name, events, letters, coalesce(p.titles, []) AS titles
ORDER BY events + letters DESC, letters DESC, name LIMIT $limit
"""

PLACES = """
MATCH (d:Document)-[:ABOUT]->(l:Locality)
RETURN l.id AS id, l.name AS name, count(DISTINCT d) AS notices
ORDER BY notices DESC, name LIMIT $limit
"""

LETTERS_TOTAL = "MATCH (:Person|Organization)-[g:SIGNED]->(:ResponsibilityLetter) RETURN count(g) AS total"

LETTERS = """
MATCH (s:Person|Organization)-[g:SIGNED]->(l:ResponsibilityLetter)
WITH s, g, l ORDER BY coalesce(g.date, l.date, '') DESC, coalesce(g.on_behalf_of, s.name), l.name, s.name
SKIP $offset LIMIT $limit
CALL (l) {
  OPTIONAL MATCH (l)-[:WITH]->(w:Organization)
  WITH w ORDER BY w.name
  RETURN collect(w {.id, .name}) AS counterparties
}
CALL (g) {
  UNWIND range(0, size(g.sources) - 1) AS i
  OPTIONAL MATCH (d:Document {id: g.sources[i]})
  RETURN collect({id: g.sources[i], title: coalesce(d.title, d.name), source: d.source,
                  date: d.date, sentence: g.evidence[i]}) AS notices
}
RETURN s.id AS signer_id, s.name AS signer, labels(s)[0] AS signer_label, g.on_behalf_of AS on_behalf_of,
       l.id AS letter_id, l.name AS letter, coalesce(g.date, l.date) AS date, g.key AS key,
       counterparties, notices
"""

Limit = Annotated[int, Query(ge=1, le=50, description="Rows per list."), DIGITS]


@router.get("/overview", response_model=Overview, summary="What the graph holds",
            responses=responses(422, 503))
def overview(request: Request, limit: Limit = 10) -> Overview:
    """Counts per label and relationship type, the latest notices (title, place, date),
    the most active officials (events and letters) and the places with the most notices."""
    colors = {n.label: n.color for n in NODE_TYPES}
    counts = read(request, COUNTS)
    labels = [CountView(name=r["name"], count=r["count"], color=colors.get(r["name"]))
              for r in counts if r["kind"] == "label"]
    rels = [CountView(name=r["name"], count=r["count"]) for r in counts if r["kind"] == "rel"]
    latest = [NoticeSummary(id=r["id"], title=r["title"], source=r["source"], date=r["date"],
                            place=NodeRef(id=r["place_id"], label="Locality", name=r["place"])
                            if r["place_id"] else None)
              for r in read(request, LATEST, {"limit": limit})]
    active = [OfficialSummary(id=r["id"], label="Person", name=r["name"], events=r["events"],
                              letters=r["letters"], titles=list(r["titles"]))
              for r in read(request, ACTIVE, {"limit": limit})]
    places = [PlaceSummary(id=r["id"], label="Locality", name=r["name"], notices=r["notices"])
              for r in read(request, PLACES, {"limit": limit})]
    return Overview(labels=labels, relationships=rels, latest_notices=latest,
                    active_officials=active, top_places=places)


@router.get("/overview/letters", response_model=LetterTable,
            summary="Who signed which responsibility letters",
            responses=responses(422, 503))
def letters(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=500, description="Rows per page."), DIGITS] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description=(
        f"Rows to skip, at most {MAX_OFFSET:,}; `total` says how many there are.")), DIGITS] = 0,
) -> LetterTable:
    """One row per signing: the signer (person or body), the body they acted for, the
    counterparties, the letter, the date, and the notices with the sentence that says so;
    newest first."""
    total = read(request, LETTERS_TOTAL)[0]["total"]
    items = []
    for r in read(request, LETTERS, {"limit": limit, "offset": offset}):
        notices = [n for n in r["notices"] if n.get("id")]
        items.append(LetterRow(
            signer=NodeRef(id=r["signer_id"], label=r["signer_label"], name=r["signer"]),
            on_behalf_of=r["on_behalf_of"],
            counterparties=[NodeRef(id=w["id"], label="Organization", name=w["name"])
                            for w in r["counterparties"]],
            letter=NodeRef(id=r["letter_id"], label="ResponsibilityLetter", name=r["letter"]),
            date=r["date"], key=r["key"],
            notices=[NoticeRef(id=n["id"], title=n["title"], source=n["source"], date=n["date"])
                     for n in notices],
            evidence=[n["sentence"] or "" for n in notices]))
    return LetterTable(items=items, total=total, limit=limit, offset=offset)
