"""One official across notices: a person's same-as candidates, and an analyst's verdict.

Why a write route here: the graph only proposes that two persons may be one
official (`kg.identity`); an analyst decides. Deciding merges nodes, so the POST
is behind the server's API key exactly as uploads are (off without `KG_API_KEY`,
401 without or with a wrong key), and who decided is recorded: the `X-Analyst`
header when given, else "api". `GET /api/persons/{id}/candidates` shows the
candidates with their score and reasons, and the verdicts; an id merged into
another person answers with the survivor, so old links still resolve. (Its own
path, not a GET on `/same-as`: Starlette answers a method a path lacks from the
first route of the path, so two routes on one path would list only one method
in `Allow`.)
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Path, Request, Security
from pydantic import BaseModel, ConfigDict, Field

from api.db import get_driver, get_settings
from api.errors import NotFound, responses
from api.models import ErrorBody, NodeRef
from api.routes.notices import API_KEY, check_key
from kg import identity

router = APIRouter(prefix="/api", tags=["identity"])

#: A person id as the graph writes them: person:<anchor>:<name>, no white space.
PERSON_ID = r"^person:[^\s|]+$"
MAX_ID = 200
MAX_WHY = 1000
#: Who decided: ASCII (an HTTP header carries it), a short name or address.
ANALYST = r"^[A-Za-z0-9][A-Za-z0-9 ._@+-]{0,63}$"

PersonId = Annotated[str, Path(min_length=8, max_length=MAX_ID, pattern=PERSON_ID,
                               description="A person id (person:<anchor>:<name>), or an id "
                                           "merged into one.",
                               examples=["person:140900:柏怀远"])]


class SameAsRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "other": "person:140921:柏怀远", "verdict": "accept",
        "why": "the 2023 vice-mayor is the county head of 2021 (same career, same county)"}]})

    other: str = Field(min_length=8, max_length=MAX_ID, pattern=PERSON_ID,
                       description="The other person's id.")
    verdict: Literal["accept", "reject"] = Field(description=(
        "accept: one official, `other` is merged into the person of the path (whose id "
        "survives); reject: two people, never proposed again."))
    why: str | None = Field(None, max_length=MAX_WHY, description="Why, kept with the verdict.")


class VerdictAnswer(BaseModel):
    """A stored verdict (a Verdict node, keyed by the sorted pair of ids)."""

    id: str
    pair: str = Field(description="The two person ids, sorted, joined by `|`.")
    a: str
    b: str
    verdict: Literal["accept", "reject"]
    by: str = Field(description="Who decided: the X-Analyst header, else api (cli:<user> "
                                "from the command line).")
    at: str = Field(description="When (ISO 8601, UTC).")
    why: str | None = None
    survivor: str | None = Field(None, description="accept: the id that survives.")
    merged: str | None = Field(None, description="accept: the id merged into the survivor.")
    score: float | None = Field(None, description="The candidate's score when decided.")
    reasons: list[str] = Field(default_factory=list,
                               description="The candidate's reasons when decided.")


class CandidateAnswer(BaseModel):
    other: NodeRef
    score: float = Field(ge=0, le=1, description="0..1, see docs/MODEL.md.")
    reasons: list[str]
    notices: list[str] = Field(description="Ids of the Documents naming either person.")


class SameAsAnswer(BaseModel):
    id: str = Field(description="The person's current id (the survivor, for a merged id).")
    candidates: list[CandidateAnswer]
    verdicts: list[VerdictAnswer]


#: 409 is this route's own status (api.errors.ERRORS has no entry for it): the same shape.
CONFLICT = {409: {"description": "The two ids are already one person (or the same id twice)",
                  "model": ErrorBody, "content": {"application/json": {"example": {"detail": (
                      "'person:140921:柏怀远' and 'person:140900:柏怀远' are already one "
                      "person (person:140900:柏怀远).")}}}}}


def _not_found(person_id: str) -> NotFound:
    return NotFound(f"No person with id {person_id!r} in the graph; search for it with "
                    "/api/search?q=<name>.")


@router.get("/persons/{person_id}/candidates", response_model=SameAsAnswer,
            summary="A person's same-as candidates and verdicts",
            responses=responses(404, 422, 503, why={404: "No person with this id"}))
def same_as(request: Request, person_id: PersonId) -> SameAsAnswer:
    """The persons that may be the same official (score and reasons, best first) and the
    verdicts given on this person; a merged id answers for its survivor."""
    settings = get_settings(request)
    driver, database = get_driver(request), settings.neo4j_database
    current = identity.current_id(driver, database, person_id)
    if current is None:
        raise _not_found(person_id)
    found = identity.candidates_of(driver, database, current, limit=100)
    return SameAsAnswer(
        id=current,
        candidates=[CandidateAnswer(other=NodeRef(id=c.other, label="Person", name=c.name),
                                    score=c.score, reasons=c.reasons, notices=c.notices)
                    for _, c in found],
        verdicts=[VerdictAnswer(**vars(v)) for v in
                  identity.verdicts_of(driver, database, current, limit=100)])


@router.post("/persons/{person_id}/same-as", response_model=VerdictAnswer,
             summary="Accept or reject that two persons are one official",
             responses={**responses(401, 404, 422, 503, why={
                 404: "No person with one of the ids, or verdicts are off (no KG_API_KEY)"},
                 examples={
                     401: "Deciding on a same-as pair needs the server's API key in the "
                          "X-API-Key header; the key was wrong.",
                     404: "No person with id 'person:140921:无此人' in the graph; search for "
                          "it with /api/search?q=<name>."}), **CONFLICT})
def decide(
    request: Request,
    person_id: PersonId,
    body: SameAsRequest,
    x_api_key: Annotated[str | None, Security(API_KEY)] = None,
    x_analyst: Annotated[str | None, Header(
        max_length=64, pattern=ANALYST,
        description="Who decides (stored as the verdict's `by`; default api).")] = None,
) -> VerdictAnswer:
    """Store the verdict in the graph (who, when, why) and apply it: accept merges `other`
    into this person (relationships and provenance moved, its id and names kept on the
    survivor); reject keeps them apart for good. The candidates are then recomputed."""
    check_key(request, x_api_key, "Deciding on a same-as pair", "Verdicts are")
    if body.other == person_id:
        raise identity.ConflictError(f"{person_id!r} is given twice: a verdict is about two "
                                     "persons.")
    settings = get_settings(request)
    record = identity.decide(get_driver(request), settings.neo4j_database, person_id,
                             body.other, body.verdict, x_analyst or "api", body.why)
    return VerdictAnswer(**vars(record))
