"""API benchmark: concurrent clients against the real app on a graph of synthetic notices.

Why this shape: the latency that matters is what a browser or a tool sees over
HTTP, with the app's one driver shared by concurrent requests, so the app runs
in uvicorn on loopback and 8 client threads (httpx, one connection each) send a
bounded number of requests each. Three request kinds are timed separately: an
entity lookup (`/api/entities/{id}`, target p95 < 50 ms), a search
(`/api/search?q=`, the full-text index) and a named query
(`/api/queries/meetings?person_id=`). The graph is the loader benchmark's
synthetic corpus (`bench.bench_load.synthetic_records`), so the two benchmarks
measure the same data.

Run:  .venv/bin/python -m bench.bench_api --n 10000 --uri bolt://127.0.0.1:7687 --password …
      (add --no-load to reuse a graph already loaded with the same --n and --seed)
The target database is wiped first unless --no-load. Figures go to docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from urllib.parse import quote

import httpx
from neo4j import GraphDatabase

from bench.bench_load import synthetic_records, wipe
from kg import schema
from kg.load import load_records
from kg.settings import Settings


def load(n: int, seed: int, settings: Settings) -> float:
    drv = GraphDatabase.driver(settings.neo4j_uri,
                               auth=(settings.neo4j_username, settings.neo4j_password))
    try:
        wipe(drv, settings.neo4j_database)
        schema.apply(drv, settings.neo4j_database)
        start = time.perf_counter()
        load_records(synthetic_records(n, seed), drv, settings.neo4j_database, batch_size=1000)
        return time.perf_counter() - start
    finally:
        drv.close()


def sample_targets(settings: Settings, k: int, seed: int) -> tuple[list[str], list[str]]:
    """Person ids and names to ask for, drawn from the graph (persons that attended
    meetings, so the named query has rows)."""
    drv = GraphDatabase.driver(settings.neo4j_uri,
                               auth=(settings.neo4j_username, settings.neo4j_password))
    try:
        records, _, _ = drv.execute_query(
            "MATCH (p:Person) WHERE EXISTS { (p)-[:CHAIRED|SPOKE_AT|ATTENDED]->() } "
            "RETURN p.id AS id, p.name AS name", database_=settings.neo4j_database)
    finally:
        drv.close()
    rng = random.Random(seed)
    chosen = rng.sample(records, min(k, len(records)))
    return [r["id"] for r in chosen], [r["name"] for r in chosen]


class Server:
    """The app in its own uvicorn process on a loopback port (its own interpreter, so
    the client threads do not compete with it for the GIL)."""

    def __init__(self, settings: Settings, port: int, workers: int) -> None:
        self.port = port
        self.env = {**os.environ, "NEO4J_URI": settings.neo4j_uri,
                    "NEO4J_USERNAME": settings.neo4j_username,
                    "NEO4J_PASSWORD": settings.neo4j_password,
                    "NEO4J_DATABASE": settings.neo4j_database}
        self.cmd = [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory",
                    "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
                    "--log-level", "warning", "--no-access-log"]
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        self.proc = subprocess.Popen(self.cmd, env=self.env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.__exit__()
        raise SystemExit("the API did not start within 60 s")

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=20)


def drive(base: str, paths: list[str], clients: int, per_client: int) -> dict[str, float]:
    """`clients` threads each send `per_client` GETs (cycling through `paths`); returns
    latency percentiles in ms and the overall request rate."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker(offset: int) -> None:
        mine: list[float] = []
        with httpx.Client(base_url=base, timeout=30.0) as client:
            for i in range(per_client):
                path = paths[(offset * per_client + i) % len(paths)]
                t = time.perf_counter()
                r = client.get(path)
                mine.append((time.perf_counter() - t) * 1000)
                if r.status_code != 200:
                    with lock:
                        errors.append(f"{r.status_code} {path}: {r.text[:200]}")
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(c,)) for c in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    if errors:
        raise SystemExit(f"{len(errors)} requests failed, e.g. {errors[0]}")
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"requests": len(latencies), "p50": q[49], "p95": q[94], "p99": q[98],
            "rps": len(latencies) / wall}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="synthetic notices")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--uri", default=None, help="Neo4j Bolt URI (default: the settings')")
    ap.add_argument("--user", default=None)
    ap.add_argument("--password", default=None)
    ap.add_argument("--no-load", action="store_true", help="reuse the loaded graph")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=250, help="requests per client per kind")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    args = ap.parse_args()

    overrides = {k: v for k, v in (("NEO4J_URI", args.uri), ("NEO4J_USERNAME", args.user),
                                   ("NEO4J_PASSWORD", args.password)) if v}
    settings = Settings(**overrides)
    if not args.no_load:
        seconds = load(args.n, args.seed, settings)
        print(f"loaded {args.n} synthetic notices in {seconds:.1f} s")
    ids, names = sample_targets(settings, 500, args.seed)
    kinds: dict[str, Callable[[], list[str]]] = {
        "entity lookup": lambda: [f"/api/entities/{quote(i, safe=':')}" for i in ids],
        "search": lambda: [f"/api/search?q={quote(n)}" for n in names],
        "named query (meetings)": lambda: [f"/api/queries/meetings?person_id={quote(i)}"
                                           for i in ids],
    }
    with Server(settings, args.port, args.workers):
        base = f"http://127.0.0.1:{args.port}"
        print(f"{args.clients} clients x {args.requests} requests per kind, on {base} "
              f"({args.workers} worker process(es))")
        print(f"{'request':<24}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>9}")
        for kind, make in kinds.items():
            paths = make()
            drive(base, paths[:20], args.clients, 10)  # warm-up: plans, pools, JIT
            s = drive(base, paths, args.clients, args.requests)
            print(f"{kind:<24}{s['requests']:>6}{s['p50']:>9.1f}{s['p95']:>9.1f}"
                  f"{s['p99']:>9.1f}{s['rps']:>9.0f}")


if __name__ == "__main__":
    main()
