"""The project's own Neo4j: a Community 5.26 home assembled from Maven Central,
started and stopped the way the standalone distribution does it.

`install` fetches the jars with Maven (kg/server/pom.xml) into `<home>/lib` and
`<home>/plugins`, writes `<home>/conf/neo4j.conf` and sets the initial password;
`start` runs `java … org.neo4j.server.CommunityEntryPoint --console-mode` in the
background and returns once Bolt answers; `stop` ends it; `status` reports.

Everything takes a `ServerConfig`, so tests run a second server (own home, own
ports) beside the user's without touching it; a test home borrows the jars of
the main home instead of fetching them again.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from rich.console import Console

from kg.errors import UserError
from kg.settings import DEFAULT_PASSWORD, PROJECT_ROOT, Settings, get_settings

#: Where the generated password of the managed server is kept.
ENV_FILE = PROJECT_ROOT / ".env"

NEO4J_VERSION = "5.26.19"
POM = Path(__file__).with_name("server") / "pom.xml"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_ENTRY_POINT = "org.neo4j.server.startup.Neo4jAdminCommand"

#: The JVM options of the standalone distribution's neo4j.conf (server.jvm.additional).
JVM_ADDITIONAL = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
)

#: The APOC procedures and functions the managed server loads (dbms.security.procedures.
#: allowlist). The loader, the named queries and the API call no APOC at all; these are
#: the pure, graph-reading ones analysts may use through /api/cypher (api/cypher_guard.py
#: allows the same), so no wildcard that could take in apoc.cypher.*, apoc.load.*,
#: apoc.export.*, apoc.trigger.*, apoc.periodic.* or apoc.systemdb.*.
PROCEDURE_ALLOWLIST = (
    "apoc.coll.*", "apoc.text.*", "apoc.map.*",
    "apoc.path.expand", "apoc.path.expandConfig", "apoc.path.subgraphNodes",
    "apoc.path.subgraphAll", "apoc.path.spanningTree",
    "apoc.path.combine", "apoc.path.create", "apoc.path.elements", "apoc.path.slice",
    "apoc.node.degree", "apoc.node.degree.in", "apoc.node.degree.out",
    "apoc.convert.toJson", "apoc.convert.fromJsonMap", "apoc.convert.fromJsonList",
    "apoc.version",
)

#: conf/apoc.conf: APOC's own switches, all off (they are off by default; written so
#: that a hand-edited home does not turn them on by accident).
APOC_CONF = (
    "apoc.import.file.enabled=false",
    "apoc.import.file.use_neo4j_config=true",
    "apoc.export.file.enabled=false",
    "apoc.trigger.enabled=false",
)

console = Console(stderr=True, highlight=False)


@dataclass(frozen=True)
class ServerConfig:
    home: Path
    bolt_port: int = 7687
    http_port: int = 7474
    password: str = "anquan-kg-local"
    #: Sized for a 2-core, 24 GiB machine shared with the extraction and the API.
    heap: str = "2g"
    pagecache: str = "1g"
    #: The most heap one transaction may use (db.memory.transaction.max): a load batch of
    #: 2,500 notices (kg.load.BATCH_SIZE) needs more than 512 MB.
    tx_memory: str = "1g"
    #: Another home whose lib/ and plugins/ this one uses (test servers).
    jars_from: Path | None = None

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> ServerConfig:
        s = settings or get_settings()
        return cls(home=Path(s.neo4j_home), bolt_port=s.neo4j_bolt_port,
                   http_port=s.neo4j_http_port, password=s.neo4j_password)

    @property
    def jar_home(self) -> Path:
        return self.jars_from or self.home

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "console.log"


@dataclass
class Status:
    running: bool
    pid: int | None
    version: str | None
    uri: str
    home: Path
    data: Path
    log: Path
    notes: list[str] = field(default_factory=list)


# --- password --------------------------------------------------------------------------------


def password_configured(settings: Settings) -> bool:
    """Whether NEO4J_PASSWORD was given (environment or .env) rather than defaulted."""
    return "neo4j_password" in settings.model_fields_set


def write_env_value(path: Path, key: str, value: str) -> None:
    """Set `key=value` in a .env file (other lines kept), readable by its owner only."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    lines = [ln for ln in lines if not ln.split("=", 1)[0].strip() == key]
    lines.append(f"{key}={value}")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    os.chmod(path, 0o600)


