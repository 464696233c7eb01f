"""The analysts' questions over HTTP: the named Cypher files, and read-only Cypher.

Named queries are the files of `queries/`, run by `kg.query` exactly as
`kg query` runs them, so an analyst can read and reuse every question the API
answers.

Why `/api/cypher` checks a plan before running anything: a READ-mode session
refuses most writes, but not everything an analyst should not do through a
shared service (LOAD CSV reads files and URLs from the server, write procedures
differ in how they are refused). `EXPLAIN` compiles the query without running it
and tells its type; anything but a read-only plan ('r'), and any plan that loads
external data, is refused with 403 before a single row is touched. The query then
runs in a READ-mode auto-commit transaction with a server-side timeout, and
the answer is cut at the configured row limit (and says so).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from neo4j import READ_ACCESS, Query
from neo4j.exceptions import CypherSyntaxError

from api.db import get_driver, get_settings
from api.errors import BadParameter, CypherError, Forbidden, NotFound
from api.models import ColumnView, CypherRequest, ParamView, QueryAnswer, QueryView
from api.values import to_json
from kg import query as named
from kg.errors import UserError

router = APIRouter(prefix="/api", tags=["queries"])

#: Plan operators that reach outside the database (files, URLs).
EXTERNAL_OPERATORS = ("LoadCSV",)
#: Procedures, by name prefix, that read or write outside the database.
EXTERNAL_PROCEDURES = ("apoc.load.", "apoc.import.", "apoc.export.", "apoc.systemdb.")


def view(q: named.NamedQuery) -> QueryView:
    return QueryView(
        name=q.name, description=q.description, cypher=q.cypher,
        params=[ParamView(name=p.name, type=p.type, required=p.required, example=p.example,
                          description=p.description) for p in q.params],
        columns=[ColumnView(name=c.name, description=c.description) for c in q.columns])


@router.get("/queries", response_model=list[QueryView], summary="The named questions")
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
            responses={404: {"description": "No such query"},
                       422: {"description": "A parameter is unknown, missing or of the wrong type"}})
def run_named(
    request: Request,
    name: Annotated[str, Path(description="The query's name, e.g. meetings.")],
) -> QueryAnswer:
    """Run one named query; its parameters are the URL's query parameters
    (e.g. `/api/queries/meetings?person=崔向松&year=2018`), checked against its header."""
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


def _walk(plan: dict[str, Any] | None):
    if not plan:
        return
    yield plan
    for child in plan.get("children") or []:
        yield from _walk(child)


EXPLAIN = "EXPLAIN "
_POSITION = re.compile(r"line 1, column (\d+) \(offset: (\d+)\)")


def explain(session: Any, text: str, params: dict[str, Any]) -> Any:
    """The compiled plan's summary; a syntax error is reported against the analyst's own
    text (Neo4j saw it behind "EXPLAIN ", so its positions on line 1 are shifted)."""
    try:
        return session.run(EXPLAIN + text, params).consume()
    except CypherSyntaxError as exc:
        raise CypherError(f"Cypher syntax error: {unshift(exc.message or '')}") from None


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
    """Refuse (403) a compiled query that is not read-only or that reaches outside."""
    kind = summary.query_type
    if kind != "r":
        what = {"rw": "reads and writes", "w": "writes", "s": "changes the schema or "
                "the database management system"}.get(kind, f"is of type {kind!r}")
        raise Forbidden(f"Only read-only Cypher runs here, and this query {what}; "
                        "use `kg ingest` or the loader to change the graph.")
    for op in _walk(summary.plan):
        operator = str(op.get("operatorType", "")).split("@")[0]
        if operator in EXTERNAL_OPERATORS:
            raise Forbidden(f"{operator} is not allowed here: the API does not read files or "
                            "URLs for analysts. Load data with `kg ingest`.")
        details = str((op.get("args") or {}).get("Details", ""))
        if operator.startswith("ProcedureCall") and details.startswith(EXTERNAL_PROCEDURES):
            raise Forbidden(f"The procedure in {details!r} reads or writes outside the "
                            "database and is not allowed here.")


@router.post("/cypher", response_model=QueryAnswer, summary="Run read-only Cypher",
             responses={400: {"description": "Cypher syntax error"},
                        403: {"description": "The query would write or reach outside"},
                        504: {"description": "The query ran past the timeout"}})
def run_cypher(request: Request, body: CypherRequest) -> QueryAnswer:
    """Run an analyst's read-only Cypher with parameters: checked with EXPLAIN first,
    then run in a read transaction with a server-side timeout and a row limit."""
    settings = get_settings(request)
    limit = settings.cypher_row_limit
    with get_driver(request).session(database=settings.neo4j_database,
                                     default_access_mode=READ_ACCESS) as session:
        summary = explain(session, body.query, body.params)
        check_read_only(summary)
        result = session.run(Query(body.query, timeout=settings.cypher_timeout_s), body.params)
        columns = list(result.keys())
        rows: list[dict[str, Any]] = []
        truncated = False
        for record in result:
            if len(rows) == limit:
                truncated = True
                break
            rows.append({k: to_json(record[k]) for k in columns})
    note = (f"Cut at {limit} rows (KG_CYPHER_ROW_LIMIT): add a LIMIT or narrow the query."
            if truncated else None)
    return QueryAnswer(columns=columns, rows=rows, truncated=truncated, note=note)
