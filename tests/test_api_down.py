"""The API when Neo4j does not answer: 503 with a sentence, quickly, never a traceback."""

from __future__ import annotations

import socket
import time

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg.settings import Settings


def dead_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def down() -> TestClient:
    settings = Settings(NEO4J_URI=f"bolt://127.0.0.1:{dead_port()}", NEO4J_PASSWORD="x")
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def test_healthz_says_neo4j_is_down_with_503(down):
    r = down.get("/healthz")
    assert r.status_code == 503
    assert r.json()["neo4j"] == "down"
    assert "not reachable" in r.json()["detail"]


@pytest.mark.parametrize("method,path,body", [
    ("GET", "/api/entities/person:140902:秦向东", None),
    ("GET", "/api/persons", None),
    ("GET", "/api/search?q=秦向东", None),
    ("GET", "/api/queries/meetings", None),
    ("GET", "/api/graph?ids=person:140902:秦向东", None),
    ("POST", "/api/cypher", {"query": "MATCH (n) RETURN count(n)"}),
])
def test_requests_needing_neo4j_answer_503_with_what_to_do(down, method, path, body):
    start = time.perf_counter()
    r = down.request(method, path, json=body)
    elapsed = time.perf_counter() - start
    assert r.status_code == 503
    detail = r.json()["detail"]
    assert "Neo4j is not reachable" in detail and "kg neo4j start" in detail
    assert "Traceback" not in r.text
    assert elapsed < 10  # no half-minute of driver retries before saying so


def test_model_and_query_list_still_answer_without_neo4j(down):
    assert down.get("/api/model").status_code == 200
    names = [q["name"] for q in down.get("/api/queries").json()]
    assert "meetings" in names and "provenance" in names
