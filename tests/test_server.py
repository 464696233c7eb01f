"""The project's own Neo4j: install, start, stop, status, and what a user sees
when nothing answers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg import db, server
from kg.errors import Neo4jUnavailable
from kg.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DEAD_URI = "bolt://127.0.0.1:7399"


def test_install_is_idempotent_and_fast_the_second_time(tmp_path: Path):
    config = server.ServerConfig(home=tmp_path / "home", bolt_port=7696, http_port=7497,
                                 jars_from=ROOT / ".neo4j", heap="512m", pagecache="128m")
    server.install(config, quiet=True)
    conf = (config.home / "conf" / "neo4j.conf").read_text()
    auth = (config.home / "data" / "dbms" / "auth.ini").read_bytes()
    started = time.monotonic()
    server.install(config, quiet=True)
    assert time.monotonic() - started < 5
    assert (config.home / "conf" / "neo4j.conf").read_text() == conf
    assert (config.home / "data" / "dbms" / "auth.ini").read_bytes() == auth
    assert "server.bolt.listen_address=127.0.0.1:7696" in conf
    assert "server.https.enabled=false" in conf and "db.tx_log.preallocate=false" in conf
    assert (ROOT / ".neo4j" / "lib" / ".installed").read_text().strip() == server.NEO4J_VERSION
    assert list((ROOT / ".neo4j" / "plugins").glob("apoc-core-*.jar"))


def test_start_stop_status_and_data_survives_a_restart(tmp_path: Path):
    config = server.ServerConfig(home=tmp_path / "home", bolt_port=7698, http_port=7499,
                                 jars_from=ROOT / ".neo4j", heap="512m", pagecache="128m")
    try:
        st = server.start(config, timeout=180, quiet=True)
        assert st.running and st.version.startswith("5.26")
        assert st.data == config.home / "data" and st.log.exists()
        settings = Settings(NEO4J_URI=config.uri, NEO4J_PASSWORD=config.password)
        drv = db.driver(settings)
        drv.execute_query("CREATE (:Probe {id: 'kept'})")
        assert drv.execute_query("RETURN apoc.version() AS v")[0][0]["v"].startswith("5.26")
        drv.close()
        assert server.stop(config, quiet=True) is True
        assert server.status(config).running is False
        server.start(config, timeout=180, quiet=True)
        drv = db.driver(settings)
        kept = drv.execute_query("MATCH (p:Probe {id: 'kept'}) RETURN count(p) AS n")[0][0]["n"]
        drv.close()
        assert kept == 1
    finally:
        server.stop(config, quiet=True)
    assert server.stop(config, quiet=True) is False


def test_unreachable_neo4j_is_one_sentence_saying_what_to_run():
    with pytest.raises(Neo4jUnavailable) as err:
        db.driver(Settings(NEO4J_URI=DEAD_URI))
    assert "kg neo4j start" in str(err.value) and DEAD_URI in str(err.value)


@pytest.mark.parametrize("args", [["init"], ["query", "responsibility_letters"]])
def test_cli_reports_an_unreachable_neo4j_without_a_traceback(args):
    env = dict(os.environ, NEO4J_URI=DEAD_URI)
    kg = Path(sys.executable).with_name("kg")
    done = subprocess.run([str(kg), *args], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 2
    assert "kg neo4j start" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_start_leaves_a_foreign_neo4j_alone(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://db.example.invalid:7687")
    from kg.settings import get_settings

    get_settings.cache_clear()
    try:
        assert server.managed() is False
        assert server.start().notes  # says the managed server is not used
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
