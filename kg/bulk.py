"""Bulk import: a records folder written as `neo4j-admin database import full` CSV files.

Why: the transactional loader MERGEs at 4,000–12,000 relationships per second, so a first
load of hundreds of millions of relationships would take a day. `neo4j-admin database
import full` writes the store files directly (hundreds of thousands of relationships per
second), but only into an empty database and only from data that is already whole: every
node once, every relationship once with all of its provenance. So this module does in
Python what the MERGEs do in Neo4j, with the same rules, and writes the result:

- nodes: one row per id; the first notice's properties win (the loader's ON CREATE),
  `aliases` and `titles` are the union in notice order, a Document is its last version;
- relationships: one row per `key`; properties from the first notice, `sources` and
  `evidence` the notice ids and sentences in load order, each notice once;
- a relationship whose end is no node is dropped, as the loader's MATCH drops it.

Files: `nodes_<Label>.csv` per label and `rels_<TYPE>.csv` per type, in one global id
space (ids carry their label's prefix, so they are unique across labels), lists as
`:string[]` with U+001F between elements (a character cleaned text never holds; checked),
fields with line breaks (the notices' text) read as multiline. Constraints and the full-text
index are created after the import, when the server is up again (`kg.schema`).

The graph this gives is the transactionally loaded one, property for property
(tests/test_bulk.py compares them); the managed server is stopped for the import and
started again; for a server the user runs, `--print-command` prints what to run.
"""

from __future__ import annotations

import hashlib
import json
import shlex
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import Driver

from kg.errors import UserError
from kg.load import ACCUMULATED
from kg.model import EVIDENCE_LISTS, NODES
from kg.resolve import Resolved, resolve

ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_ARG = "U+001F"


@dataclass
class _Rel:
    from_id: str
    to_id: str
    props: dict[str, Any]
    sources: list[str]
    #: One list per name of `EVIDENCE_LISTS`, aligned with `sources`.
    lists: dict[str, list[Any]]


@dataclass
class BulkGraph:
    """The whole graph of a records folder, merged as the loader's MERGEs would."""

    nodes: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    rels: dict[str, dict[str, _Rel]] = field(default_factory=dict)
    notices: int = 0
    dropped_rels: int = 0

    def add(self, res: Resolved) -> None:
        """One notice's rows (notices must come in load order, each Document once)."""
        self.notices += 1
        docs = self.nodes.setdefault("Document", {})
        docs[res.doc_id] = {"id": res.doc_id,
                            **{k: v for k, v in res.document.props.items() if v is not None}}
        for label, rows in res.nodes.items():
            table = self.nodes.setdefault(label, {})
            lists = [p for p in ACCUMULATED if p in NODES[label].properties]
            for n in rows:
                incoming = {"aliases": list(n.aliases), "titles": list(n.props.get("titles") or [])}
                cur = table.get(n.id)
                if cur is None:
                    cur = {"id": n.id, **{k: v for k, v in n.props.items()
                                          if k not in ACCUMULATED and v is not None}}
                    for p in lists:
                        cur[p] = []
                    table[n.id] = cur
                for p in lists:
                    cur[p] += [x for x in incoming[p] if x not in cur[p]]
        for rows in res.rels.values():
            for r in rows:
                table = self.rels.setdefault(r.type, {})
                cur = table.get(r.key)
                if cur is None:
                    table[r.key] = _Rel(r.from_id, r.to_id,
                                        {k: v for k, v in r.props.items() if v is not None},
                                        [r.doc_id], {k: [v] for k, v in r.cite.lists().items()})
                elif r.doc_id not in cur.sources:
                    cur.sources.append(r.doc_id)
                    for k, v in r.cite.lists().items():
                        cur.lists[k].append(v)

    def drop_dangling(self) -> None:
        """Relationships whose start or end is no node: the loader's MATCH finds no
        endpoint and writes nothing, so neither does the import."""
        known = {i for table in self.nodes.values() for i in table}
        for table in self.rels.values():
            bad = [k for k, r in table.items() if r.from_id not in known or r.to_id not in known]
            for k in bad:
                del table[k]
            self.dropped_rels += len(bad)

    @property
    def node_count(self) -> int:
        return sum(len(t) for t in self.nodes.values())

    @property
    def rel_count(self) -> int:
        return sum(len(t) for t in self.rels.values())


def build_graph(resolved: Iterable[Resolved]) -> BulkGraph:
    """Merge resolved notices into one graph (a Document seen again: its last version)."""
    items = list(resolved) if not isinstance(resolved, list) else resolved
    last = {res.doc_id: i for i, res in enumerate(items)}
    graph = BulkGraph()
    for i, res in enumerate(items):
        if last[res.doc_id] == i:
            graph.add(res)
    graph.drop_dangling()
    return graph


