"""`kg status`: what the graph holds and where it lives.

Counts per label and relationship type (from kg.model, each a count-store lookup),
the newest notice, when the graph was last written (the managed server's
transaction log; a Neo4j of your own does not say), and the Neo4j address.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console

from kg import server
from kg.model import NODE_TYPES, REL_TYPES
from kg.settings import Settings, get_settings

COUNTS = " UNION ALL ".join(
    [f"MATCH (n:`{n.label}`) RETURN 'label' AS kind, '{n.label}' AS name, count(n) AS count"
     for n in NODE_TYPES]
    + [f"MATCH ()-[r:`{r.type}`]->() RETURN 'rel' AS kind, '{r.type}' AS name, count(r) AS count"
       for r in REL_TYPES])

NEWEST = """
MATCH (d:Document)
RETURN d.title AS title, d.name AS name, d.date AS date
ORDER BY coalesce(d.date, '') DESC, d.title LIMIT 1
"""


def last_write(settings: Settings) -> datetime | None:
    """When the managed server's database was last written (its transaction log)."""
    if not server.managed(settings):
        return None
    logs = Path(settings.neo4j_home) / "data" / "transactions" / settings.neo4j_database
    times = [p.stat().st_mtime for p in logs.glob("neostore.transaction.db*") if p.is_file()]
    return datetime.fromtimestamp(max(times), UTC) if times else None


def collect(settings: Settings | None = None) -> dict[str, Any]:
    """The status as data (the command prints it)."""
    from kg import db

    s = settings or get_settings()
    with db.session(s) as session:
        counts = [dict(r) for r in session.run(COUNTS)]
        newest = session.run(NEWEST).single()
        version = session.run(
            "CALL dbms.components() YIELD name, versions, edition "
            "RETURN versions[0] AS version, edition").single()
    written = last_write(s)
    return {
        "uri": s.neo4j_uri, "database": s.neo4j_database, "managed": server.managed(s),
        "version": version["version"] if version else None,
        "edition": version["edition"] if version else None,
        "labels": {r["name"]: r["count"] for r in counts if r["kind"] == "label"},
        "relationships": {r["name"]: r["count"] for r in counts if r["kind"] == "rel"},
        "newest": dict(newest) if newest else None,
        "last_write": written.isoformat(timespec="seconds") if written else None,
        "explorer": f"http://{s.api_host}:{s.api_port}/",
    }


def print_status(settings: Settings | None = None) -> None:
    out = Console(highlight=False)
    st = collect(settings)
    where = "managed" if st["managed"] else "NEO4J_URI"
    out.print(f"[bold]Neo4j[/]     {st['uri']} · {st['version'] or '?'} {st['edition'] or ''} "
              f"· {where} · database {st['database']}")
    labels, rels = st["labels"], st["relationships"]
    out.print(f"[bold]Graph[/]     {labels.get('Document', 0):,} notices, "
              f"{sum(labels.values()):,} nodes, {sum(rels.values()):,} relationships")
    out.print("  " + " · ".join(f"{k} {v:,}" for k, v in labels.items()))
    out.print("  " + " · ".join(f"{k} {v:,}" for k, v in rels.items() if v))
    if st["last_write"]:
        out.print(f"[bold]Last ingest[/] {st['last_write'].replace('T', ' ')} "
                  "(the database's last write)")
    else:
        out.print("[bold]Last ingest[/] not known for a Neo4j the project does not manage")
    newest = st["newest"]
    if newest:
        out.print(f"[bold]Newest notice[/] {newest['date'] or 'undated'} "
                  f"{newest['title'] or newest['name']}")
    else:
        out.print("[bold]Newest notice[/] none: the graph is empty (`kg ingest data/samples`)")
    out.print(f"[bold]Explorer[/]  {st['explorer']} (while `kg serve` or `kg up` runs)")
