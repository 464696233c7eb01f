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
- Candidates are the notices of the same block: the event's day (the meeting's or
  inspection's date, else the publication date) and the notice's place (its innermost
  jurisdiction). A repost keeps the date and place of what it reports, and two notices
  of one county written from the same boilerplate rarely report one day. Within
  a block every signature is compared at once (one vectorised comparison), so the
  cost per notice does not grow with the corpus; a notice without a date is compared
  with the others of its place without one. (datasketch's LSH was the first candidate search; on corpora
  written from templates it returned most of the corpus for every query.)
- The decision is containment, not Jaccard: the share of the shorter notice's
  4-grams found in the longer one (estimated from the two MinHashes and the two
  set sizes) must reach `CONTAINMENT` (0.8). A shortened copy is contained in
  its original (≥ 0.9 in our tests); two different meetings of one county share
  their boilerplate and the names of their leaders, but not four fifths of their
  text (at most 0.3 between the project's samples, 0.15 between the dev notices).
  docs/MODEL.md "Reposts" has the figures and the pairs tested.

The index lives in memory for one load, filled from the Documents already in
the graph (their `minhash`, `shingles` and `repost_block` properties) and from the
notices of the load as they come; `kg load --bulk` makes the same decisions
(`kg.load.plan_first_load`), so a bulk import and a transactional load of one
folder hold the same graph. Memory is about 0.6 KB a
notice (128 32-bit hash values and the ids): 600 MB for a million notices.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from datasketch import MinHash

#: Hash functions per signature: the containment estimate's error is about ±0.04 at 128.
NUM_PERM = 128
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


def shingles(text: str) -> np.ndarray:
    """The distinct character 4-grams of the text without whitespace and punctuation, each
    as a 32-bit hash: a polynomial of the four code points, mixed (murmur3's finaliser)
    and computed for the whole text at once, since hashing 4-grams one by one in Python
    was half the cost of resolving a notice."""
    flat = _NOT_TEXT.sub("", text or "")
    if len(flat) < SHINGLE:
        return np.zeros(0, dtype=np.uint64)
    cp = np.frombuffer(flat.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(cp) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):
        h = (h * np.uint64(1_000_003) + cp[k:k + n]) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(16)
    h = (h * np.uint64(0x85EBCA6B)) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(13)
    h = (h * np.uint64(0xC2B2AE35)) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(16)
    return np.unique(h)


def _as_hash(value: Any) -> int:
    """datasketch's hash function for items that are hashes already (`shingles`)."""
    return int(value)


@dataclass(frozen=True)
class Fingerprint:
    """A notice's MinHash signature, the size of its 4-gram set, and its block: the day of
    the event it reports and its place ("2025-03-02|510822"; parts it lacks are empty)."""

    hashvalues: tuple[int, ...]
    size: int
    block: str = ""



def block(day: str | None, place: str | None) -> str:
    """The key notices are compared within: a repost reports the same day and place."""
    return f"{day or ''}|{place or ''}"


def fingerprint(text: str, block: str | None = "") -> Fingerprint:
    grams = shingles(text)
    mh = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME, hashfunc=_as_hash)
    if len(grams):
        mh.update_batch(grams.tolist())
    return Fingerprint(tuple(mh.hashvalues.tolist()), len(grams), block or "")


def jaccard(a: Fingerprint, b: Fingerprint) -> float:
    if not a.size or not b.size:
        return 0.0
    va, vb = np.array(a.hashvalues), np.array(b.hashvalues)
    return float(np.count_nonzero(va == vb)) / len(va)


def _containment(j: Any, a: Any, b: Any) -> Any:
    """|A∩B| / min(|A|, |B|) from the Jaccard estimate and the set sizes (scalars or
    arrays): |A∩B| = J (|A| + |B|) / (1 + J)."""
    return np.minimum(1.0, j * (a + b) / (1 + j) / np.maximum(np.minimum(a, b), 1))


