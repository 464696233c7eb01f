"""The read-only Cypher endpoint, attacked as a hostile client would (issue 11).

Against the real test Neo4j (loaded with the sample notices) and the real API:
every attack is refused, and the graph afterwards is the graph before (node and
relationship counts, labels, and a hash of every id and property). The SSRF
cases point at a listener this module starts on 127.0.0.1, which must receive
no connection at all. The layers are tested apart too: the managed server's
configuration refuses the attacks when they are sent to Neo4j directly, past the
API, and the API's plan guard refuses the plans Neo4j 5.26 gives for them on a
permissive server (recorded below), so each layer holds on its own.
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import samples_ingested
from fastapi.testclient import TestClient
from neo4j.exceptions import Neo4jError

from api import cypher_guard as guard
from api.app import create_app
from api.errors import Forbidden
from kg import server
from kg.schema import FULLTEXT_INDEX

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


# --- fixtures ---------------------------------------------------------------------------------


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it is offered."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/leak.json"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            try:
                conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n"
                             b'{"secret": "leaked"}')
            finally:
                conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture(scope="module")
def driver(neo4j_settings):
    with samples_ingested(neo4j_settings, notifications_min_severity="OFF") as drv:
        yield drv


@pytest.fixture(scope="module")
def client(driver, neo4j_settings):
    with TestClient(create_app(neo4j_settings)) as c:
        yield c


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    lst = Listener()
    yield lst
    lst.close()


def fingerprint(driver) -> tuple[int, int, list[str], str]:
    """Counts, labels, and a hash of every node's and relationship's id and properties."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS l, properties(n) AS p ORDER BY n.id, elementId(n)")
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p "
        "ORDER BY r.key, elementId(r)")
    labels, _, _ = driver.execute_query("CALL db.labels() YIELD label RETURN label ORDER BY label")
    digest = hashlib.sha256()
    for rec in list(nodes) + list(rels):
        digest.update(json.dumps(dict(rec), sort_keys=True, default=str,
                                 ensure_ascii=False).encode())
    return len(nodes), len(rels), [r["label"] for r in labels], digest.hexdigest()


def http_api_attack(neo4j_settings, statement: str = "CREATE (:Pwned)") -> str:
    """The nested call that posted to Neo4j's own HTTP API with the password."""
    basic = base64.b64encode(f"neo4j:{neo4j_settings.neo4j_password}".encode()).decode()
    url = f"http://127.0.0.1:{neo4j_settings.neo4j_http_port}/db/neo4j/tx/commit"
    payload = json.dumps({"statements": [{"statement": statement}]})
    return (f"CALL apoc.load.jsonParams('{url}', {{Authorization: 'Basic {basic}'}}, "
            f"'{payload}') YIELD value RETURN value")


