"""Named Cypher questions: the files of `queries/`, run by name.

Why files: an analyst reads and reuses exactly the Cypher that `kg query` and the
API run. Each file starts with a header of comment lines, which this module
parses into a typed description (so the CLI can list the questions and the API
can validate and document their parameters):

    // <what the query answers>
    // @param name: type = example — description     (type: str|int|float|bool|date|label|reltype)
    // @column name — description

`label` and `reltype` are text that must be one of the labels or relationship
types of `kg.model` (so the API can declare them as enums). A parameter is optional when the query body tests ``$name IS NULL``; otherwise it
is required. Values are always passed as parameters, never pasted into Cypher.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any

from neo4j import Driver

from kg.errors import UserError
from kg.model import LABELS, REL_NAMES
from kg.settings import PROJECT_ROOT

QUERIES_DIR = PROJECT_ROOT / "queries"
PARAM_TYPES = ("str", "int", "float", "bool", "date", "label", "reltype")
#: The values of the enumerated types: the graph model's labels and relationship types.
PARAM_CHOICES: dict[str, tuple[str, ...]] = {"label": LABELS, "reltype": REL_NAMES}
FORMATS = ("table", "json", "csv")

_PARAM = re.compile(
    r"^@param\s+(?P<name>\w+)\s*:\s*(?P<type>\w+)\s*(?:=\s*(?P<example>.*?))?\s*"
    r"(?:[—–]|\s-\s)\s*(?P<desc>.*)$")
_COLUMN = re.compile(r"^@column\s+(?P<name>\w+)\s*(?:[—–]|\s-\s)?\s*(?P<desc>.*)$")


@dataclass(frozen=True)
class QueryParam:
    name: str
    type: str
    example: str | None
    description: str
    required: bool


@dataclass(frozen=True)
class QueryColumn:
    name: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[QueryParam, ...]
    columns: tuple[QueryColumn, ...]
    cypher: str
    path: Path

    def param(self, name: str) -> QueryParam | None:
        return next((p for p in self.params if p.name == name), None)


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)


def parse_query(path: Path) -> NamedQuery:
    """Parse one .cypher file's header; a malformed header is a UserError naming the file."""
    text = path.read_text(encoding="utf-8")
    header: list[str] = []
    body: list[str] = []
    for line in text.splitlines():
        if not body and line.strip().startswith("//"):
            header.append(line.strip()[2:].strip())
        elif body or line.strip():
            body.append(line)
    cypher = "\n".join(body).strip()
    if not header or header[0].startswith("@"):
        raise UserError(f"{path.name} must start with a comment line saying what it answers.")
    params: list[QueryParam] = []
    columns: list[QueryColumn] = []
    description = [header[0]]
    for line in header[1:]:
        if line.startswith("@param"):
            m = _PARAM.match(line)
            if not m or m["type"] not in PARAM_TYPES:
                raise UserError(f"{path.name}: cannot read the header line {line!r}; write "
                                "`// @param name: str|int|float|bool|date|label|reltype = example "
                                "— description`.")
            optional = re.search(rf"\${m['name']}\s+IS\s+NULL", cypher, re.I) is not None
            params.append(QueryParam(m["name"], m["type"], m["example"], m["desc"].strip(),
                                     required=not optional))
        elif line.startswith("@column"):
            m = _COLUMN.match(line)
            if not m:
                raise UserError(f"{path.name}: cannot read the header line {line!r}.")
            columns.append(QueryColumn(m["name"], m["desc"].strip()))
        elif not params and not columns:
            description.append(line)
    return NamedQuery(path.stem, " ".join(description).strip(), tuple(params), tuple(columns),
                      cypher, path)


def list_queries(directory: Path | None = None) -> list[NamedQuery]:
    """Every named query, sorted by name."""
    d = directory or QUERIES_DIR
    return [parse_query(p) for p in sorted(d.glob("*.cypher"))]


def get_query(name: str, directory: Path | None = None) -> NamedQuery:
    d = directory or QUERIES_DIR
    path = d / f"{name}.cypher"
    if not re.fullmatch(r"[\w-]+", name or "") or not path.is_file():
        names = ", ".join(q.name for q in list_queries(d)) or "none"
        raise UserError(f"No named query {name!r}; the queries are: {names}.")
    return parse_query(path)


