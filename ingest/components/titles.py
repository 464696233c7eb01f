"""Post titles: a stack of posts before a name split into titles (at 、 and
兼, and where two roles run together)."""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.components.shared import ENTERPRISE_END, LEFT_WORDS, TitleText
from ingest.lexicon import Lexicon, load


def split_titles(stack: str, lex: Lexicon) -> list[TitleText]:
    """区委副书记、区政府区长 → two titles; 县委常委统战部长 → 县委常委, 统战部长.

    Two posts run together only when the second starts right where the first
    ends; words the lexicon does not know between them make the first post part
    of the second one's body (项目经理协会会长 is one title)."""
    out: list[TitleText] = []
    for piece in re.split(r"[、兼]", stack):
        pos = 0
        starts: list[int] = []
        for m in lex.title_unit.finditer(piece):
            if m.group(0).endswith("委员") and piece.startswith("会", m.end()):
                continue  # 某某管理委员|会主任: 委员会 is the body of the next post
            if starts and m.start() > pos and piece[pos : m.start()].strip():
                out.pop()
                pos = starts.pop()
            starts.append(pos)
            text = piece[pos : m.end()].strip()
            role = next((r for r in _roles_longest_first() if text.endswith(r)), text)
            out.append(TitleText(text=text, body=text[: len(text) - len(role)], role=role))
            pos = m.end()
    return out


@lru_cache(maxsize=1)
def _roles_longest_first() -> tuple[str, ...]:
    return tuple(sorted(load().roles, key=len, reverse=True))


#: One-character words that begin a phrase after a name (在, 到, 对…) and almost
#: never end a name, unlike 和 (郭立和) or 强 (黄刚).


@lru_cache(maxsize=1)
def _stack_re() -> re.Pattern[str]:
    lex = load()
    unit = lex.title_unit.pattern
    return re.compile(rf"(?:{unit})(?:[、兼]?(?:{unit}))*")


#: Words a title's written prefix never reaches back over: time words, verbs
#: of convening and escorting, prepositions (会议由|县委副书记, 上午|县长,
#: 邀请|集团主任, 陪同|副县长).
PREFIX_STOP = re.compile(
    r"上午|下午|晚上|中午|凌晨|(?<=[\d〇一二三四五六七八九十])[日月年]|会上|会中|会前|会后|近日|日前|当天|邀请|会同|召集|组织|带领|率领|陪同|"
    r"听取|会见|看望|慰问|以及|其中|包括|同志|分别|先后|首先|随后|最后|接着|还有|委托|"
    r"担任|现任|时任|曾任|经过|[讯由了请对向是为被将把从受据即并或及与以]|在(?!线)|"  # (某某在线|记者: an outlet)
    + "|".join(LEFT_WORDS))  # the words of study and implementation (贯彻, 落实…)
#: Conjunctions end a prefix too (县长甲和|副县长), except inside an
#: enterprise's name (天和集团|董事长, 某某有限公司|总经理) and where 和, 与 or 及
#: joins two ordinary words of a body's name (`_joins_words`).
PREFIX_CONJUNCTION = re.compile(r"有(?!限)|[和同等]")
#: The body suffix after a verb that makes the verb part of a name: 督导|组,
#: 检查|组, 巡查|组 (a group), not a verb that ends the prefix.
_VERB_AS_NOUN = "组队"


def _joins_words(text: str, lo: int, c: int, hi: int) -> bool:
    """Whether the conjunction at `c` joins two ordinary words inside the body
    written before a post (安全生产和消防工作|某某组组长, 人口与发展研究所|副所长),
    rather than ending the name of someone listed before (县长甲和|副县长): the
    words either side are not names (jieba), and words of the body follow it
    before the post at `hi`."""
    import rjieba

    if text[c] not in "和与及" or c + 1 >= hi:
        return False
    pos = lo
    before = after = None
    for word, tag in rjieba.tag(text[lo:hi]):
        if pos + len(word) == c:
            before = (word, tag)
        elif pos == c + 1:
            after = (word, tag)
        pos += len(word)
    if not before or not after:
        return False
    if after[0] and load().title_unit.match(text, c + 1):
        return False  # 甲和|副县长: a post starts right after the conjunction
    return all(len(w) >= 2 and not t.startswith(("nr", "ns")) for w, t in (before, after))
#: How far back a written prefix can reach before the first post of a stack.
MAX_PREFIX = 24


def title_start(text: str, s0: int, floor: int = 0) -> int:
    """Where a title really starts when its post is written with a prefix: the
    body, place or modifier run straight before it, as written (公司分管安全工作的|
    副总经理, 某某市某某区|区长, 常务|副总经理, 集团安全部|部长). The prefix is the
    run of Chinese characters back to punctuation, a stop word or the end of an
    earlier mention (`floor`); a run that reaches `MAX_PREFIX` characters without
    a boundary is not a prefix. A demonstrative is dropped (该镇党委书记 → 镇…)."""
    lo = max(floor, s0 - MAX_PREFIX)
    i = s0
    while i > lo and "\u3400" <= text[i - 1] <= "\u9fff":
        i -= 1
    if i == s0:
        return s0
    if i == s0 - MAX_PREFIX and i > floor and "\u3400" <= text[i - 1] <= "\u9fff":
        return s0  # no boundary within reach: a sentence, not a prefix
    cut = 0
    stops = [PREFIX_STOP]
    if not ENTERPRISE_END.search(text, i, s0):
        stops.append(PREFIX_CONJUNCTION)
    for stop in stops:
        for m in stop.finditer(text, i, s0):
            if m.end() - m.start() == 1 and _joins_words(text, i, m.start(), s0):
                continue
            cut = max(cut, m.end() - i)
    for m in load().verb_re.finditer(text, i, s0):
        if m.end() < s0 and (text[m.end()] in _VERB_AS_NOUN or text.startswith("工作组", m.end())):
            continue  # 考核巡查|组, 检查|工作组: the group's name
        if m.start() > i and text[m.start() - 1] == "大":
            continue  # 安全生产大检查|第二工作组: 大检查 is a campaign's name, a noun
        cut = max(cut, m.end() - i)
    start = i + cut
    if start == floor and floor > 0 and start < s0 and text[start] in "和及与":
        start += 1  # 甲和|集团党委书记: the conjunction after an earlier name joins, it is no prefix
    if start < s0 and text[start] in "该此本" and not (text[start] == "本" and text[start + 1 : start + 2] in "报台刊网"):
        start += 1  # (本报记者: the outlet, kept)
    return start