def containment(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated share of the smaller set found in the larger."""
    if not a.size or not b.size:
        return 0.0
    return float(_containment(jaccard(a, b), a.size, b.size))


def same_notice(a: Fingerprint, b: Fingerprint) -> bool:
    """Whether two fingerprints are one notice (a repost, or a shortened copy): the same
    block (a repost keeps the date and the place of what it reports) and containment
    ≥ `CONTAINMENT`."""
    if a.block != b.block:
        return False
    if min(a.size, b.size) < MIN_SHINGLES:
        return a.size == b.size and a.hashvalues == b.hashvalues and a.size > 0
    return containment(a, b) >= CONTAINMENT


class _Block:
    """The signatures of one block (day and place), as one array: a candidate is checked
    against all of them in one vectorised comparison (a block holds a handful)."""

    def __init__(self) -> None:
        self.ids: list[str | None] = []
        self.sigs = np.zeros((0, NUM_PERM), dtype=np.uint32)
        self.sizes = np.zeros(0, dtype=np.int64)
        self.rows: dict[str, int] = {}

    def add(self, doc_id: str, fp: Fingerprint) -> None:
        self.remove(doc_id)
        self.rows[doc_id] = len(self.ids)
        self.ids.append(doc_id)
        self.sigs = np.vstack([self.sigs, np.array(fp.hashvalues, dtype=np.uint32)[None, :]])
        self.sizes = np.append(self.sizes, fp.size)

    def remove(self, doc_id: str) -> None:
        row = self.rows.pop(doc_id, None)
        if row is not None:
            self.ids[row] = None
            self.sizes[row] = 0

    def best(self, fp: Fingerprint, exclude: str) -> tuple[str | None, float]:
        if not self.ids or len(fp.hashvalues) != NUM_PERM:
            return None, 0.0
        sig = np.array(fp.hashvalues, dtype=np.uint32)
        j = (self.sigs == sig).sum(axis=1) / NUM_PERM
        score = np.where(self.sizes > 0, _containment(j, fp.size, self.sizes), 0.0)
        if fp.size < MIN_SHINGLES:  # too short to estimate: only the very same text
            score = np.where((j == 1.0) & (self.sizes == fp.size), 1.0, 0.0)
        else:
            score = np.where(np.minimum(self.sizes, fp.size) >= MIN_SHINGLES, score, 0.0)
        for i in np.argsort(-score, kind="stable"):
            if score[i] < CONTAINMENT:
                break
            if self.ids[i] is not None and self.ids[i] != exclude:
                return self.ids[i], float(score[i])
        return None, 0.0


@dataclass
class RepostIndex:
    """The notices of the graph and of the running load, by fingerprint, blocked by event
    day and place: a notice is compared with those of its block only, so the work per
    notice stays the same however large the corpus grows.

    `holder` maps every source's Document id (the hash of its path or URL) to the id of
    the Document that holds it: itself for a notice of its own, another for a repost."""

    blocks: dict[str, _Block] = field(default_factory=dict)
    prints: dict[str, Fingerprint] = field(default_factory=dict)
    holder: dict[str, str] = field(default_factory=dict)

    def add(self, doc_id: str, fp: Fingerprint, sources: Iterable[str] = ()) -> None:
        """A Document, with the ids of the sources it holds."""
        old = self.prints.get(doc_id)
        if old is not None and old.block in self.blocks:
            self.blocks[old.block].remove(doc_id)
        self.prints[doc_id] = fp
        if fp.size:
            self.blocks.setdefault(fp.block, _Block()).add(doc_id, fp)
        self.holder[doc_id] = doc_id
        for s in sources:
            self.holder[s] = doc_id

    def forget_source(self, source_id: str) -> None:
        self.holder.pop(source_id, None)

    def find(self, fp: Fingerprint, exclude: str = "") -> str | None:
        """The Document this fingerprint is a copy of, if any (the most similar)."""
        if fp.size < 1 or fp.block not in self.blocks:
            return None
        return self.blocks[fp.block].best(fp, exclude)[0]


class BatchView:
    """The index as one batch's transaction sees it: the committed index plus what the
    batch added, applied to the index only once the transaction commits (a retried or
    failed transaction must not leave notices in the index that the graph lacks)."""

    def __init__(self, index: RepostIndex) -> None:
        self.index = index
        self.prints: dict[str, Fingerprint] = {}
        self.holder: dict[str, str | None] = {}
        self.sources: dict[str, list[str]] = {}
        #: the batch's notices by block, each with its place in `prints` (a notice is
        #: compared with its block's only, as in the index: a scan of the whole batch
        #: made a batch's work grow with its square, 12.5 million comparisons in a load
        #: of 10,000 notices in batches of 2,500)
        self._blocks: dict[str, dict[str, int]] = {}
        self._order: dict[str, int] = {}

    def holder_of(self, source_id: str) -> str | None:
        if source_id in self.holder:
            return self.holder[source_id]
        return self.index.holder.get(source_id)

    def print_of(self, doc_id: str) -> Fingerprint | None:
        return self.prints.get(doc_id) or self.index.prints.get(doc_id)

    def add(self, doc_id: str, fp: Fingerprint, sources: Iterable[str]) -> None:
        old = self.prints.get(doc_id)
        if old is not None:
            self._blocks[old.block].pop(doc_id, None)
        self.prints[doc_id] = fp
        order = self._order.setdefault(doc_id, len(self._order))
        self._blocks.setdefault(fp.block, {})[doc_id] = order
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
        block = self._blocks.get(fp.block, {})
        # in the order of `prints`, so that of equal scores the first added still wins
        for doc_id in sorted(block, key=block.__getitem__):
            other = self.prints[doc_id]
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


def join_meeting(pool: list[MeetingKey], key: MeetingKey) -> str | None:
    """The id of the meeting of `pool` (the known meetings of the key's date and place)
    that `key` reports too, the lowest id when several match (so a transactional load and
    a bulk plan choose alike); that meeting then counts the key's participants among its
    own. None, and `key` joins the pool, when it is a meeting of its own."""
    match = min((o for o in pool if o.id != key.id and same_meeting(key, o)),
                key=lambda o: o.id, default=None)
    if match is None:
        pool.append(key)
        return None
    pool[pool.index(match)] = MeetingKey(match.id, match.date, match.place, match.title,
                                         match.people | key.people)
    return match.id


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
           "same_meeting", "join_meeting", "title_overlap", "fingerprint", "containment", "same_notice",
           "CONTAINMENT", "NUM_PERM"]