def _change_password(config: ServerConfig, old: str, new: str) -> None:
    """Change the running server's `neo4j` password from `old` to `new`."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError

    try:
        with GraphDatabase.driver(config.uri, auth=("neo4j", old)) as drv:
            drv.execute_query("ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                              old=old, new=new, database_="system")
    except AuthError:
        raise UserError(f"The Neo4j in {config.home} does not take the old default password: "
                        f"put its password in {ENV_FILE} as NEO4J_PASSWORD=….") from None


def ensure_password(settings: Settings | None = None, env_file: Path = ENV_FILE,
                    may_start: bool = True) -> Settings:
    """The settings with a password for the managed server, generating one if none is set.

    Why: the README used to print the default password, and anything that reaches
    127.0.0.1:7474 (a Cypher procedure posting to the HTTP API, another local user)
    could use it. A fresh home gets a random password, kept in `env_file`; a home
    made with the old default has its password changed to a random one (the server
    is started for that if it is not running and `may_start`; `install` leaves that to
    the next `start`). A password set in the environment or .env is used as it is;
    NEO4J_URI pointing elsewhere is left alone."""
    s = settings or get_settings()
    if not managed(s) or password_configured(s):
        return s
    new = secrets.token_urlsafe(24)
    config = ServerConfig.from_settings(s)  # the default password, for an older home
    # set-initial-password only counts before the first start: redo it with the new one
    if not (config.home / "data" / "databases" / "system").exists():
        (config.home / "data" / "dbms" / "auth.ini").unlink(missing_ok=True)
    else:
        if _read_pid(config) is None:
            if not may_start:
                return s  # changed at the next `kg neo4j start`
            start(config, quiet=True)
        elif not _bolt_answers(config):
            raise UserError(f"The Neo4j in {config.home} does not take the old default "
                            f"password: put its password in {env_file} as NEO4J_PASSWORD=….")
        _change_password(config, DEFAULT_PASSWORD, new)
        console.print(f"Neo4j's password changed from the old default to a generated one, "
                      f"kept in {env_file} (`kg neo4j status` shows it).")
    write_env_value(env_file, "NEO4J_PASSWORD", new)
    get_settings.cache_clear()
    return s.model_copy(update={"neo4j_password": new})


# --- install ---------------------------------------------------------------------------------


def _jars_complete(home: Path) -> bool:
    stamp = home / "lib" / ".installed"
    return stamp.exists() and stamp.read_text().strip() == NEO4J_VERSION


def _fetch_jars(home: Path) -> None:
    """Maven copies the dependency closure of kg/server/pom.xml into the home."""
    mvn = shutil.which("mvn")
    if not mvn:
        raise UserError("Maven (mvn) is needed to install Neo4j: install it (apt-get install maven) "
                        "or set NEO4J_URI to a Neo4j you run yourself.")
    if not shutil.which("java"):
        raise UserError("Java 17 is needed to run Neo4j 5.26: install a JDK 17 "
                        "(apt-get install openjdk-17-jre-headless) or set NEO4J_URI.")
    for sub in ("lib", "plugins"):
        shutil.rmtree(home / sub, ignore_errors=True)
    console.print(f"fetching Neo4j {NEO4J_VERSION} from Maven Central into {home} …")
    code, tail = _run_maven(
        [mvn, "-B", "-f", str(POM), "package", f"-Dhome={home}",
         f"-Dneo4j.version={NEO4J_VERSION}"])
    shutil.rmtree(POM.parent / "target", ignore_errors=True)
    if code != 0:
        raise UserError(f"Maven could not assemble Neo4j (is Maven Central reachable?):\n{tail}")
    (home / "lib" / ".installed").write_text(NEO4J_VERSION + "\n")


#: Maven's batch-mode transfer lines: "Downloaded from central: URL (12 kB at 3.4 MB/s)".
_DOWNLOADED = re.compile(r"^Downloaded from \S+: (?P<url>\S+) \((?P<size>[\d.,]+) (?P<unit>[kMG]?B)")
_UNITS = {"B": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}


def _run_maven(cmd: list[str]) -> tuple[int, str]:
    """Run Maven, showing what it downloads (an empty Maven cache takes minutes); returns
    its exit code and the last lines of its output (for the error message)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            bufsize=1)
    last: list[str] = []
    files, size, started = 0, 0.0, time.monotonic()
    every = 25  # without a terminal: one line per this many files
    spinner = (console.status("Maven: resolving Neo4j's artifacts …", spinner="dots")
               if console.is_terminal else contextlib.nullcontext())
    with spinner as live:
        assert proc.stdout is not None
        for line in proc.stdout:
            line = line.rstrip()
            last = (last + [line])[-15:]
            m = _DOWNLOADED.match(line)
            if not m:
                continue
            files += 1
            size += float(m["size"].replace(",", "")) * _UNITS.get(m["unit"], 1)
            name = m["url"].rsplit("/", 1)[-1]
            text = (f"Maven: {files} files, {size / 1e6:.1f} MB downloaded in "
                    f"{time.monotonic() - started:.0f} s — {name}")
            if live is not None:
                live.update(text)
            elif files % every == 0:
                console.print(text)
        code = proc.wait()
    if files:
        console.print(f"Maven downloaded {files} files ({size / 1e6:.1f} MB) in "
                      f"{time.monotonic() - started:.0f} s")
    return code, "\n".join(last)


