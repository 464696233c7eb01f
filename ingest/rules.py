"""The genre's grammar as small functions over a notice's text.

Each function takes the cleaned (Simplified) text and what earlier steps found,
and returns plain data with character offsets; the spaCy components in
`ingest.components` call them one at a time and keep their results on the Doc.
Keeping the rules free of spaCy makes each of them testable on a string.

What the rules know about the genre (from FORMAT.md and DESIGN.md):
- post titles run straight into names and stack with 、 (区委副书记、区长X);
  a title can also follow the name (X副省长) or surround it (区委X副书记);
- a name after a title ends where a verb, preposition or punctuation begins;
- actions follow fixed verbs (主持, 出席, 讲话, 宣读, 签订…责任书, 检查…);
- instructions quoted from leaders who were not there are not attendance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.lexicon import (
    GENERIC_BODY,
    GENERIC_INSTITUTION,
    HAN,
    Lexicon,
    _alternation,
    _lines,
    load,
)

# --- small shared pieces --------------------------------------------------------------------

SENT_END = re.compile(r"[。！？!?；;]+|\n+")
#: Characters that may precede a name written before its title (余某副县长).
NAME_LEFT_BOUNDARY = set(",，、。；;:：(（)）“”\"'‘’ \t\n　-—") | {"由", "和", "及", "与", "了", "请",
                                                                 "对", "向", "在", "是", "等", "同"}
#: Characters that never occur inside a personal name in this genre.
NOT_IN_NAME = set("的了是着过们这那个年月日时工作会议")
#: Words that can stand right before a name written before its title
#: (贯彻习某总书记…, 落实李某总理…).
LEFT_WORDS = ("贯彻", "落实", "学习", "传达", "领会", "按照", "根据", "遵照", "遵循", "认真", "关于",
              "深入", "领学", "重温")
CLAUSE_PUNCT = re.compile(r"[,，;；:：]")
BRACKETED = re.compile(r"《[^《》]{1,80}》")
LETTER = re.compile(rf"[{HAN}\d]{{0,16}}?(?:责任书|责任状|承诺书)")
NATIONAL_ROLES = ("总书记", "国家主席", "总理", "副总理", "委员长", "国务委员")
QUOTED_MARKERS = ("指示", "批示", "重要讲话", "重要论述", "曾经")
WATCHED_MARKERS = ("收看", "观看", "收听")
CREDIT_LABELS = ("策划", "统筹", "执行", "摄影", "编辑", "责任编辑", "审核", "审校", "校对", "撰稿",
                 "文字", "图片", "视频", "制作", "监制", "出品", "来源", "作者", "供稿", "摄像")
BYLINE_ROLES = ("首席记者", "记者", "通讯员", "特约记者", "实习记者")


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


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split at 。！？； and line breaks."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in SENT_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.end() if text[m.start()] != "\n" else m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


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
PARTICLE_ENDS = set("在到对就向从于将把被为是也还并说等")


def _end_strength(text: str, pos: int) -> int:
    """How clearly a name can end at `pos`: 2 at punctuation, the end of the text
    or a follower word of two or more characters (主持, 陪同); 1 at a one-character
    follower (到, 和, 等), which could as well be the name's last character; 0 else."""
    m = follower_re().match(text, pos)
    if not m:
        return 0
    word = m.group(0)
    if not word or not ("\u3400" <= word[0] <= "\u9fff") or len(word) >= 2:
        return 2
    return 1


def _name_after(text: str, p: int, lex: Lexicon, known: set[str]) -> str | None:
    """The personal name that starts at `p` right after a title, or None.

    - a follower word here means no name (柏市长强调: 强调 is the verb);
    - known names win; ·-joined minority names end at a follower word;
    - a surname plus one or two characters that ends where a follower word or
      punctuation begins, the longer first (郭新和,), unless only the shorter one
      ends at a whole word (赵云陪同, 黄强主持);
    - when the surname name ends only at an ambiguous one-character word (巴图孟|和
      出席), a longer name ending clearly (巴图孟和|出席) is taken if the statistical
      recogniser agrees;
    - without a surname (俄木尔古, 其木格): up to six characters ending at
      punctuation, or at a follower word if the recogniser agrees."""
    rest = text[p : p + 12]
    if not rest or not ("\u3400" <= rest[0] <= "\u9fff"):
        return None
    if _end_strength(text, p) == 2 and follower_re().match(text, p).group(0):
        return None
    for name in known:
        if rest.startswith(name) and _end_strength(text, p + len(name)):
            return name
    dot = re.match(rf"[{HAN}]{{1,8}}(?:·[{HAN}]{{1,8}}){{1,3}}", rest)
    if dot:
        # the last part ends where a follower word begins (吉克·阿依出席 → 吉克·阿依)
        last_dot = dot.group(0).rfind("·")
        for end in range(last_dot + 2, dot.end() + 1):
            if follower_re().match(text, p + end):
                return rest[:end]
        return dot.group(0)

    def ok(cand: str) -> bool:
        return all("\u3400" <= c <= "\u9fff" for c in cand) and not any(c in NOT_IN_NAME for c in cand)

    def confirmed(cand: str) -> bool:
        return lac_says_person(text[max(0, p - 8) : p + len(cand) + 8], cand)

    longs = [rest[:n] for n in range(4, 7)
             if len(rest) >= n and ok(rest[:n]) and _end_strength(text, p + n) == 2]
    slen = lex.is_surname_start(rest)
    std: list[tuple[str, int]] = []
    if slen:
        for given in (2, 1):
            n = slen + given
            cand = rest[:n]
            if len(cand) == n and ok(cand[slen:]) and ok(cand):
                strength = _end_strength(text, p + n)
                if strength:
                    std.append((cand, strength))
    if std:
        strong = [c for c, st in std if st == 2]
        if (len(std) == 2 and std[0][1] == 2 and std[1][1] == 1
                and std[0][0][-1] in PARTICLE_ENDS):
            return std[1][0]  # 李华|在讲话中: 在 starts the phrase, it does not end the name
        if strong:
            return strong[0]
        if text[p + len(std[0][0]) : p + len(std[0][0]) + 1] in PARTICLE_ENDS:
            return std[0][0]  # 路云|到开发区: a particle, no longer name to look for
        for cand in longs:
            if _transliterated(cand) or confirmed(cand):
                return cand
        return std[0][0]
    for n in range(2, 7):
        cand = rest[:n]
        # transliterations use characters Han names avoid (日者, 时), so only
        # function words rule a candidate out here
        if len(cand) < n or not all("\u3400" <= c <= "\u9fff" and c not in "的了是着过们这那个"
                                    for c in cand):
            break
        strength = _end_strength(text, p + n)
        if strength == 2:
            return cand if _transliterated(cand) or confirmed(cand) else None
        if strength == 1 and n >= 3 and _transliterated(cand):
            return cand  # 阿尔木呷|对…: a transliterated name before a one-character word
    return None


