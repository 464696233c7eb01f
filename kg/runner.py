"""The main job behind `make run` / `kg up`: Neo4j up, schema, sample notices
ingested, API and explorer served."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from kg import schema, server
from kg.settings import PROJECT_ROOT, get_settings

SAMPLES = PROJECT_ROOT / "data" / "samples"


def up(samples: Path | None = None, serve_api: bool = True) -> None:
    out = Console(highlight=False)
    settings = get_settings()
    if server.managed(settings):
        server.install(quiet=True)
        server.start()
        settings = get_settings()  # with the password `install` may have generated
    else:
        out.print(f"using the Neo4j at {settings.neo4j_uri} (NEO4J_URI)")
    schema.init(settings)
    out.print("schema ready")

    from kg import load

    path = samples or SAMPLES
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
