"""Scale benchmark: extraction engines and the two ways of loading (docs/BENCHMARKS.md).

Phases (each one a subprocess measured with /usr/bin/time -v: wall time and the peak
resident memory of its largest process, so a figure never borrows another phase's warm
caches):

- `gen N`: generated notice files (bench/gen_corpus.py);
- `extract ENGINE N`: `kg extract --output` with one process, `--workers 2`, or
  `--engine spark --master local[2]` over the first N generated notices;
- `load tx|bulk DIR`: `kg load DIR` (transactional, batches of 1,000) or
  `kg load DIR --bulk` into an emptied dedicated server;
- `synthetic N`: `bench.bench_load.synthetic_records(N)` written as a records folder, for
  load figures at sizes whose extraction would not fit a measuring session.

Run (the server is the benchmark's own; it is wiped):
  nice -n 19 .venv/bin/python -m bench.bench_scale --home /tmp/neo4j-bench --bolt 7702 \
      --http 7503 --gen 20000 --extract local:5000 --extract workers2:20000 \
      --extract spark:5000 --load tx:10000 --load bulk:10000 --synthetic 100000
Results are appended as JSON lines to bench/out/scale.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
KG = [sys.executable, "-m", "kg.cli"]


def timed(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, float | str]:
    """Run one phase under /usr/bin/time -v: wall seconds, peak RSS (MiB), the CPU seconds
    of the phase's processes (user + system: what a shared machine does not distort) and
    the machine's load average while it ran."""
    t = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=ROOT)
    wall = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)",
                                           done.stderr))
    load = os.getloadavg()[1]
    return {"seconds": round(wall, 1), "peak_mib": round(int(rss.group(1)) / 1024) if rss else -1,
            "cpu_seconds": round(cpu, 1), "load_avg_5min": round(load, 1),
            "stdout": done.stdout[-600:], "stderr": "\n".join(
                line for line in done.stderr.splitlines()
                if not line.startswith("\t") and "WARN" not in line)[-600:]}


def subset(corpus: Path, n: int) -> Path:
    """The first n generated notices as their own folder (hard links: no copy)."""
    out = OUT / f"corpus-{n}"
    if out.exists():
        return out
    files = sorted(corpus.rglob("*.txt"))[:n]
    if len(files) < n:
        raise SystemExit(f"only {len(files)} generated notices; run with --gen {n}")
    for f in files:
        target = out / f.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(f, target)
    return out


