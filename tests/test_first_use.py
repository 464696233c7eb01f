"""First use of the command line: a fresh `kg up` says what it does and prints no Python
warning or traceback (the driver's retry warnings while Neo4j starts were the worst of
it); the Neo4j download shows its progress; `kg status` says what the graph holds;
`kg extract --help` points at the project's own record format."""

from __future__ import annotations

import logging
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg import server

ROOT = Path(__file__).resolve().parent.parent
KG = Path(sys.executable).with_name("kg")
NOISE = re.compile(r"Traceback|Warning|warnings\.warn|will be retried|DeprecationWarning",
                   re.IGNORECASE)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_maven_progress_is_shown_while_it_downloads(capsys):
    lines = [f"Downloading from central: https://repo.maven.apache.org/maven2/a/b/a{i}.jar"
             f"\nDownloaded from central: https://repo.maven.apache.org/maven2/a/b/a{i}.jar "
             f"(1.5 MB at 3.0 MB/s)" for i in range(30)]
    script = "import sys\nprint(sys.argv[1])".strip()
    code, tail = server._run_maven([sys.executable, "-c", script, "\n".join(lines)])
    err = capsys.readouterr().err
    assert code == 0
    assert "Maven: 25 files, 37.5 MB downloaded" in err  # a line every 25 files off a terminal
    assert "Maven downloaded 30 files (45.0 MB)" in err
    assert "a29.jar" in tail


def test_a_start_up_probe_logs_no_retry_warning(caplog):
    config = server.ServerConfig(home=ROOT / ".no-such-home", bolt_port=_free_port())
    caplog.set_level(logging.DEBUG, logger="neo4j")
    began = time.monotonic()
    assert server._bolt_answers(config, timeout=1.0) is None
    assert time.monotonic() - began < 10  # no 30 s of managed-transaction retries
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_extract_help_describes_the_record_format_from_the_repository():
    done = subprocess.run([str(KG), "extract", "--help"], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "COLUMNS": "200"})
    assert done.returncode == 0
    assert "docs/FORMAT.md" in done.stdout and "../shared" not in done.stdout
    assert (ROOT / "docs" / "FORMAT.md").is_file()


def test_kg_status_shows_counts_and_the_address(neo4j_settings):
    from kg.load import ingest_paths
    from kg.status import collect

    ingest_paths([ROOT / "data" / "samples" / "18_qilin_cengceng.txt"])
    st = collect(neo4j_settings)
    assert st["labels"]["Document"] >= 1 and st["relationships"]["SIGNED"] >= 1
    assert st["uri"] == neo4j_settings.neo4j_uri and st["version"].startswith("5.")
    done = subprocess.run([str(KG), "status"], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COLUMNS": "200"})
    assert done.returncode == 0, done.stderr
    assert "notices" in done.stdout and neo4j_settings.neo4j_uri in done.stdout
    assert "Last ingest" in done.stdout and not NOISE.search(done.stdout + done.stderr)


def test_a_fresh_kg_up_prints_no_warning_or_traceback(tmp_path, neo4j_settings):
    """A new home (its jars borrowed from the main one, as the test server does), fresh
    ports, `kg up --no-serve`: Neo4j installed and started, schema, samples ingested."""
    home = tmp_path / "neo4j"
    home.mkdir()
    jars = ROOT / ".neo4j"
    server.install(server.ServerConfig(home=jars), quiet=True)  # the jars, once
    for sub in ("lib", "plugins"):
        (home / sub).symlink_to(jars / sub, target_is_directory=True)
    bolt, http = _free_port(), _free_port()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("NEO4J_", "KG_NEO4J_", "KG_TEST_"))}
    env.update({"NEO4J_URI": f"bolt://127.0.0.1:{bolt}", "NEO4J_PASSWORD": "fresh-kg-up-test",
                "KG_NEO4J_HOME": str(home), "KG_NEO4J_BOLT_PORT": str(bolt),
                "KG_NEO4J_HTTP_PORT": str(http), "COLUMNS": "200", "PYTHONWARNINGS": "default"})
    config = server.ServerConfig(home=home, bolt_port=bolt, http_port=http,
                                 password="fresh-kg-up-test")
    try:
        done = subprocess.run([str(KG), "up", "--no-serve"], capture_output=True, text=True,
                              timeout=900, env=env, cwd=str(tmp_path))
        out = done.stdout + done.stderr
        assert done.returncode == 0, out
        assert not NOISE.search(out), out
        assert "starting Neo4j" in out and "Neo4j running" in out
        assert "Ready." in out and "notices" in out
    finally:
        server.stop(config, quiet=True)


@pytest.fixture(autouse=True)
def _no_env_file_written(monkeypatch, tmp_path):
    """Nothing here may write the checkout's .env (the main server's password lives there)."""
    env_file = ROOT / ".env"
    before = env_file.read_bytes() if env_file.exists() else None
    yield
    after = env_file.read_bytes() if env_file.exists() else None
    assert before == after, ".env changed"