def neo4j_conf(config: ServerConfig) -> str:
    """The generated conf/neo4j.conf."""
    lines = [
        "# Generated by `kg neo4j install`; edit kg/server.py rather than this file.",
        f"server.directories.data={config.home / 'data'}",
        f"server.directories.logs={config.home / 'logs'}",
        f"server.directories.plugins={config.jar_home / 'plugins'}",
        f"server.directories.lib={config.jar_home / 'lib'}",
        f"server.directories.run={config.home / 'run'}",
        f"server.directories.import={config.home / 'import'}",
        "server.default_listen_address=127.0.0.1",
        "server.default_advertised_address=127.0.0.1",
        "server.bolt.enabled=true",
        f"server.bolt.listen_address=127.0.0.1:{config.bolt_port}",
        "server.http.enabled=true",
        f"server.http.listen_address=127.0.0.1:{config.http_port}",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        f"server.memory.heap.initial_size={config.heap}",
        f"server.memory.heap.max_size={config.heap}",
        f"server.memory.pagecache.size={config.pagecache}",
        # keep a fresh home small: no preallocated 250 MB transaction logs
        "db.tx_log.preallocate=false",
        "db.tx_log.rotation.size=16M",
        "db.tx_log.rotation.retention_policy=2 files",
        "dbms.usage_report.enabled=false",
        # Only the extensions analysts may use are loaded at all (docs/SECURITY.md):
        # nothing that runs Cypher from a string, loads files or URLs, exports, or
        # changes triggers or schedules; none of them needs unrestricted access.
        f"dbms.security.procedures.allowlist={','.join(PROCEDURE_ALLOWLIST)}",
        "dbms.security.procedures.unrestricted=",
        # LOAD CSV may not read the server's files, and Cypher may not open URLs at all
        # (LOAD CSV FROM 'http://…', and any extension that would): every address blocked.
        "dbms.security.allow_csv_import_from_file_urls=false",
        "internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0",
        # One transaction may not take the heap (`RETURN range(1, 200000000)`).
        f"db.memory.transaction.max={config.tx_memory}",
        "db.transaction.timeout=0",
    ]
    lines += [f"server.jvm.additional={opt}" for opt in JVM_ADDITIONAL]
    return "\n".join(lines) + "\n"


def _java_env(config: ServerConfig) -> dict[str, str]:
    env = dict(os.environ)
    env["NEO4J_HOME"] = str(config.home)
    env["NEO4J_CONF"] = str(config.home / "conf")
    return env


def _classpath(config: ServerConfig) -> str:
    jars = config.jar_home
    return f"{jars / 'plugins'}/*:{config.home / 'conf'}/*:{jars / 'lib'}/*"


