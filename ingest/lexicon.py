"""The lexicons behind the extraction rules, loaded from the data files in
`ingest/data/` and compiled into regular expressions once per process.

The rules never name a particular official or place: what they know about the
genre lives in these files (surnames, post roles, body words, action verbs,
slogans), so extending the extractor to another province's notices is a matter
of adding lines, not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"

HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
#: Levels that can start a relative body prefix (区委, 市政府, 县安委会…).
LEVELS = ("自治区", "自治州", "自治县", "省", "市", "区", "县", "州", "旗", "盟", "镇", "乡", "村",
          "街道", "开发区", "高新区", "新区", "园区", "中共", "中央", "国家", "全国", "国务院")


#: A body not in the lexicon but shaped like one: a level character, a few
#: characters, and an institutional suffix (区公安分局, 县住房和城乡建设局, 区法院).
#: Starting at a level character keeps it from swallowing the words before it.
_INSTITUTIONS = "分局|局|厅|委员会|办公室|法院|检察院|支队|大队|中队"
_SITES = "中心|医院|学校|所|站"
#: Function words never inside such a name (乡镇长向|县防汛指挥部, 某镇在|五楼会议厅).
BODY_GAP = rf"(?:(?![向在的了是对从把将被]|召开|举行|先后|高度|开展|组织|带领|率领|深入)[{HAN}])"
GENERIC_BODY = rf"(?:[省市区县州旗盟镇乡]){BODY_GAP}{{0,7}}?(?:{_INSTITUTIONS}|{_SITES})"
#: The same for bodies named as actors: sites (a town's gas station, its
#: hospital) are inspected; they are not bodies that act.
GENERIC_INSTITUTION = rf"(?:[省市区县州旗盟镇乡]){BODY_GAP}{{0,7}}?(?:{_INSTITUTIONS})"


def _lines(name: str) -> list[str]:
    out: list[str] = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def _alternation(words: list[str] | tuple[str, ...] | set[str] | dict[str, object]) -> str:
    """A regex alternation that prefers the longest word, written as a trie of its
    words (安(?:庆|康|顺)? for 安, 安庆, 安康, 安顺): the engine follows one branch per
    character instead of trying every word at every position, 5–10 times faster on
    lists of hundreds of words. Two words that both match at one place are a prefix of
    one another, and the trie tries the longer first, so it matches what the flat
    alternation sorted longest first would."""
    listed = sorted({w for w in words if w})
    return _trie(listed) if listed else "(?!)"  # no word: a pattern that never matches


def _trie(words: list[str]) -> str:
    """The regex of a sorted list of non-empty words, shared prefixes factored out."""
    branches: dict[str, list[str]] = {}
    for w in words:
        branches.setdefault(w[0], []).append(w[1:])
    alts = []
    for first, rests in branches.items():
        tails = [r for r in rests if r]
        body = re.escape(first)
        if tails:
            sub = _trie(tails)
            body += f"(?:{sub})" + ("?" if len(tails) < len(rests) else "")
        alts.append(body)
    return alts[0] if len(alts) == 1 else "|".join(alts)


@dataclass(frozen=True)
class Lexicon:
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    roles: tuple[str, ...]
    body_kinds: dict[str, str]
    verbs: dict[str, str]  # verb -> predicate
    principles: tuple[str, ...]
    #: TITLE unit: optional level and body words, then one role.
    title_unit: re.Pattern[str]
    role_re: re.Pattern[str]
    body_re: re.Pattern[str]
    verb_re: re.Pattern[str]
    principle_re: re.Pattern[str]

    def is_surname_start(self, text: str) -> int:
        """Length of the surname that `text` starts with (0 when none)."""
        if text[:2] in self.compound_surnames:
            return 2
        return 1 if text[:1] in self.surnames else 0


@lru_cache(maxsize=1)
def load() -> Lexicon:
    surnames: set[str] = set()
    compound: set[str] = set()
    for line in _lines("surnames.txt"):
        for token in line.split():
            (compound if len(token) > 1 else surnames).add(token)
    roles = tuple(_lines("roles.txt"))
    body_kinds: dict[str, str] = {}
    for line in _lines("bodies.txt"):
        word, _, kind = line.partition("\t")
        body_kinds[word.strip()] = kind.strip() or "body"
    verbs: dict[str, str] = {}
    for line in _lines("verbs.tsv"):
        pred, _, verb = line.partition("\t")
        verbs[verb.strip()] = pred.strip()
    principles = tuple(_lines("principles.txt"))

    role_alt = _alternation(roles)
    body_alt = _alternation(body_kinds)
    level_alt = _alternation(LEVELS)
    # A title unit: level and body words, then one role (区委副书记, 副县长). A place
    # written out before it (某某市副市长) is found by the gazetteer, not here: a
    # generic "any characters ending in 市" prefix would make every position of
    # the text a candidate start and the regex ten times slower.
    # A lookahead on the characters a unit can start with lets the regex engine
    # skip most positions at once instead of trying ~250 alternatives at each.
    first = "".join(sorted({w[0] for w in (*roles, *body_kinds, *LEVELS)} | set("省市区县州旗盟镇乡")))
    title_unit = re.compile(
        rf"(?=[{re.escape(first)}])"
        rf"(?:{GENERIC_BODY}(?:{body_alt})*|(?:{level_alt})?(?:{body_alt})+|{level_alt})?(?:{role_alt})"
    )
    return Lexicon(
        surnames=frozenset(surnames),
        compound_surnames=frozenset(compound),
        roles=roles,
        body_kinds=body_kinds,
        verbs=verbs,
        principles=principles,
        title_unit=title_unit,
        role_re=re.compile(role_alt),
        body_re=re.compile(rf"(?:{level_alt})?(?:{body_alt})+"),
        verb_re=re.compile(_alternation(verbs)),
        principle_re=re.compile(_alternation(principles)),
    )
