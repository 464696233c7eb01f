"""Reposts: the same notice found at several sources becomes one Document.

Real corpora hold each notice several times: on the county portal, the city
portal and two news sites, with other page furniture, in Traditional on a Hong
Kong mirror, a paragraph shorter on the site that shortened it. Counted as
separate notices, every fact they state would count two to four times. So at
load time each notice is compared with those already in the graph:

- The fingerprint is a MinHash (datasketch) of the set of character 4-grams
  of the cleaned Simplified text with whitespace and punctuation removed:
  reformatting, Traditional vs Simplified and furniture the cleaner drops do not
  change it, and the cost is one pass over the text.
- Candidates come from a MinHash LSH index at a low Jaccard threshold
  (`LSH_THRESHOLD`), so a copy that dropped a paragraph is still found.
- The decision is containment, not Jaccard: the share of the shorter notice's
  4-grams found in the longer one (estimated from the two MinHashes and the two
  set sizes) must reach `CONTAINMENT` (0.8). A shortened copy is contained in
  its original (≥ 0.9 in our tests); two different meetings of one county share
  their boilerplate and the names of their leaders, but not four fifths of their
  text (0.2–0.5 between the project's samples, and between the dev notices of
  one place). docs/MODEL.md "Reposts" has the figures and the pairs tested.

The index lives in memory for one load, filled from the Documents already in
the graph (their `minhash` and `shingles` properties) and from the notices of
the load as they come; `kg load --bulk` uses the same index, so a bulk import
and a transactional load of one folder decide alike. Memory is about 1 KB a
notice (128 hash values and the LSH bands): 1 GB for a million notices.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

#: Hash functions per signature: the containment estimate's error is about ±0.04 at 128.
NUM_PERM = 128
#: Jaccard threshold of the LSH candidate search (recall for short copies; precision is
#: the containment check's job).
LSH_THRESHOLD = 0.3
#: Share of the shorter notice's 4-grams that must be in the longer one.
CONTAINMENT = 0.8
#: A copy this much longer than the stored text replaces it (its extra facts count).
LONGER = 1.1
#: Notices with fewer 4-grams than this are never called duplicates (a one-line item
#: "某某会议召开" says too little to be the same notice as another).
MIN_SHINGLES = 40
SHINGLE = 4
_SEED = 1
#: datasketch's hashing scheme, named so that signatures stored in the graph are read back
#: with the one that made them (datasketch 2 asks for it explicitly).
_SCHEME = "affine32"

_NOT_TEXT = re.compile(r"[\s\W_]+", re.UNICODE)


def shingles(text: str) -> set[bytes]:
    """Character 4-grams of the text without whitespace and punctuation."""
    flat = _NOT_TEXT.sub("", text or "")
    return {flat[i:i + SHINGLE].encode("utf-8") for i in range(max(len(flat) - SHINGLE + 1, 0))}


@dataclass(frozen=True)
class Fingerprint:
    """A notice's MinHash signature and the size of its 4-gram set."""

    hashvalues: tuple[int, ...]
    size: int

    def minhash(self) -> LeanMinHash:
        return LeanMinHash(seed=_SEED, hashvalues=np.array(self.hashvalues, dtype=np.uint32),
                           scheme=_SCHEME)


def fingerprint(text: str) -> Fingerprint:
    grams = shingles(text)
    mh = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME)
    if grams:
        mh.update_batch(list(grams))
    return Fingerprint(tuple(int(x) for x in mh.hashvalues), len(grams))


def jaccard(a: Fingerprint, b: Fingerprint) -> float:
    if not a.size or not b.size:
        return 0.0
    va, vb = np.array(a.hashvalues), np.array(b.hashvalues)
    return float(np.count_nonzero(va == vb)) / len(va)


