"""Standalone graph views: one HTML file, vis-network inlined, no server needed.

`render_html(nodes, edges, title)` is shared by `kg viz` and `GET /api/viz`, so a
view attached to a report looks like the explorer: the same colours, shapes and
legend, all read from `kg.model`. The vis-network script is the copy the app
serves from api/static/vendor/ (the one pyvis ships), inlined so the file opens
with no network at all.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import NotFoundError, UserError
from kg.model import NODE_TYPES
from kg.neighbourhood import walk

VENDOR = Path(__file__).resolve().parent.parent / "api" / "static" / "vendor"
ID_RE = re.compile(r"^(?:" + "|".join(n.prefix for n in NODE_TYPES) + r"):\S")

#: Node cap of a standalone view: beyond it a page stops being readable.
MAX_NODES = 2000

def neighbourhood(driver: Any, database: str, ids: list[str], depth: int = 1,
                  limit: int = 300) -> tuple[list[dict], list[dict], bool]:
    """Nodes and edges within `depth` hops of `ids` (the API's walk, over a driver)."""

    def run(cypher: str, params: dict[str, Any]) -> list[Any]:
        return driver.execute_query(cypher, params, database_=database)[0]

    found = walk(run, ids, depth, limit=limit)
    return list(found.nodes.values()), list(found.edges.values()), found.truncated


def graph_from_rows(driver: Any, database: str, columns: list[str],
                    rows: list[dict[str, Any]]) -> tuple[list[dict], list[dict]]:
    """A named question's result as a graph: every cell holding a node id (or a list of
    them) is a node; the ids of one row are linked in column order, labelled with the
    column names."""
    ids: list[str] = []
    links: list[tuple[str, str, str]] = []
    for row in rows:
        found: list[tuple[str, str]] = []
        for col in columns:
            value = row.get(col)
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, str) and ID_RE.match(v):
                    found.append((col, v))
        for _, v in found:
            if v not in ids:
                ids.append(v)
        for (ca, a), (cb, b) in zip(found, found[1:], strict=False):
            if a != b:
                links.append((a, b, f"{ca} → {cb}"))
    nodes, _, _ = neighbourhood(driver, database, ids[:MAX_NODES], depth=0) if ids else ([], [], False)
    known = {n["id"] for n in nodes}
    edges = [{"id": f"{a}|{b}|{label}", "from": a, "to": b, "label": label, "type": "result",
              "title": label} for a, b, label in dict.fromkeys(links) if a in known and b in known]
    return nodes, edges


def _legend_html() -> str:
    items = "".join(
        f'<span class="item"><span class="swatch {html.escape(n.shape)}" '
        f'style="background:{html.escape(n.color)}"></span>{html.escape(n.label)}</span>'
        for n in NODE_TYPES)
    return f'<div id="legend">{items}</div>'


@lru_cache(maxsize=1)
def _vis_network_js() -> str:
    """The vendored vis-network script (470 kB), read once per process."""
    return (VENDOR / "vis-network.min.js").read_text(encoding="utf-8")


def render_html(nodes: list[dict], edges: list[dict], title: str, note: str = "") -> str:
    """A self-contained page drawing the graph (no request to any host)."""
    js = _vis_network_js()
    data = json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False).replace("</", "<\\/")
    big = len(nodes) > 300
    options = json.dumps({
        "physics": {"enabled": True, "stabilization": {"iterations": 80 if big else 300},
                    "barnesHut": {"springLength": 120}},
        "layout": {"improvedLayout": not big},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "font": {"size": 10},
                  "color": {"color": "#999999"}},
        "nodes": {"font": {"size": 14}},
        "interaction": {"hover": True},
    })
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{html.escape(title)}</title>
<link rel="icon" href="data:,">
<style>
body {{ margin: 0; font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", sans-serif; }}
header {{ padding: 8px 12px; border-bottom: 1px solid #ddd; }}
h1 {{ font-size: 16px; margin: 0 0 4px 0; }}
#note {{ color: #a05000; font-size: 13px; }}
#graph {{ position: absolute; top: 76px; bottom: 0; left: 0; right: 0; }}
#legend .item {{ margin-right: 12px; font-size: 12px; white-space: nowrap; }}
#legend .swatch {{ display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 50%; }}
#legend .swatch.box, #legend .swatch.square {{ border-radius: 0; }}
</style></head>
<body>
<header><h1>{html.escape(title)}</h1>{_legend_html()}<div id="note">{html.escape(note)}</div></header>
<div id="graph"></div>
<script>{js}</script>
<script id="graph-data" type="application/json">{data}</script>
<script>
const data = JSON.parse(document.getElementById("graph-data").textContent);
const nodes = new vis.DataSet(data.nodes);
const edges = new vis.DataSet(data.edges);
window.kgView = {{ nodeCount: nodes.length, edgeCount: edges.length }};
const network = new vis.Network(document.getElementById("graph"), {{ nodes, edges }}, {options});
network.once("afterDrawing", () => {{ window.kgView.drawn = true; }});
</script>
</body></html>
"""


def parse_params(params: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in params:
        key, sep, value = p.partition("=")
        if not sep or not key:
            raise UserError(f"--param {p!r} is not key=value.")
        out[key.strip()] = value
    return out


def resolve_entity(driver: Any, database: str, entity: str) -> str:
    """An entity id from an id or a name (the first match by name, most connected first)."""
    if ID_RE.match(entity):
        return entity
    rows, _, _ = driver.execute_query(
        "MATCH (n) WHERE n.name = $name OR $name IN coalesce(n.aliases, []) "
        "RETURN n.id AS id ORDER BY COUNT { (n)--() } DESC LIMIT 1", name=entity, database_=database)
    if not rows:
        raise NotFoundError(f"No entity is named {entity!r}: give an id (person:…, org:…) or "
                            "search with `kg query` first.")
    return rows[0]["id"]


def build_view(driver: Any, database: str, entity: str | None = None, query_name: str | None = None,
               params: dict[str, str] | None = None, depth: int = 1,
               limit: int = 300) -> tuple[str, str]:
    """(title, html) of a view of an entity's neighbourhood or of a named question."""
    if bool(entity) == bool(query_name):
        raise UserError("Give either an entity (--entity) or a named question (--query).")
    if entity:
        node_id = resolve_entity(driver, database, entity)
        nodes, edges, truncated = neighbourhood(driver, database, [node_id], depth, limit)
        if not nodes:
            raise NotFoundError(f"No entity has the id {node_id!r}.")
        title = f"{nodes[0]['label']} ({node_id})"
        note = f"result cut at {limit} nodes" if truncated else ""
        return title, render_html(nodes, edges, title, note)
    from kg import query

    result = query.run_query(query_name or "", params or {}, driver=driver, database=database)
    nodes, edges = graph_from_rows(driver, database, result.columns, result.rows)
    title = f"{query_name}: {len(result.rows)} rows"
    return title, render_html(nodes, edges, title)


def run_cli(entity: str | None, query_name: str | None, params: list[str], depth: int,
            output: Path) -> None:
    """`kg viz`: write the view to `output`."""
    from rich.console import Console

    from kg import db
    from kg.settings import get_settings

    settings = get_settings()
    drv = db.driver(settings)
    try:
        title, page = build_view(drv, settings.neo4j_database, entity, query_name,
                                 parse_params(params), depth)
    finally:
        drv.close()
    output.write_text(page, encoding="utf-8")
    Console(highlight=False).print(f"wrote {output} ({title})")