def convert_param(param: QueryParam, value: Any) -> Any:
    """A value (a string from the command line or the API, or already typed) converted to
    the parameter's type; dates stay ISO strings because the graph stores them so."""
    if value is None or value == "":
        return None
    try:
        if param.type == "str":
            return str(value)
        if param.type == "int":
            if isinstance(value, bool):
                raise ValueError
            return int(value)
        if param.type == "float":
            return float(value)
        if param.type == "bool":
            if isinstance(value, bool):
                return value
            low = str(value).strip().lower()
            if low in ("true", "1", "yes", "y"):
                return True
            if low in ("false", "0", "no", "n"):
                return False
            raise ValueError
        if param.type == "date":
            return Date.fromisoformat(str(value)).isoformat()
        if param.type in PARAM_CHOICES:
            choices = PARAM_CHOICES[param.type]
            if str(value) in choices:
                return str(value)
            raise UserError(f"Parameter {param.name!r} must be one of {', '.join(choices)}, "
                            f"not {value!r}.")
    except (TypeError, ValueError):
        pass
    raise UserError(f"Parameter {param.name!r} must be of type {param.type}"
                    + (f" such as {param.example}" if param.example else "")
                    + f", not {value!r}.")


def bind_params(query: NamedQuery, params: dict[str, Any]) -> dict[str, Any]:
    """Every declared parameter, converted (absent ones as null); unknown or missing
    required ones are UserErrors naming the parameter."""
    unknown = [k for k in params if query.param(k) is None]
    if unknown:
        known = ", ".join(p.name for p in query.params) or "none"
        raise UserError(f"Query {query.name!r} has no parameter {unknown[0]!r} "
                        f"(its parameters: {known}).")
    bound = {p.name: convert_param(p, params.get(p.name)) for p in query.params}
    for p in query.params:
        if p.required and bound[p.name] is None:
            raise UserError(f"Query {query.name!r} needs the parameter {p.name!r} ({p.type}).")
    return bound


def _plain(value: Any) -> Any:
    """Neo4j values as JSON-friendly Python: nodes and relationships as property maps."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "element_id") and hasattr(value, "items"):
        out = {k: _plain(v) for k, v in value.items()}
        if hasattr(value, "labels"):
            out["labels"] = sorted(value.labels)
        if hasattr(value, "type") and isinstance(getattr(value, "type", None), str):
            out["type"] = value.type
        return out
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def run_query(name: str, params: dict[str, Any] | None = None, driver: Driver | None = None,
              database: str | None = None) -> QueryResult:
    """Run a named query with validated parameters."""
    from kg import db
    from kg.settings import get_settings

    query = get_query(name)
    bound = bind_params(query, params or {})
    own = driver is None
    drv = driver or db.driver()
    try:
        records, summary, keys = drv.execute_query(
            query.cypher, bound, database_=database or get_settings().neo4j_database)
    finally:
        if own:
            drv.close()
    return QueryResult(list(keys), [{k: _plain(r[k]) for k in keys} for r in records])


def parse_cli_params(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UserError(f"Write parameters as key=value, not {item!r}.")
        out[key.strip()] = value.strip()
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def format_result(result: QueryResult, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(result.rows, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow([_cell(row[c]) for c in result.columns])
        return buf.getvalue()
    raise UserError(f"Unknown format {fmt!r}: use table, json or csv.")


def describe(query: NamedQuery) -> str:
    lines = [f"{query.name}: {query.description}"]
    for p in query.params:
        need = "required" if p.required else "optional"
        ex = f" (e.g. {p.example})" if p.example else ""
        lines.append(f"  --param {p.name}=<{p.type}>  {need}{ex}  {p.description}")
    for c in query.columns:
        lines.append(f"  column {c.name}: {c.description}")
    return "\n".join(lines)


def run_cli(name: str | None, params: list[str], format: str = "table",
            list_: bool = False) -> None:
    """`kg query`: list the questions, or run one and print it as a table, JSON or CSV."""
    import sys

    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    if list_ or not name:
        for q in list_queries():
            console.print(describe(q))
            console.print()
        return
    if format not in FORMATS:
        raise UserError(f"Unknown format {format!r}: use table, json or csv.")
    result = run_query(name, parse_cli_params(params))
    if format != "table":
        sys.stdout.write(format_result(result, format) + ("\n" if format == "json" else ""))
        return
    table = Table(*result.columns, show_lines=False)
    for row in result.rows:
        table.add_row(*[_cell(row[c]) for c in result.columns])
    console.print(table)
    console.print(f"{len(result.rows)} rows")
