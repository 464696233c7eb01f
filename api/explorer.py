"""The browser explorer: the page at "/" (overview, letters, timeline, chain, graph,
questions), its static assets, the notice page with its facts marked in place
(api/notice_view.py), and standalone views (/api/viz).

Everything the page loads comes from this app (vis-network and vis-timeline are
vendored under static/vendor/), so the explorer works on a machine with no network and makes
no request to any other host.
"""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse

from api import notice_view
from api.db import get_driver_of
from api.errors import NotFound, responses
from api.params import DIGITS, NOT_BLANK
from kg import viz

STATIC = FilePath(__file__).resolve().parent / "static"

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


@router.get("/notices/{doc_id:path}", response_class=HTMLResponse, include_in_schema=False)
def notice(request: Request, doc_id: Annotated[str, Path(max_length=200)],
           fact: Annotated[str | None, Query(max_length=64, pattern="^[0-9a-f]+$", description=(
               "A fact's key (a relationship's `key`): its sentence is highlighted."))] = None,
           hl: Annotated[str | None, Query(max_length=2000,
                                           description="A sentence to highlight.")] = None,
           ) -> HTMLResponse:
    """A notice's cleaned text with every fact it asserted marked in place (one colour
    per kind, each mark a link to its entity), the list of its facts beside it, and the
    sentence of fact `fact` (or the sentence `hl`) highlighted (api/notice_view.py)."""
    settings = request.app.state.settings
    nf = notice_view.load(get_driver_of(request.app), settings.neo4j_database, doc_id)
    if nf is None:
        raise NotFound(f"No notice has the id {doc_id!r}.")
    return HTMLResponse(notice_view.page(nf, fact, hl))


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
