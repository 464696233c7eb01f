"""Search text normalisation: notices are stored in Simplified characters, so
Traditional input (秦向東, 區長) is converted before it is matched."""

from __future__ import annotations

import threading
from functools import lru_cache

import opencc

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    # Loading the conversion tables takes a few milliseconds: once per process.
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """`text` in Simplified characters (unchanged when it already is)."""
    with _lock:  # the C++ converter is not documented as thread-safe
        return _converter().convert(text)