@lru_cache(maxsize=1)
def _translit_chars() -> frozenset[str]:
    chars: set[str] = set()
    for line in _lines("translit_chars.txt"):
        chars.update(line.split())
    return frozenset(chars)


def _transliterated(cand: str) -> bool:
    """Whether a surname-less name reads as a transliterated minority name: all
    but at most one of its characters come from data/translit_chars.txt."""
    chars = _translit_chars()
    return len(cand) >= 2 and sum(c not in chars for c in cand) <= (1 if len(cand) >= 4 else 0)


def lac_says_person(window: str, name: str) -> bool:
    """Whether the statistical recogniser tags `name` as a person in `window`."""
    from ingest import ner

    return ner.is_person(window, name)


def _plausible_name(s: str, lex: Lexicon) -> bool:
    if "·" in s:
        return 3 <= len(s) <= 20 and all(part for part in s.split("·"))
    slen = lex.is_surname_start(s)
    return bool(slen) and slen + 1 <= len(s) <= slen + 2 and not any(c in NOT_IN_NAME for c in s[slen:]) \
        and all("\u3400" <= c <= "\u9fff" for c in s)


def _common_word(cand: str) -> bool:
    """Whether jieba's dictionary knows `cand` as one ordinary word (党组织, 安全)
    rather than a name (nr*) or a place (ns): such a word before a role is the
    role's body, not a person."""
    import rjieba

    tags = rjieba.tag(cand)
    return len(tags) == 1 and not tags[0][1].startswith(("nr", "ns"))


def _credit_name(token: str) -> bool:
    """A whole token in a byline or credit slot (space-separated, 2-6 characters)
    is a name even without a listed surname (次仁多吉, 德吉)."""
    return 2 <= len(token) <= 6 and all("\u3400" <= c <= "\u9fff" or c == "·" for c in token) \
        and not any(c in NOT_IN_NAME for c in token)


@lru_cache(maxsize=1)
def _stack_re() -> re.Pattern[str]:
    lex = load()
    unit = lex.title_unit.pattern
    return re.compile(rf"(?:{unit})(?:[、兼]?(?:{unit}))*")


