"""Nodes and edges around entities, walked one hop at a time, in the shape
vis-network takes directly. Shared by the API (`GET /api/graph`) and the
standalone views (`kg viz`, `/api/viz`).

Why a breadth-first walk one hop at a time instead of one variable-length
MATCH: a province or a much-cited principle has thousands of neighbours, and a
`[*1..3]` pattern enumerates every path before any limit applies. Expanding a
frontier hop by hop with a LIMIT on each hop keeps the work proportional to the
node limit, and says honestly (`truncated`) when the limit stopped the walk.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kg.model import NODES, label_for_prefix

#: run(cypher, params) -> rows; the caller decides how (API read session, driver…).
Runner = Callable[[str, dict[str, Any]], list[Mapping[str, Any]]]

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


def quoted(label: str) -> str:
    """Backquote a label taken from the model (never user input)."""
    return "`" + label.replace("`", "``") + "`"


def styled_node(node_id: str, labels: list[str], name: str | None) -> dict[str, Any]:
    """A vis-network node in the model's colour and shape."""
    label = next((lb for lb in labels if lb in NODES), labels[0] if labels else "Node")
    style = NODES.get(label)
    text = name or node_id
    return {"id": node_id, "label": text, "group": label, "title": f"{label}: {text}\n{node_id}",
            "color": style.color if style else None, "shape": style.shape if style else None}


def by_label(ids: list[str]) -> dict[str, list[str]]:
    """Ids grouped by the label their prefix names (ValueError for an unknown prefix)."""
    out: dict[str, list[str]] = {}
    for i in ids:
        out.setdefault(label_for_prefix(i), []).append(i)
    return out


@dataclass
class Neighbourhood:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[str, dict[str, Any]] = field(default_factory=dict)
    truncated: bool = False
    #: start ids that are not in the graph
    missing: list[str] = field(default_factory=list)


def walk(run: Runner, ids: list[str], depth: int = 1, types: list[str] | None = None,
         labels: list[str] | None = None, limit: int = 300) -> Neighbourhood:
    """The start nodes and everything within `depth` hops, at most `limit` nodes."""
    out = Neighbourhood()
    for label, group in by_label(ids).items():
        for r in run(SEEDS_CYPHER.format(label=quoted(label)), {"ids": group}):
            out.nodes[r["id"]] = styled_node(r["id"], r["labels"], r["name"])
    out.missing = [i for i in ids if i not in out.nodes]
    frontier = list(out.nodes)
    for _ in range(depth):
        if not frontier or out.truncated:
            break
        found: list[str] = []
        for label, group in by_label(frontier).items():
            room = max(limit - len(out.nodes), 0)
            # enough rows to fill the room with new nodes, plus edges among known ones
            cap = room * 4 + 200
            rows = run(HOP_CYPHER.format(label=quoted(label)),
                       {"frontier": group, "types": types, "labels": labels, "cap": cap})
            for r in rows:
                if r["id"] not in out.nodes:
                    if len(out.nodes) >= limit:
                        out.truncated = True
                        continue
                    out.nodes[r["id"]] = styled_node(r["id"], r["labels"], r["name"])
                    found.append(r["id"])
                key = r["key"]
                if key not in out.edges and r["from"] in out.nodes and r["to"] in out.nodes:
                    out.edges[key] = {"id": key, "from": r["from"], "to": r["to"], "type": r["type"],
                                      "label": r["type"], "title": r["sentence"]}
            if len(rows) >= cap:
                out.truncated = True
        frontier = found
    return out
