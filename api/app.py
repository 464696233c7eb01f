"""The FastAPI app: JSON over the graph, OpenAPI at /docs.

`create_app(settings)` builds an app bound to one Neo4j (tests make one per test
server, or one pointing at a dead port to see the 503s); `serve()` is what
`kg serve` runs. The driver is made once in the lifespan and closed on shutdown:
one connection pool per app, never one per request.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import errors
from api.db import close_driver, get_driver_of
from api.routes import (
    entities,
    graph,
    identity,
    meta,
    named,
    notices,
    overview,
    queries,
    search,
    timeline,
)
from kg.settings import Settings, get_settings

log = logging.getLogger("api")

DESCRIPTION = """
A knowledge graph of officials, bodies, localities and directives from Chinese
work-safety (安全生产) notices. Every relationship carries the notices and the
sentences that assert it. The named questions (`/api/queries`) are the Cypher
files of `queries/`, the same ones `kg query` runs.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """An app bound to the Neo4j of `settings` (default: the environment's)."""
    s = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        get_driver_of(app)
        try:
            yield
        finally:
            close_driver(app)

    app = FastAPI(title="anquan-kg", version="0.1.0", description=DESCRIPTION,
                  lifespan=lifespan)
    app.state.settings = s
    app.state.driver = None
    errors.install(app)
    # `named` before `queries`: each named question's own route answers before the
    # catch-all /api/queries/{name}, which is left with the unknown names (404).
    for module in (entities, search, named, queries, graph, notices, identity, meta, overview,
                   timeline):
        app.include_router(module.router)
    _include_explorer(app)
    return app


def _include_explorer(app: FastAPI) -> None:
    """The browser explorer is a separate module; the API works without it."""
    try:
        from api.explorer import router as explorer_router
    except ModuleNotFoundError as exc:
        if exc.name != "api.explorer":
            raise  # the explorer exists but is broken: say so, do not hide it
        log.info("explorer not included: api/explorer.py is absent")
        return
    app.include_router(explorer_router)


def serve(host: str | None = None, port: int | None = None) -> None:
    """Run the API with uvicorn on the settings' host and port (or the ones given)."""
    import uvicorn

    s = get_settings()
    # A request still running 10 s after SIGTERM (a long upload) does not hold the exit;
    # the upload's extraction worker is a daemon process and ends with the server.
    uvicorn.run(create_app(s), host=host or s.api_host, port=port or s.api_port,
                log_level="info", timeout_graceful_shutdown=10)
