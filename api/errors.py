"""Errors as status codes with one sentence each, never a stack trace.

Why here and not in the routes: every route may hit Neo4j, and every Neo4j
failure (down, slow, bad Cypher) must read the same way whichever route met it.
The routes raise `ApiError` subclasses (or `kg.errors.UserError`) and these
handlers turn them, and the driver's exceptions, into `{"detail": "..."}`.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import (
    AuthError,
    ClientError,
    CypherSyntaxError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from kg.errors import Neo4jUnavailable, UserError

log = logging.getLogger("api")


class ApiError(UserError):
    """A user error with the HTTP status that says what kind it is."""

    status = 400


class CypherError(ApiError):
    """Neo4j refused the text of a query (syntax, unknown function…)."""

    status = 400


class NotFound(ApiError):
    status = 404


class BadParameter(ApiError):
    status = 422


class Forbidden(ApiError):
    status = 403


class Unauthorized(ApiError):
    status = 401


class QueryTimeout(ApiError):
    status = 504


def _answer(status: int, detail: str) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status)


def neo4j_down_sentence(request: Request) -> str:
    uri = request.app.state.settings.neo4j_uri
    return (f"Neo4j is not reachable at {uri}: start it with `kg neo4j start`, or point "
            "NEO4J_URI at a running Neo4j, then retry.")


def _validation_message(exc: RequestValidationError) -> str:
    """FastAPI's validation errors as one sentence naming each parameter."""
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ())]
        if loc and loc[0] in ("query", "path", "body", "header", "cookie") and len(loc) > 1:
            loc = loc[1:]  # where the parameter was sent, not its name
        name = ".".join(loc) or "request"
        parts.append(f"parameter {name!r}: {err.get('msg', 'invalid')}")
    return "Bad request: " + "; ".join(parts) + "."


def install(app: FastAPI) -> None:
    """Register the handlers on the app."""

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _answer(422, _validation_message(exc))

    @app.exception_handler(Neo4jUnavailable)
    async def _unavailable(request: Request, exc: Neo4jUnavailable) -> JSONResponse:
        return _answer(503, str(exc))

    @app.exception_handler(UserError)
    async def _user(request: Request, exc: UserError) -> JSONResponse:
        return _answer(getattr(exc, "status", 422), str(exc))

    @app.exception_handler(ServiceUnavailable)
    async def _down(request: Request, exc: ServiceUnavailable) -> JSONResponse:
        return _answer(503, neo4j_down_sentence(request))

    @app.exception_handler(SessionExpired)
    async def _expired(request: Request, exc: SessionExpired) -> JSONResponse:
        return _answer(503, neo4j_down_sentence(request))

    @app.exception_handler(AuthError)
    async def _auth(request: Request, exc: AuthError) -> JSONResponse:
        s = request.app.state.settings
        return _answer(503, f"Neo4j at {s.neo4j_uri} refused the credentials for user "
                            f"{s.neo4j_username!r}: set NEO4J_USERNAME and NEO4J_PASSWORD.")

    @app.exception_handler(CypherSyntaxError)
    async def _syntax(request: Request, exc: CypherSyntaxError) -> JSONResponse:
        return _answer(400, f"Cypher syntax error: {exc.message}")

    @app.exception_handler(ClientError)
    async def _client(request: Request, exc: ClientError) -> JSONResponse:
        code = exc.code or ""
        if "TransactionTimedOut" in code:
            timeout = request.app.state.settings.cypher_timeout_s
            return _answer(504, f"The query ran longer than the {timeout:g} s limit and was "
                                "stopped: narrow it (a LIMIT, a more selective MATCH).")
        if code.endswith("ForbiddenDueToTransactionType") or "AccessMode" in code:
            return _answer(403, "Only read-only Cypher is allowed here: the query tried to write.")
        return _answer(400, f"Neo4j refused the query ({code}): {exc.message}")

    @app.exception_handler(Neo4jError)
    async def _neo4j(request: Request, exc: Neo4jError) -> JSONResponse:
        log.error("Neo4j error: %s %s", exc.code, exc.message)
        return _answer(503, f"Neo4j could not answer ({exc.code}): {exc.message}. Retry; if "
                            "it persists, look at the Neo4j log.")

    @app.exception_handler(DriverError)
    async def _driver(request: Request, exc: DriverError) -> JSONResponse:
        return _answer(503, neo4j_down_sentence(request))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _answer(500, "The server failed to answer this request; the error is in the "
                            "server log. Retry, or report it with the request you made.")