def find_titled_persons(text: str, lex: Lexicon | None = None,
                        places: list[tuple[int, int]] | None = None) -> list[PersonMention]:
    """Titles before names (stacked with 、, shared over a list of names), after
    names (X副省长) and around them (区委X副书记). `places` (gazetteer spans) let a
    title start with a written-out place (某某市副市长, 某某区委书记)."""
    lex = lex or load()
    place_end = {e: s for s, e in (places or [])}
    found: list[PersonMention] = []
    known: set[str] = set()
    taken: list[tuple[int, int]] = []

    def overlaps(s: int, e: int) -> bool:
        return any(s < te and ts < e for ts, te in taken)

    # Title(s) before the name.
    for m in _stack_re().finditer(text):
        s0 = _enterprise_start(text, _place_start(text, m.start(), place_end))
        stack = text[s0 : m.end()]
        p = m.end()
        while p < len(text) and text[p] == " " and p - m.end() < 3:
            p += 1  # a speech heading: 区委副书记、区长  某某
        name = _name_after(text, p, lex, known)
        if not name:
            continue
        titles = split_titles(stack, lex)
        if not titles:
            continue
        found.append(PersonMention(s0, p + len(name), name, p, titles))
        known.add(name)
        taken.append((s0, p + len(name)))
        # the same title over a list of names: 副镇长甲、乙
        q = p + len(name)
        while q < len(text) and text[q] in "、及和":
            nxt = _name_after(text, q + 1, lex, known)
            title_next = _stack_re().match(text, q + 1)
            if not nxt or (title_next and title_next.end() >= q + 1 + len(nxt)):
                break  # 、 leads to another title, not to a second name
            found.append(PersonMention(q + 1, q + 1 + len(nxt), nxt, q + 1, list(titles), "list"))
            known.add(nxt)
            taken.append((q + 1, q + 1 + len(nxt)))
            q = q + 1 + len(nxt)

    # A title in brackets after the name: 张某(县委书记)
    for m in re.finditer(rf"([{HAN}]{{2,4}})[(（]([^()（）]{{2,30}})[)）]", text):
        cand, inside = m.group(1), m.group(2)
        if overlaps(m.start(), m.end()):
            continue
        for n in (3, 2, 4):
            name = cand[-n:]
            if len(name) == n and _plausible_name(name, lex) and _stack_re().fullmatch(inside):
                start = m.start(1) + len(cand) - n
                found.append(PersonMention(start, m.end(), name, start, split_titles(inside, lex),
                                           "titled"))
                known.add(name)
                taken.append((start, m.end()))
                break

    # Title after the name (余某副县长, 张某总书记) or around it (区委李某副书记).
    for m in lex.title_unit.finditer(text):
        u0 = m.start()
        if overlaps(u0, m.end()):
            continue
        unit = m.group(0)
        if unit.endswith("委员") and text.startswith("会", m.end()):
            continue  # 委员会 is a body, not a post
        # only role-initial units (副县长, 总书记) or place-less ones can follow a name
        for n in (3, 2, 4, 5, 6):
            s = u0 - n
            if s < 0:
                continue
            cand = text[s:u0]
            if overlaps(s, u0):
                continue
            if _common_word(cand):
                continue  # 党组织书记: a word of the language, not a name, before the role
            if not _plausible_name(cand, lex):
                # a transliterated name framed by a body and a role (县委某某某某副书记)
                if not (n >= 3 and _transliterated(cand) and _body_ending_at(text, s, lex)):
                    continue
            before = text[s - 1] if s > 0 else "\n"
            body_m = None
            if before not in NAME_LEFT_BOUNDARY and text[max(0, s - 2) : s] not in LEFT_WORDS:
                body_m = _body_ending_at(text, s, lex)
                if not body_m:
                    continue
            title_text = (body_m[2] if body_m else "") + unit
            start = body_m[0] if body_m else s
            titles = split_titles(title_text, lex) or [TitleText(title_text, "", unit)]
            found.append(PersonMention(start, m.end(), cand, s, titles, "titled"))
            known.add(cand)
            taken.append((start, m.end()))
            break
    return found


ENTERPRISE_END = re.compile(r"(?:有限责任公司|股份有限公司|有限公司|分公司|公司|集团|煤矿|化工厂|厂|矿)$")


def _enterprise_start(text: str, s: int) -> int:
    """An enterprise's name written before its post (某某化工有限公司总经理): the
    title starts at the name, which runs back to the last punctuation or
    function word."""
    head = text[max(0, s - 24) : s]
    if not ENTERPRISE_END.search(head):
        return s
    m = re.search(rf"[{HAN}\d()()]+$", head)
    if not m:
        return s
    name = re.split(r"[的了在是由对向从将把]", m.group(0))[-1]
    return s - len(name) if len(name) >= 4 else s


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


def find_listed_persons(text: str, lex: Lexicon, known: set[str]) -> list[PersonMention]:
    """Lists of untitled names followed by an attendance verb (领导甲、乙及丙出席)."""
    out: list[PersonMention] = []
    name = rf"[{HAN}]{{2,4}}"
    pat = re.compile(rf"([{HAN}]{{2,8}}(?:[、，,]{name})+(?:[及和与]{name})?)(?=等?(?:出席|参加|列席|陪同|到会|一同))")
    for m in pat.finditer(text):
        seg_start, seg = m.start(1), m.group(1)
        parts = [(x.start(), x.group(0)) for x in re.finditer(r"[^、，,及和与]+", seg)]
        fixed: list[tuple[int, str]] = []
        for k, (off, item) in enumerate(parts):
            cand, cs = item, off
            if k == 0 and not (_plausible_name(cand, lex) or cand in known):
                for n in (3, 2):
                    if _plausible_name(item[-n:], lex):
                        cand, cs = item[-n:], off + len(item) - n
                        break
            fixed.append((seg_start + cs, cand))
        if len(fixed) < 2 or not all(_plausible_name(c, lex) or c in known for _, c in fixed):
            continue
        for start, cand in fixed:
            out.append(PersonMention(start, start + len(cand), cand, start, [], "list"))
    return out


def find_credits(text: str, lex: Lexicon) -> list[PersonMention]:
    """Bylines (记者甲 乙 → title 记者) and credit labels with a colon (编辑:甲 → no title).

    The names after a label run to the next label, bracket or line end."""
    out: list[PersonMention] = []
    label_alt = _alternation(CREDIT_LABELS + BYLINE_ROLES)
    labels = list(re.finditer(rf"({label_alt})\s*([:：])?", text))
    for k, m in enumerate(labels):
        label, colon = m.group(1), m.group(2)
        if label in BYLINE_ROLES:
            titles = [] if colon else [TitleText(label, "", label)]
        elif colon:
            titles = []
        else:
            continue
        stop = labels[k + 1].start() if k + 1 < len(labels) else len(text)
        region_m = re.match(rf"[ 　]*((?:[{HAN}·]+[ 　、]*)+)", text[m.end() : stop])
        if not region_m:
            continue
        pos = m.end() + region_m.start(1)
        for token in re.split(r"[ 　、]+", region_m.group(1)):
            if not token:
                continue
            start = text.index(token, pos)
            pos = start + len(token)
            cand = token
            if not _plausible_name(cand, lex) and not _credit_name(cand):
                # a byline that runs into the text (记者甲报道): keep a plausible prefix
                for n in (3, 2):
                    if _plausible_name(token[:n], lex) and follower_re().match(text, start + n):
                        cand = token[:n]
                        break
                else:
                    break
            out.append(PersonMention(start, start + len(cand), cand, start, list(titles),
                                     "byline" if titles else "credit"))
            if cand != token:
                break
    return out


