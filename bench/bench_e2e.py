"""End to end: generated notices extracted into a records folder, then bulk-loaded.

Two commands, each its own process under /usr/bin/time -v (wall, CPU seconds of the
process and its children, the largest process's peak memory), with the machine's load
average before and after each, so a reader can tell what an idle machine would do:

1. `kg extract CORPUS --output RECORDS --workers W` (or `--engine spark --master local[2]`);
2. `kg load RECORDS --bulk` into a server of the benchmark's own (home and ports given,
   its jars linked from the main home; wiped first), which the load stops, imports into
   and starts again.

Run (the corpus is `bench/gen_corpus.py`'s; generate it first, it is not timed here):
  .venv/bin/python -m bench.bench_e2e --corpus /tmp/corpus-100k --records /tmp/rec-100k \
      --home /tmp/neo4j-bench-a3 --bolt 7750 --http 7751 --workers 2
Results are printed and appended as JSON lines to bench/out/e2e.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KG = [sys.executable, "-m", "kg.cli"]


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def timed(cmd: list[str], env: dict[str, str] | None = None,
          timeout: float | None = None) -> dict:
    """One command under /usr/bin/time -v; past `timeout` its whole process group is
    stopped (SIGINT, then SIGKILL) and the figures say so."""
    before = uptime()
    t = time.perf_counter()
    proc = subprocess.Popen(["/usr/bin/time", "-v", *cmd], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, **(env or {})}, cwd=ROOT)
    timed_out = False
    try:
        stdout, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(proc.pid, signal.SIGINT)
        try:
            stdout, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            stdout, err = proc.communicate()
    done = subprocess.CompletedProcess(cmd, proc.returncode, stdout, err)
    wall = time.perf_counter() - t
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    user = re.search(r"User time \(seconds\): ([\d.]+)", err)
    system = re.search(r"System time \(seconds\): ([\d.]+)", err)
    out = {"cmd": " ".join(cmd[2:]), "rc": done.returncode, "timed_out": timed_out,
           "wall_s": round(wall, 1),
           "cpu_user_s": float(user.group(1)) if user else None,
           "cpu_system_s": float(system.group(1)) if system else None,
           "peak_rss_mib": round(int(rss.group(1)) / 1024) if rss else None,
           "uptime_before": before, "uptime_after": uptime(),
           "stdout": done.stdout[-1500:],
           "stderr": "\n".join(x for x in err.splitlines() if not x.startswith("\t")
                               and "WARN" not in x)[-1500:]}
    print(json.dumps({k: v for k, v in out.items() if k not in ("stdout", "stderr")},
                     ensure_ascii=False), flush=True)
    print(out["stdout"] or out["stderr"], flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--records", type=Path, required=True)
    ap.add_argument("--home", type=Path, default=Path("/tmp/neo4j-bench-e2e"))
    ap.add_argument("--bolt", type=int, default=7750)
    ap.add_argument("--http", type=int, default=7751)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--engine", default="local", choices=("local", "spark"))
    ap.add_argument("--skip-extract", action="store_true", help="load an existing folder")
    ap.add_argument("--extract-only", action="store_true")
    ap.add_argument("--timeout", type=float, default=1800,
                    help="seconds each command may take (the folder keeps what was written)")
    args = ap.parse_args()

    from bench.bench_scale import empty, graph_counts
    from kg import server

    results: dict = {"date": time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime()),
                     "corpus": str(args.corpus), "nproc": os.cpu_count()}
    if not args.skip_extract:
        shutil.rmtree(args.records, ignore_errors=True)
        cmd = [*KG, "extract", str(args.corpus), "--output", str(args.records)]
        cmd += (["--engine", "spark", "--master", "local[2]"] if args.engine == "spark"
                else ["--workers", str(args.workers)])
        results["extract"] = timed(cmd, timeout=args.timeout)
        from kg import records_io

        results["extract"]["records_written"] = records_io.read_manifest(args.records).records
        if args.extract_only:
            _save(results)
            return
    config = server.ServerConfig(home=args.home, bolt_port=args.bolt, http_port=args.http,
                                 password="anquan-kg-bench")
    for sub in ("lib", "plugins"):
        link = args.home / sub
        if not link.exists():
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(ROOT / ".neo4j" / sub)
    server.install(config, quiet=True)
    server.start(config, timeout=300, quiet=True)
    empty(config)
    env = {"NEO4J_URI": config.uri, "NEO4J_PASSWORD": config.password,
           "KG_NEO4J_HOME": str(config.home), "KG_NEO4J_BOLT_PORT": str(config.bolt_port),
           "KG_NEO4J_HTTP_PORT": str(config.http_port)}
    results["bulk"] = timed([*KG, "load", str(args.records), "--bulk"], env, timeout=args.timeout)
    results["nodes"], results["relationships"] = graph_counts(config)
    m = re.search(r"neo4j-admin import ([\d.]+) s", results["bulk"]["stdout"].replace("\n", " "))
    if m:
        results["admin_s"] = float(m.group(1))
        results["admin_rels_per_s"] = round(results["relationships"] / float(m.group(1)))
    total = results["bulk"]["wall_s"] + (results.get("extract") or {}).get("wall_s", 0)
    results["total_wall_s"] = round(total, 1)
    results["bulk_rels_per_s_end_to_end"] = round(results["relationships"]
                                                  / results["bulk"]["wall_s"])
    _save(results)


def _save(results: dict) -> None:
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "e2e.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(results, ensure_ascii=False) + "\n")
    print(json.dumps({k: v for k, v in results.items() if k not in ("extract", "bulk")},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
