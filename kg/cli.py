"""The `kg` command line.

Each command is a thin shell over one public function of the module that does
the work, imported lazily so `kg --help` stays fast. User errors (`UserError`)
raised anywhere below reach `main()`, which prints the sentence and exits 2;
set KG_DEBUG=1 to see the traceback instead.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kg.errors import UserError

app = typer.Typer(
    name="kg",
    help="A knowledge graph of officials, bodies, localities and directives from "
    "Chinese work-safety (安全生产) notices.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
neo4j_app = typer.Typer(help="Install, start, stop and inspect the project's own Neo4j server.",
                        no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")

err = Console(stderr=True)
out = Console()


def main() -> None:  # pragma: no cover - console entry point
    """The `kg` console script: user errors end as one sentence and exit code 2."""
    try:
        app()
    except UserError as exc:
        if os.environ.get("KG_DEBUG"):
            raise
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        sys.exit(getattr(exc, "exit_code", 2))


# --- Neo4j server --------------------------------------------------------------------------


@neo4j_app.command("install")
def neo4j_install() -> None:
    """Assemble a Neo4j 5.26 Community home under .neo4j/ (Maven), with APOC and the Browser."""
    from kg import server

    server.install()


@neo4j_app.command("start")
def neo4j_start(
    timeout: Annotated[float, typer.Option(help="Seconds to wait for Bolt to answer.")] = 120.0,
) -> None:
    """Start the managed Neo4j in the background; returns when Bolt answers `RETURN 1`."""
    from kg import server

    server.start(timeout=timeout)


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Stop the managed Neo4j cleanly."""
    from kg import server

    server.stop()


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Say whether the managed Neo4j runs, its version, and where its data and log are."""
    from kg import server

    server.print_status()


# --- Schema ------------------------------------------------------------------------------


@app.command("status")
def status() -> None:
    """What the graph holds: counts per label and relationship type, the last ingest,
    the newest notice, the Neo4j address and the explorer's."""
    from kg import status as status_mod

    status_mod.print_status()


@app.command("init")
def init() -> None:
    """Create the graph's constraints and indexes (idempotent)."""
    from kg import schema

    created = schema.init()
    out.print(f"schema ready ({created} statements applied)")


# --- Extraction and loading ----------------------------------------------------------------

SOURCE_URL_PREFIX_HELP = (
    "A notice's source (what the graph and the API show, and its Document id) is this URL "
    "followed by the file's path relative to the folder given: --source-url-prefix "
    "https://yjj.example.gov.cn/notices/ makes FOLDER/2020/a.html "
    "https://yjj.example.gov.cn/notices/2020/a.html. Default: the URL the page declares "
    "(canonical link, og:url, an address line), else FOLDER-NAME/relative/path.")
SOURCES_HELP = (
    "A file mapping notices to URLs, by path relative to the folder given (or led by the "
    "folder's name): .tsv (path<TAB>url), .csv (path,url) or .json ({path: url}). Wins over "
    "--source-url-prefix and over what a page declares.")


def _source_options(source_url_prefix: str | None, sources: Path | None):  # noqa: ANN202
    from ingest.read import source_options

    return source_options(source_url_prefix, sources)


