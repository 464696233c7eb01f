"""One operation per named question: `GET /api/queries/<name>` and its standalone view
`GET /api/queries/<name>/viz`, made from the header of each file in `queries/`.

Why one operation each instead of one `/api/queries/{name}` taking any parameters:
the OpenAPI document is what clients are generated from, and only an operation of
its own can say which parameters a question has, which are required, their types,
and the columns of its rows. The parameters are declared as `kg.query` checks
them (a required text is not empty; integers are Neo4j's, from 0; dates are
YYYY-MM-DD; labels and relationship types are enums of `kg.model`), and the query's own parsing still runs on every value, so the
command line and the API refuse the same things with the same sentences.

These routes are included before `api.routes.queries`, whose `/api/queries/{name}`
(hidden from the document) then only answers names that are not queries: 404.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import ConfigDict, Field, create_model

from api.db import get_driver, get_settings
from api.errors import BadParameter, responses
from api.models import QueryAnswer
from api.params import DIGITS, NEO4J_INT_MAX
from kg import query as named
from kg import viz
from kg.errors import UserError

router = APIRouter(prefix="/api", tags=["queries"])

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _example(p: named.QueryParam) -> Any:
    """The header's example as a value of the parameter's type (None if it is not one)."""
    try:
        return named.convert_param(p, p.example)
    except UserError:
        return None


def _query_param(p: named.QueryParam) -> Any:
    """`Query(...)` for one header parameter, with its bounds and example."""
    extra: dict[str, Any] = {}
    example = _example(p)
    if example is not None:
        extra["examples"] = [example]
    if p.type == "int":
        extra.update(ge=0, le=NEO4J_INT_MAX)
    elif p.type == "float":
        extra.update(allow_inf_nan=False)
    elif p.type == "date":
        extra.update(pattern=DATE_PATTERN, json_schema_extra={"format": "date"})
    elif p.type == "str" and p.required:
        extra.update(min_length=1)
    need = "Required." if p.required else "Optional."
    return Query(alias=p.name, description=f"{p.description[:1].upper()}{p.description[1:]}. "
                                           f"{need}", **extra)


_PY_TYPES: dict[str, Any] = {"str": str, "int": int, "float": float, "bool": bool,
                             "date": str,
                             **{t: Literal[choices] for t, choices in named.PARAM_CHOICES.items()}}


def signature(q: named.NamedQuery) -> inspect.Signature:
    """The endpoint's signature: the request, then one keyword per header parameter."""
    params = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                annotation=Request)]
    for p in q.params:
        kind = _PY_TYPES[p.type]
        metadata = (_query_param(p), DIGITS) if p.type == "int" else (_query_param(p),)
        annotation = Annotated[(kind if p.required else kind | None, *metadata)]
        params.append(inspect.Parameter(
            f"p_{p.name}", inspect.Parameter.KEYWORD_ONLY, annotation=annotation,
            default=inspect.Parameter.empty if p.required else None))
    return inspect.Signature(params)


def _title(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def answer_model(q: named.NamedQuery) -> type[QueryAnswer]:
    """`QueryAnswer` whose rows have exactly the query's declared columns."""
    row = create_model(
        f"{_title(q.name)}Row",
        __config__=ConfigDict(extra="forbid", populate_by_name=True),
        **{f"c_{c.name}": (Any, Field(alias=c.name, description=c.description))
           for c in q.columns})
    return create_model(f"{_title(q.name)}Answer", __base__=QueryAnswer,
                        rows=(list[row], ...))  # type: ignore[valid-type]


def given(q: named.NamedQuery, request: Request, values: dict[str, Any]) -> dict[str, Any]:
    """The parameters the request gave, by their header names; a parameter the query
    does not have is a 422 (a typo must not silently widen the answer)."""
    unknown = [k for k in request.query_params if q.param(k) is None]
    if unknown:
        known = ", ".join(p.name for p in q.params) or "none"
        raise BadParameter(f"Query {q.name!r} has no parameter {unknown[0]!r} "
                           f"(its parameters: {known}).")
    return {k[2:]: v for k, v in values.items() if v is not None}


def _description(q: named.NamedQuery, what: str) -> str:
    return (f"{q.description}\n\n{what} The Cypher it runs (`queries/{q.name}.cypher`):\n\n"
            f"```cypher\n{q.cypher}\n```")


def run_endpoint(q: named.NamedQuery) -> Callable[..., dict[str, Any]]:
    def endpoint(request: Request, **values: Any) -> dict[str, Any]:
        settings = get_settings(request)
        result = named.run_query(q.name, given(q, request, values), driver=get_driver(request),
                                 database=settings.neo4j_database)
        return {"columns": result.columns, "rows": result.rows}

    endpoint.__signature__ = signature(q)  # type: ignore[attr-defined]
    return endpoint


def view_endpoint(q: named.NamedQuery) -> Callable[..., HTMLResponse]:
    def endpoint(request: Request, **values: Any) -> HTMLResponse:
        settings = get_settings(request)
        _, page = viz.build_view(get_driver(request), settings.neo4j_database, None, q.name,
                                 given(q, request, values))
        return HTMLResponse(page)

    endpoint.__signature__ = signature(q)  # type: ignore[attr-defined]
    return endpoint


def add_routes(q: named.NamedQuery) -> None:
    why = {422: "A parameter is missing, unknown, or not of its type; the sentence names it"}
    example = {422: f"Query {q.name!r} has no parameter 'colour' (its parameters: "
                    f"{', '.join(p.name for p in q.params) or 'none'})."}
    errors = responses(422, 503, why=why, examples=example)
    router.add_api_route(
        f"/queries/{q.name}", run_endpoint(q), methods=["GET"], response_model=answer_model(q),
        summary=f"Run {q.name}", operation_id=f"run_{q.name}", responses=errors,
        description=_description(q, "Its rows, one per answer, with the columns below."))
    router.add_api_route(
        f"/queries/{q.name}/viz", view_endpoint(q), methods=["GET"], tags=["views"],
        response_class=HTMLResponse, summary=f"A standalone HTML view of {q.name}",
        operation_id=f"view_{q.name}",
        responses=responses(422, 503, why=why, examples=example, html=True),
        description=_description(q, "The entities its rows name, drawn as a graph (the "
                                    "same page `kg viz --query` writes)."))


for _q in named.list_queries():
    add_routes(_q)
