"""Neo4j values as JSON: what an analyst's arbitrary Cypher can return.

Why not only `kg.query`'s converter: named queries return maps and scalars, but
`/api/cypher` can return paths, points, durations and bytes too, and every one
of them must reach the client as JSON rather than as a serialisation error.
Nodes and relationships take the same shape as in named-query answers (their
properties plus `labels` or `type`), with `element_id` so a client can tell two
nodes with equal properties apart.
"""

from __future__ import annotations

import base64
from typing import Any

from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point


def to_json(value: Any) -> Any:
    """A JSON-ready copy of one value from a Neo4j record."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Point):  # before tuples: a Point is one
        return {"srid": value.srid, "coordinates": list(value)}
    if hasattr(value, "iso_format"):  # dates, times, durations (a Duration is a tuple)
        return value.iso_format()
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, Node):
        out = {k: to_json(v) for k, v in value.items()}
        out["labels"] = sorted(value.labels)
        out["element_id"] = value.element_id
        return out
    if isinstance(value, Relationship):
        out = {k: to_json(v) for k, v in value.items()}
        out["type"] = value.type
        out["element_id"] = value.element_id
        out["start"] = value.start_node.element_id if value.start_node else None
        out["end"] = value.end_node.element_id if value.end_node else None
        return out
    if isinstance(value, Path):
        return {"nodes": [to_json(n) for n in value.nodes],
                "relationships": [to_json(r) for r in value.relationships]}
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)
