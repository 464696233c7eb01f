"""The loader when things go wrong (issue 11): Neo4j dies mid-ingest, two ingests of
one folder run at once, a path on the command line is missing.

Against the real test Neo4j. Neo4j "dies" behind a TCP proxy the test closes after
the first committed batch, so the driver meets exactly what a stopped server gives
it: the run ends with one sentence, and running again loads the rest.
"""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from ingest.extract import extract_paths
from kg.errors import Neo4jUnavailable
from kg.load import ingest_paths, load_records

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


@pytest.fixture(scope="module")
def records():
    recs, skipped = extract_paths([SAMPLES])
    assert len(recs) >= 9
    return recs


class Proxy:
    """Forwards 127.0.0.1:<port> to the test server until `kill()` drops everything."""

    def __init__(self, target_port: int) -> None:
        self.target = target_port
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.conns: list[socket.socket] = []
        self.dead = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.dead:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            if self.dead:
                client.close()
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            self.conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def kill(self) -> None:
        self.dead = True
        self.sock.close()
        for c in self.conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
                c.close()
            except OSError:
                pass


def count_documents(graph) -> int:
    return graph.execute_query("MATCH (d:Document) RETURN count(d) AS n").records[0]["n"]


def test_neo4j_dying_mid_ingest_ends_with_one_sentence_and_a_rerun_loads_the_rest(
        graph, neo4j_settings, records):
    proxy = Proxy(neo4j_settings.neo4j_bolt_port)
    auth = (neo4j_settings.neo4j_username, neo4j_settings.neo4j_password)
    drv = GraphDatabase.driver(f"bolt://127.0.0.1:{proxy.port}", auth=auth,
                               max_transaction_retry_time=2.0, notifications_min_severity="OFF")
    try:
        with pytest.raises(Neo4jUnavailable) as err:
            load_records(records, drv, neo4j_settings.neo4j_database, batch_size=3,
                         on_batch=lambda n, rep: proxy.kill() if n == 1 else None)
    finally:
        drv.close()
    assert str(err.value) == ("Neo4j stopped answering after 3 notices; start it and run the "
                              "same command again: nothing is lost.")
    assert count_documents(graph) == 3
    again = load_records(records, graph, neo4j_settings.neo4j_database, batch_size=3)
    assert again.unchanged == 3 and again.added == len(records) - 3


def test_two_ingests_at_once_report_what_each_created(graph, neo4j_settings, records):
    auth = (neo4j_settings.neo4j_username, neo4j_settings.neo4j_password)
    reports = []
    errors = []

    def run() -> None:
        with GraphDatabase.driver(neo4j_settings.neo4j_uri, auth=auth,
                                  notifications_min_severity="OFF") as drv:
            try:
                reports.append(load_records(records, drv, neo4j_settings.neo4j_database,
                                            batch_size=2))
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors and len(reports) == 2
    assert sum(r.added for r in reports) == len(records)
    assert all(r.added + r.unchanged + r.replaced == len(records) for r in reports)
    assert sum(r.replaced for r in reports) == 0
    assert count_documents(graph) == len(records)
    props = graph.execute_query(
        "MATCH (d:Document) WHERE d._fresh IS NOT NULL OR d._lock IS NOT NULL "
        "RETURN count(d) AS n").records[0]["n"]
    assert props == 0


def test_a_missing_path_among_good_ones_is_skipped_with_the_reason(graph, neo4j_settings,
                                                                   tmp_path):
    good = sorted(SAMPLES.glob("*.txt"))[0]
    report = ingest_paths([good, tmp_path / "nope.txt"], driver=graph,
                          database=neo4j_settings.neo4j_database)
    assert report.read == 1
    assert [(Path(p).name, why) for p, why in report.skipped] == [
        ("nope.txt", "missing: no such file or folder")]
