"""Search across names and aliases.

Why three methods: the `names` full-text index uses Neo4j's `cjk` analyzer, which
indexes pairs of characters, so a two-or-more-character query is found by the
index (as a phrase: 秦向东 must match 秦向 followed by 向松, not either pair on
its own); a one-character query such as a surname produces no pair and would find
nothing, so it falls back to names starting with, then containing, the
character. When the index is missing (a database the schema was not applied to)
or finds nothing, names and aliases are scanned with CONTAINS, so a search never
answers "nothing" only because of the analyzer.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from neo4j.exceptions import ClientError

from api.db import read
from api.errors import BadParameter, responses
from api.models import SearchAnswer, SearchHit
from api.params import DIGITS, NOT_BLANK, csv_param, parse_csv
from api.routes.entities import HIDDEN_IN_LISTS, display_name
from api.text import simplified
from kg.model import LABELS, NODE_TYPES
from kg.schema import FULLTEXT_INDEX

router = APIRouter(prefix="/api", tags=["search"])


SEARCHABLE: list[str] = [n.label for n in NODE_TYPES if n.searchable]
#: Lucene's phrase syntax needs only these escaped inside double quotes.
_PHRASE_ESCAPES = str.maketrans({'"': '\\"', "\\": "\\\\"})

_PROPS = "[k IN keys(node) WHERE NOT k IN " + repr(HIDDEN_IN_LISTS) + " | [k, node[k]]]"

FULLTEXT_CYPHER = (
    "CALL db.index.fulltext.queryNodes($index, $lucene, {limit: $fetch}) YIELD node, score "
    "WHERE any(l IN labels(node) WHERE l IN $labels) "
    f"RETURN node.id AS id, labels(node) AS labels, {_PROPS} AS props, score "
    "ORDER BY score DESC, size(node.name), node.name LIMIT $limit"
)

SCAN_CYPHER = (
    "MATCH (node) WHERE any(l IN labels(node) WHERE l IN $labels) "
    "AND (node.name {op} $q OR any(a IN coalesce(node.aliases, []) WHERE a {op} $q)) "
    f"RETURN node.id AS id, labels(node) AS labels, {_PROPS} AS props, null AS score "
    "ORDER BY CASE WHEN node.name STARTS WITH $q THEN 0 ELSE 1 END, size(node.name), node.name "
    "LIMIT $limit"
)


def lucene_phrase(text: str) -> str:
    """The text as one Lucene phrase query (every reserved character neutralised)."""
    return '"' + text.translate(_PHRASE_ESCAPES) + '"'


def _hits(records: list[Any]) -> list[SearchHit]:
    hits = []
    for r in records:
        props = dict(r["props"])
        label = next((lb for lb in r["labels"] if lb in LABELS), r["labels"][0])
        hits.append(SearchHit(id=r["id"], label=label, name=display_name(props),
                              properties=props, score=r["score"]))
    return hits


def _scan(request: Request, text: str, labels: list[str], limit: int, op: str) -> list[SearchHit]:
    cypher = SCAN_CYPHER.format(op={"prefix": "STARTS WITH", "contains": "CONTAINS"}[op])
    return _hits(read(request, cypher, {"q": text, "labels": labels, "limit": limit}))


def search_names(request: Request, q: str, labels: list[str], limit: int) -> SearchAnswer:
    text = simplified(q.strip())
    if len(text) == 1:
        hits = _scan(request, text, labels, limit, "prefix")
        if len(hits) < limit:
            seen = {h.id for h in hits}
            hits += [h for h in _scan(request, text, labels, limit, "contains")
                     if h.id not in seen][: limit - len(hits)]
        return SearchAnswer(query=text, method="prefix", hits=hits)
    try:
        records = read(request, FULLTEXT_CYPHER, {
            "index": FULLTEXT_INDEX, "lucene": lucene_phrase(text), "labels": labels,
            "limit": limit, "fetch": limit * 4})
    except ClientError as exc:
        if "fulltext" not in (exc.message or "").lower():
            raise
        records = None  # no `names` index in this database
    if records:
        return SearchAnswer(query=text, method="fulltext", hits=_hits(records))
    return SearchAnswer(query=text, method="contains",
                        hits=_scan(request, text, labels, limit, "contains"))


def parse_labels(labels: str | None) -> list[str]:
    """A comma-separated label filter checked against the searchable labels (422 naming
    it otherwise); all of them when absent."""
    return parse_csv("labels", labels, SEARCHABLE) or list(SEARCHABLE)


@router.get("/search", response_model=SearchAnswer, summary="Search names and aliases",
            responses=responses(422, 503),
            openapi_extra={"parameters": [
                csv_param("labels", SEARCHABLE, "Labels to keep (default: all searchable)."),
            ]})
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, pattern=NOT_BLANK, description=(
        "A name or part of one, Simplified or Traditional (秦向东, 秦向東, 秦); not blank."),
        examples=["魏成舟"])],
    labels: Annotated[str | None, Query(include_in_schema=False)] = None,
    limit: Annotated[int, Query(ge=1, le=200, description="Most hits to return."), DIGITS] = 20,
) -> SearchAnswer:
    """Persons, bodies, places and other named entities whose name or an alias matches."""
    if not q.strip():
        raise BadParameter("Parameter 'q' is blank: give a name or part of one.")
    return search_names(request, q, parse_labels(labels), limit)
