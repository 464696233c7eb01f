"""Extraction throughput and peak memory (a benchmark, not a test).

    python bench/bench_extract.py [FOLDER] [--repeat N] [--workers W]

Reads the notices of FOLDER (default: data/samples), repeats them N times in
memory to make a corpus, and runs the whole extraction (clean + spaCy pipeline)
over it on one core (or W processes), printing characters per second, notices
per second and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest import pipeline  # noqa: E402
from ingest.extract import _chunks, _work_chunk, extract_text  # noqa: E402
from ingest.read import RawNotice, iter_notices  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="data/samples", type=Path)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--no-ner", action="store_true", help="rules only, without LAC")
    parser.add_argument("--per-notice", action="store_true",
                        help="one pipeline call per notice instead of the chunks `kg extract` runs")
    args = parser.parse_args()

    raws = [r for r in iter_notices([args.folder]) if isinstance(r, RawNotice)]
    if not raws:
        sys.exit(f"no notices in {args.folder}")
    pipeline.get(not args.no_ner)  # build once, outside the timing
    extract_text(raws[0].text, raws[0].path.name, use_ner=not args.no_ner)

    chars = notices = 0
    from ingest import ner

    started = time.perf_counter()
    cpu_started = time.process_time()

    for _ in range(args.repeat):
        # each round counts as unseen text: no memoised model answers carried over
        ner.is_person.cache_clear()
        if args.per_notice or args.no_ner:
            for raw in raws:
                extract_text(raw.text, raw.path.name, is_html=raw.is_html, use_ner=not args.no_ner)
        else:  # as `kg extract` runs: chunks of notices through nlp.pipe
            for chunk in _chunks(raws):
                _work_chunk(chunk)
        for raw in raws:
            chars += len(raw.text)
            notices += 1
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"notices: {notices}  characters: {chars}  mean length: {chars / notices:.0f}")
    print(f"time: {elapsed:.2f} s wall, {cpu:.2f} s CPU  "
          f"({'rules only' if args.no_ner else 'rules + the recogniser'})")
    print(f"throughput: {chars / elapsed:,.0f} characters/s, {notices / elapsed:.1f} notices/s on one core")
    # on a shared machine the wall clock counts other processes' time too; the
    # process's own CPU time is what the extraction cost
    print(f"throughput per CPU second: {chars / cpu:,.0f} characters/s, {notices / cpu:.1f} notices/s")
    print(f"peak memory: {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