@app.command("extract")
def extract(
    paths: Annotated[list[str], typer.Argument(
        help="Notice files (.txt, .html, .htm) or folders; with --engine spark also URLs "
        "the cluster reads (hdfs://, s3a://, file://).")],
    jsonl: Annotated[bool, typer.Option("--jsonl", help=(
        "Print one record per notice, one JSON object a line (docs/FORMAT.md)."))] = False,
    workers: Annotated[int, typer.Option(help="Processes to use (0 = one per core).")] = 1,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", help="Write the loader's records as Parquet parts into this folder "
        "(resumable); load them with `kg load DIR`.")] = None,
    engine: Annotated[str, typer.Option(help="local | spark (with --output).")] = "local",
    master: Annotated[str, typer.Option(
        help="Spark master: local[*], spark://…, yarn, k8s://…, or sc://… (Spark Connect).")]
    = "local[*]",
    part_rows: Annotated[int, typer.Option(help="Notices per Parquet part (local engine).")]
    = 2000,
    source_url_prefix: Annotated[str | None, typer.Option(
        "--source-url-prefix", help=SOURCE_URL_PREFIX_HELP)] = None,
    sources: Annotated[Path | None, typer.Option("--sources", help=SOURCES_HELP)] = None,
) -> None:
    """Extract officials, titles, bodies, places, documents and actions from notices.

    Reads .txt/.html/.htm files in any common Chinese encoding (UTF-8 with or without
    BOM, GB18030/GBK, Big5), Simplified or Traditional, up to 5 MiB each. Without
    --jsonl prints a readable summary per notice; with it, one record per line: the
    notice's file name, its persons with their titles, organizations, localities,
    documents and relations (chaired, spoke, attended, read_out, signed_letter,
    inspected), as docs/FORMAT.md describes. Unreadable files are reported on stderr with
    the reason and skipped; the run ends with how many were read and skipped.

    With --output DIR, writes the full records (what `kg load` needs) as Parquet parts
    and a manifest instead; a re-run skips the notices already written (same source,
    same bytes), so an interrupted run resumes. --engine spark runs the same pipeline
    on Apache Spark (`pip install 'anquan-kg[spark]'`; see docs/SCALE.md).

    A notice's source is the URL the page declares (canonical link, og:url, an address
    line such as 原文链接: https://…), or --source-url-prefix / --sources when given, else
    its path relative to the folder given, led by the folder's name (samples/01_x.txt):
    never an absolute path of this machine (docs/MODEL.md, "Sources").

    Example: kg extract data/samples --jsonl > records.jsonl
    Example: kg extract corpus/ --output records/ --workers 2 && kg load records/
    Example: kg extract mirror/ --source-url-prefix https://yjj.example.gov.cn/ --jsonl
    """
    options = _source_options(source_url_prefix, sources)
    if output is None:
        if engine != "local":
            raise UserError("--engine needs --output DIR: the Spark engine writes Parquet parts.")
        from ingest import extract as extract_mod

        extract_mod.run_cli([Path(p) for p in paths], jsonl=jsonl, workers=workers,
                            sources=options)
        return
    if jsonl:
        raise UserError("--jsonl and --output are two different outputs: choose one.")
    if engine == "spark":
        from kg import spark

        spark.run_cli(paths, output, master=master, sources=options)
        return
    if engine != "local":
        raise UserError(f"Unknown engine {engine!r}: use local or spark.")
    from kg import records_io

    records_io.run_cli([Path(p) for p in paths], Path(output), workers=workers,
                       part_rows=part_rows, sources=options)


BATCH_HELP = ("Notices per load transaction (default 2,500: kg.load.BATCH_SIZE); lower it "
              "for a Neo4j with little transaction memory.")


@app.command("ingest")
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Notice files or folders.")],
    workers: Annotated[int, typer.Option(help="Extraction processes (0 = one per core).")] = 1,
    batch_size: Annotated[int | None, typer.Option(help=BATCH_HELP)] = None,
    source_url_prefix: Annotated[str | None, typer.Option(
        "--source-url-prefix", help=SOURCE_URL_PREFIX_HELP)] = None,
    sources: Annotated[Path | None, typer.Option("--sources", help=SOURCES_HELP)] = None,
) -> None:
    """Read, extract, resolve and load notices into Neo4j (idempotent).

    Each notice is one Document whose id is a hash of its source: the URL the page
    declares or --source-url-prefix/--sources give, else FOLDER-NAME/relative/path, so
    the same folder ingested from anywhere gives the same Documents."""
    from kg import load

    options = _source_options(source_url_prefix, sources)
    load.run_cli(paths, workers=workers, batch_size=batch_size or load.BATCH_SIZE,
                 sources=options)


