"""Shared fixtures: a real Neo4j dedicated to tests.

The test server has its own home and ports (never the user's data): home
KG_TEST_NEO4J_HOME (default <repo>/.neo4j-test), Bolt KG_TEST_BOLT_PORT (7688)
and HTTP KG_TEST_HTTP_PORT (7475). It borrows the jars of the main home
(<repo>/.neo4j, installed on first use), starts once per session or is reused
when already running, and is left running for the next run unless
KG_TEST_STOP=1.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests import bench.* helpers
sys.path.insert(0, str(Path(__file__).resolve().parent))

from kg import schema, server  # noqa: E402
from kg.settings import Settings, get_settings  # noqa: E402

TEST_PASSWORD = "anquan-kg-test"


def test_server_config() -> server.ServerConfig:
    return server.ServerConfig(
        home=Path(os.environ.get("KG_TEST_NEO4J_HOME", ROOT / ".neo4j-test")),
        bolt_port=int(os.environ.get("KG_TEST_BOLT_PORT", "7688")),
        http_port=int(os.environ.get("KG_TEST_HTTP_PORT", "7475")),
        password=TEST_PASSWORD,
        heap="768m",
        pagecache="256m",
        jars_from=ROOT / ".neo4j",
    )


test_server_config.__test__ = False  # a helper, not a test


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Settings]:
    config = test_server_config()
    server.install(config, quiet=True)
    server.start(config, timeout=180, quiet=True)
    settings = Settings(
        NEO4J_URI=config.uri, NEO4J_USERNAME="neo4j", NEO4J_PASSWORD=config.password,
        NEO4J_DATABASE="neo4j", KG_NEO4J_HOME=str(config.home),
        KG_NEO4J_BOLT_PORT=config.bolt_port, KG_NEO4J_HTTP_PORT=config.http_port,
    )
    saved = {k: os.environ.get(k) for k in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD",
                                            "NEO4J_DATABASE", "KG_NEO4J_HOME",
                                            "KG_NEO4J_BOLT_PORT", "KG_NEO4J_HTTP_PORT")}
    os.environ.update({
        "NEO4J_URI": config.uri, "NEO4J_USERNAME": "neo4j", "NEO4J_PASSWORD": config.password,
        "NEO4J_DATABASE": "neo4j", "KG_NEO4J_HOME": str(config.home),
        "KG_NEO4J_BOLT_PORT": str(config.bolt_port), "KG_NEO4J_HTTP_PORT": str(config.http_port),
    })
    get_settings.cache_clear()
    try:
        yield settings
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        get_settings.cache_clear()
        if os.environ.get("KG_TEST_STOP") == "1":
            server.stop(config, quiet=True)


def wipe(driver: Driver, database: str = "neo4j") -> None:
    """Delete every node and relationship (the schema stays)."""
    with driver.session(database=database) as session:  # IN TRANSACTIONS needs an implicit one
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


@pytest.fixture
def graph(neo4j_settings: Settings) -> Iterator[Driver]:
    """A clean, schema-initialised test database."""
    drv = GraphDatabase.driver(neo4j_settings.neo4j_uri,
                               auth=(neo4j_settings.neo4j_username, neo4j_settings.neo4j_password))
    wipe(drv, neo4j_settings.neo4j_database)
    schema.apply(drv, neo4j_settings.neo4j_database)
    try:
        yield drv
    finally:
        drv.close()


SAMPLES = ROOT / "data" / "samples"


@contextmanager
def samples_ingested(settings: Settings, **driver_options) -> Iterator[Driver]:
    """A driver on a clean, schema-initialised test database holding the sample
    notices, ingested as a user would (`kg.load.ingest_paths`); the API tests'
    module fixtures share it."""
    from kg.load import ingest_paths

    drv = GraphDatabase.driver(settings.neo4j_uri,
                               auth=(settings.neo4j_username, settings.neo4j_password),
                               **driver_options)
    try:
        wipe(drv, settings.neo4j_database)
        schema.apply(drv, settings.neo4j_database)
        report = ingest_paths([SAMPLES], driver=drv, database=settings.neo4j_database)
        assert report.read >= 9 and not report.skipped
        yield drv
    finally:
        drv.close()


@contextmanager
def app_served(settings: Settings) -> Iterator[str]:
    """The API and explorer (`api.app.create_app`) on a free loopback port, in a thread,
    for the browser tests; its base URL while the block runs."""
    import socket
    import threading
    import time

    import uvicorn

    from api.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server_ = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                                            log_level="warning"))
    thread = threading.Thread(target=server_.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server_.started and time.monotonic() < deadline:
        time.sleep(0.1)
    assert server_.started, "the app did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server_.should_exit = True
        thread.join(timeout=10)