def install(config: ServerConfig | None = None, quiet: bool = False) -> ServerConfig:
    """Assemble the home (idempotent; fast when already installed)."""
    config = config or ServerConfig.from_settings(ensure_password(may_start=False))
    home = config.home
    if config.jars_from is None and not _jars_complete(home):
        _fetch_jars(home)
    elif config.jars_from is not None and not _jars_complete(config.jars_from):
        install(ServerConfig(home=config.jars_from), quiet=True)
    for sub in ("conf", "data", "logs", "run", "import"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    _write_if_changed(home / "conf" / "neo4j.conf", neo4j_conf(config))
    _write_if_changed(home / "conf" / "apoc.conf", "\n".join(APOC_CONF) + "\n")
    auth = home / "data" / "dbms" / "auth.ini"
    if not auth.exists():
        _set_initial_password(config)
    if not quiet:
        console.print(f"Neo4j {NEO4J_VERSION} installed in {home}")
    return config


def _write_if_changed(path: Path, text: str) -> None:
    """Write only on a change, so a file's mtime says when its content last changed
    (`start` restarts a server whose configuration is newer than the server)."""
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def _conf_newer_than_server(config: ServerConfig) -> bool:
    """Whether neo4j.conf or apoc.conf changed after the running server started."""
    try:
        started = config.pid_file.stat().st_mtime
    except OSError:
        return False
    confs = [config.home / "conf" / n for n in ("neo4j.conf", "apoc.conf")]
    return any(c.exists() and c.stat().st_mtime > started for c in confs)


def _set_initial_password(config: ServerConfig) -> None:
    done = subprocess.run(
        # "--" ends the options: a password may begin with "-" (one generated by
        # secrets.token_urlsafe does one time in 64), which picocli would read as an option
        ["java", "-cp", _classpath(config), ADMIN_ENTRY_POINT, "dbms", "set-initial-password",
         "--", config.password],
        capture_output=True, text=True, env=_java_env(config), timeout=180,
    )
    if done.returncode != 0:
        raise UserError("Could not set Neo4j's initial password: "
                        + (done.stderr or done.stdout).strip().splitlines()[-1:][0]
                        if (done.stderr or done.stdout).strip() else "no output")


# --- start / stop / status -------------------------------------------------------------------


def _read_pid(config: ServerConfig) -> int | None:
    try:
        pid = int(config.pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except OSError:
        return None
    return pid


def _bolt_answers(config: ServerConfig, timeout: float = 3.0) -> str | None:
    """The server's version when Bolt answers with our credentials, else None."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    # One auto-commit query, not `execute_query`: a managed transaction retries for 30 s
    # and logs a warning per retry, which is what a start-up wait printed on the terminal.
    try:
        with GraphDatabase.driver(config.uri, auth=("neo4j", config.password),
                                  connection_timeout=timeout) as drv:
            with drv.session(database="system") as session:
                record = session.run(
                    "CALL dbms.components() YIELD versions RETURN versions[0] AS v").single()
            return record["v"] if record else None
    except (ServiceUnavailable, Neo4jError, OSError, ValueError):
        return None


def _log_tail(config: ServerConfig, lines: int = 25) -> str:
    try:
        return "\n".join(config.log_file.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def managed(settings: Settings | None = None) -> bool:
    """Whether NEO4J_URI points at the server this project manages."""
    s = settings or get_settings()
    url = urlparse(s.neo4j_uri)
    return url.hostname in ("127.0.0.1", "localhost") and (url.port or 7687) == s.neo4j_bolt_port


def start(config: ServerConfig | None = None, timeout: float = 120.0, quiet: bool = False) -> Status:
    """Start in the background; return once Bolt answers `RETURN 1`."""
    if config is None:
        settings = get_settings()
        if not managed(settings):
            console.print(f"NEO4J_URI is {settings.neo4j_uri}: the project's own server is not used.")
            return status()
        config = ServerConfig.from_settings(ensure_password(settings))
    install(config, quiet=True)  # fast when installed; brings the conf up to date
    if _read_pid(config) and _conf_newer_than_server(config):
        if not quiet:
            console.print("Neo4j's configuration changed since it started: restarting it …")
        stop(config, quiet=True)
    if _read_pid(config) and _bolt_answers(config):
        if not quiet:
            console.print(f"Neo4j already running at {config.uri}")
        return status(config)
    java = shutil.which("java")
    if not java:
        raise UserError("Java 17 is needed to run Neo4j 5.26: install a JDK 17 or set NEO4J_URI.")
    config.log_file.parent.mkdir(parents=True, exist_ok=True)
    heap = config.heap
    cmd = [java, f"-Xms{heap}", f"-Xmx{heap}", *JVM_ADDITIONAL, "-cp", _classpath(config),
           ENTRY_POINT, f"--home-dir={config.home}", f"--config-dir={config.home / 'conf'}",
           "--console-mode"]
    with open(config.log_file, "ab") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=_java_env(config), start_new_session=True,
                                cwd=str(config.home))
    config.pid_file.parent.mkdir(parents=True, exist_ok=True)
    config.pid_file.write_text(f"{proc.pid}\n")
    deadline = time.monotonic() + timeout
    began = time.monotonic()
    spinner = (console.status(f"starting Neo4j at {config.uri} …", spinner="dots")
               if not quiet and console.is_terminal else contextlib.nullcontext())
    if not quiet and not console.is_terminal:
        console.print(f"starting Neo4j at {config.uri} (log: {config.log_file}) …")
    with spinner as live:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise UserError(f"Neo4j exited during start-up (code {proc.returncode}); "
                                f"the end of {config.log_file}:\n{_log_tail(config)}")
            if _bolt_answers(config, timeout=2.0):
                # The server outlives this process on purpose (`stop` ends it by its pid):
                # mark the handle done, or Python warns at exit that it is still running.
                proc.returncode = 0
                if not quiet:
                    console.print(f"Neo4j running at {config.uri} (Browser: "
                                  f"http://127.0.0.1:{config.http_port}/browser/), up in "
                                  f"{time.monotonic() - began:.0f} s")
                return status(config)
            if live is not None:
                live.update(f"starting Neo4j at {config.uri}: waiting for Bolt to answer, "
                            f"{time.monotonic() - began:.0f} s (log: {config.log_file})")
            time.sleep(0.5)
    raise UserError(f"Neo4j did not answer on {config.uri} within {timeout:.0f} s; "
                    f"the end of {config.log_file}:\n{_log_tail(config)}")


def stop(config: ServerConfig | None = None, timeout: float = 60.0, quiet: bool = False) -> bool:
    """Stop cleanly (SIGTERM, then SIGKILL after `timeout`); False when it was not running."""
    config = config or ServerConfig.from_settings()
    pid = _read_pid(config)
    if pid is None:
        if not quiet:
            console.print("Neo4j is not running.")
        config.pid_file.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except OSError:
            break
        _reap(pid)
        if _zombie(pid):  # exited, waiting for a parent that is not us to reap it
            break
        time.sleep(0.3)
    else:
        os.kill(pid, signal.SIGKILL)
    config.pid_file.unlink(missing_ok=True)
    if not quiet:
        console.print("Neo4j stopped.")
    return True


def _zombie(pid: int) -> bool:
    """Whether the process has exited and only its entry remains (Linux; elsewhere False):
    a server started by another process that is still running (a benchmark, a test
    session) stays a zombie until that process reaps it, and `kill(pid, 0)` still
    succeeds on it, so `stop` waited its whole timeout."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def status(config: ServerConfig | None = None) -> Status:
    settings = get_settings()
    if config is None and not managed(settings):
        version = None
        from kg import db

        try:
            drv = db.driver(settings)
            records, _, _ = drv.execute_query(
                "CALL dbms.components() YIELD versions RETURN versions[0] AS v")
            version = records[0]["v"]
            drv.close()
        except UserError:
            pass
        return Status(version is not None, None, version, settings.neo4j_uri, Path("-"), Path("-"),
                      Path("-"), ["NEO4J_URI points to a server this project does not manage"])
    config = config or ServerConfig.from_settings(settings)
    pid = _read_pid(config)
    version = _bolt_answers(config) if pid else None
    return Status(pid is not None and version is not None, pid, version, config.uri, config.home,
                  config.home / "data", config.log_file)


def print_status(config: ServerConfig | None = None) -> None:
    st = status(config)
    out = Console(highlight=False)
    out.print(f"Neo4j {'running' if st.running else 'not running'} at {st.uri}"
              + (f" (version {st.version}, pid {st.pid})" if st.running else ""))
    out.print(f"home: {st.home}\ndata: {st.data}\nlog:  {st.log}")
    if not st.notes:  # the managed server: say how to log in to its Browser
        settings = get_settings()
        if config is not None:
            password, where = config.password, "this server's own"
        elif password_configured(settings):
            password, where = settings.neo4j_password, "NEO4J_PASSWORD, from .env or the environment"
        elif (st.data / "databases" / "system").exists():
            password, where = settings.neo4j_password, ("the old default; `kg neo4j start` "
                                                        "generates one")
        else:
            password, where = "none yet", "`kg neo4j install` generates one, kept in .env"
        out.print(f"user: neo4j\npassword: {password} ({where})", soft_wrap=True)
    for note in st.notes:
        out.print(note)
    if not st.running and not st.notes:
        out.print("start it with `kg neo4j start`")


def disk_usage(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())

