"""The main job behind `make run` / `kg up`: Neo4j up, schema, sample notices
ingested, API and explorer served."""

from __future__ import annotations

import logging
from pathlib import Path

from rich.console import Console

from kg import schema, server
from kg.settings import PROJECT_ROOT, get_settings

SAMPLES = PROJECT_ROOT / "data" / "samples"


def quiet_driver_logs() -> None:
    """The Neo4j driver logs a warning for each retry while a server starts; the wait is
    shown by `server.start` instead, and a failure ends in one sentence (kg.errors)."""
    logging.getLogger("neo4j").setLevel(logging.ERROR)


def up(samples: Path | None = None, serve_api: bool = True) -> None:
    out = Console(highlight=False)
    quiet_driver_logs()
    settings = get_settings()
    if server.managed(settings):
        out.print("Neo4j: the project's own server in "
                  f"{settings.neo4j_home} (bolt port {settings.neo4j_bolt_port})")
        server.install(quiet=True)
        server.start()
        settings = get_settings()  # with the password `install` may have generated
    else:
        out.print(f"using the Neo4j at {settings.neo4j_uri} (NEO4J_URI)")
    schema.init(settings)
    out.print("schema ready")

    from kg import load

    path = samples or SAMPLES
    out.print(f"ingesting {path} (the first run loads the extraction pipeline) …")
    report = load.ingest_paths([path], progress=True)
    for line in load.summary_lines(report):
        out.print(line)

    http = settings.neo4j_http_port
    out.print(
        "\n[bold]Ready.[/]\n"
        f"  explorer        http://{settings.api_host}:{settings.api_port}/\n"
        f"  API docs        http://{settings.api_host}:{settings.api_port}/docs\n"
        + (f"  Neo4j Browser   http://127.0.0.1:{http}/browser/  (user neo4j, password in .env: "
           "`kg neo4j status` shows it)\n" if server.managed(settings) else "")
        + "  Cypher          kg query --list"
    )
    if serve_api:
        from api import app

        app.serve()
