"""Repost detection on a generated corpus: precision and recall of the pairs, time a notice.

N notices of bench.gen_corpus, of which a share (20% by default) are reposts of an
earlier one in one of the forms real reposts take: reformatted, converted to
Traditional, with page furniture, or with a paragraph dropped. Each notice goes
through extraction (rules only: the recogniser does not change the block) and then
through kg.dedupe as the loader uses it (fingerprint, find in the index, add); the
pairs found are compared with the pairs made.

Run: PYTHONPATH=. .venv/bin/python bench/bench_dedupe.py [--n 10000] [--reposts 0.2]
Prints: pairs made, found, right; precision, recall; ms a notice for detection alone
and for extraction; peak memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import time

import opencc

from bench.gen_corpus import county_pool, notice
from ingest.extract import extract_text
from kg import dedupe

_TRAD = opencc.OpenCC("s2t")


def repost_form(text: str, rng: random.Random) -> tuple[str, str]:
    paras = [p for p in text.split("\n") if p.strip()]
    kind = rng.choice(["reformatted", "traditional", "furniture", "shortened"])
    if kind == "reformatted":
        return kind, "\n\n".join("  " + p.replace(",", ", ").replace("。", "。 ") for p in paras)
    if kind == "traditional":
        return kind, _TRAD.convert(text)
    if kind == "furniture":
        return kind, ("首页 > 新闻中心 > 工作动态\n字号:大 中 小 打印\n" + text
                      + "\n扫一扫在手机打开当前页\n主办单位:人民政府办公室 版权所有\n")
    drop = rng.randrange(3, len(paras)) if len(paras) > 3 else len(paras) - 1
    return kind, "\n".join(p for i, p in enumerate(paras) if i != drop)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--reposts", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    originals = int(args.n * (1 - args.reposts))
    pool = county_pool(max(20, min(2800, originals // 30)), args.seed)
    texts: list[str] = []
    truth: dict[int, int] = {}  # repost → the original it copies
    kinds: dict[int, str] = {}
    for i in range(originals):
        _rel, data = notice(i, args.seed, pool)
        texts.append(data.decode("gb18030") if not _utf8(data) else data.decode("utf-8"))
    for _ in range(args.n - originals):
        src = rng.randrange(originals)
        kind, text = repost_form(texts[src], rng)
        truth[len(texts)] = src
        kinds[len(texts)] = kind
        texts.append(text)
    order = list(range(len(texts)))
    rng.shuffle(order)
    index = dedupe.RepostIndex()
    found: dict[int, int] = {}
    holder_of: dict[str, int] = {}
    t_extract = t_detect = 0.0
    for i in order:
        t0 = time.perf_counter()
        rec = extract_text(texts[i], f"n{i}.txt", use_ner=False)
        t1 = time.perf_counter()
        place = rec.jurisdiction_code or (rec.jurisdiction[-1] if rec.jurisdiction else "")
        fp = dedupe.fingerprint(rec.text, dedupe.block(rec.event_date or rec.date, place))
        hit = index.find(fp, exclude=str(i))
        if hit is None:
            index.add(str(i), fp, [str(i)])
            holder_of[str(i)] = i
        else:
            found[i] = holder_of[hit]
        t_detect += time.perf_counter() - t1
        t_extract += t1 - t0
    # A pair is right when the two notices are copies of one original (either may have
    # come first in the shuffled order).
    def root(k: int) -> int:
        return truth.get(k, k)

    made = len(truth)
    right = sum(1 for a, b in found.items() if root(a) == root(b))
    # every notice of a group beyond its first is a pair to find
    groups: dict[int, int] = {}
    for k in range(len(texts)):
        groups[root(k)] = groups.get(root(k), 0) + 1
    to_find = sum(v - 1 for v in groups.values())
    found_as_holder = {b for b in found.values()}
    missed_by_kind: dict[str, int] = {}
    for k, kind in kinds.items():
        # found: paired with its group, as the later copy or as the notice others copy
        ok = (k in found and root(found[k]) == root(k)) or k in found_as_holder
        if not ok:
            missed_by_kind[kind] = missed_by_kind.get(kind, 0) + 1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"notices {len(texts)}  reposts made {made}  pairs to find {to_find}")
    print(f"pairs found {len(found)}  right {right}  "
          f"precision {right / max(len(found), 1):.4f}  recall {right / max(to_find, 1):.4f}")
    print(f"missed by form: {missed_by_kind or 'none'}")
    print(f"detection {t_detect / len(texts) * 1000:.2f} ms a notice; "
          f"extraction (rules) {t_extract / len(texts) * 1000:.2f} ms a notice; "
          f"peak RSS {peak:.0f} MiB")


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


if __name__ == "__main__":
    main()
