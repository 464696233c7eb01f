"""Nodes and edges around entities, in the shape vis-network takes directly.

Why a breadth-first walk one hop at a time instead of one variable-length
MATCH: a province or a much-cited principle has thousands of neighbours, and a
`[*1..3]` pattern enumerates every path before any limit applies. Expanding a
frontier hop by hop with a LIMIT on each hop keeps the work proportional to the
node limit, and tells the client honestly (`truncated`) when the limit stopped
the walk.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.db import read
from api.errors import BadParameter, NotFound
from api.models import GraphAnswer, GraphEdge, GraphNode
from api.routes.entities import quoted
from kg.model import LABELS, NODES, REL_NAMES, label_for_prefix

router = APIRouter(prefix="/api", tags=["graph"])

MAX_DEPTH = 3

SEEDS_CYPHER = ("MATCH (n:{label}) WHERE n.id IN $ids "
                "RETURN n.id AS id, labels(n) AS labels, coalesce(n.title, n.name) AS name")

HOP_CYPHER = (
    "MATCH (a:{label})-[r]-(b) WHERE a.id IN $frontier "
    "AND ($types IS NULL OR type(r) IN $types) "
    "AND ($labels IS NULL OR any(l IN labels(b) WHERE l IN $labels)) "
    "RETURN startNode(r).id AS from, endNode(r).id AS to, type(r) AS type, "
    "coalesce(r.key, elementId(r)) AS key, r.evidence[0] AS sentence, "
    "b.id AS id, labels(b) AS labels, coalesce(b.title, b.name) AS name "
    "LIMIT $cap"
)


def _csv(value: str | None) -> list[str]:
    return [x.strip() for x in (value or "").split(",") if x.strip()]


def _checked(name: str, values: list[str], allowed: tuple[str, ...]) -> list[str] | None:
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise BadParameter(f"Parameter {name!r}: {unknown[0]!r} is not in the model; use any "
                           f"of {', '.join(allowed)}.")
    return values or None


def _node(node_id: str, labels: list[str], name: str | None) -> GraphNode:
    label = next((lb for lb in labels if lb in NODES), labels[0] if labels else "Node")
    style = NODES.get(label)
    text = name or node_id
    return GraphNode(id=node_id, label=text, group=label, title=f"{label}: {text}\n{node_id}",
                     color=style.color if style else None, shape=style.shape if style else None)


def _by_label(ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for i in ids:
        out.setdefault(label_for_prefix(i), []).append(i)
    return out


def neighbourhood(request: Request, ids: list[str], depth: int, types: list[str] | None,
                  labels: list[str] | None, limit: int) -> GraphAnswer:
    nodes: dict[str, GraphNode] = {}
    edges: dict[str, GraphEdge] = {}
    try:
        seeds_by_label = _by_label(ids)
    except ValueError as exc:
        raise NotFound(f"Parameter 'ids': {exc}; ids look like person:1409:张三.") from None
    for label, group in seeds_by_label.items():
        for r in read(request, SEEDS_CYPHER.format(label=quoted(label)), {"ids": group}):
            nodes[r["id"]] = _node(r["id"], r["labels"], r["name"])
    missing = [i for i in ids if i not in nodes]
    if missing:
        raise NotFound(f"No entity with id {missing[0]!r} in the graph"
                       + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else "") + ".")
    truncated = False
    frontier = list(nodes)
    for _ in range(depth):
        if not frontier or truncated:
            break
        found: list[str] = []
        for label, group in _by_label(frontier).items():
            room = limit - len(nodes)
            rows = read(request, HOP_CYPHER.format(label=quoted(label)), {
                "frontier": group, "types": types, "labels": labels,
                # enough rows to fill the room with new nodes, plus edges among known ones
                "cap": max(room, 0) * 4 + 200})
            for r in rows:
                if r["id"] not in nodes:
                    if len(nodes) >= limit:
                        truncated = True
                        continue
                    nodes[r["id"]] = _node(r["id"], r["labels"], r["name"])
                    found.append(r["id"])
                key = r["key"]
                if key not in edges and r["from"] in nodes and r["to"] in nodes:
                    edges[key] = GraphEdge(id=key, from_=r["from"], to=r["to"], type=r["type"],
                                           label=r["type"], title=r["sentence"])
            if len(rows) >= max(room, 0) * 4 + 200:
                truncated = True
        frontier = found
    return GraphAnswer(nodes=list(nodes.values()), edges=list(edges.values()),
                       truncated=truncated)


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