def find_later_mentions(text: str, persons: dict[str, list[TitleText]],
                        taken: list[tuple[int, int]], lex: Lexicon) -> list[PersonMention]:
    """Bare names, truncated names (崔向强调 after 崔向松) and surname + role (黄市长)
    of persons already introduced. Nothing here creates a new person."""
    out: list[PersonMention] = []

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    for name in persons:
        start = text.find(name)
        while start != -1:
            end = start + len(name)
            if free(start, end):
                out.append(PersonMention(start, end, name, start, [], "bare"))
                taken.append((start, end))
            start = text.find(name, end)
    fol = follower_re()
    verb_re = lex.verb_re
    # truncated: the name less its last character, followed by an action verb
    by_prefix: dict[str, list[str]] = {}
    for name in persons:
        if len(name) >= 3 and "·" not in name:
            by_prefix.setdefault(name[:-1], []).append(name)
    for prefix, names in by_prefix.items():
        if len(names) != 1 or prefix in persons:
            continue
        start = text.find(prefix)
        while start != -1:
            end = start + len(prefix)
            if free(start, end) and verb_re.match(text, end) and (
                start == 0 or text[start - 1] in NAME_LEFT_BOUNDARY
            ):
                out.append(PersonMention(start, end, names[0], start, [], "truncated", prefix))
                taken.append((start, end))
            start = text.find(prefix, end)
    # surname + role: 黄市长
    for name, titles in persons.items():
        slen = lex.is_surname_start(name)
        surname = name[:slen]
        for t in titles:
            alias = surname + t.role
            if len(alias) < 2 or alias == name:
                continue
            same = [n for n, ts in persons.items() if n.startswith(surname) and any(x.role == t.role for x in ts)]
            if len(same) != 1:
                continue
            start = text.find(alias)
            while start != -1:
                end = start + len(alias)
                if free(start, end) and fol.match(text, end):
                    out.append(PersonMention(start, end, name, start, [], "surname_title", alias))
                    taken.append((start, end))
                start = text.find(alias, end)
    return out


# --- bodies, documents, principles ------------------------------------------------------------

STRONG_BODIES = ("管委会", "消防大队", "消防救援大队", "消防救援支队", "安委会", "安委办", "应急管理局",
                 "应急局", "安监局", "国务院", "党中央", "中共中央", "全国人大", "国务院安委会",
                 "应急管理部", "安全生产委员会")
NATIONAL_BODIES = ("国务院安委会", "国务院", "党中央", "中共中央", "全国人大常委会", "全国人大", "全国政协",
                   "应急管理部", "国家矿山安全监察局")


@lru_cache(maxsize=1)
def _org_re() -> re.Pattern[str]:
    lex = load()
    level = r"(?:自治区|自治州|自治县|开发区|高新区|省|市|区|县|州|旗|盟|镇|乡|街道)"
    body = _alternation(lex.body_kinds)
    return re.compile(rf"(?:{_alternation(NATIONAL_BODIES)})|(?:{GENERIC_INSTITUTION}(?:{body})*)|"
                      rf"(?:{level}?(?:{body})+)")


WEAK_BODIES = {"委", "政府", "人民政府", "党委", "办公室", "秘书处", "组织", "宣传", "统战", "人大", "党组",
               "工委", "办事处", "管理处", "纪委", "监委", "政协", "人大常委会"}


