"""The analysts' questions over HTTP: the named Cypher files, and read-only Cypher.

Named queries are the files of `queries/`, run by `kg.query` exactly as
`kg query` runs them, so an analyst can read and reuse every question the API
answers.

Why `/api/cypher` checks a plan before running anything: a READ-mode session
refuses writes to its own database only; procedures that run Cypher from a
string or reach the network escape it. `api.cypher_guard` bounds the text, then
compiles it with `EXPLAIN` (with the same server-side timeout) and walks the
whole plan against an allowlist of operators and of procedure and function
names; anything else is refused with 403 before a single row is touched. The
query then runs in a READ-mode auto-commit transaction with a server-side
timeout, at most `KG_CYPHER_CONCURRENCY` at once (the rest wait briefly, then
429, so the other routes keep their threads), and the answer is cut at the
row limit or the byte limit, whichever comes first (and says so).
"""

from __future__ import annotations

import asyncio
import re
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from neo4j import READ_ACCESS, Query
from neo4j.exceptions import ClientError, CypherSyntaxError
from starlette.concurrency import run_in_threadpool

from api import cypher_guard as guard
from api.db import get_driver, get_settings
from api.errors import ApiError, BadParameter, CypherError, NotFound, responses
from api.models import ColumnView, CypherRequest, ParamView, QueryAnswer, QueryView
from api.values import to_json
from kg import query as named
from kg.errors import UserError

router = APIRouter(prefix="/api", tags=["queries"])

#: Seconds an analyst's query waits for one of the KG_CYPHER_CONCURRENCY slots.
SLOT_WAIT_S = 5.0


class Busy(ApiError):
    status = 429


def view(q: named.NamedQuery) -> QueryView:
    return QueryView(
        name=q.name, description=q.description, cypher=q.cypher,
        params=[ParamView(name=p.name, type=p.type, required=p.required, example=p.example,
                          description=p.description) for p in q.params],
        columns=[ColumnView(name=c.name, description=c.description) for c in q.columns])


@router.get("/queries", response_model=list[QueryView], summary="The named questions",
            responses=responses())
def list_named() -> list[QueryView]:
    """Every named query: what it answers, its parameters (type, example, required) and
    its columns, and the Cypher it runs."""
    return [view(q) for q in named.list_queries()]


def _lookup(name: str) -> named.NamedQuery:
    try:
        return named.get_query(name)
    except UserError as exc:
        raise NotFound(str(exc)) from None


@router.get("/queries/{name}", response_model=QueryAnswer, summary="Run a named question",
            include_in_schema=False,  # each query has its own operation (api.routes.named)
            responses=responses(404, 422, 503, why={404: "No such query"}))
def run_named(
    request: Request,
    name: Annotated[str, Path(description="The query's name, e.g. meetings.")],
) -> QueryAnswer:
    """Run one named query; its parameters are the URL's query parameters
    (e.g. `/api/queries/meetings?person=秦向东&year=2018`), checked against its header."""
    q = _lookup(name)
    params: dict[str, Any] = dict(request.query_params)
    try:
        named.bind_params(q, params)
    except UserError as exc:
        raise BadParameter(str(exc)) from None
    settings = get_settings(request)
    result = named.run_query(name, params, driver=get_driver(request),
                             database=settings.neo4j_database)
    return QueryAnswer(columns=result.columns, rows=result.rows)


EXPLAIN = "EXPLAIN "
_POSITION = re.compile(r"line 1, column (\d+) \(offset: (\d+)\)")


def explain(session: Any, text: str, params: dict[str, Any], timeout: float) -> Any:
    """The compiled plan's summary, planned under the server-side timeout; a syntax error
    is reported against the analyst's own text (Neo4j saw it behind "EXPLAIN ", so its
    positions on line 1 are shifted)."""
    try:
        return session.run(Query(EXPLAIN + text, timeout=timeout), params).consume()
    except CypherSyntaxError as exc:
        refusal = guard.refusal_for_missing(exc.message or "")
        if refusal:
            raise refusal from None
        raise CypherError(f"Cypher syntax error: {unshift(exc.message or '')}") from None
    except ClientError as exc:
        refusal = guard.refusal_for_missing(exc.message or "")
        if refusal:
            raise refusal from None
        raise


def unshift(message: str) -> str:
    """Neo4j's syntax message with the "EXPLAIN " prefix taken back out."""
    n = len(EXPLAIN)
    message = _POSITION.sub(lambda m: f"line 1, column {int(m[1]) - n} (offset: {int(m[2]) - n})",
                            message)
    lines = message.split("\n")
    for i, line in enumerate(lines):
        if line.startswith('"' + EXPLAIN):
            lines[i] = '"' + line[len(EXPLAIN) + 1:]
            if i + 1 < len(lines) and lines[i + 1].startswith(" " * n):
                lines[i + 1] = lines[i + 1][n:]
    return "\n".join(lines)


def check_read_only(summary: Any) -> None:
    """Refuse (403) a compiled query that is not read-only or calls off the allowlist."""
    guard.check_plan(summary.query_type, summary.plan)


def _slots(request: Request) -> asyncio.Semaphore:
    """The app's semaphore of analyst-query slots (made on first use, in the app's loop)."""
    state = request.app.state
    sem = getattr(state, "cypher_slots", None)
    if sem is None:
        slots = max(1, get_settings(request).cypher_concurrency)
        sem = state.cypher_slots = asyncio.Semaphore(slots)
    return sem


@router.post("/cypher", response_model=QueryAnswer, summary="Run read-only Cypher",
             responses=responses(400, 403, 422, 429, 503, 504, why={
                 403: "The query would write, administer, or call something off the allowlist",
                 422: "The body is not a query with parameters, or is too long"}))
async def run_cypher(request: Request, body: CypherRequest) -> QueryAnswer:
    """Run an analyst's read-only Cypher with parameters: bounded in length, checked with
    EXPLAIN against an allowlist, then run in a read transaction with a server-side
    timeout, cut by rows and by bytes."""
    settings = get_settings(request)
    guard.check_text(body.query, body.params, guard.Limits(max_chars=settings.cypher_max_chars))
    sem = _slots(request)
    try:
        await asyncio.wait_for(sem.acquire(), SLOT_WAIT_S)
    except TimeoutError:
        raise Busy(f"{settings.cypher_concurrency} analyst queries are already running "
                   "(KG_CYPHER_CONCURRENCY); retry in a moment.") from None
    try:
        return await run_in_threadpool(_run_checked, request, body)
    finally:
        sem.release()


def _run_checked(request: Request, body: CypherRequest) -> QueryAnswer:
    settings = get_settings(request)
    budget = guard.AnswerBudget(settings.cypher_row_limit, settings.cypher_max_bytes)
    with get_driver(request).session(database=settings.neo4j_database,
                                     default_access_mode=READ_ACCESS) as session:
        summary = explain(session, body.query, body.params, settings.cypher_timeout_s)
        check_read_only(summary)
        result = session.run(Query(body.query, timeout=settings.cypher_timeout_s), body.params)
        columns = list(result.keys())
        rows: list[dict[str, Any]] = []
        for record in result:
            if budget.full() or not budget.fits_raw(list(record.values())):
                break
            row = {k: to_json(record[k]) for k in columns}
            if not budget.admit(row):
                break
            rows.append(row)
    return QueryAnswer(columns=columns, rows=rows, truncated=budget.cut is not None,
                       note=budget.cut)