def graph_from_folder(folder: Path) -> BulkGraph:
    """Read, resolve and merge a records folder (`kg extract --output`)."""
    from kg import records_io

    records_io.require_folder(folder)
    doc_ids = [r["doc_id"] for r in records_io.iter_rows(folder, columns=["doc_id"])]
    last = {d: i for i, d in enumerate(doc_ids)}
    graph = BulkGraph()
    for i, rec in enumerate(records_io.iter_records(folder)):
        if last[doc_ids[i]] == i:
            graph.add(resolve(rec))
    graph.drop_dangling()
    return graph


# --- CSV --------------------------------------------------------------------------------------


def _type_of(values: Iterable[Any], where: str) -> str:
    """The import type of one property column, from the values it holds."""
    kinds = {type(v) for v in values}
    if kinds <= {str}:
        return "string"
    if kinds <= {bool}:
        return "boolean"
    if kinds <= {int}:
        return "long"
    if kinds <= {int, float}:
        return "double"
    if kinds <= {list}:
        return "string[]"
    raise UserError(f"{where} mixes value types {sorted(k.__name__ for k in kinds)}: the bulk "
                    "import needs one type per property; load without --bulk.")


def _cell(value: Any, kind: str, where: str) -> str | None:
    if value is None:
        return None
    if kind == "string[]":
        for x in value:
            if not isinstance(x, str):
                raise UserError(f"{where} holds a list of {type(x).__name__}: the bulk import "
                                "writes lists of strings only; load without --bulk.")
            if ARRAY_DELIMITER in x:
                raise UserError(f"{where} holds the array delimiter U+001F: load without --bulk.")
        return ARRAY_DELIMITER.join(value)
    if kind == "long[]":
        return ARRAY_DELIMITER.join(str(int(x)) for x in value)
    if kind == "boolean":
        return "true" if value else "false"
    return str(value)


@dataclass
class CsvFiles:
    """What `write_csv` wrote: the arguments of the import, and the counts."""

    nodes: list[tuple[str, Path]]
    rels: list[tuple[str, Path]]
    multiline: list[Path]
    node_count: int
    rel_count: int
    #: label → list property → the ids of nodes where it is an empty list ([] when every
    #: node of the label has a list there: then "is missing" means "was empty"). The
    #: loader stores empty lists; what the import makes of an empty array cell is set
    #: to [] afterwards, so both graphs agree.
    empty_lists: dict[str, dict[str, list[str]]]


def _field(value: str | None) -> str:
    """RFC 4180: quoted, quotes doubled; None as an empty unquoted field, which the
    import reads as no property (a quoted "" is an empty string, as the loader keeps it)."""
    if value is None:
        return ""
    return '"' + value.replace('"', '""') + '"'


def _write(path: Path, header: list[str], rows: Iterable[list[str | None]]) -> bool:
    """One CSV file; True when some value holds a line break (the file must then be read
    as multiline)."""
    multiline = False
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(_field(h) for h in header) + "\n")
        for row in rows:
            line = ",".join(_field(c) for c in row)
            if not multiline and ("\n" in line or "\r" in line):
                multiline = True
            fh.write(line + "\n")
    return multiline