def find_organizations(text: str, excluded: list[tuple[int, int]], lex: Lexicon,
                       places: list[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    """Bodies named as actors, participants or targets outside a person's title.

    A body is a level word and body words (区纪委, 县政府安委会), a national body
    (国务院, 党中央), or a gazetteer place followed by body words (某某市安全生产
    委员会). Weak body words alone (政府, 办公室) need a level or place before them."""
    out: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    place_end = {e: s for s, e in (places or [])}
    for m in _org_re().finditer(text):
        s, e = m.start(), m.end()
        # a place written before the body: the match starts where a place ends,
        # or its level character is the place's last character (某市 + 安委会)
        placed = False
        moved = _place_start(text, s, place_end)
        if moved != s:
            s, placed = moved, True
        name = text[s:e]
        if not placed and s > 0 and re.match(GENERIC_BODY, name) and text[s - 1] not in NAME_LEFT_BOUNDARY \
                and text[s - 1] not in "、和及与":
            continue  # 某某镇液化气站: the level character ends an unknown place name
        if any(s < xe and xs < e for xs, xe in excluded):
            continue
        if lex.role_re.match(text, e) or re.match(r"[)）]", text[e : e + 1]) and lex.role_re.match(text, e + 1):
            continue  # a title without a name, not a body named as actor
        if re.match(r"(?:各?成员单位|成员|门|[\u4e00-\u9fff]{0,4}工作会议|全体会议|领导)", text[e : e + 8]):
            continue  # 安委会成员单位 (a class of units), 应急管理部门 (a kind of department)
        if text.rfind("《", 0, s) > text.rfind("》", 0, s):
            continue  # inside a document title
        if s > 0 and text[s - 1] in "全各本我省市区县州旗盟乡镇":
            continue  # 全区, 各市州政府, 乡镇办事处: a class of bodies, not one body
        core = "" if placed else name
        for lvl in ("自治区", "自治州", "自治县", "开发区", "高新区", "省", "市", "区", "县", "州", "旗", "盟",
                    "镇", "乡", "街道"):
            if core.startswith(lvl):
                core = ""
                break
        if core and core not in STRONG_BODIES and core not in NATIONAL_BODIES:
            continue  # without a level or place only distinctive bodies stand alone
        if name not in seen:
            seen.add(name)
            out.append((s, e, name))
    # enterprises named as actors or targets (在某某化工有限公司, 与某某集团)
    for m in ENTERPRISE_RE.finditer(text):
        s, e, name = m.start(1), m.end(1), m.group(1)
        if name not in seen and not any(s < xe and xs < e for xs, xe in excluded) \
                and not re.search(r"[的了在是对向从将把某等]|有关|相关|各|重点|辖区|全区|全县|全市", name):
            seen.add(name)
            out.append((s, e, name))
    out.sort()
    return out


#: An enterprise's full name after a boundary: 4-16 characters ending in a
#: company form. Generic phrases (有关企业, 重点企业) are not names.
ENTERPRISE_RE = re.compile(
    rf"(?<=[\s,，、。；;:：和与及在到赴(（“])((?![和与及在到赴])[{HAN}A-Za-z0-9]{{2,14}}?"
    r"(?:有限责任公司|股份有限公司|有限公司|分公司|公司|集团))")


DOC_KINDS = ("通报", "决定", "通知", "意见", "方案", "实施方案", "工作方案", "办法", "规定", "报告", "批复",
             "纪要", "细则", "规划", "计划", "条例", "法", "名单", "责任清单", "清单", "预案", "公告")


@lru_cache(maxsize=1)
def _unbracketed_doc_re() -> re.Pattern[str]:
    kinds = _alternation(DOC_KINDS)
    return re.compile(
        rf"(?:宣读|印发|学习|传达|下发|出台|制定|发布|审议|通过)了?"
        rf"(关于[^,，。;；:：《》“”\n]{{2,70}}?的(?:{kinds})|"
        rf"\d{{4}}年度?[^,，。;；:：《》“”\n的]{{2,30}}?(?:{kinds}))"
    )


def find_documents(text: str) -> list[tuple[int, int, str]]:
    """Titles in 《》 and 关于…的通报/决定 after 宣读, 印发, 学习 (without brackets)."""
    out: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for m in BRACKETED.finditer(text):
        title = m.group(0)[1:-1].strip()
        if re.search(r"(?:日报|晚报|时报|杂志|报)$", title) and len(title) <= 8:
            continue
        if title and title not in seen:
            seen.add(title)
            out.append((m.start() + 1, m.end() - 1, title))
    for m in _unbracketed_doc_re().finditer(text):
        title = m.group(1)
        if title not in seen:
            seen.add(title)
            out.append((m.start(1), m.end(1), title))
    out.sort()
    return out


def find_principles(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    seen: set[str] = set()
    out = []
    for m in lex.principle_re.finditer(text):
        if m.group(0) not in seen:
            seen.add(m.group(0))
            out.append((m.start(), m.end(), m.group(0)))
    return out


# --- events ----------------------------------------------------------------------------------


@dataclass
class Fact:
    s: str
    p: str
    o: str | None = None
    with_: list[str] = field(default_factory=list)
    on_behalf_of: str | None = None
    s_kind: str = "person"
    sentence: tuple[int, int] = (0, 0)


def _is_national(titles: Iterable[TitleText]) -> bool:
    return any(t.role in NATIONAL_ROLES or t.text in NATIONAL_ROLES for t in titles)


def _gap_ok(gap: str, pred: str, before_verb: str) -> bool:
    if any(x in gap for x in ("。", "；", ";")):
        return False
    if CLAUSE_PUNCT.search(gap):
        # long coordination: 甲从…,…,并提出六点意见
        return before_verb == "并" and len(gap) <= 200 and pred == "spoke"
    return len(gap) <= 45


def find_facts(text: str, mentions: list[PersonMention], person_titles: dict[str, list[TitleText]],
               documents: list[tuple[int, int, str]], lex: Lexicon) -> list[Fact]:
    """Who chaired, spoke, attended, read out, signed and inspected, sentence by sentence."""
    facts: list[Fact] = []
    masked = BRACKETED.sub(lambda m: "《" + "□" * (len(m.group(0)) - 2) + "》", text)
    by_start = sorted(mentions, key=lambda m: m.start)
    last_inspector: str | None = None
    facts.extend(_speech_heading(text, by_start))
    facts.extend(_attendance_headings(text, by_start))
    for s0, e0 in sentences(text):
        sent = masked[s0:e0]
        ments = [m for m in by_start if s0 <= m.name_start and m.end <= e0]
        watched = any(w in sent for w in WATCHED_MARKERS)
        for vm in lex.verb_re.finditer(sent):
            verb = vm.group(0)
            pred = lex.verbs[verb]
            vs = s0 + vm.start()
            before_verb = text[vs - 1] if vs > 0 else ""
            if before_verb == "的" and pred != "attended":
                continue  # a noun: 的要求, 的部署, 的通报
            if re.match(r"(?:组|员|人员|队|小组|工作组)", text[s0 + vm.end() : s0 + vm.end() + 3]):
                continue  # a noun: 检查组, 督导组, 调研员
            if pred == "signed_letter":
                facts.extend(_signing(text, s0, e0, vs, vm.end() + s0, ments, lex))
                continue
            prior = [m for m in ments if m.end <= vs]
            if pred == "inspected" and prior:
                # 甲在乙、丙陪同下,来到A检查: the one accompanied leads the inspection
                escort = re.search(r"在[^。；;]*?陪同下[,，]?", text[s0:vs])
                leader = next((m for m in prior if m.end == s0 + escort.start()), None) if escort else None
                if leader is not None:
                    prior = [leader]
                    vs_gap_start = s0 + escort.end()
                    last_inspector = leader.name
                    for site in _sites(text, s0, vs_gap_start, vs, vm.end() + s0, e0):
                        facts.append(Fact(leader.name, "inspected", site, sentence=(s0, e0)))
                    continue
            if not prior and pred == "inspected" and last_inspector and re.match(
                    r"\s*(?:检查组|督导组|调研组|督查组|工作组|一行)", sent):
                # 检查组先后来到A、B: the group the last inspecting leader led
                gap = text[s0:vs]
                if _inspection_continues(gap) or _gap_ok(gap, pred, before_verb):
                    for site in _sites(text, s0, s0, vs, vm.end() + s0, e0):
                        facts.append(Fact(last_inspector, "inspected", site, sentence=(s0, e0)))
                continue
            if not prior:
                continue
            subj = prior[-1]
            gap = text[subj.end : vs]
            if any(m.start >= subj.end and m.end <= vs for m in ments if m is not subj):
                continue
            if not _gap_ok(gap, pred, before_verb) and not (
                pred == "inspected" and _inspection_continues(gap)
            ) and not (pred == "attended" and HEADS_OF_BODIES.fullmatch(gap)):
                continue
            if any(q in gap for q in QUOTED_MARKERS) and pred in ("spoke", "attended", "chaired"):
                continue
            if pred == "inspected" and re.search(r"陪同|随同|参加|跟随", gap):
                continue  # those who accompanied attended; the leader inspected
            titles = person_titles.get(subj.name, [])
            if _is_national(titles) and pred in ("spoke", "attended", "chaired"):
                continue
            if pred == "spoke" and (watched or "会议精神" in gap):
                continue
            if pred == "attended":
                group = _attendee_chain(text, prior)
                for m in group:
                    if not _is_national(person_titles.get(m.name, [])):
                        facts.append(Fact(m.name, "attended", sentence=(s0, e0)))
                continue
            if pred == "spoke" and re.match(r"(?:分别|依次|先后|也)", gap):
                for m in _attendee_chain(text, prior):
                    facts.append(Fact(m.name, "spoke", sentence=(s0, e0)))
                continue
            if pred == "read_out":
                for ds, _de, title in documents:
                    if vs < ds <= _clause_end(text, vm.end() + s0, e0, docs=True):
                        facts.append(Fact(subj.name, "read_out", title, sentence=(s0, e0)))
                continue
            if pred == "inspected":
                last_inspector = subj.name
                # 甲、乙等领导先后到…: each leader of the list inspected
                leaders = _attendee_chain(text, prior) if re.match(r"等|一行", gap) else [subj]
                for site in _sites(text, s0, subj.end, vs, vm.end() + s0, e0):
                    for leader in leaders:
                        facts.append(Fact(leader.name, "inspected", site, sentence=(s0, e0)))
                continue
            facts.append(Fact(subj.name, pred, sentence=(s0, e0)))
    # one fact per (s, p, o)
    seen: set[tuple] = set()
    unique: list[Fact] = []
    for f in facts:
        k = (f.s, f.p, f.o)
        if k not in seen:
            seen.add(k)
            unique.append(f)
    return unique


#: 甲,某局、某局负责人陪同检查: the heads of bodies listed after the last named person
HEADS_OF_BODIES = re.compile(r"[,，、][^。；;,，]{2,60}?(?:主要负责人|负责人|负责同志|有关人员|相关人员|工作人员)等?")


MOVE = r"(?:先后|分别|一同)?(?:来到|深入到|深入|走进|前往|赴|到)"


def _inspection_continues(gap: str) -> bool:
    """甲一行先后来到A、B,详细查看… / 甲带领…,深入A和B开展…检查: a clause with a
    movement verb names the sites; only short adverbial clauses may follow it."""
    if re.search(r"[。；;]", gap):
        return False
    parts = CLAUSE_PUNCT.split(gap)
    for i, part in enumerate(parts):
        if re.search(MOVE, part) and all(len(x) <= 4 or TOUR_CLAUSE.match(x) for x in parts[i + 1 :]):
            return True
    return False


#: Clauses that continue a tour between the movement and the inspection verb.
TOUR_CLAUSE = re.compile(r"(?:听取|查看|察看|了解|详细|认真|实地|深入|走进|仔细|逐一|现场)")

WATCHED_MEETING = re.compile(r"(?:收看|收听|观看)")
WATCHED_VENUE = re.compile(r"分会场|视频会议|电视电话会议|视频")


def drop_watched_speakers(facts: list[Fact], person_titles: dict[str, list[TitleText]],
                          chain: list[str]) -> list[Fact]:
    """A notice whose meeting only watched a higher-level televised meeting
    (在分会场收看) does not make that meeting's speakers speakers or attendees of
    its own: drop spoke/attended/chaired of persons whose titles belong to a level
    above the notice's jurisdiction (地委 and 行署 over a county, 省 over a city)."""
    if len(chain) < 2:
        return facts
    own = chain[-1][-1]
    higher: set[str] = set()
    for name in chain[:-1]:
        for suffix, prefix in (("地区", "地"), ("行政公署", "行署"), ("省", "省"), ("市", "市"),
                               ("州", "州"), ("盟", "盟")):
            if name.endswith(suffix) and prefix != own:
                higher.add(prefix)
    if not higher:
        return facts
    if "地" in higher:
        higher.add("行署")  # a prefecture (地区) is governed by its 行政公署

    def above(name: str) -> bool:
        titles = person_titles.get(name, [])
        return bool(titles) and all(t.body.startswith(tuple(higher)) for t in titles)

    return [f for f in facts if f.p not in ("spoke", "attended", "chaired") or not above(f.s)]


ATTENDANCE_HEADING = re.compile(r"(?:^|\n)\s*(?:出席|列席|参加|参会)(?:会议)?(?:人员|领导|同志)?[:：]")


#: 出席会议的还有甲、乙: the attendance verb before the names
ATTENDANCE_BEFORE = re.compile(r"(?:出席|参加|列席)(?:会议|活动|仪式)?的(?:领导|人员|同志)?(?:还)?有[:：]?")


def _attendance_headings(text: str, mentions: list[PersonMention]) -> list[Fact]:
    """出席: 甲, 乙… / 列席人员: 丙 / 出席会议的还有丁: everyone named on such a line
    (or in the rest of such a sentence) attended."""
    out = []
    heads = [(m, "\n") for m in ATTENDANCE_HEADING.finditer(text)]
    heads += [(m, "。") for m in ATTENDANCE_BEFORE.finditer(text)]
    for m, stop in heads:
        end = text.find(stop, m.end())
        end = len(text) if end == -1 else end
        for p in mentions:
            if m.end() <= p.name_start < end:
                out.append(Fact(p.name, "attended", sentence=(m.start(), end)))
    return out


def _speech_heading(text: str, mentions: list[PersonMention]) -> list[Fact]:
    """A speech (同志们:…) headed by a line that is only the speaker's title and
    name: the speaker spoke."""
    if "同志们" not in text:
        return []
    out = []
    for m in mentions:
        if not m.titles or m.start > 300:
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = text.find("\n", m.end)
        line_end = len(text) if line_end == -1 else line_end
        if text[line_start:m.start].strip() == "" and text[m.end:line_end].strip() == "":
            out.append(Fact(m.name, "spoke", sentence=(line_start, line_end)))
    return out


def _attendee_chain(text: str, prior: list[PersonMention]) -> list[PersonMention]:
    """The nearest person before an attendance verb and those listed with them."""
    chain = [prior[-1]]
    for m in reversed(prior[:-1]):
        gap = text[m.end : chain[-1].start]
        if re.fullmatch(r"[,，、及和与\s]*", gap):
            chain.append(m)
        else:
            break
    return list(reversed(chain))


def _clause_end(text: str, pos: int, limit: int, docs: bool = False) -> int:
    """End of the clause starting at pos; 《A》、《B》 lists continue it."""
    i = pos
    while i < limit:
        c = text[i]
        if c in "《":
            j = text.find("》", i)
            i = j + 1 if j != -1 else limit
            continue
        if c in ",，;；:：。":
            if docs and text[i + 1 : i + 2] == "《":
                i += 1
                continue
            return i
        i += 1
    return limit


SITE_SUFFIX = re.compile(
    r"(?:公司|集团|工地|现场|站|厂|矿|煤矿|市场|园区?|开发区|新区|区|县|市|镇|乡|村|街道|社区|"
    r"学校|医院|商场|超市|中心|码头|港|隧道|工程|项目|基地|仓库|景区|酒店|宾馆|车间|库区|油库|场所|门店)$")
SITE_TAIL = re.compile(r"(?:的)?(?:安全生产|安全|消防安全|防汛|安全稳定)?(?:工作|情况)?$")


def split_list(raw: str) -> list[str]:
    """甲、乙和丙 → [甲, 乙, 丙]. 和/及/与 split only where both sides are long
    enough to be items on their own (天和化工公司 stays whole)."""
    items: list[str] = []
    for part in (x for x in re.split(r"[、，,]", raw) if x):
        m = None
        for m2 in re.finditer(r"[和及与]", part):
            if m2.start() >= 2 and len(part) - m2.end() >= 2:
                m = m2
        if m:
            items.extend([part[: m.start()], part[m.end() :]])
        else:
            items.append(part)
    return [x.strip() for x in items if x.strip()]


def _sites(text: str, s0: int, subj_end: int, vs: int, ve: int, e0: int) -> list[str]:
    """Inspected sites: 到/赴/深入 SITE 检查…, or 检查/指导 SITE (安全生产)工作."""
    gap = text[subj_end:vs]
    if CLAUSE_PUNCT.search(gap):
        # the first movement names the sites (来到A和B); later ones go inside them
        moving = [x for x in CLAUSE_PUNCT.split(gap) if re.search(MOVE, x)]
        gap = moving[0] if moving else ""
    m = re.search(MOVE + r"(.+?)(?:(?:开展|进行)[^,，]*|实地)?$", gap)
    # 对A、B进行了安全检查: the object of 对 before 进行/开展
    obj = None if m else re.search(r"对(?:辖区内?的?)?(.+?)(?:进行|开展)[^,，]*$", gap)
    sites: list[str] = []
    if m:
        raw = re.sub(r"(?:实地|一线)$", "", m.group(1))
        sites = split_list(raw)
    elif obj:
        sites = split_list(obj.group(1))
    else:
        after = text[ve:_clause_end(text, ve, e0)]
        after = SITE_TAIL.sub("", after)
        if 2 <= len(after) <= 20 and not re.match(r"(?:工作|全区|全县|全市|各|指导|和|并)", after):
            # without a movement verb (到, 深入) the object must look like a site or
            # unit (检查春节前安全生产工作 names a period, not a site)
            sites = [x for x in split_list(after) if SITE_SUFFIX.search(x)]
    out = []
    for site in sites:
        site = site.strip()
        site = re.sub(r"^(?:就[^到]*?)", "", site)
        if len(site) >= 2 and not re.fullmatch(r"(?:安全生产|工作|全区|全县|全市|一线|基层)", site):
            out.append(site)
    return out


def _signing(text: str, s0: int, e0: int, vs: int, ve: int, ments: list[PersonMention],
             lex: Lexicon) -> list[Fact]:
    """签订/颁发 … 责任书: signer, letter, counterparties, on behalf of."""
    clause_end = _clause_end(text, ve, e0)
    after = text[ve:clause_end]
    lm = LETTER.search(after)
    if not lm or lm.start() > 12:
        return []
    letter = re.sub(r"^(?:了|过|好|的)", "", lm.group(0))
    # clause start: the last clause punctuation before the verb
    cs = max([s0] + [s0 + m.end() for m in CLAUSE_PUNCT.finditer(text[s0:vs])])
    prior = [m for m in ments if m.end <= vs]
    head = text[cs:vs]
    with_: list[str] = []
    wm = re.search(r"(?:与|同|和|向|给)([^与同和向给]+?)(?:分别|共同|一起|逐一|一一)?$", head)
    if wm:
        with_ = [re.sub(r"(?:的)?(?:主要负责人|负责人|负责同志)$", "", x) or x
                 for x in split_list(wm.group(1))]
        head_wo = head[: wm.start()]
    else:
        head_wo = head
    obo = None
    om = re.search(r"代表([^,，、分与向]+?)(?:分别|共同)?(?=与|向|同|$|分别)", head_wo)
    if om:
        obo = om.group(1)
    # the signer: a person whose mention precedes the verb in this clause or the sentence
    subj = None
    for m in reversed(prior):
        gap = text[m.end:vs]
        if "。" in gap or ";" in gap or "；" in gap:
            break
        if not CLAUSE_PUNCT.search(text[m.end:cs]) or m.end >= cs or _only_coord(text[m.end:vs]):
            subj = m
            break
    if subj is not None and (subj.end >= cs or _only_coord(text[subj.end:vs])):
        # 甲、乙分别与…签订: each signer of the list
        signers = (_attendee_chain(text, [m for m in prior if m.end <= subj.end])
                   if re.match(r"分别|共同|一起", text[subj.end:vs]) else [subj])
        return [Fact(m.name, "signed_letter", letter, with_, obo, "person", (s0, e0))
                for m in signers]
    if prior and obo is None:
        om2 = re.fullmatch(r"代表([^,，。；;]+?)[,，]", text[prior[-1].end : cs])
        if om2:  # 甲代表区人民政府,与…签订
            return [Fact(prior[-1].name, "signed_letter", letter, with_, om2.group(1), "person",
                         (s0, e0))]
    if prior and re.match(r"(?:并且|并|同时|随后|还|又|也|后)", head):
        # a coordinated clause (甲宣读…,并代表县政府与…签订) keeps the sentence's subject
        return [Fact(prior[-1].name, "signed_letter", letter, with_, obo, "person", (s0, e0))]
    # no person: the body or group at the start of the clause (各市州签订了…)
    body = re.sub(r"(?:分别|共同|均|都|也|还|一起|现场|当场|会上)+$", "", head_wo).strip()
    body = re.sub(r"^(?:会上|会议上|会后|随后|最后|同时|此外|会议期间)", "", body)
    if 2 <= len(body) <= 16 and not re.search(r"[的了是在]|召开|举行|会议|开展|工作", body) \
            and not re.match(r"并|代表|同时|还", body):
        return [Fact(body, "signed_letter", letter, with_, obo, "organization", (s0, e0))]
    return []


def _only_coord(gap: str) -> bool:
    """Text between a signer and the verb that belongs to the signing clause
    (代表市政府分别与镇街、成员单位代表; 对…进行安排部署并向…)."""
    if re.search(r"[。；;]", gap):
        return False
    return not CLAUSE_PUNCT.search(gap) and len(gap) <= 60


# --- dates -----------------------------------------------------------------------------------

MONTH_DAY = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")


EVENT_WORDS = re.compile(r"召开|举行|召集|主持|检查|调研|督导|签订|出席|会议|座谈|开展|来到|深入")


def event_date(text: str, published: str | None) -> str | None:
    """The reported event's date: a 3月21日-style date in an opening sentence that
    reports an event (召开, 检查…), its year from the publication date (the
    previous year when the month is later than the publication month). Dates
    further down are usually quoted events (another meeting, an accident)."""
    for s0, e0 in sentences(text[:800])[:6]:
        sent = text[s0:e0]
        m = MONTH_DAY.search(sent)
        if not m or not EVENT_WORDS.search(sent):
            continue
        year_s, month_s, day_s = m.groups()
        month, day = int(month_s), int(day_s)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        if year_s:
            year = int(year_s)
        elif published:
            py, pm = int(published[:4]), int(published[5:7])
            year = py if month <= pm else py - 1
        else:
            return None
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None