@app.command("load")
def load_folder(
    folder: Annotated[Path, typer.Argument(help="A folder written by `kg extract --output`.")],
    bulk: Annotated[bool, typer.Option(
        "--bulk", help="Empty database only: neo4j-admin database import full (much faster).")]
    = False,
    print_command: Annotated[bool, typer.Option(
        "--print-command", help="With --bulk: write the CSV files and print the import "
        "command for a server you run, instead of running it.")] = False,
    batch_size: Annotated[int | None, typer.Option(help=BATCH_HELP)] = None,
) -> None:
    """Load extracted records (Parquet) into Neo4j: transactionally (idempotent, into any
    graph), or with --bulk as a first load of an empty database."""
    if bulk:
        from kg import bulk as bulk_mod

        bulk_mod.run_cli(folder, print_command=print_command)
        return
    if print_command:
        raise UserError("--print-command goes with --bulk.")
    from kg import load, records_io

    records_io.load_cli(folder, batch_size=batch_size or load.BATCH_SIZE)


@app.command("forget")
def forget(
    doc: Annotated[str, typer.Argument(help="Document id (doc:…), file name or source path.")],
) -> None:
    """Remove one notice and the facts only it asserted."""
    from kg import load

    load.forget_cli(doc)


@app.command("export")
def export(
    format: Annotated[str, typer.Option("--format", "-f", help="turtle | json-ld | nt")] = "turtle",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File (default: stdout).")] = None,
) -> None:
    """Export the graph as RDF (W3C ORG, FOAF, PROV-O, Web Annotation, DCTERMS)."""
    from kg import rdf

    rdf.export_cli(format, output)


@app.command("resolve")
def resolve_persons(
    list_: Annotated[bool, typer.Option("--list", help=(
        "List the same-as candidates (best first, with reasons) and the verdicts."))] = False,
    accept: Annotated[tuple[str, str] | None, typer.Option(
        "--accept", metavar="A B", help="A and B are one official: B is merged into A.")] = None,
    reject: Annotated[tuple[str, str] | None, typer.Option(
        "--reject", metavar="A B", help="A and B are two people: never proposed again.")] = None,
    why: Annotated[str | None, typer.Option(help="Why (stored with the verdict).")] = None,
    by: Annotated[str | None, typer.Option(help="Who decides (default: cli:<user>).")] = None,
    limit: Annotated[int, typer.Option(help="With --list: at most this many of each.")] = 100,
) -> None:
    """Persons that may be one official across notices: list the candidates, accept or
    reject a pair (docs/MODEL.md, "Candidates and verdicts")."""
    from kg import identity

    identity.run_cli(list_, accept, reject, why, by, limit)


# --- Questions -----------------------------------------------------------------------------


@app.command("query")
def query(
    name: Annotated[str | None, typer.Argument(help="Name of a file in queries/ (without .cypher).")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value, repeatable.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table | json | csv")] = "table",
    list_: Annotated[bool, typer.Option("--list", help="List the named queries with their headers.")] = False,
) -> None:
    """Run a named Cypher question from queries/."""
    from kg import query as query_mod

    query_mod.run_cli(name, param or [], format, list_)


@app.command("serve")
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
) -> None:
    """Serve the JSON API (/docs) and the graph explorer (/)."""
    from api import app as api_app

    api_app.serve(host=host, port=port)


@app.command("viz")
def viz(
    entity: Annotated[str | None, typer.Option(help="Entity id or name to centre on.")] = None,
    query_name: Annotated[str | None, typer.Option("--query", help="Named query whose result to draw.")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value for --query.")] = None,
    depth: Annotated[int, typer.Option(help="Neighbourhood depth around --entity.")] = 1,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("graph.html"),
) -> None:
    """Write a self-contained HTML view (pyvis / vis-network) that opens without a server."""
    from kg import viz as viz_mod

    viz_mod.run_cli(entity=entity, query_name=query_name, params=param or [], depth=depth,
                    output=output)


@app.command("up")
def up(
    samples: Annotated[Path | None, typer.Option(help="Notices to ingest (default: data/samples).")] = None,
    serve_api: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve the API afterwards.")] = True,
) -> None:
    """The main job: install and start Neo4j (unless NEO4J_URI points elsewhere), create the
    schema, ingest the sample notices, serve the API and explorer."""
    from kg import runner

    runner.up(samples=samples, serve_api=serve_api)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
