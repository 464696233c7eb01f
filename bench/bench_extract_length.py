"""Extraction time against notice length (a benchmark, not a test).

    python bench/bench_extract_length.py [--sizes 10000 100000 1000000]

Builds notices of each size from the fictional samples, once written on one
line (no line breaks, no full stops: commas only) and once in normal paragraphs,
and extracts each with the time budget off, printing CPU seconds and characters
per CPU second. Linear growth shows as a flat characters-per-second column.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ["KG_NOTICE_SECONDS"] = "0"  # measure the work itself, not the budget

from ingest import pipeline  # noqa: E402
from ingest.extract import extract_text  # noqa: E402
from ingest.read import RawNotice, iter_notices  # noqa: E402


def corpus() -> str:
    raws = [r for r in iter_notices([ROOT / "data" / "samples"]) if isinstance(r, RawNotice)]
    return "\n".join(r.text for r in raws if not r.is_html)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    base = corpus()
    # every copy numbered, so that cleaning's removal of repeated paragraphs
    # does not shrink the notice
    paragraphs = [p for p in base.split("\n") if p.strip()]
    numbered = "\n".join(f"{p}({i})" for i, p in enumerate(paragraphs * 400))
    shapes = {"paragraphs": numbered,
              "one line": numbered.replace("\n", "").replace("。", ",")}
    pipeline.get()
    extract_text(base[:500], "warm.txt")
    print(f"{'shape':<11} {'characters':>10} {'after cleaning':>15} {'CPU s':>8} {'characters/CPU s':>17}")
    for shape, text in shapes.items():
        for size in args.sizes:
            notice = text[:size]
            started = time.process_time()
            record = extract_text(notice, f"{size}.txt")
            spent = time.process_time() - started
            # cleaning drops repeated sentences and furniture: the column says
            # how much text the rules really read
            print(f"{shape:<11} {size:>10,} {len(record.text):>15,} {spent:>8.2f} "
                  f"{size / spent:>17,.0f}", flush=True)


if __name__ == "__main__":
    main()
