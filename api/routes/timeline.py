"""A person's timeline: posts, meetings, documents read out, inspections and letters,
each dated and tied to its notice and sentence.

One item per fact and notice: a post stated by two notices is two items, each on
the date its notice gives. The date is the fact's own (`as_of`, `date`), else the
meeting's, else the notice's; an item none of them dates is returned with
`date: null` (the explorer lists those under the axis).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from api.db import read
from api.errors import NotFound, responses
from api.models import NodeRef, NoticeRef

router = APIRouter(prefix="/api", tags=["timeline"])

#: The relationship types a timeline shows, and the kind of item each makes.
KINDS = {"HOLDS": "post", "CHAIRED": "meeting", "SPOKE_AT": "meeting", "ATTENDED": "meeting",
         "READ_OUT": "document", "INSPECTED": "inspection", "SIGNED": "letter"}


class TimelineItem(BaseModel):
    id: str = Field(description="Unique within the answer: the fact's key and the notice.")
    kind: str = Field(description="post, meeting, document, inspection or letter.")
    type: str = Field(description="The relationship type (HOLDS, CHAIRED, …).")
    date: str | None = Field(None, description="ISO date, or null when nothing dates it.")
    text: str = Field(description="What happened, in a few words.")
    other: NodeRef
    notice: NoticeRef
    sentence: str | None = None
    key: str | None = Field(None, description="The relationship's key (the fact).")


class Timeline(BaseModel):
    person: NodeRef
    titles: list[str] = Field(default_factory=list)
    items: list[TimelineItem]


TIMELINE = f"""
MATCH (p:Person {{id: $id}})
OPTIONAL MATCH (p)-[r:{'|'.join(KINDS)}]->(m)
WITH p, r, m
UNWIND CASE WHEN r IS NULL THEN [null] ELSE range(0, size(r.sources) - 1) END AS i
OPTIONAL MATCH (d:Document {{id: r.sources[i]}})
RETURN p.name AS name, coalesce(p.titles, []) AS titles, type(r) AS type, r.key AS key,
       properties(r) AS props, m.id AS other_id, labels(m)[0] AS other_label,
       coalesce(m.title, m.name) AS other_name, m.date AS other_date,
       r.sources[i] AS doc_id, coalesce(d.title, d.name) AS doc_title, d.source AS doc_source,
       d.date AS doc_date, r.evidence[i] AS sentence
"""

VERBS = {"CHAIRED": "chaired", "SPOKE_AT": "spoke at", "ATTENDED": "attended",
         "READ_OUT": "read out", "INSPECTED": "inspected", "SIGNED": "signed"}


def _text(rel: str, props: dict, other: str) -> str:
    if rel == "HOLDS":
        return f"{props.get('title') or props.get('role') or 'post'} · {other}"
    if rel == "SIGNED" and props.get("on_behalf_of"):
        return f"signed {other} for {props['on_behalf_of']}"
    return f"{VERBS[rel]} {other}"


@router.get("/timeline", response_model=Timeline, summary="A person's timeline",
            responses=responses(404, 422, 503, why={404: "No person has this id"},
                                examples={404: "No person with id 'person:510107:无此人'; "
                                               "search for the name with /api/search?q=…."}))
def timeline(
    request: Request,
    person: Annotated[str, Query(min_length=8, max_length=200, pattern="^person:",
                                 description="The person's node id (person:…).",
                                 examples=["person:510107:魏成舟"])],
) -> Timeline:
    """The person's posts, meetings chaired, attended or spoken at, documents read out,
    inspections and letters signed, each with its date, notice and sentence, in date
    order (undated items last)."""
    rows = read(request, TIMELINE, {"id": person})
    if not rows:
        raise NotFound(f"No person with id {person!r}; search for the name with "
                       "/api/search?q=….")
    items: list[TimelineItem] = []
    for r in rows:
        if r["type"] is None or r["doc_id"] is None:
            continue
        props = dict(r["props"] or {})
        date = props.get("as_of") or props.get("date") or r["other_date"] or r["doc_date"]
        other = r["other_name"] or r["other_id"]
        items.append(TimelineItem(
            id=f"{r['key']}|{r['doc_id']}", kind=KINDS[r["type"]], type=r["type"],
            date=str(date) if date else None, text=_text(r["type"], props, other),
            other=NodeRef(id=r["other_id"], label=r["other_label"], name=other),
            notice=NoticeRef(id=r["doc_id"], title=r["doc_title"], source=r["doc_source"],
                             date=r["doc_date"]),
            sentence=r["sentence"], key=r["key"]))
    items.sort(key=lambda it: (it.date is None, it.date or "", it.type, it.text))
    first = rows[0]
    return Timeline(person=NodeRef(id=person, label="Person", name=first["name"]),
                    titles=list(first["titles"]), items=items)
