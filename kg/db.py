"""One place that opens Neo4j connections and turns connection failures into a
sentence the user can act on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from neo4j import Driver, GraphDatabase, NotificationMinimumSeverity
from neo4j.exceptions import AuthError, ServiceUnavailable

from kg.errors import Neo4jUnavailable, UserError
from kg.settings import Settings, get_settings


def driver(settings: Settings | None = None) -> Driver:
    """A driver for the configured Neo4j, checked to answer.

    Raises `Neo4jUnavailable` with what to run when nothing answers, and
    `UserError` when the credentials are refused."""
    s = settings or get_settings()
    # Server notifications (an unknown property key on an empty graph, …) are for
    # query authors, not for someone running `kg ingest`: keep them off the terminal.
    drv = GraphDatabase.driver(
        s.neo4j_uri, auth=(s.neo4j_username, s.neo4j_password), connection_timeout=5.0,
        notifications_min_severity=NotificationMinimumSeverity.OFF,
    )
    try:
        drv.verify_connectivity()
    except AuthError as exc:
        drv.close()
        raise UserError(
            f"Neo4j at {s.neo4j_uri} refused the credentials for user {s.neo4j_username!r}: "
            "set NEO4J_USERNAME and NEO4J_PASSWORD (environment or .env)."
        ) from exc
    except (ServiceUnavailable, OSError, ValueError) as exc:
        drv.close()
        raise Neo4jUnavailable(
            f"Neo4j is not reachable at {s.neo4j_uri}: start the project's server with "
            "`kg neo4j start`, or set NEO4J_URI to a running Neo4j."
        ) from exc
    return drv


@contextmanager
def session(settings: Settings | None = None, **kwargs: Any) -> Iterator[Any]:
    """A session on the configured database; closes the driver afterwards."""
    s = settings or get_settings()
    drv = driver(s)
    try:
        with drv.session(database=s.neo4j_database, **kwargs) as sess:
            yield sess
    finally:
        drv.close()
