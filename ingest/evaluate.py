"""The project's scorer: compare extraction records with gold records.

It implements the comparison that ../shared/eval/FORMAT.md ("How score.py
compares") describes, so that tests can assert quality thresholds on
`data/samples/` without leaving the package:

- records are paired by `doc`; a gold notice the system did not output counts
  as all misses, a system notice without gold is ignored;
- `persons` compare by name, `titles` as (name, title) pairs,
  `organizations`, `localities` and `documents` as strings;
- relations compare as (s, p) for chaired, spoke and attended, and as
  (s, p, o) for the others (read_out, signed_letter, inspected), where two
  objects match when one contains the other;
- every string is normalised first: 《》〈〉 brackets, spaces (ASCII and
  full-width, tabs, newlines) and double quotes are removed;
- facts are sets (a fact stated twice counts once) and are matched greedily
  one to one;
- precision, recall and F1 per field and per predicate (`rel:<p>`), and the
  micro-average over all relation tuples (`relations`).

Command line:

    python -m ingest.evaluate GOLD.jsonl SYSTEM.jsonl [--misses] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: Predicates compared without their object: the person's role at the reported event.
EVENT_PREDICATES = frozenset({"chaired", "spoke", "attended"})
#: Fields compared as plain strings.
STRING_FIELDS = ("organizations", "localities", "documents")

_DROP = {ord(c): None for c in "《》〈〉 \u3000\t\r\n\"“”"}

Fact = tuple[str, ...]


def normalise(text: Any) -> str:
    """A string as compared: brackets, spaces and double quotes removed, trimmed."""
    if text is None:
        return ""
    return str(text).translate(_DROP).strip()


def facts(record: dict) -> dict[str, set[Fact]]:
    """The comparable facts of one record, keyed by field (`rel:<p>` for relations)."""
    out: dict[str, set[Fact]] = {"persons": set(), "titles": set()}
    for person in record.get("persons") or []:
        name = normalise(person.get("name"))
        if not name:
            continue
        out["persons"].add((name,))
        for title in person.get("titles") or []:
            t = normalise(title)
            if t:
                out["titles"].add((name, t))
    for field in STRING_FIELDS:
        out[field] = {(v,) for v in map(normalise, record.get(field) or []) if v}
    for rel in record.get("relations") or []:
        p = str(rel.get("p"))
        s = normalise(rel.get("s"))
        key = f"rel:{p}"
        if p in EVENT_PREDICATES:
            out.setdefault(key, set()).add((s, p))
        else:
            out.setdefault(key, set()).add((s, p, normalise(rel.get("o"))))
    return out


def same(gold: Fact, system: Fact) -> bool:
    """Whether two facts of one field match: equal, or for (s, p, o) relations
    the same s and p with one object containing the other."""
    if gold == system:
        return True
    if len(gold) == 3 and len(system) == 3:
        (gs, gp, go), (ss, sp, so) = gold, system
        return gs == ss and gp == sp and bool(go) and bool(so) and (go in so or so in go)
    return False


def match(gold: Iterable[Fact], system: Iterable[Fact]) -> tuple[int, list[Fact], list[Fact]]:
    """Greedy one-to-one matching: (hits, missed gold facts, spurious system facts).

    Gold facts are taken in sorted order; each takes the first system fact left
    that matches it (exact matches first, so containment never steals an exact pair)."""
    left = sorted(system)
    hits = 0
    missed: list[Fact] = []
    for item in sorted(gold):
        pick = next((i for i, c in enumerate(left) if c == item), None)
        if pick is None:
            pick = next((i for i, c in enumerate(left) if same(item, c)), None)
        if pick is None:
            missed.append(item)
        else:
            del left[pick]
            hits += 1
    return hits, missed, left


def prf(hits: int, n_gold: int, n_system: int) -> tuple[float, float, float]:
    """Precision, recall, F1; an empty side scores 1.0 when the other is empty too."""
    p = hits / n_system if n_system else (1.0 if not n_gold else 0.0)
    r = hits / n_gold if n_gold else (1.0 if not n_system else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _by_doc(records: Iterable[dict]) -> dict[str, dict]:
    return {r["doc"]: r for r in records}


def _compare(gold: list[dict], system: list[dict]):
    """Yield (doc, field, hits, n_gold, n_system, missed, spurious) for each gold notice."""
    sys_by_doc = _by_doc(system)
    for doc, g_record in sorted(_by_doc(gold).items()):
        g = facts(g_record)
        s = facts(sys_by_doc.get(doc, {"doc": doc}))
        for field in sorted(set(g) | set(s)):
            gf, sf = g.get(field, set()), s.get(field, set())
            hits, missed, spurious = match(gf, sf)
            yield doc, field, hits, len(gf), len(sf), missed, spurious


def score(gold: list[dict], system: list[dict]) -> dict[str, dict]:
    """Scores by field: {field: {precision, recall, f1, gold, system}}.

    Fields: persons, titles, organizations, localities, documents, one
    `rel:<predicate>` per predicate present in gold or system, and `relations`
    (the micro-average over every relation tuple)."""
    totals: dict[str, list[int]] = {}
    for _doc, field, hits, n_gold, n_system, _m, _s in _compare(gold, system):
        t = totals.setdefault(field, [0, 0, 0])
        t[0] += hits
        t[1] += n_gold
        t[2] += n_system
    for field in ("persons", "titles", *STRING_FIELDS):
        totals.setdefault(field, [0, 0, 0])
    rel = [0, 0, 0]
    for field, t in totals.items():
        if field.startswith("rel:"):
            rel = [a + b for a, b in zip(rel, t, strict=True)]
    totals["relations"] = rel
    out: dict[str, dict] = {}
    for field, (hits, n_gold, n_system) in totals.items():
        p, r, f = prf(hits, n_gold, n_system)
        out[field] = {"precision": p, "recall": r, "f1": f, "gold": n_gold, "system": n_system}
    return out


def misses(gold: list[dict], system: list[dict]) -> list[str]:
    """One line per missed gold fact and per spurious system fact:
    `<doc> <field> MISSED|SPURIOUS <fact>`, plus `<doc>: no system record`."""
    lines: list[str] = []
    have = {r["doc"] for r in system}
    for doc in sorted(_by_doc(gold)):
        if doc not in have:
            lines.append(f"{doc}: no system record")
    for doc, field, _h, _g, _s, missed, spurious in _compare(gold, system):
        lines += [f"{doc} {field} MISSED {' | '.join(m)}" for m in missed]
        lines += [f"{doc} {field} SPURIOUS {' | '.join(x)}" for x in spurious]
    return lines


def load_jsonl(path: str | Path) -> list[dict]:
    """Records of a JSON Lines file (blank lines skipped)."""
    records = []
    with open(path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line:
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise SystemExit(f"{path}:{number}: not JSON: {error}") from error
    return records


def format_table(summary: dict[str, dict]) -> str:
    """The summary as an aligned text table."""
    order = ["persons", "titles", *STRING_FIELDS]
    order += sorted(f for f in summary if f.startswith("rel:")) + ["relations"]
    rows = [f"{'field':<22}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'sys':>7}"]
    for field in order:
        if field in summary:
            r = summary[field]
            rows.append(f"{field:<22}{r['precision']:7.3f}{r['recall']:7.3f}{r['f1']:7.3f}"
                        f"{r['gold']:7d}{r['system']:7d}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ingest.evaluate",
        description="Score extraction records (JSON Lines, FORMAT.md) against gold records.")
    parser.add_argument("gold", help="gold records, one JSON object per line")
    parser.add_argument("system", help="system records, e.g. from `kg extract PATH --jsonl`")
    parser.add_argument("--misses", action="store_true", help="list missed and spurious facts")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    gold, system = load_jsonl(args.gold), load_jsonl(args.system)
    summary = score(gold, system)
    if args.misses:
        for line in misses(gold, system):
            print(line)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        print(format_table(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
