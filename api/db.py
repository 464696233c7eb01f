"""The app's one Neo4j driver and the read helper every route uses.

Why one driver per app (made in the lifespan, kept on `app.state`): a driver
holds a connection pool; making one per request costs a TCP and Bolt handshake
each time, which alone would break the entity lookup's latency target.

Why reads go through `session.run` in a READ-mode session rather than
`execute_read`: the managed form retries for up to 30 s when Neo4j is down, so a
dead server would answer 503 only after half a minute; an auto-commit read fails
at once and the API says so. The server-side timeout (`neo4j.Query(timeout=)`)
applies to auto-commit transactions, which is what we want for analysts' Cypher.
"""

from __future__ import annotations

import threading
from typing import Any

from fastapi import Request
from neo4j import READ_ACCESS, Driver, GraphDatabase, Query, Record

from kg.settings import Settings


def make_driver(settings: Settings) -> Driver:
    """A driver that is not checked to answer: the app starts even when Neo4j is down
    (requests then get 503 and /healthz says "down")."""
    return GraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_username, settings.neo4j_password),
        connection_timeout=3.0,
        connection_acquisition_timeout=10.0,
        max_connection_pool_size=50,
        # Named queries and uploads use managed transactions, which retry while Neo4j is
        # unreachable (30 s by default); a second is enough to ride out a blip and keeps
        # the 503 prompt.
        max_transaction_retry_time=1.0,
        # The API answers with data, not planner hints; notifications only cost time.
        notifications_min_severity="OFF",
    )


_lock = threading.Lock()


def get_driver_of(app: Any) -> Driver:
    """The app's driver, made on first use (the lifespan makes it at start-up; an app
    used without its lifespan, such as a TestClient outside `with`, still gets one)."""
    if app.state.driver is None:
        with _lock:
            if app.state.driver is None:
                app.state.driver = make_driver(app.state.settings)
    return app.state.driver


def close_driver(app: Any) -> None:
    with _lock:
        if app.state.driver is not None:
            app.state.driver.close()
            app.state.driver = None


def get_driver(request: Request) -> Driver:
    return get_driver_of(request.app)


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def read(request: Request, cypher: str, params: dict[str, Any] | None = None,
         timeout: float | None = None) -> list[Record]:
    """Run one read-only statement and return all its records."""
    settings = get_settings(request)
    with get_driver(request).session(database=settings.neo4j_database,
                                     default_access_mode=READ_ACCESS) as session:
        result = session.run(Query(cypher, timeout=timeout), params or {})
        return list(result)
