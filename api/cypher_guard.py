"""The read-only Cypher endpoint's guard: what an analyst's query may be and may call.

Why an allowlist over the whole compiled plan, not a deny-list over its top:
a READ-mode session refuses writes only to the database it runs in. A procedure
that runs Cypher from a string (`apoc.cypher.run`, the `runFirstColumn*`
functions), or that reaches the network (`apoc.load.jsonParams` posting to
Neo4j's own HTTP API), runs its inner work somewhere the session's mode does not
reach, and the text can hide in a parameter. So the guard compiles the query
with `EXPLAIN` (nothing runs), walks every operator of the plan and reads every
procedure and function name out of every operator's arguments, and refuses
anything that is not on a short list of pure, graph-reading calls. Built-in
functions without a namespace (count, size, range…) are Cypher's own and touch
nothing outside the query; namespaced ones must be listed below.

It also refuses, by operator: writes, schema and administration commands,
`SHOW …` and `TERMINATE …` (other clients' query texts, server settings,
killing transactions), `LOAD CSV`, and `CALL {…} IN TRANSACTIONS`.

Bounds: the query text and its parameters have a size limit (parsing and
planning cost grows with the text, and EXPLAIN had no timeout: a 200,000-term
expression planned for minutes); the EXPLAIN itself runs with the server-side
timeout; the answer is cut by rows and by bytes (see `AnswerBudget`).

This is one layer of three; the managed server's neo4j.conf loads only the
listed APOC procedures and functions at all, and blocks URL access from Cypher
(see kg/server.py). Each layer refuses the attacks of docs/SECURITY.md alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from api.errors import BadParameter, Forbidden

#: Procedures an analyst may CALL: each only reads the graph or its schema.
ALLOWED_PROCEDURES: frozenset[str] = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys",
    "db.schema.visualization", "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
    "dbms.components",
    "apoc.path.expand", "apoc.path.expandConfig", "apoc.path.subgraphNodes",
    "apoc.path.subgraphAll", "apoc.path.spanningTree",
})

#: Namespaced functions an analyst may use, by exact name or by prefix ending in ".".
#: Cypher's own temporal, spatial and vector functions, and APOC's pure collection,
#: text and map functions (no I/O, no Cypher from strings).
ALLOWED_FUNCTION_PREFIXES: tuple[str, ...] = (
    "date.", "datetime.", "localdatetime.", "localtime.", "time.", "duration.",
    "point.", "vector.similarity.",
    "apoc.coll.", "apoc.text.", "apoc.map.",
)
ALLOWED_FUNCTIONS: frozenset[str] = frozenset({
    "db.nameFromElementId",
    "apoc.path.combine", "apoc.path.create", "apoc.path.elements", "apoc.path.slice",
    "apoc.node.degree", "apoc.node.degree.in", "apoc.node.degree.out",
    "apoc.convert.toJson", "apoc.convert.fromJsonMap", "apoc.convert.fromJsonList",
    "apoc.version",
})

#: Plan operators (name before "@db") that write, administer, reach outside or commit
#: on their own; matched as prefixes or whole words of the operator's name.
FORBIDDEN_OPERATOR = re.compile(
    r"^(Show|Terminate|Create|Merge|LockingMerge|Delete|DetachDelete|Set|Remove|Foreach|"
    r"LoadCSV|Transaction|Drop|Alter|Grant|Revoke|Deny|Rename|Start|Stop|Enable|Deallocate|"
    r"Reallocate|Assert|Ensure|Log|Wait|System|DoNothing)"
    r"|Create|Merge|Delete|LoadCSV|Foreach|Transaction(Apply|Foreach)")

#: A (possibly dotted) name called with "(", not a label or property (":Person(name)"
#: is an index, "n.name" a property) and not a parameter.
_CALL = re.compile(r"(?<![\w.:$`])((?:[A-Za-z_][\w]*\.)*[A-Za-z_][\w]*)\s*\(")
#: A backticked name called with "(": never on the list, so always refused.
_QUOTED_CALL = re.compile(r"(`[^`]*`(?:\.`?[^`(]*`?)*)\s*\(")
#: Leading commands that are administration whatever their plan looks like.
_ADMIN_START = re.compile(
    r"^\s*(?:CYPHER\b[^\n]*?\s)?(SHOW|TERMINATE|GRANT|REVOKE|DENY|ALTER|DROP|START|STOP|"
    r"RENAME|ENABLE|DEALLOCATE|REALLOCATE|DRYRUN)\b", re.I)
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)


_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`", re.S)
_BOOLEAN = re.compile(r"\b(?:AND|OR|XOR|NOT)\b", re.I)
_OPERATOR = re.compile(r"<>|<=|>=|=~|[-+*/%^=<>]|\b(?:AND|OR|XOR|NOT|IN|STARTS|ENDS|CONTAINS|IS)\b",
                       re.I)
_CASE = re.compile(r"\bCASE\b", re.I)


@dataclass(frozen=True)
class Limits:
    """The bounds on one analyst query.

    Why more than a length: Neo4j's parser and planner do not stop at the transaction
    timeout, and some shapes cost far more than their length (measured on 5.26: 2,400
    nested brackets or 450 nested CASEs ran past two minutes in 5 KB, 500 ANDs plan in
    3 s); these bounds keep any accepted text to a few seconds of planning."""

    max_chars: int = 10_000
    max_param_bytes: int = 64 * 1024
    max_depth: int = 50
    max_case: int = 64
    max_boolean: int = 200
    max_operators: int = 1000


def _depth(text: str) -> int:
    """The deepest nesting of (), [] and {} in `text`."""
    depth = deepest = 0
    for ch in text:
        if ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}":
            depth = max(depth - 1, 0)
    return deepest


def check_shape(query: str, limits: Limits) -> None:
    """Refuse (422) a text whose nesting or operator count would plan for too long."""
    code = _STRINGS.sub("''", _COMMENTS.sub(" ", query))
    checks = (
        (_depth(code), limits.max_depth, "levels of nested brackets"),
        (len(_CASE.findall(code)), limits.max_case, "CASE expressions"),
        (len(_BOOLEAN.findall(code)), limits.max_boolean, "AND/OR/XOR/NOT operators"),
        (len(_OPERATOR.findall(code)), limits.max_operators, "operators"),
    )
    for found, limit, what in checks:
        if found > limit:
            raise BadParameter(f"Parameter 'query' has {found} {what}; the limit is {limit}, "
                               "so that planning it stays within seconds.")


def check_text(query: str, params: dict[str, Any], limits: Limits) -> None:
    """Refuse before Neo4j sees it: an over-long text or parameter set (422), or a
    text that starts with an administration command (403)."""
    if len(query) > limits.max_chars:
        raise BadParameter(f"Parameter 'query' is {len(query):,} characters long; the limit "
                           f"is {limits.max_chars:,} (KG_CYPHER_MAX_CHARS).")
    try:
        size = len(json.dumps(params, ensure_ascii=False, default=str).encode())
    except (TypeError, ValueError):
        size = limits.max_param_bytes + 1
    if size > limits.max_param_bytes:
        raise BadParameter(f"Parameter 'params' is {size:,} bytes as JSON; the limit is "
                           f"{limits.max_param_bytes:,}.")
    check_shape(query, limits)
    m = _ADMIN_START.match(_COMMENTS.sub(" ", query))
    if m:
        raise Forbidden(f"{m[1].upper()} commands are administration and are not allowed "
                        "here: this endpoint only reads the graph.")


def walk(plan: dict[str, Any] | None) -> Iterator[dict[str, Any]]:
    """Every operator of a plan (the driver's dict form), iteratively: a deep plan
    cannot exhaust the stack."""
    stack = [plan] if plan else []
    while stack:
        op = stack.pop()
        yield op
        stack.extend(op.get("children") or [])


def _argument_texts(op: dict[str, Any]) -> Iterator[str]:
    """The operator's arguments as text (details, expressions), without the rendered
    plan table (a copy of the same details, cut to fit its columns)."""
    for key, value in (op.get("args") or {}).items():
        if key == "string-representation":
            continue
        if isinstance(value, str):
            yield value
        elif isinstance(value, list | tuple):
            yield from (str(v) for v in value)


def called_names(text: str) -> set[str]:
    """The names of the procedures and functions called in one piece of plan text."""
    names = {m[1] for m in _CALL.finditer(text)}
    names |= {m[1] for m in _QUOTED_CALL.finditer(text)}
    return names


def allowed_call(name: str, procedure: bool) -> bool:
    """Whether a called name is on the allowlist (undotted names are Cypher built-ins)."""
    if "`" in name:
        return False
    if "." not in name:
        return not procedure
    if procedure:
        return name in ALLOWED_PROCEDURES
    return (name in ALLOWED_FUNCTIONS or name in ALLOWED_PROCEDURES
            or name.startswith(ALLOWED_FUNCTION_PREFIXES))


def check_plan(query_type: str | None, plan: dict[str, Any] | None) -> None:
    """Refuse (403) a compiled query that is not read-only, uses a forbidden operator,
    or calls anything off the allowlist anywhere in its plan."""
    if query_type != "r":
        what = {"rw": "reads and writes", "w": "writes", "s": "changes the schema or "
                "the database management system"}.get(query_type or "",
                                                     f"is of type {query_type!r}")
        raise Forbidden(f"Only read-only Cypher runs here, and this query {what}; "
                        "use `kg ingest` or the loader to change the graph.")
    if not plan:
        raise Forbidden("Neo4j returned no plan for this query, so it cannot be checked "
                        "and is not allowed here.")
    for op in walk(plan):
        operator = str(op.get("operatorType", "")).split("@")[0]
        if FORBIDDEN_OPERATOR.search(operator):
            raise Forbidden(f"The plan operator {operator} writes, administers or reaches "
                            "outside the graph and is not allowed here: this endpoint only "
                            "reads the graph.")
        procedure_op = operator.startswith("ProcedureCall")
        if procedure_op:  # the called procedure opens its details, with or without "("
            head = re.match(r"\s*([\w.`]+)", str((op.get("args") or {}).get("Details", "")))
            if not head or not allowed_call(head[1], procedure=True):
                name = head[1] if head else "(unnamed)"
                raise Forbidden(f"The procedure {name} is not on this endpoint's allowlist of "
                                "pure, graph-reading calls and is not allowed here "
                                "(docs/SECURITY.md lists what is).")
        for text in _argument_texts(op):
            for name in called_names(text):
                # a ProcedureCall's details start with the procedure; the rest are functions
                is_proc = procedure_op and text.lstrip().startswith(name + "(")
                if not allowed_call(name, is_proc):
                    kind = "procedure" if is_proc else "function"
                    raise Forbidden(f"The {kind} {name} is not on this endpoint's allowlist "
                                    "of pure, graph-reading calls and is not allowed here "
                                    "(docs/SECURITY.md lists what is).")


_UNKNOWN_PROCEDURE = re.compile(r"no procedure with the name `([^`]+)`")
_UNKNOWN_FUNCTION = re.compile(r"Unknown function '([^']+)'")


def refusal_for_missing(message: str) -> Forbidden | None:
    """Neo4j's "no such procedure/function" as the guard's 403 when the name is off the
    allowlist: the managed server does not load it (neo4j.conf), and the answer should
    say that it is not allowed rather than that it may be misspelt."""
    for pattern, procedure in ((_UNKNOWN_PROCEDURE, True), (_UNKNOWN_FUNCTION, False)):
        m = pattern.search(message or "")
        if m and "." in m[1] and not allowed_call(m[1], procedure):
            kind = "procedure" if procedure else "function"
            return Forbidden(f"The {kind} {m[1]} is not on this endpoint's allowlist of pure, "
                             "graph-reading calls and is not allowed here (docs/SECURITY.md "
                             "lists what is).")
    return None


def rough_size(value: Any, limit: int) -> int:
    """A quick lower bound of `value`'s size as JSON, walked iteratively and abandoned
    as soon as it passes `limit` (a 10,000,000-item list is not converted to find out
    that it does not fit)."""
    size = 0
    stack = [value]
    while stack and size <= limit:
        v = stack.pop()
        if isinstance(v, str):
            size += len(v) + 2
        elif isinstance(v, dict):
            size += 2
            for k, x in v.items():
                size += len(str(k)) + 4
                stack.append(x)
        elif isinstance(v, list | tuple):
            size += 2 + len(v)  # brackets and separators
            stack.extend(v)
        elif hasattr(v, "items") and hasattr(v, "element_id"):  # a node or relationship
            size += 40
            stack.extend(x for _, x in v.items())
        elif hasattr(v, "nodes") and hasattr(v, "relationships"):  # a path
            stack.extend(v.nodes)
            stack.extend(v.relationships)
        else:
            size += 1
    return size


@dataclass
class AnswerBudget:
    """Cuts an answer at `max_rows` rows or `max_bytes` bytes of JSON, whichever comes
    first: the row limit alone does not bound one value (`RETURN range(1, 10000000)`
    is one row of 79 MB)."""

    max_rows: int
    max_bytes: int
    used_bytes: int = 0
    rows: int = 0
    cut: str | None = None

    def _too_big(self) -> bool:
        self.cut = (f"Cut at {self.rows} rows: the next row would take the answer past "
                    f"{self.max_bytes:,} bytes (KG_CYPHER_MAX_BYTES); return fewer or "
                    "smaller values.")
        return False

    def full(self) -> bool:
        """Whether the row limit is reached (the reason kept in `cut`)."""
        if self.rows >= self.max_rows:
            self.cut = (f"Cut at {self.max_rows} rows (KG_CYPHER_ROW_LIMIT): add a LIMIT or "
                        "narrow the query.")
            return True
        return False

    def fits_raw(self, values: Any) -> bool:
        """A cheap first look at a record's raw values, before converting them."""
        if rough_size(values, self.max_bytes - self.used_bytes) > self.max_bytes - self.used_bytes:
            return self._too_big()
        return True

    def admit(self, row: dict[str, Any]) -> bool:
        """Whether `row` still fits; False (and the reason kept in `cut`) once it does not."""
        if self.full():
            return False
        # the row as JSON, plus the ", " that separates it from the previous one
        size = len(json.dumps(row, ensure_ascii=False, default=str).encode()) + 2
        if self.used_bytes + size > self.max_bytes:
            return self._too_big()
        self.used_bytes += size
        self.rows += 1
        return True
