"""The managed server's password (issue 11): generated, kept in .env, never the README's.

A real Neo4j on a fresh home and free ports of its own (not the test server, whose
password the suite sets): `make run`'s path (`ensure_password` then `install`)
gives it a random password kept in a 0600 .env, the old default is refused, and a
home made with the old default has its password changed on the running server.
"""

from __future__ import annotations

import socket
import stat
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from kg import server
from kg.settings import DEFAULT_PASSWORD, Settings

ROOT = Path(__file__).resolve().parent.parent
ENV_VARS = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE",
            "KG_NEO4J_HOME", "KG_NEO4J_BOLT_PORT", "KG_NEO4J_HTTP_PORT")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(uri: str, password: str) -> bool:
    try:
        with GraphDatabase.driver(uri, auth=("neo4j", password)) as drv:
            drv.verify_connectivity()
        return True
    except AuthError:
        return False


def env_password(env: Path) -> str:
    values = dict(ln.split("=", 1) for ln in env.read_text().splitlines() if "=" in ln)
    return values["NEO4J_PASSWORD"]


def test_make_run_gets_a_generated_password_and_old_homes_are_changed(tmp_path, monkeypatch):
    for var in ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    bolt, http = free_port(), free_port()
    env = tmp_path / ".env"
    env.write_text("KG_API_KEY=keep-me\n")
    fields = {"KG_NEO4J_HOME": str(tmp_path / "home"), "KG_NEO4J_BOLT_PORT": bolt,
              "KG_NEO4J_HTTP_PORT": http, "NEO4J_URI": f"bolt://127.0.0.1:{bolt}"}

    def settings() -> Settings:
        return Settings(_env_file=str(env), **fields)

    assert not server.password_configured(settings())
    generated = server.ensure_password(settings(), env_file=env).neo4j_password
    assert generated != DEFAULT_PASSWORD and len(generated) >= 30
    assert env_password(env) == generated and "KG_API_KEY=keep-me" in env.read_text()
    assert stat.S_IMODE(env.stat().st_mode) == 0o600
    again = settings()
    assert server.password_configured(again) and again.neo4j_password == generated
    assert server.ensure_password(again, env_file=env).neo4j_password == generated

    config = server.ServerConfig(home=tmp_path / "home", bolt_port=bolt, http_port=http,
                                 password=generated, heap="512m", pagecache="64m",
                                 tx_memory="256m", jars_from=ROOT / ".neo4j")
    server.install(config, quiet=True)
    server.start(config, timeout=180, quiet=True)
    try:
        assert answers(config.uri, generated)
        assert not answers(config.uri, DEFAULT_PASSWORD)

        # an older home: made with the README's default password, no password in .env
        server._change_password(config, generated, DEFAULT_PASSWORD)
        env.write_text("")
        old = settings()
        assert not server.password_configured(old)
        monkeypatch.setattr(server.ServerConfig, "from_settings",
                            classmethod(lambda cls, s=None: server.ServerConfig(
                                home=config.home, bolt_port=bolt, http_port=http,
                                password=(s or old).neo4j_password, heap="512m",
                                pagecache="64m", tx_memory="256m", jars_from=ROOT / ".neo4j")))
        server.stop(config, quiet=True)
        assert server.ensure_password(old, env_file=env, may_start=False) == old  # install
        assert env.read_text() == ""
        changed = server.ensure_password(old, env_file=env).neo4j_password  # start
        assert changed not in (DEFAULT_PASSWORD, generated) and env_password(env) == changed
        assert answers(config.uri, changed)
        assert not answers(config.uri, DEFAULT_PASSWORD)
    finally:
        server.stop(config, quiet=True)


def test_status_shows_the_password(capsys, tmp_path):
    config = server.ServerConfig(home=tmp_path / "none", bolt_port=free_port(),
                                 password="the-servers-own")
    server.print_status(config)
    out = capsys.readouterr().out
    assert "password: the-servers-own" in out and "not running" in out


def test_a_password_from_the_environment_is_used_as_given(tmp_path, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "chosen-by-the-user")
    env = tmp_path / ".env"
    s = Settings(_env_file=str(env))
    assert server.ensure_password(s, env_file=env).neo4j_password == "chosen-by-the-user"
    assert not env.exists()


def test_a_password_beginning_with_a_dash_is_set_as_a_password_not_read_as_an_option(tmp_path):
    # secrets.token_urlsafe begins with "-" one time in 64; a user's password may too
    config = server.ServerConfig(home=tmp_path / "home", bolt_port=free_port(), http_port=free_port(),
                                 password="-" + "p" * 31, heap="512m", pagecache="64m",
                                 tx_memory="256m", jars_from=ROOT / ".neo4j")
    server.install(config, quiet=True)
    assert (tmp_path / "home" / "data" / "dbms" / "auth.ini").stat().st_size > 0