def write_csv(graph: BulkGraph, out: Path) -> CsvFiles:
    """Node files per label and relationship files per type, with their typed headers."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.csv"):
        old.unlink()
    nodes: list[tuple[str, Path]] = []
    rels: list[tuple[str, Path]] = []
    multiline: list[Path] = []
    empty: dict[str, dict[str, list[str]]] = {}
    for label, table in sorted(graph.nodes.items()):
        if not table:
            continue
        names = sorted({k for row in table.values() for k in row} - {"id"})
        kinds = {k: _type_of((row[k] for row in table.values() if row.get(k) is not None),
                             f"{label}.{k}") for k in names}
        header = ["id:ID"] + [k if kinds[k] == "string" else f"{k}:{kinds[k]}" for k in names]
        for k in names:
            if kinds[k] != "string[]":
                continue
            gone = [row["id"] for row in table.values() if row.get(k) == []]
            if gone:
                always = all(isinstance(row.get(k), list) for row in table.values())
                empty.setdefault(label, {})[k] = [] if always else gone
        path = out / f"nodes_{label}.csv"
        if _write(path, header, ([row["id"]] + [_cell(row.get(k), kinds[k], f"{label}.{k}")
                                                for k in names] for row in table.values())):
            multiline.append(path)
        nodes.append((label, path))
    for rel_type, table in sorted(graph.rels.items()):
        if not table:
            continue
        names = sorted({k for r in table.values() for k in r.props})
        kinds = {k: _type_of((r.props[k] for r in table.values() if k in r.props),
                             f"{rel_type}.{k}") for k in names}
        ev_kinds = {k: "string[]" if k == "evidence" else "long[]" for k in EVIDENCE_LISTS}
        header = [":START_ID", ":END_ID", "key", "sources:string[]"]
        header += [f"{k}:{ev_kinds[k]}" for k in EVIDENCE_LISTS]
        header += [k if kinds[k] == "string" else f"{k}:{kinds[k]}" for k in names]
        where = f"{rel_type}.evidence"
        path = out / f"rels_{rel_type}.csv"
        if _write(path, header, ([r.from_id, r.to_id, key, _cell(r.sources, "string[]", where)]
                                 + [_cell(r.lists[k], ev_kinds[k], where) for k in EVIDENCE_LISTS]
                                 + [_cell(r.props.get(k), kinds[k], f"{rel_type}.{k}")
                                    for k in names]
                                 for key, r in table.items())):
            multiline.append(path)
        rels.append((rel_type, path))
    files = CsvFiles(nodes, rels, multiline, graph.node_count, graph.rel_count, empty)
    (out / "after_import.cypher").write_text(
        "".join(f"{st};\n" for st in after_import_statements(files)), encoding="utf-8")
    return files


# --- the import -------------------------------------------------------------------------------


def import_args(files: CsvFiles, database: str = "neo4j") -> list[str]:
    """The arguments after `neo4j-admin`: what the managed server runs, and what
    `--print-command` prints for a server the user runs."""
    # the database first: the list-valued options (--nodes, --relationships) would
    # take a trailing name for one more file
    args = ["database", "import", "full", database, "--overwrite-destination=true",
            f"--array-delimiter={ARRAY_DELIMITER_ARG}", "--id-type=string",
            "--ignore-empty-strings=false", "--skip-bad-relationships=false"]
    if files.multiline:
        # v1 (all files may span lines): the per-file v2 form fails on a field that
        # crosses the reader's 4 MiB buffer ("found CR outside a text cell", 5.26.19)
        args.append("--multiline-fields=true")
    args += [f"--nodes={label}={path}" for label, path in files.nodes]
    args += [f"--relationships={t}={path}" for t, path in files.rels]
    return args


def graph_is_empty(driver: Driver, database: str) -> int:
    """How many nodes the database holds (0: a bulk import may replace it)."""
    recs, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=database)
    return int(recs[0]["n"])


def after_import_statements(files: CsvFiles) -> list[str]:
    """What runs once the imported database is up: empty lists as the loader leaves them,
    then the schema (constraints, indexes, the full-text index) of `kg.schema`. The same
    statements go to `after_import.cypher` beside the CSV files, for `cypher-shell -f`."""
    from kg import schema
    from kg.load import _q

    out = []
    for label, props in sorted(files.empty_lists.items()):
        for prop, node_ids in sorted(props.items()):
            if not node_ids:
                out.append(f"MATCH (n:{_q(label)}) WHERE n.{_q(prop)} IS NULL "
                           f"CALL (n) {{ SET n.{_q(prop)} = [] }} IN TRANSACTIONS OF 50000 ROWS")
            else:
                literal = ", ".join(json.dumps(i, ensure_ascii=False) for i in node_ids)
                out.append(f"UNWIND [{literal}] AS id MATCH (n:{_q(label)} {{id: id}}) "
                           f"SET n.{_q(prop)} = []")
    return out + schema.statements()


@dataclass
class BulkReport:
    notices: int = 0
    nodes: int = 0
    relationships: int = 0
    dropped_relationships: int = 0
    build_seconds: float = 0.0
    csv_seconds: float = 0.0
    import_seconds: float = 0.0
    schema_seconds: float = 0.0
    #: neo4j-admin alone (import_seconds adds stopping and starting the server)
    admin_seconds: float = 0.0
    command: list[str] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return self.build_seconds + self.csv_seconds + self.import_seconds + self.schema_seconds


def prepare(folder: Path, csv_dir: Path, report: BulkReport) -> CsvFiles:
    """Records folder → merged graph → CSV files."""
    t = time.perf_counter()
    graph = graph_from_folder(folder)
    report.build_seconds = time.perf_counter() - t
    report.notices, report.dropped_relationships = graph.notices, graph.dropped_rels
    t = time.perf_counter()
    files = write_csv(graph, csv_dir)
    report.csv_seconds = time.perf_counter() - t
    report.nodes, report.relationships = files.node_count, files.rel_count
    return files


def bulk_load(folder: Path, config: Any, database: str = "neo4j",
              csv_dir: Path | None = None) -> BulkReport:
    """`kg load DIR --bulk` against a server this project manages (`config`: a
    `kg.server.ServerConfig`): refuse a database that holds data, write the CSV files,
    stop the server, import, start it, set empty lists, create the schema."""
    from kg import schema, server
    from kg.settings import Settings

    report = BulkReport()
    settings = Settings(NEO4J_URI=config.uri, NEO4J_PASSWORD=config.password,
                        NEO4J_DATABASE=database)
    from kg import db

    drv = db.driver(settings)
    try:
        held = graph_is_empty(drv, database)
    finally:
        drv.close()
    if held:
        raise UserError(f"The database {database!r} holds {held} nodes: --bulk is for a first "
                        "load into an empty database; run `kg load DIR` without --bulk to add "
                        "to it.")
    csv_dir = csv_dir or config.home / "import" / "bulk"
    files = prepare(folder, csv_dir, report)
    args = import_args(files, database)
    report.command = ["neo4j-admin", *args]
    t = time.perf_counter()
    server.stop(config, quiet=True)
    try:
        admin = time.perf_counter()
        done = subprocess.run(
            ["java", "-Xmx1g", "-cp", server._classpath(config), server.ADMIN_ENTRY_POINT, *args,
             f"--report-file={csv_dir / 'import.report'}"],
            capture_output=True, text=True, env=server._java_env(config), cwd=str(csv_dir))
        report.admin_seconds = time.perf_counter() - admin
    finally:
        server.start(config, timeout=180, quiet=True)
    report.import_seconds = time.perf_counter() - t
    if done.returncode != 0:
        lines = [x for x in (done.stdout + done.stderr).splitlines()
                 if x.strip() and not x.lstrip().startswith(("at ", "...", ".....")) ]
        tail = "\n".join(lines[-12:])
        raise UserError(f"neo4j-admin database import failed (the database is left as it "
                        f"was imported; the CSV files are in {csv_dir}):\n{tail}")
    t = time.perf_counter()
    drv = db.driver(settings)
    try:
        with drv.session(database=database) as session:  # IN TRANSACTIONS: auto-commit
            for statement in after_import_statements(files):
                session.run(statement).consume()
        schema.apply(drv, database)  # waits for the indexes to come online
    finally:
        drv.close()
    report.schema_seconds = time.perf_counter() - t
    return report


def run_cli(folder: Path, print_command: bool = False) -> BulkReport:
    """`kg load DIR --bulk [--print-command]`."""
    from rich.console import Console

    from kg import server
    from kg.settings import get_settings

    settings = get_settings()
    console = Console(highlight=False)
    if print_command or not server.managed(settings):
        from kg import records_io

        records_io.require_folder(folder)
        report = BulkReport()
        csv_dir = folder / "bulk-csv"
        files = prepare(folder, csv_dir, report)
        console.print(f"{report.notices} notices: {report.nodes} nodes, {report.relationships} "
                      f"relationships written as CSV in {csv_dir}.")
        console.print("Stop the server (or the database), then run on its host:")
        print("  " + shlex.join(["neo4j-admin", *import_args(files, settings.neo4j_database)]))
        console.print("then start it again and run "
                      f"`cypher-shell -u neo4j -f {csv_dir / 'after_import.cypher'}` "
                      "(empty lists, constraints, indexes, the full-text index).",
                      soft_wrap=True)
        return report
    report = bulk_load(folder, server.ServerConfig.from_settings(settings),
                       settings.neo4j_database)
    rate = report.relationships / report.admin_seconds if report.admin_seconds else 0.0
    console.print(f"{report.notices} notices imported: {report.nodes} nodes, "
                  f"{report.relationships} relationships ({report.dropped_relationships} "
                  "without an endpoint dropped)")
    console.print(f"merge {report.build_seconds:.1f} s, CSV {report.csv_seconds:.1f} s, "
                  f"neo4j-admin import {report.admin_seconds:.1f} s ({rate:,.0f} relationships/s; "
                  f"{report.import_seconds:.1f} s with the server's stop and start), "
                  f"schema {report.schema_seconds:.1f} s")
    return report


# --- comparing graphs -------------------------------------------------------------------------


def graph_digest(driver: Driver, database: str) -> tuple[int, int, str]:
    """(nodes, relationships, sha1 over every node's labels and properties and every
    relationship's type, endpoints and properties, provenance lists in their order):
    two graphs with the same digest are the same graph."""
    h = hashlib.sha1()
    n = r = 0
    with driver.session(database=database) as session:
        for rec in session.run("MATCH (n) RETURN labels(n) AS l, properties(n) AS p "
                               "ORDER BY n.id"):
            n += 1
            h.update(json.dumps([sorted(rec["l"]), rec["p"]], sort_keys=True,
                                ensure_ascii=False).encode())
        for rec in session.run("MATCH (a)-[x]->(b) RETURN type(x) AS t, a.id AS a, b.id AS b, "
                               "properties(x) AS p ORDER BY t, a, b, x.key"):
            r += 1
            h.update(json.dumps([rec["t"], rec["a"], rec["b"], rec["p"]], sort_keys=True,
                                ensure_ascii=False).encode())
    return n, r, h.hexdigest()