def record(result: dict) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "scale.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(result, ensure_ascii=False) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k not in ("stdout", "stderr")},
                     ensure_ascii=False), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", type=Path, default=Path("/tmp/neo4j-bench"))
    ap.add_argument("--bolt", type=int, default=7702)
    ap.add_argument("--http", type=int, default=7503)
    ap.add_argument("--gen", type=int, default=0, help="generate this many notices first")
    ap.add_argument("--extract", action="append", default=[], help="local|workers2|spark:N")
    ap.add_argument("--load", action="append", default=[], help="tx|bulk:N (extracted folder)")
    ap.add_argument("--synthetic", type=int, action="append", default=[],
                    help="load N synthetic records, transactionally (N ≤ 10,000) and in bulk")
    args = ap.parse_args()

    from kg import server

    corpus = OUT / "corpus"
    if args.gen:
        from bench.gen_corpus import generate

        shutil.rmtree(corpus, ignore_errors=True)
        t = time.perf_counter()
        files = generate(corpus, args.gen)
        chars = sum(len(f.read_bytes().decode("utf-8", "ignore")) for f in files[:2000])
        record({"phase": "gen", "n": args.gen, "seconds": round(time.perf_counter() - t, 1),
                "mean_bytes": round(sum(f.stat().st_size for f in files) / len(files)),
                "mean_chars_first_2000": round(chars / min(2000, len(files)))})

    for spec in args.extract:
        engine, n = spec.split(":")
        folder = subset(corpus, int(n))
        out = OUT / f"records-{engine}-{n}"
        shutil.rmtree(out, ignore_errors=True)
        cmd = [*KG, "extract", str(folder), "--output", str(out)]
        if engine == "workers2":
            cmd += ["--workers", "2"]
        elif engine == "spark":
            cmd += ["--engine", "spark", "--master", "local[2]"]
        res = timed(cmd)
        record({"phase": "extract", "engine": engine, "n": int(n), **res,
                "notices_per_s": round(int(n) / float(res["seconds"]), 1)})

    # The server as `kg load --bulk` sees a managed one (ServerConfig.from_settings: 2 GB
    # heap, 1 GB page cache), its jars linked from the main home rather than fetched.
    config = server.ServerConfig(home=args.home, bolt_port=args.bolt, http_port=args.http,
                                 password="anquan-kg-bench")
    for sub in ("lib", "plugins"):
        link = args.home / sub
        if not link.exists():
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(ROOT / ".neo4j" / sub)
    env = {"NEO4J_URI": config.uri, "NEO4J_PASSWORD": config.password,
           "KG_NEO4J_HOME": str(config.home), "KG_NEO4J_BOLT_PORT": str(config.bolt_port),
           "KG_NEO4J_HTTP_PORT": str(config.http_port)}
    jobs = [(kind, OUT / f"records-workers2-{n}", int(n))
            for kind, n in (s.split(":") for s in args.load)]
    for n in args.synthetic:
        folder = OUT / f"records-synthetic-{n}"
        if not _current(folder):
            shutil.rmtree(folder, ignore_errors=True)
            write_synthetic(folder, n)
        if n <= 10_000:
            jobs.append(("tx", folder, n))
        jobs.append(("bulk", folder, n))
    if jobs:
        server.install(config, quiet=True)
        server.start(config, timeout=300, quiet=True)
    for kind, folder, n in jobs:
        empty(config)
        cmd = [*KG, "load", str(folder)] + (["--bulk"] if kind == "bulk" else [])
        res = timed(cmd, env)
        counts = graph_counts(config)
        record({"phase": "load", "kind": kind, "records": folder.name, "n": n, **res,
                "nodes": counts[0], "relationships": counts[1],
                "relationships_per_s": round(counts[1] / float(res["seconds"]))})


def _current(folder: Path) -> bool:
    """A records folder this version of the project reads (an older one is written again)."""
    from kg import records_io

    try:
        return bool(records_io.read_manifest(folder).parts)
    except Exception:  # noqa: BLE001 — unreadable or of another version
        return False


def write_synthetic(folder: Path, n: int) -> None:
    """The loader benchmark's synthetic records as a records folder (no extraction)."""
    from bench.bench_load import synthetic_records
    from kg import records_io

    writer = records_io.PartWriter(folder)
    for rec in synthetic_records(n):
        writer.add(records_io.record_row(rec, "synthetic"))
    writer.close()


def _driver(config):
    from neo4j import GraphDatabase

    return GraphDatabase.driver(config.uri, auth=("neo4j", config.password))


def empty(config) -> None:
    """An empty database with the schema dropped (a bulk import needs none; a
    transactional load creates it itself)."""
    from bench.bench_load import wipe

    with _driver(config) as drv, drv.session() as s:
        wipe(drv, "neo4j")
        for rec in list(s.run("SHOW CONSTRAINTS YIELD name RETURN name")):
            s.run(f"DROP CONSTRAINT `{rec['name']}`").consume()
        for rec in list(s.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' "
                              "RETURN name")):
            s.run(f"DROP INDEX `{rec['name']}` IF EXISTS").consume()


def graph_counts(config) -> tuple[int, int]:
    with _driver(config) as drv:
        recs, _, _ = drv.execute_query(
            "CALL () { MATCH (n) RETURN count(n) AS n } CALL () { MATCH ()-[r]->() RETURN count(r) AS r } "
            "RETURN n, r")
        return recs[0]["n"], recs[0]["r"]


if __name__ == "__main__":
    main()
