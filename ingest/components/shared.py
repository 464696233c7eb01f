"""Small pieces every component shares: sentences, name boundaries, the
follower and cue words, the mention dataclasses, and where a body, an
enterprise or a place written before a post really starts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.lexicon import HAN, Lexicon, _alternation, _lines

# --- small shared pieces --------------------------------------------------------------------

SENT_END = re.compile(r"[。！？!?；;]+|\n+")
#: Characters that may precede a name written before its title (余某副县长).
NAME_LEFT_BOUNDARY = set(",，、。；;:：(（)）“”\"'‘’ \t\n　-—") | {"由", "和", "及", "与", "了", "请",
                                                                 "对", "向", "在", "是", "等", "同", "受"}
#: Characters that never occur inside a personal name in this genre.
NOT_IN_NAME = set("的了是着过们这那个年月日时工作会议")


def name_chars_ok(given: str) -> bool:
    """The given name's characters: none of `NOT_IN_NAME`, except 年 closing a
    two-character given name (延年, 永年, 亨年) after a character that makes no time
    word with it (今年, 去年, 全年 are no names), and 会 opening one (会文, not 会议)."""
    if len(given) == 2 and given[1] == "年" and given[0] not in "今去明前后近每全半当往早新成同周":
        given = given[0]
    if len(given) == 2 and given[0] == "会" and given[1] not in "议上场后前中见同期商":
        given = given[1]  # 会文, 会东: 会 opening a given name (not 会议, 会上)
    return not any(c in NOT_IN_NAME for c in given)
#: Words that can stand right before a name written before its title
#: (贯彻习某总书记…, 落实李某总理…).
LEFT_WORDS = ("贯彻", "落实", "学习", "传达", "领会", "按照", "根据", "遵照", "遵循", "认真", "关于",
              "深入", "领学", "重温")
CLAUSE_PUNCT = re.compile(r"[,，;；:：]")
BRACKETED = re.compile(r"《[^《》]{1,80}》")
LETTER = re.compile(rf"[{HAN}\d()（）]{{0,30}}?(?:责任书|责任状|承诺书)")
NATIONAL_ROLES = ("总书记", "国家主席", "总理", "副总理", "委员长", "国务委员")
QUOTED_MARKERS = ("指示", "批示", "重要讲话", "重要论述", "曾经")
WATCHED_MARKERS = ("收看", "观看", "收听")
CREDIT_LABELS = ("策划", "统筹", "执行", "摄影", "编辑", "责任编辑", "审核", "审校", "校对", "撰稿",
                 "文字", "图片", "视频", "制作", "监制", "总监制", "出品", "来源", "作者", "供稿", "摄像",
                 "编审", "责编", "主编", "终审", "初审", "复审", "签发", "剪辑", "设计")
BYLINE_ROLES = ("首席记者", "记者", "通讯员", "特约记者", "实习记者", "见习记者", "实习生", "融媒体记者")


@lru_cache(maxsize=1)
def followers() -> tuple[str, ...]:
    words: list[str] = []
    for line in _lines("followers.txt"):
        words.extend(line.split())
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def follower_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{_alternation(followers())})|[^{HAN}]|$")


@lru_cache(maxsize=1)
def cue_re() -> re.Pattern[str]:
    words: list[str] = []
    for line in _lines("cues.txt"):
        words.extend(line.split())
    return re.compile(_alternation(words))


#: A roster's label, at a line's start (会议主持人:, 出席人员:, 列席情况:, 参加:): `kind` says
#: whether the names under it chaired or attended.
ROSTER_LABEL = re.compile(
    r"(?:^|\n)[ \t　]*(?:会议)?(?P<kind>主持人|主持|出席|列席|参加|参会)(?:会议)?(?:人员|领导|同志|情况)?[:：][ 　]*")


def roster_region(text: str, label: re.Match[str]) -> tuple[int, int]:
    """Where a roster label's names are: the rest of its line, or the next line when
    the label stands alone on its own (minutes: 会议主持人:⏎甲)."""
    start = label.end()
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    if not text[start:end].strip() and end < len(text):
        start = end + 1
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
    return start, end


#: The longest "sentence" a rule looks at. Real sentences stay far below it
#: (a long attendee list is ~300 characters); a page written on one line with
#: commas only would otherwise be one sentence, and the rules that look across
#: a sentence would go quadratic on it.
MAX_SENTENCE = 600


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split at 。！？； and line breaks, and a run longer than
    MAX_SENTENCE at its last comma (or enumeration mark) before the limit."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in SENT_END.finditer(text):
        if m.start() > start:
            _add_bounded(text, spans, start, m.end() if text[m.start()] != "\n" else m.start())
        start = m.end()
    if start < len(text):
        _add_bounded(text, spans, start, len(text))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _add_bounded(text: str, spans: list[tuple[int, int]], s: int, e: int) -> None:
    while e - s > MAX_SENTENCE:
        limit = s + MAX_SENTENCE
        cut = max(text.rfind(c, s + MAX_SENTENCE // 2, limit) for c in "，,、 ")
        cut = cut + 1 if cut > 0 else limit
        spans.append((s, cut))
        s = cut
    spans.append((s, e))


# --- persons ---------------------------------------------------------------------------------


@dataclass
class TitleText:
    text: str
    body: str
    role: str


@dataclass
class PersonMention:
    start: int  # of the whole mention (title stack included)
    end: int
    name: str
    name_start: int
    titles: list[TitleText] = field(default_factory=list)
    kind: str = "titled"  # titled | list | credit | byline | bare | truncated | ner | surname_title
    alias: str = ""  # the surface form when it differs from the name




#: Words that end the name of a body, a department or a unit in a list of bodies
#: (县委办、统计局、审计局等单位; 仓储部、机修厂等要…; 甲分公司、乙中心等单位).
UNIT_END = ("委员会", "委会", "政府", "领导小组", "指挥部", "指挥中心", "专班", "分公司", "公司", "集团", "合作社", "协会",
            "执法队", "中队", "大队", "支队", "总队", "办", "局", "委", "厅", "院", "部", "中心", "厂", "所",
            "站", "处", "队")
_UNIT_END_RE = re.compile(rf"(?:{_alternation(UNIT_END)})$")

#: An enterprise's name ends in a company form (a post after it keeps it as its prefix).
ENTERPRISE_END = re.compile(r"(?:有限责任公司|股份有限公司|有限公司|分公司|公司|集团|煤矿|化工厂|厂|矿)$")


def _place_start(text: str, s: int, place_end: dict[int, int]) -> int:
    """Where a title or body really starts when a gazetteer place is written
    before it: the place ends at its start (某某市|副市长), on its level
    character (某某区|委书记: the place's 区 is the title's level word), or a
    little inside it (滦州市…: a body pattern that began at 州)."""
    if s in place_end:
        return place_end[s]
    for k in range(1, 4):
        if s + k in place_end and place_end[s + k] < s and text[s] in "省市区县州旗盟镇乡":
            return place_end[s + k]
    if s + 1 in place_end and text[s] in "省市区县州旗盟镇乡":
        return place_end[s + 1]
    return s


def _body_ending_at(text: str, end: int, lex: Lexicon) -> tuple[int, int, str] | None:
    """A body prefix (区委, 县政府) that ends exactly at `end`."""
    for n in range(min(8, end), 0, -1):
        s = end - n
        m = lex.body_re.fullmatch(text, s, end)
        if m:
            return (s, end, m.group(0))
    return None




#: An enterprise's full name after a boundary: 4-16 characters ending in a
#: company form. Generic phrases (有关企业, 重点企业) are not names.
ENTERPRISE_RE = re.compile(
    rf"(?<=[\s,，、。；;:：和与及在到赴(（“])((?![和与及在到赴])[{HAN}A-Za-z0-9]{{2,14}}?"
    r"(?:有限责任公司|股份有限公司|有限公司|分公司|公司|集团))")


class Spans:
    """Character spans already taken, as a mask over the text: an overlap check
    costs the length of the span asked about, not the number of spans taken, so
    rules that check every candidate stay linear on a notice with thousands of
    mentions (a one-line page, a long name list)."""

    def __init__(self, length: int, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.mask = bytearray(length + 1)
        for s, e in spans:
            self.append((s, e))

    def append(self, span: tuple[int, int]) -> None:
        s, e = span
        if e > s:
            self.mask[s:e] = b"\x01" * (e - s)

    def overlaps(self, s: int, e: int) -> bool:
        return e > s and self.mask.find(1, s, e) != -1

    def last_end(self, before: int, within: int) -> int:
        """The end of the last taken character in [before - within, before), or 0."""
        hit = self.mask.rfind(1, max(0, before - within), before)
        return hit + 1 if hit != -1 else 0