def containment(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated share of the smaller set found in the larger: |A∩B| / min(|A|, |B|),
    with |A∩B| = J (|A| + |B|) / (1 + J)."""
    j = jaccard(a, b)
    small = min(a.size, b.size)
    if not small:
        return 0.0
    return min(1.0, j * (a.size + b.size) / (1 + j) / small)


def same_notice(a: Fingerprint, b: Fingerprint) -> bool:
    """Whether two fingerprints are one notice (a repost, or a shortened copy)."""
    if min(a.size, b.size) < MIN_SHINGLES:
        return a.size == b.size and a.hashvalues == b.hashvalues and a.size > 0
    return containment(a, b) >= CONTAINMENT


@dataclass
class RepostIndex:
    """The notices of the graph and of the running load, by fingerprint.

    `holder` maps every source's Document id (the hash of its path or URL) to the id of
    the Document that holds it: itself for a notice of its own, another for a repost."""

    lsh: MinHashLSH = field(default_factory=lambda: MinHashLSH(threshold=LSH_THRESHOLD,
                                                               num_perm=NUM_PERM))
    prints: dict[str, Fingerprint] = field(default_factory=dict)
    holder: dict[str, str] = field(default_factory=dict)

    def add(self, doc_id: str, fp: Fingerprint, sources: Iterable[str] = ()) -> None:
        """A Document, with the ids of the sources it holds."""
        if doc_id in self.prints:
            self.lsh.remove(doc_id)
        self.prints[doc_id] = fp
        if fp.size:
            self.lsh.insert(doc_id, fp.minhash())
        self.holder[doc_id] = doc_id
        for s in sources:
            self.holder[s] = doc_id

    def forget_source(self, source_id: str) -> None:
        self.holder.pop(source_id, None)

    def find(self, fp: Fingerprint, exclude: str = "") -> str | None:
        """The Document this fingerprint is a copy of, if any (the most similar)."""
        if fp.size < 1:
            return None
        best, best_score = None, 0.0
        for cand in self.lsh.query(fp.minhash()):
            if cand == exclude:
                continue
            other = self.prints[cand]
            if same_notice(fp, other):
                score = containment(fp, other)
                if score > best_score or (score == best_score and best is not None
                                          and cand < best):
                    best, best_score = cand, score
        return best


class BatchView:
    """The index as one batch's transaction sees it: the committed index plus what the
    batch added, applied to the index only once the transaction commits (a retried or
    failed transaction must not leave notices in the index that the graph lacks)."""

    def __init__(self, index: RepostIndex) -> None:
        self.index = index
        self.prints: dict[str, Fingerprint] = {}
        self.holder: dict[str, str | None] = {}
        self.sources: dict[str, list[str]] = {}

    def holder_of(self, source_id: str) -> str | None:
        if source_id in self.holder:
            return self.holder[source_id]
        return self.index.holder.get(source_id)

    def print_of(self, doc_id: str) -> Fingerprint | None:
        return self.prints.get(doc_id) or self.index.prints.get(doc_id)

    def add(self, doc_id: str, fp: Fingerprint, sources: Iterable[str]) -> None:
        self.prints[doc_id] = fp
        self.sources[doc_id] = list(sources)
        for s in self.sources[doc_id]:
            self.holder[s] = doc_id
        self.holder[doc_id] = doc_id

    def join(self, source_id: str, doc_id: str) -> None:
        self.holder[source_id] = doc_id

    def forget_source(self, source_id: str) -> None:
        self.holder[source_id] = None

    def find(self, fp: Fingerprint, exclude: str = "") -> str | None:
        best = self.index.find(fp, exclude)
        best_score = containment(fp, self.index.prints[best]) if best else 0.0
        for doc_id, other in self.prints.items():
            if doc_id != exclude and doc_id != best and same_notice(fp, other):
                score = containment(fp, other)
                if score > best_score:
                    best, best_score = doc_id, score
        return best

    def commit(self) -> None:
        for doc_id, fp in self.prints.items():
            self.index.add(doc_id, fp, self.sources.get(doc_id, ()))
        for source_id, doc_id in self.holder.items():
            if doc_id is None:
                self.index.forget_source(source_id)
            else:
                self.index.holder[source_id] = doc_id


# --- one meeting, two reports --------------------------------------------------------------

#: Character-pair overlap two meeting titles need to be one meeting: with one participant
#: in common, and (lower, since two bodies title their reports of one meeting their own
#: way) with two or more.
TITLE_OVERLAP = 0.4
TITLE_OVERLAP_MANY = 0.2
_TITLE_NOISE = re.compile(r"[\s\W_\d]+|召开|举行|会议|工作|安全生产|年|月|日|第|次|全体|扩大")


@dataclass(frozen=True)
class MeetingKey:
    """What identifies a reported meeting across notices."""

    id: str
    date: str
    place: str
    title: str
    people: frozenset[str]


def _pairs(title: str) -> set[str]:
    flat = _TITLE_NOISE.sub("", title or "")
    return {flat[i:i + 2] for i in range(len(flat) - 1)}


def title_overlap(a: str, b: str) -> float:
    """Dice overlap of the titles' character pairs, once the words every meeting title
    has (召开, 会议, 安全生产, the date) are taken out."""
    pa, pb = _pairs(a), _pairs(b)
    if not pa or not pb:
        return 0.0
    return 2 * len(pa & pb) / (len(pa) + len(pb))


def same_meeting(a: MeetingKey, b: MeetingKey) -> bool:
    """One meeting reported twice: the same date and place, participants in common, and
    titles of the same words (`TITLE_OVERLAP` with one participant in common,
    `TITLE_OVERLAP_MANY` with two or more). Any of the three missing keeps them apart: a
    county head chairs two meetings on one day, but not two of the same title."""
    if not a.date or a.date != b.date or a.place != b.place:
        return False
    shared = len(a.people & b.people)
    if not shared:
        return False
    need = TITLE_OVERLAP if shared == 1 else TITLE_OVERLAP_MANY
    return title_overlap(a.title, b.title) >= need


_PARTICIPATION = ("CHAIRED", "SPOKE_AT", "ATTENDED")


def meeting_keys(res: object) -> list[MeetingKey]:
    """The meetings of one resolved notice (`kg.resolve.Resolved`) that carry a date and
    a place: a meeting without either is never joined to another."""
    out = []
    for node in getattr(res, "nodes", {}).get("Meeting", []):
        date = node.props.get("date")
        place = next((r.to_id for r in res.rels.get("IN", []) if r.from_id == node.id), None)
        if not date or not place:
            continue
        people = frozenset(r.from_id for t in _PARTICIPATION for r in res.rels.get(t, [])
                           if r.to_id == node.id)
        out.append(MeetingKey(node.id, date, place, node.props.get("title") or "", people))
    return out


__all__ = ["Fingerprint", "RepostIndex", "BatchView", "MeetingKey", "meeting_keys",
           "same_meeting", "title_overlap", "fingerprint", "containment", "same_notice",
           "CONTAINMENT", "LSH_THRESHOLD", "NUM_PERM"]
