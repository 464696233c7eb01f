"""`GET /api/graph`: nodes and edges around entities, in the shape vis-network
takes directly. The walk (hop by hop, with a node limit and an honest
`truncated`) is `kg.neighbourhood.walk`, shared with the standalone views.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.db import read
from api.errors import BadParameter, NotFound, responses
from api.models import GraphAnswer, GraphEdge, GraphNode
from api.params import DIGITS, NOT_BLANK_LIST, csv_param, parse_csv
from kg.model import LABELS, REL_NAMES
from kg.neighbourhood import walk

router = APIRouter(prefix="/api", tags=["graph"])

MAX_DEPTH = 3


def _csv(value: str | None) -> list[str]:
    return [x.strip() for x in (value or "").split(",") if x.strip()]


def neighbourhood(request: Request, ids: list[str], depth: int, types: list[str] | None,
                  labels: list[str] | None, limit: int) -> GraphAnswer:
    try:
        found = walk(lambda cypher, params: read(request, cypher, params), ids, depth, types,
                     labels, limit)
    except ValueError as exc:
        raise NotFound(f"Parameter 'ids': {exc}; ids look like person:1409:张三.") from None
    if found.missing:
        missing = found.missing
        raise NotFound(f"No entity with id {missing[0]!r} in the graph"
                       + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else "") + ".")
    return GraphAnswer(nodes=[GraphNode(**n) for n in found.nodes.values()],
                       edges=[GraphEdge(**{**e, "from_": e["from"]}) for e in found.edges.values()],
                       truncated=found.truncated)


@router.get("/graph", response_model=GraphAnswer, response_model_by_alias=True,
            summary="Nodes and edges around entities",
            responses=responses(404, 422, 503, why={404: "A start id is not in the graph"}),
            openapi_extra={"parameters": [
                csv_param("rel_types", REL_NAMES, "Relationship types to follow (default: all)."),
                csv_param("labels", LABELS, "Labels of the neighbours to keep (default: all)."),
            ]})
def graph(
    request: Request,
    ids: Annotated[str, Query(pattern=NOT_BLANK_LIST, description=(
        "Comma-separated node ids to start from, e.g. person:510107:魏成舟."),
        examples=["person:510107:魏成舟"])],
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH, description="Hops to expand."), DIGITS] = 1,
    rel_types: Annotated[str | None, Query(include_in_schema=False)] = None,
    labels: Annotated[str | None, Query(include_in_schema=False)] = None,
    limit: Annotated[int, Query(ge=1, le=2000, description="Most nodes to return."), DIGITS] = 200,
) -> GraphAnswer:
    """The neighbourhood of one or more entities as `{nodes, edges, truncated}`: nodes
    carry id, label (text), group (Neo4j label), title (tooltip), colour and shape from
    the model; edges carry id, from, to, type and label."""
    start = _csv(ids)
    if not start:
        raise BadParameter("Parameter 'ids' is empty: give one or more node ids, "
                           "comma-separated.")
    return neighbourhood(request, start, depth, parse_csv("rel_types", rel_types, REL_NAMES),
                         parse_csv("labels", labels, LABELS), limit)
