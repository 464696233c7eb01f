"""Post titles: a stack of posts before a name split into titles (at 、 and
兼, and where two roles run together)."""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.components.shared import TitleText
from ingest.lexicon import Lexicon, load


def split_titles(stack: str, lex: Lexicon) -> list[TitleText]:
    """区委副书记、区政府区长 → two titles; 县委常委统战部长 → 县委常委, 统战部长."""
    out: list[TitleText] = []
    for piece in re.split(r"[、兼]", stack):
        pos = 0
        for m in lex.title_unit.finditer(piece):
            text = piece[pos : m.end()].strip()
            role = next((r for r in _roles_longest_first() if text.endswith(r)), text)
            out.append(TitleText(text=text, body=text[: len(text) - len(role)], role=role))
            pos = m.end()
    return out


@lru_cache(maxsize=1)
def _roles_longest_first() -> tuple[str, ...]:
    return tuple(sorted(load().roles, key=len, reverse=True))


#: One-character words that begin a phrase after a name (在, 到, 对…) and almost
#: never end a name, unlike 和 (郭新和) or 强 (黄强).


@lru_cache(maxsize=1)
def _stack_re() -> re.Pattern[str]:
    lex = load()
    unit = lex.title_unit.pattern
    return re.compile(rf"(?:{unit})(?:[、兼]?(?:{unit}))*")
