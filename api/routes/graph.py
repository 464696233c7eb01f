"""`GET /api/graph`: nodes and edges around entities, in the shape vis-network
takes directly. The walk (hop by hop, with a node limit and an honest
`truncated`) is `kg.neighbourhood.walk`, shared with the standalone views.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.db import read
from api.errors import BadParameter, NotFound
from api.models import GraphAnswer, GraphEdge, GraphNode
from kg.model import LABELS, REL_NAMES
from kg.neighbourhood import walk

router = APIRouter(prefix="/api", tags=["graph"])

MAX_DEPTH = 3


def _csv(value: str | None) -> list[str]:
    return [x.strip() for x in (value or "").split(",") if x.strip()]


def _checked(name: str, values: list[str], allowed: tuple[str, ...]) -> list[str] | None:
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise BadParameter(f"Parameter {name!r}: {unknown[0]!r} is not in the model; use any "
                           f"of {', '.join(allowed)}.")
    return values or None


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
            summary="Nodes and edges around entities")
def graph(
    request: Request,
    ids: Annotated[str, Query(description="Comma-separated node ids to start from.")],
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH, description="Hops to expand.")] = 1,
    rel_types: Annotated[str | None, Query(description="Comma-separated relationship "
                                                       "types to follow, e.g. HOLDS,CHAIRED.")] = None,
    labels: Annotated[str | None, Query(description="Comma-separated labels of the "
                                                    "neighbours to keep, e.g. Person.")] = None,
    limit: Annotated[int, Query(ge=1, le=2000, description="Most nodes to return.")] = 200,
) -> GraphAnswer:
    """The neighbourhood of one or more entities as `{nodes, edges, truncated}`: nodes
    carry id, label (text), group (Neo4j label), title (tooltip), colour and shape from
    the model; edges carry id, from, to, type and label."""
    start = _csv(ids)
    if not start:
        raise BadParameter("Parameter 'ids' is empty: give one or more node ids, "
                           "comma-separated.")
    return neighbourhood(request, start, depth, _checked("rel_types", _csv(rel_types), REL_NAMES),
                         _checked("labels", _csv(labels), LABELS), limit)