def attacks(neo4j_settings, listener: Listener) -> list[tuple[str, str, dict]]:
    """(name, query, params): the issue's attacks verbatim, then the forms that held."""
    inner = http_api_attack(neo4j_settings)
    person = http_api_attack(neo4j_settings, "CREATE (:Person {id: 'person:000000:假人', "
                                             "name: '假人'})")
    url = listener.url
    quote = inner.replace('"', '\\"')
    return [
        ("nested jsonParams to Neo4j's HTTP API",
         f'CALL apoc.cypher.run("{quote}", {{}}) YIELD value RETURN value', {}),
        ("nested jsonParams invents a Person",
         "CALL apoc.cypher.run($q, {}) YIELD value RETURN value", {"q": person}),
        ("query text hidden in a parameter",
         "CALL apoc.cypher.run($q, {}) YIELD value RETURN value", {"q": inner}),
        ("runFirstColumnMany, a function",
         "RETURN apoc.cypher.runFirstColumnMany($q, {}) AS x", {"q": inner}),
        ("runFirstColumnSingle, a function",
         "RETURN apoc.cypher.runFirstColumnSingle($q, {}) AS x", {"q": inner}),
        ("apoc.cypher.doIt", "CALL apoc.cypher.doIt($q, {}) YIELD value RETURN value",
         {"q": "CREATE (:Pwned) RETURN 1"}),
        ("jsonParams direct", inner, {}),
        ("apoc.load.json nested",
         "CALL apoc.cypher.run($q, {}) YIELD value RETURN value",
         {"q": f"CALL apoc.load.json('{url}') YIELD value RETURN value"}),
        ("apoc.load.json direct", f"CALL apoc.load.json('{url}') YIELD value RETURN value", {}),
        ("apoc.load.json url in a parameter",
         "CALL apoc.load.json($u) YIELD value RETURN value", {"u": url}),
        ("apoc.load.xml nested",
         "CALL apoc.cypher.run($q, {}) YIELD value RETURN value",
         {"q": f"CALL apoc.load.xml('{url}') YIELD value RETURN value"}),
        ("LOAD CSV nested",
         "CALL apoc.cypher.run($q, {}) YIELD value RETURN value",
         {"q": f"LOAD CSV FROM '{url}' AS row RETURN row"}),
        ("LOAD CSV from the listener", f"LOAD CSV FROM '{url}' AS row RETURN row", {}),
        ("LOAD CSV url in a parameter", "LOAD CSV FROM $u AS row RETURN row", {"u": url}),
        ("LOAD CSV from a file", "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", {}),
        ("SHOW TRANSACTIONS", "SHOW TRANSACTIONS", {}),
        ("SHOW TRANSACTIONS YIELD", "SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery",
         {}),
        ("TERMINATE TRANSACTIONS", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'", {}),
        ("SHOW SETTINGS", "SHOW SETTINGS", {}),
        ("SHOW SETTINGS behind a comment", "/* hi */ SHOW SETTINGS YIELD name, value "
                                           "RETURN name, value", {}),
        ("dbms.listConfig", "CALL dbms.listConfig() YIELD name RETURN name", {}),
        ("SHOW PROCEDURES", "SHOW PROCEDURES", {}),
        ("apoc.export to a file", "CALL apoc.export.csv.all('x.csv', {})", {}),
        ("apoc.trigger", "CALL apoc.trigger.add('t', 'CREATE (:Pwned)', {phase: 'after'})", {}),
        ("apoc.periodic", "CALL apoc.periodic.submit('p', 'CREATE (:Pwned)')", {}),
        ("CREATE", "CREATE (x:Pwned {name: 'x'}) RETURN x", {}),
        ("MERGE", "MERGE (x:Pwned {name: 'x'}) RETURN x", {}),
        ("SET", "MATCH (p:Person) SET p.name = 'x'", {}),
        ("REMOVE", "MATCH (p:Person) REMOVE p.name", {}),
        ("DELETE", "MATCH (p:Person) DETACH DELETE p", {}),
        ("FOREACH", "MATCH (p:Person) WITH collect(p) AS ps FOREACH (x IN ps | SET x.y = 1)",
         {}),
        ("CALL IN TRANSACTIONS (write)",
         "MATCH (p:Person) CALL (p) { SET p.x = 1 } IN TRANSACTIONS RETURN count(*)", {}),
        ("CALL IN TRANSACTIONS (read)",
         "MATCH (n) CALL (n) { RETURN n.id AS x } IN TRANSACTIONS RETURN x", {}),
        ("CREATE INDEX", "CREATE INDEX pwned FOR (n:Pwned) ON (n.name)", {}),
        ("DROP CONSTRAINT", "DROP CONSTRAINT person_id IF EXISTS", {}),
        ("CREATE DATABASE", "CREATE DATABASE pwned", {}),
        ("ALTER USER", "ALTER USER neo4j SET PASSWORD 'pwned-password'", {}),
        ("CREATE USER", "CREATE USER pwned SET PASSWORD 'pwned-password'", {}),
        ("db.createLabel", "CALL db.createLabel('Pwned')", {}),
        ("apoc.create.node", "CALL apoc.create.node(['Pwned'], {}) YIELD node RETURN node", {}),
        ("backticked name", "CALL `apoc`.`cypher`.`run`($q, {}) YIELD value RETURN value",
         {"q": inner}),
    ]


def attack_ids() -> list[str]:
    class _S:  # names only; the queries are built per test with the real ports
        neo4j_password = "x"
        neo4j_http_port = 1
    return [name for name, _, _ in attacks(_S(), type("L", (), {"url": "http://x"})())]


# --- the API ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", attack_ids())
def test_api_refuses_the_attack_and_the_graph_is_unchanged(client, driver, neo4j_settings,
                                                           listener, name):
    query, params = next((q, p) for n, q, p in attacks(neo4j_settings, listener) if n == name)
    before = fingerprint(driver)
    seen = listener.connections
    r = client.post("/api/cypher", json={"query": query, "params": params})
    assert r.status_code in (400, 403), (r.status_code, r.text)
    assert "leaked" not in r.text
    assert r.json()["detail"] and "Traceback" not in r.text
    time.sleep(0.05)
    assert listener.connections == seen, "the query reached the listener"
    after = fingerprint(driver)
    assert after == before
    assert "Pwned" not in after[2]


def test_the_http_api_attack_is_refused_with_403_by_name(client, neo4j_settings):
    r = client.post("/api/cypher", json={
        "query": "CALL apoc.cypher.run($q, {}) YIELD value RETURN value",
        "params": {"q": http_api_attack(neo4j_settings)}})
    # refused by the server (no such procedure is loaded) before the guard sees a plan
    assert r.status_code in (400, 403)
    assert "apoc.cypher.run" in r.json()["detail"]


def test_show_and_terminate_are_refused_as_administration(client):
    for q in ("SHOW TRANSACTIONS", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
              "SHOW SETTINGS", "show settings"):
        r = client.post("/api/cypher", json={"query": q})
        assert r.status_code == 403, q
        assert "not allowed" in r.json()["detail"]


def test_allowlisted_reads_still_answer(client):
    q = ("MATCH (p:Person) WITH p ORDER BY p.id LIMIT 3 "
         "RETURN apoc.text.join(collect(p.name), '、') AS names, "
         "apoc.coll.sum([1, 2, 3]) AS six, date.truncate('month', date('2024-03-05')) AS m")
    r = client.post("/api/cypher", json={"query": q})
    assert r.status_code == 200, r.text
    row = r.json()["rows"][0]
    assert row["six"] == 6 and row["m"] == "2024-03-01" and "、" in row["names"]
    r = client.post("/api/cypher", json={"query": "CALL db.labels() YIELD label RETURN label"})
    assert r.status_code == 200 and "Person" in [x["label"] for x in r.json()["rows"]]
    r = client.post("/api/cypher", json={
        "query": "CALL db.index.fulltext.queryNodes($index, $q) YIELD node "
                 "RETURN node.name AS name LIMIT 3",
        "params": {"index": FULLTEXT_INDEX, "q": "魏成舟"}})
    assert r.status_code == 200 and "魏成舟" in [x["name"] for x in r.json()["rows"]], r.text
    r = client.post("/api/cypher", json={
        "query": "MATCH (p:Person {name: '魏成舟'}) CALL apoc.path.subgraphNodes(p, "
                 "{maxLevel: 1}) YIELD node RETURN count(node) AS n"})
    assert r.status_code == 200 and r.json()["rows"][0]["n"] > 1


def test_a_long_query_is_refused_at_once_with_422(client):
    huge = "RETURN " + "+".join(["1"] * 200_000) + " AS x"  # the 157 s expression
    t = time.monotonic()
    r = client.post("/api/cypher", json={"query": huge})
    assert r.status_code == 422 and "limit" in r.json()["detail"]
    assert time.monotonic() - t < 2


@pytest.mark.parametrize("query", [
    "RETURN " + "[" * 2400 + "1" + "]" * 2400 + " AS x",  # ran past two minutes in EXPLAIN
    "RETURN " + " ".join(["CASE WHEN 1=1 THEN"] * 450) + " 1" + " END" * 450 + " AS x",
    "MATCH (n) WHERE " + " AND ".join(f"n.x{i} = 1" for i in range(800)) + " RETURN n",
])
def test_shapes_that_plan_for_minutes_are_refused_at_once_with_422(client, query):
    t = time.monotonic()
    r = client.post("/api/cypher", json={"query": query})
    assert r.status_code == 422 and "limit" in r.json()["detail"]
    assert time.monotonic() - t < 2


def test_the_costliest_accepted_shape_plans_within_seconds(client):
    """At the limits (200 ANDs, 50 nested brackets), EXPLAIN and the run stay short."""
    query = ("MATCH (n) WHERE " + " AND ".join(f"n.x{i} = 1" for i in range(199))
             + " RETURN " + "[" * 49 + "1" + "]" * 49 + " AS x")
    t = time.monotonic()
    r = client.post("/api/cypher", json={"query": query})
    assert r.status_code == 200, r.text
    assert time.monotonic() - t < 30  # about 4 s on an idle machine; minutes before


def test_offsets_beyond_any_page_are_422_not_500(client):
    r = client.get("/api/persons", params={"offset": 2 ** 70})
    assert r.status_code == 422 and "offset" in r.json()["detail"]


def test_large_parameters_are_refused_with_422(client):
    r = client.post("/api/cypher", json={"query": "RETURN size($p) AS n",
                                         "params": {"p": "x" * 200_000}})
    assert r.status_code == 422 and "'params'" in r.json()["detail"]


def test_the_answer_is_cut_by_bytes_and_says_so(neo4j_settings, driver):
    settings = neo4j_settings.model_copy(update={"cypher_max_bytes": 20_000})
    with TestClient(create_app(settings)) as c:
        r = c.post("/api/cypher", json={"query": "UNWIND range(1, 1000) AS i "
                                                 "RETURN i, range(1, 50) AS pad"}).json()
        assert r["truncated"] is True and "20,000 bytes" in r["note"]
        assert 0 < len(r["rows"]) < 1000
        assert len(json.dumps(r["rows"])) <= 20_000
        one = c.post("/api/cypher", json={"query": "RETURN range(1, 100000) AS big"}).json()
        assert one["rows"] == [] and one["truncated"] is True


def test_a_slow_query_does_not_hold_the_other_routes(neo4j_settings, driver):
    """Analysts' queries take at most KG_CYPHER_CONCURRENCY threads; /api/search answers
    while more slow queries than that are in flight."""
    settings = neo4j_settings.model_copy(update={"cypher_concurrency": 2,
                                                 "cypher_timeout_s": 4.0})
    slow = "UNWIND range(1, 2000000000) AS i WITH i WHERE i % 7 = 99 RETURN count(i)"
    with TestClient(create_app(settings)) as c:
        codes: list[int] = []
        # 60 at once: more than the 40 worker threads that sync routes share
        threads = [threading.Thread(target=lambda: codes.append(
            c.post("/api/cypher", json={"query": slow}).status_code)) for _ in range(60)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        t0 = time.monotonic()
        r = c.get("/api/search", params={"q": "魏成舟"})
        took = time.monotonic() - t0
        for t in threads:
            t.join(60)
    assert r.status_code == 200 and took < 4.0, took  # it waited 8.6 s behind them before
    assert set(codes) <= {504, 429} and 429 in codes


# --- the server alone (past the API) ----------------------------------------------------------


SERVER_REFUSES = [
    "CALL apoc.cypher.run('CREATE (:Pwned)', {}) YIELD value RETURN value",
    "RETURN apoc.cypher.runFirstColumnMany('CREATE (:Pwned) RETURN 1', {}) AS x",
    "CALL apoc.load.json($u) YIELD value RETURN value",
    "CALL apoc.load.jsonParams($u, {}, '{}') YIELD value RETURN value",
    "CALL apoc.load.xml($u) YIELD value RETURN value",
    "LOAD CSV FROM $u AS row RETURN row",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "CALL apoc.export.csv.all('x.csv', {})",
    "CALL apoc.trigger.add('t', 'CREATE (:Pwned)', {phase: 'after'})",
    "CALL apoc.periodic.submit('p', 'CREATE (:Pwned)')",
]


@pytest.mark.parametrize("query", SERVER_REFUSES)
def test_the_managed_server_refuses_it_even_without_the_api(driver, listener, query):
    before = fingerprint(driver)
    seen = listener.connections
    with pytest.raises(Neo4jError) as err:
        driver.execute_query(query, u=listener.url)
    assert "leaked" not in str(err.value)
    time.sleep(0.05)
    assert listener.connections == seen
    assert fingerprint(driver) == before


def test_the_managed_servers_configuration_is_an_allowlist(neo4j_settings):
    conf = server.neo4j_conf(server.ServerConfig(home=Path("/x")))
    lines = dict(line.split("=", 1) for line in conf.splitlines() if "=" in line
                 and not line.startswith("#"))
    allow = lines["dbms.security.procedures.allowlist"].split(",")
    assert "apoc.*" not in allow and not any(a.startswith(("apoc.cypher", "apoc.load",
                                                            "apoc.export", "apoc.import",
                                                            "apoc.trigger", "apoc.periodic",
                                                            "apoc.systemdb")) for a in allow)
    assert lines["dbms.security.procedures.unrestricted"] == ""
    assert lines["dbms.security.allow_csv_import_from_file_urls"] == "false"
    assert lines["server.http.listen_address"].startswith("127.0.0.1:")
    assert "apoc.import.file.enabled=false" in server.APOC_CONF
    assert "apoc.export.file.enabled=false" in server.APOC_CONF


def test_the_project_itself_calls_only_allowlisted_procedures():
    """What the loader, the named queries and the API call is on both allowlists."""
    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for d in ("kg", "api", "queries")
             for p in (root / d).rglob("*") if p.suffix in (".py", ".cypher")
             and p.name not in ("cypher_guard.py", "server.py")]
    called = set()
    for text in texts:
        called |= {n for n in guard.called_names(text) if n.startswith("apoc.")}
    assert all(guard.allowed_call(n, procedure=False) for n in called), called


# --- the plan guard alone (plans as a permissive Neo4j 5.26 gives them) -------------------------


def op(kind: str, details: str, *children: dict) -> dict:
    return {"operatorType": f"{kind}@neo4j", "args": {"Details": details, "Id": 1},
            "children": list(children)}


PLANS = {
    "nested procedure": op("ProduceResults", "value",
                           op("ProcedureCall", "apoc.cypher.run($q, {}) :: (value :: MAP)")),
    "function in a projection": op("ProduceResults", "x", op(
        "Projection", "apoc.cypher.runFirstColumnMany($autostring_0, {}) AS x")),
    "function deep in a filter": op("ProduceResults", "n", op("Projection", "n.name AS n", op(
        "Filter", "apoc.load.json($autostring_0) IS NOT NULL AND n.x = $autoint_1",
        op("AllNodesScan", "n")))),
    "SHOW TRANSACTIONS": op("ProduceResults", "currentQuery",
                            op("ShowTransactions", "defaultColumns, allTransactions")),
    "TERMINATE": op("ProduceResults", "message",
                    op("TerminateTransactions", "transactions(neo4j-transaction-1)")),
    "SHOW SETTINGS": op("ProduceResults", "name", op("ShowSettings", "allSettings")),
    "LOAD CSV": op("ProduceResults", "row", op("LoadCSV", "row")),
    "IN TRANSACTIONS": op("ProduceResults", "x", op(
        "TransactionApply", "IN TRANSACTIONS OF 1000 ROWS ON ERROR FAIL",
        op("AllNodesScan", "n"), op("Projection", "n.x AS x"))),
    "backticks": op("ProduceResults", "x", op("Projection", "`apoc.cypher`.run($q) AS x")),
    "procedure without parentheses": op("ProduceResults", "value",
                                        op("ProcedureCall", "apoc.cypher.run :: (value :: MAP)")),
    "a procedure whose name is a function prefix": op(
        "ProduceResults", "value", op("ProcedureCall", "apoc.coll.zipToRows($a, $b)")),
}


@pytest.mark.parametrize("name", sorted(PLANS))
def test_the_plan_guard_alone_refuses(name):
    with pytest.raises(Forbidden):
        guard.check_plan("r", PLANS[name])


def test_the_plan_guard_passes_reads_with_index_seeks_and_allowlisted_calls():
    plan = op("ProduceResults", "names", op(
        "Projection", "apoc.text.join(names, $autostring_0) AS names, "
                      "date.truncate($autostring_1, date()) AS m", op(
            "EagerAggregation", "collect(p.name) AS names",
            op("NodeIndexSeek", "RANGE INDEX p:Person(name) WHERE name = $autostring_2"))))
    guard.check_plan("r", plan)
    with pytest.raises(Forbidden):
        guard.check_plan("rw", plan)


def test_a_deep_plan_is_walked_without_recursion():
    plan = op("Filter", "apoc.cypher.runFirstColumnSingle($q, {}) = 1", op("AllNodesScan", "n"))
    for _ in range(5000):
        plan = op("Filter", "n.x = 1", plan)
    with pytest.raises(Forbidden):
        guard.check_plan("r", op("ProduceResults", "x", plan))


def test_the_server_and_the_guard_allow_the_same_apoc():
    """Every APOC name the server loads is allowed by the guard, so an analyst never meets
    a call the server has but the API refuses without saying why (and vice versa)."""
    for entry in server.PROCEDURE_ALLOWLIST:
        if entry.endswith(".*"):
            assert entry[:-1] in guard.ALLOWED_FUNCTION_PREFIXES, entry
        else:
            assert entry in guard.ALLOWED_FUNCTIONS | guard.ALLOWED_PROCEDURES, entry
    for name in guard.ALLOWED_FUNCTIONS | guard.ALLOWED_PROCEDURES:
        if name.startswith("apoc."):
            assert name in server.PROCEDURE_ALLOWLIST, name
