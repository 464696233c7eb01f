"""Errors as status codes with one sentence each, never a stack trace.

Why here and not in the routes: every route may hit Neo4j, and every Neo4j
failure (down, slow, bad Cypher) must read the same way whichever route met it.
The routes raise `ApiError` subclasses (or `kg.errors.UserError`) and these
handlers turn them, and the driver's exceptions, into `{"detail": "..."}`.
"""

from __future__ import annotations

import logging
from typing import Any

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

from api.models import ErrorBody
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


#: What each error status means across the API, with an example sentence: the one
#: error model (`{"detail": "..."}`) as the OpenAPI document declares it.
ERRORS: dict[int, tuple[str, str]] = {
    400: ("Neo4j refused the Cypher text (syntax, an unknown function, a missing parameter)",
          "Cypher syntax error: Invalid input 'RETURN': expected an expression (line 1, "
          "column 10 (offset: 9))"),
    401: ("The X-API-Key header is missing or wrong",
          "Uploading notices needs the server's API key in the X-API-Key header; the key "
          "was missing or wrong."),
    403: ("The Cypher would write, change the schema, or read files or URLs",
          "Only read-only Cypher runs here, and this query writes; use `kg ingest` or the "
          "loader to change the graph."),
    404: ("Nothing has this id or name",
          "No Person with id 'person:510107:无此人' in the graph; search for it with "
          "/api/search?q=<name>."),
    422: ("A parameter is missing, out of its range, or not one of its values; the sentence "
          "names it",
          "Bad request: parameter 'limit': Input should be less than or equal to 500."),
    429: ("Too many analyst queries are running at once (KG_CYPHER_CONCURRENCY)",
          "4 analyst queries are already running (KG_CYPHER_CONCURRENCY); retry in a moment."),
    500: ("The server failed; the error is in its log",
          "The server failed to answer this request; the error is in the server log. Retry, "
          "or report it with the request you made."),
    503: ("Neo4j does not answer",
          "Neo4j is not reachable at bolt://127.0.0.1:7687: start it with `kg neo4j start`, "
          "or point NEO4J_URI at a running Neo4j, then retry."),
    504: ("The query ran past the server's timeout (KG_CYPHER_TIMEOUT)",
          "The query ran longer than the 10 s limit and was stopped: narrow it (a LIMIT, a "
          "more selective MATCH)."),
}


def responses(*statuses: int, why: dict[int, str] | None = None,
              examples: dict[int, str] | None = None, html: bool = False) -> dict[int | str, Any]:
    """The OpenAPI `responses=` of an operation that can answer `statuses` (500 is always
    added): each with the one error model, what it means there and an example (`why`
    and `examples` override the general ones).

    `html`: the operation answers HTML, and its errors JSON. FastAPI files a response
    `model` under the operation's own media type, so there the schema is a reference
    (ErrorBody is in the components through the JSON operations)."""
    out: dict[int | str, Any] = {}
    for status in sorted({*statuses, 500}):
        meaning, example = ERRORS[status]
        media: dict[str, Any] = {"example": {"detail": (examples or {}).get(status, example)}}
        entry: dict[str, Any] = {"description": (why or {}).get(status, meaning),
                                 "content": {"application/json": media}}
        if html:
            media["schema"] = {"$ref": "#/components/schemas/ErrorBody"}
        else:
            entry["model"] = ErrorBody
        out[status] = entry
    return out


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


_ERROR_REF = "#/components/schemas/ErrorBody"


def _error_entry(status: int) -> dict[str, Any]:
    meaning, example = ERRORS[status]
    return {"description": meaning, "content": {"application/json": {
        "schema": {"$ref": _ERROR_REF}, "example": {"detail": example}}}}


def one_error_model(document: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document with the one error model everywhere, whatever a route
    declared: FastAPI's own 422 (`HTTPValidationError`, a list the handlers never send)
    becomes ErrorBody, and every operation declares 500. The routes' `responses(...)`
    say the rest; this only keeps a route that forgot from contradicting them."""
    for path_item in document.get("paths", {}).values():
        for op in path_item.values():
            answers = op.setdefault("responses", {})
            if "HTTPValidationError" in str(answers.get("422", "")):
                answers["422"] = _error_entry(422)
            answers.setdefault("500", _error_entry(500))
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("ErrorBody", ErrorBody.model_json_schema())
    if "HTTPValidationError" not in str(document.get("paths")):
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
    return document


def install(app: FastAPI) -> None:
    """Register the handlers on the app, and the one error model in its document."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = one_error_model(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

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
