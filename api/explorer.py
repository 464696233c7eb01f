"""The browser explorer: the page at "/", its static assets, a notice viewer
with the evidence sentence highlighted, and standalone views (/api/viz).

Everything the page loads comes from this app (vis-network is vendored under
static/vendor/), so the explorer works on a machine with no network and makes
no request to any other host.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse

from api.db import get_driver_of
from api.errors import NotFound, responses
from api.params import DIGITS, NOT_BLANK
from kg import viz

STATIC = Path(__file__).resolve().parent / "static"

router = APIRouter()


@router.get("/", include_in_schema=False)
def index() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html")


@router.get("/static/{path:path}", include_in_schema=False)
def static(path: str) -> FileResponse:
    target = (STATIC / path).resolve()
    if STATIC not in target.parents or not target.is_file():
        raise NotFound(f"No static file {path!r}.")
    return FileResponse(target)


NOTICE_CYPHER = ("MATCH (d:Document {id: $id}) RETURN d.title AS title, d.date AS date, "
                 "d.source AS source, d.text AS text, d.publisher AS publisher")


@router.get("/notices/{doc_id:path}", response_class=HTMLResponse, include_in_schema=False)
def notice(request: Request, doc_id: str,
           hl: Annotated[str | None, Query(description="A sentence to highlight.")] = None,
           ) -> HTMLResponse:
    """A notice's cleaned text, with the evidence sentence `hl` highlighted."""
    settings = request.app.state.settings
    rows, _, _ = get_driver_of(request.app).execute_query(
        NOTICE_CYPHER, id=doc_id, database_=settings.neo4j_database)
    if not rows:
        raise NotFound(f"No notice has the id {doc_id!r}.")
    r = rows[0]
    text = r["text"] or ""
    body = html.escape(text)
    if hl:
        sentence = html.escape(hl.strip())
        if sentence and sentence in body:
            body = body.replace(sentence, f'<mark id="hl">{sentence}</mark>', 1)
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    meta = " · ".join(html.escape(str(x)) for x in (r["date"], r["publisher"], r["source"]) if x)
    page = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{html.escape(r["title"] or doc_id)}</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/app.css"></head>
<body class="notice"><a href="/">← explorer</a>
<h1>{html.escape(r["title"] or doc_id)}</h1><div class="meta">{meta}<br>{html.escape(doc_id)}</div>
<article>{paragraphs}</article>
<script>const m = document.getElementById("hl"); if (m) m.scrollIntoView({{block: "center"}});</script>
</body></html>"""
    return HTMLResponse(page)


@router.get("/api/viz", response_class=HTMLResponse, tags=["views"],
            summary="A standalone HTML view of an entity (the same as `kg viz` writes)",
            responses=responses(404, 422, 503, why={404: "No entity has this id or name"},
                                examples={404: "No entity is named '没有这个人': give an id "
                                               "(person:…, org:…) or search with `kg query` "
                                               "first."}, html=True))
def api_viz(request: Request,
            entity: Annotated[str, Query(min_length=1, pattern=NOT_BLANK, description=(
                "An entity id (person:510107:魏成舟) or name (魏成舟)."),
                examples=["魏成舟"])],
            depth: Annotated[int, Query(ge=0, le=3, description="Hops to draw."), DIGITS] = 1,
            limit: Annotated[int, Query(ge=1, le=viz.MAX_NODES,
                                        description="Most nodes to draw."), DIGITS] = 300,
            ) -> HTMLResponse:
    """The view of an entity's neighbourhood, vis-network inlined: a page that opens
    without a server. A named question's view is `/api/queries/<name>/viz`."""
    settings = request.app.state.settings
    _, page = viz.build_view(get_driver_of(request.app), settings.neo4j_database,
                             entity.strip(), None, {}, depth, limit)
    return HTMLResponse(page)
