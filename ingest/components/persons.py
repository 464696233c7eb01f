"""Persons: names announced by post titles (before, after or around the
name), bylines and credits, untitled lists of names, the statistical
recogniser for names no title announces, and later mentions of a person
already introduced."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ingest.components.doc import add_person, doc_persons, doc_text, set_spans
from ingest.components.shared import (
    _UNIT_END_RE,
    BYLINE_ROLES,
    CREDIT_LABELS,
    LEFT_WORDS,
    NAME_LEFT_BOUNDARY,
    NATIONAL_ROLES,
    NOT_IN_NAME,
    ROSTER_LABEL,
    PersonMention,
    Spans,
    TitleText,
    _body_ending_at,
    _place_start,
    cue_re,
    follower_re,
    name_chars_ok,
    roster_region,
    sentences,
)
from ingest.components.titles import MAX_PREFIX, _stack_re, split_titles, title_start
from ingest.lexicon import HAN, Lexicon, _alternation, _lines, load

PARTICLE_ENDS = set("在到对就向从于将把被为是也还并说等")


def _end_strength(text: str, pos: int) -> int:
    """How clearly a name can end at `pos`: 2 at punctuation, the end of the text
    or a follower word of two or more characters (主持, 陪同); 1 at a one-character
    follower (到, 和, 等), which could as well be the name's last character; 0 else."""
    m = follower_re().match(text, pos)
    if not m:
        # a name ends where a post begins (甲副总裁, 乙部长带领): the role read
        # after the name is its title
        # — unless the post really began a character earlier (甲|副总裁, not 甲副|总裁)
        units = load().title_unit
        unit = units.match(text, pos)
        if unit and len(unit.group(0)) >= 2 and not (pos > 0 and units.match(text, pos - 1)):
            return 2
        return 0
    word = m.group(0)
    if not word or not ("\u3400" <= word[0] <= "\u9fff") or len(word) >= 2:
        return 2
    return 1


#: What 作/做 makes of a speech after a name (甲做重要讲话, 甲作总结发言).
SPEECH_NOUN = re.compile(r"(?:重要|总结|动员|专题|表态|交流)?(?:讲话|报告|发言|部署|总结|动员)")
#: Particles that end many given names too (可为, 有为, 必将): a name ending in one
#: before a verb is read by the recogniser, not cut before the particle.
GIVEN_NAME_PARTICLES = "为将"


def _name_after(text: str, p: int, lex: Lexicon, known: set[str]) -> str | None:
    """The personal name that starts at `p` right after a title, or None.

    - a follower word here means no name (柏市长强调: 强调 is the verb);
    - known names win; ·-joined minority names end at a follower word;
    - a surname plus one or two characters that ends where a follower word or
      punctuation begins, the longer first (郭立和,), unless only the shorter one
      ends at a whole word (赵云陪同, 黄刚主持);
    - when the surname name ends only at an ambiguous one-character word (巴图孟|和
      出席), a longer name ending clearly (巴图孟和|出席) is taken if the statistical
      recogniser agrees;
    - without a surname (俄木尔古, 其木格): up to six characters ending at
      punctuation, or at a follower word if the recogniser agrees."""
    rest = text[p : p + 12]
    if not rest or not ("\u3400" <= rest[0] <= "\u9fff"):
        return None
    if rest[0] in "和及与" and lex.is_surname_start(rest[1:]):
        return None  # 某某总书记和|某某总理: the conjunction joins two titled names
    if rest[0] in "和及与" and any(lex.title_unit.match(text, p + n)
                                  or text.startswith(("领导", "负责人", "负责同志", "干部"), p + n) for n in (1, 2, 3)):
        return None  # 党总支书记和|选派书记, 镇长和|分管领导: a second post or group joined by 和
    follower = follower_re().match(text, p)
    if follower and follower.group(0) and _end_strength(text, p) == 2:
        return None
    if rest[0] in "向对从为将把跟给" and len(rest) >= 3 and _preposition_first(rest[:6]) \
            and not lac_says_person(text[max(0, p - 8) : p + 11], rest[:3]):
        return None  # 某某副市长|向企业提出要求: a preposition and its object, not 向 the surname
    for name in known:
        if rest.startswith(name) and _end_strength(text, p + len(name)):
            return name
    dot = re.match(rf"[{HAN}]{{1,8}}(?:·[{HAN}]{{1,8}}){{1,3}}", rest)
    if dot:
        # the last part ends where a follower word begins (吉克·阿依出席 → 吉克·阿依);
        # where several could (某某·买合苏|提出|席), the recogniser picks the longest it reads
        last_dot = dot.group(0).rfind("·")
        ends = [end for end in range(last_dot + 2, dot.end() + 1) if _end_strength(text, p + end) == 2]
        if not ends:
            # only one-character words could end it (某某·阿布|都…在): the longest reading
            weak = [end for end in range(last_dot + 2, dot.end() + 1) if follower_re().match(text, p + end)]
            # a particle (在, 对, 就…) starts the phrase after the name; else the longest reading
            particle = [end for end in weak if p + end < len(text) and text[p + end] in PARTICLE_ENDS]
            return rest[: (particle or weak)[0 if particle else -1]] if weak else dot.group(0)
        for k, end in enumerate(ends[:-1]):
            if ends[k + 1] == end + 1 and lex.verb_re.match(text, p + end + 1):
                # a follower overlapping an action verb a character later (提出|席 / 提|出席):
                # the verb is what follows, the character before it ends the name
                return rest[: end + 1]  # 某某·买合苏提|出席, not 某某·买合苏|提出席
            return rest[:end]
        if ends:
            return rest[: ends[0]]
        return dot.group(0)

    def ok(cand: str) -> bool:
        return all("\u3400" <= c <= "\u9fff" for c in cand) and name_chars_ok(cand[-2:]) \
            and not any(c in NOT_IN_NAME for c in cand[:-2])

    def confirmed(cand: str) -> bool:
        if _BODY_SHAPED.search(cand) or lex.body_re.fullmatch(cand):
            return False  # 县政协, 区应急管理局: a body, whatever the model says (and no call)
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
                if n == 2 and _adverb_word(cand) and not confirmed(cand):
                    continue  # 高书记|明确提出: an adverb of the sentence, not a name
                strength = _end_strength(text, p + n)
                if strength:
                    std.append((cand, strength))
    if slen and not std:
        # no follower word ends the name (区长甲乙丙随机抽查, 副厅长甲乙丙率督导组):
        # the title still announces a name, so the recogniser decides its length
        # and what follows reads as the predicate's start (a verb, adverb,
        # preposition or idiom: 随机, 率, 冒雨), not as more of a longer name;
        # a longer name ending clearly comes first (索南才让, : 索 is also a surname)
        for cand in longs:
            if _transliterated(cand) or confirmed(cand):
                return cand
        for given in (2, 1):
            cand = rest[: slen + given]
            if len(cand) == slen + given and ok(cand[slen:]) and _predicate_follows(text, p + len(cand)) \
                    and confirmed(cand):
                return cand
    if std:
        strong = [c for c, st in std if st == 2]
        if (len(std) == 2 and std[0][1] == 2 and std[1][1] == 1
                and std[0][0][-1] in PARTICLE_ENDS and not (std[0][0][-1] in GIVEN_NAME_PARTICLES
                                                          and confirmed(std[0][0]))):
            # 李华|在讲话中: 在 starts the phrase, it does not end the name (but 某可为|主持:
            # 为 is a given name's character as often, and the recogniser reads the name)
            return std[1][0]
        if len(std) == 2 and std[0][1] == 2 and std[1][1] == 1 and (
                (std[0][0][-1] in "和与及" and lex.title_unit.match(text, p + len(std[0][0])))
                or (std[0][0][-1] in "作做" and SPEECH_NOUN.match(text, p + len(std[0][0])))) \
                and not confirmed(std[0][0]):
            # 省委书记甲和|省长乙: the conjunction joins two titled names (but 郭立和 is a
            # name); 组长甲做|重要讲话: the verb of the speech
            return std[1][0]
        if strong:
            return strong[0]
        if len(std) == 2 and text[p + len(std[1][0]) : p + len(std[1][0]) + 1] in PARTICLE_ENDS \
                and text[p + len(std[0][0]) : p + len(std[0][0]) + 1] not in PARTICLE_ENDS:
            return std[1][0]  # 某明|就做好…: the particle opens the phrase (not 某明就|做)
        if text[p + len(std[0][0]) : p + len(std[0][0]) + 1] in PARTICLE_ENDS:
            return std[0][0]  # 路平|到开发区: a particle, no longer name to look for
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
        if strength == 1 and n <= 3 and confirmed(cand):
            return cand  # 乌日娜|及…, 某某某|为副组长: the recogniser reads a name before the word
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


#: The end of a body's name, never of a person's (县政协, 区应急管理局, 某某公司).
_BODY_SHAPED = re.compile(r"(?:局|委|办|政府|政协|人大|公司|集团|中心|厅|[^总]部)$|^[省市县区镇乡][政应安住交公]")


@lru_cache(maxsize=4096)
def lac_says_person(window: str, name: str) -> bool:
    """Whether the statistical recogniser tags `name` as a person in `window` (cached:
    several readings of one title ask about the same window)."""
    from ingest import ner

    return ner.is_person(window, name)


def _plausible_name(s: str, lex: Lexicon) -> bool:
    if "·" in s:
        return 3 <= len(s) <= 20 and all(part for part in s.split("·"))
    slen = lex.is_surname_start(s)
    return bool(slen) and slen + 1 <= len(s) <= slen + 2 and name_chars_ok(s[slen:]) \
        and all("\u3400" <= c <= "\u9fff" for c in s) \
        and not (len(s) - slen >= 2 and lex.title_unit.fullmatch(s, slen))  # 袁县长: a surname and a post


def _predicate_follows(text: str, pos: int) -> bool:
    """Whether the words at `pos` start a predicate (jieba tags a verb, an adverb,
    a preposition, an adjective or an idiom first: 随机抽查, 率督导组, 冒雨), as a
    name's end calls for when no follower word marks it."""
    import rjieba

    tags = rjieba.tag(text[pos : pos + 8])
    return bool(tags) and tags[0][1][:1] in ("v", "d", "p", "a", "i", "l")


@lru_cache(maxsize=8192)
def _common_word(cand: str) -> bool:
    """Whether jieba's dictionary knows `cand` as one ordinary word (党组织, 安全)
    rather than a name (nr*) or a place (ns): such a word before a role is the
    role's body, not a person."""
    import rjieba

    tags = rjieba.tag(cand)
    return len(tags) == 1 and not tags[0][1].startswith(("nr", "ns"))


def _furniture_word(token: str) -> bool:
    """A token made only of ordinary words (查看原文, 网管中心, 分享): page furniture
    after or instead of a credit's names, not a name."""
    import rjieba

    tags = rjieba.tag(token)
    return all(len(w) >= 2 and t.startswith(("v", "n")) and not t.startswith(("nr", "ns")) for w, t in tags)


def _adverb_word(cand: str) -> bool:
    """Whether jieba reads `cand` as one adverb, conjunction, preposition or pronoun
    (明确, 随即): a word that opens the predicate after a post, never a name there."""
    import rjieba

    tags = rjieba.tag(cand)
    return len(tags) == 1 and tags[0][1] in ("ad", "d", "c", "p", "u", "r")


def _credit_name(token: str) -> bool:
    """A whole token in a byline or credit slot (space-separated, 2-6 characters)
    is a name even without a listed surname (次仁多吉, 德吉)."""
    return 2 <= len(token) <= 6 and all("\u3400" <= c <= "\u9fff" or c == "·" for c in token) \
        and not any(c in NOT_IN_NAME for c in token) and token[0] not in "从在对向于据我" \
        and not (len(token) >= 3 and _SOURCE_END.search(token)) \
        and not _furniture_word(token)  # 查看原文, 网管中心: the page's furniture, not a name


#: What ends a body's or an outlet's name in a source or credit slot (来源:某区安监局,
#: 来源:某某在线): no name ends so.
_SOURCE_END = re.compile(r"(?:局|厅|委|办|部|处|站|中心|公司|集团|在线|网|报社|日报|新闻|频道|客户端|政府|"
                         r"街道|社区|融媒)$")




def _prefix_of_title(text: str, pos: int, start: int) -> bool:
    """Whether the Han characters from `start` run on, at `pos`, into a post
    whose written prefix reaches back to `start` (后勤|管理处处长): what stands
    at `start` is that title's prefix, not a name."""
    if pos >= len(text) or not ("\u3400" <= text[pos] <= "\u9fff"):
        return False
    m = _stack_re().search(text, pos, pos + MAX_PREFIX)
    return bool(m) and all("\u3400" <= c <= "\u9fff" for c in text[pos : m.start()]) \
        and title_start(text, m.start(), start) == start


def _stack_end(text: str, m: re.Match[str], lex: Lexicon, known: set[str]) -> int:
    """Where a stack of posts ends: at its match's end, unless its last post runs on
    from the one before with a surname that starts the name (分局局长|林长远: 林长 is a
    post, but here 林 starts a three-character name that a follower ends)."""
    units = list(lex.title_unit.finditer(text, m.start(), m.end()))
    if len(units) >= 2 and units[-1].start() == units[-2].end() and lex.is_surname_start(text[units[-1].start():]):
        q = units[-1].start()
        name = _name_after(text, q, lex, known)
        if name and q + len(name) > m.end():
            return q
    return m.end()


def find_titled_persons(text: str, lex: Lexicon | None = None,
                        places: list[tuple[int, int]] | None = None) -> list[PersonMention]:
    """Titles before names (stacked with 、, shared over a list of names), after
    names (X副省长) and around them (区委X副书记). `places` (gazetteer spans) let a
    title start with a written-out place (某某市副市长, 某某区委书记)."""
    lex = lex or load()
    place_end = {e: s for s, e in (places or [])}
    found: list[PersonMention] = []
    known: set[str] = set()
    taken = Spans(len(text))
    in_place = Spans(len(text), places or [])

    def overlaps(s: int, e: int) -> bool:
        return taken.overlaps(s, e)

    # Title(s) before the name.
    stack_starts: dict[int, int] = {}  # end → start of every stack seen so far
    for m in _stack_re().finditer(text):
        stack_starts[m.end()] = m.start()
        s0 = _place_start(text, m.start(), place_end)
        floor = taken.last_end(s0, MAX_PREFIX)
        s0 = title_start(text, s0, floor)
        # a stack whose later posts carry their own prefix (某院党组副书记、常务|副院长、
        # 某领导小组|组长): each 、 that follows an earlier stack joins it to this one
        while s0 - 1 > floor and text[s0 - 1] == "、" and s0 - 1 in stack_starts:
            prev = _place_start(text, stack_starts[s0 - 1], place_end)
            joined = title_start(text, prev, taken.last_end(prev, MAX_PREFIX))
            prefix = text[joined:prev]
            if 2 <= len(prefix) <= 3 and _plausible_name(prefix, lex) and not _common_word(prefix) \
                    and not in_place.overlaps(joined, prev):
                break  # 甲乙总裁、|主任丙: the earlier post follows a name, it is not this stack's
            s0 = joined
        end = _stack_end(text, m, lex, known)
        if re.match(r"我[省市县区镇乡](?=[省市县区镇乡])", text[s0:end]):
            s0 += 2  # 我市|市委书记: our city, then the post with its own level
        stack = text[s0:end]
        p = end
        while p < len(text) and text[p] == " " and p - end < 3:
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
        while q < len(text) and text[q] in "、及和,，":
            nxt = _name_after(text, q + 1, lex, known)
            title_next = _stack_re().match(text, q + 1)
            if not nxt or (title_next and title_next.end() >= q + 1 + len(nxt)) \
                    or _prefix_of_title(text, q + 1 + len(nxt), q + 1) \
                    or (_common_word(nxt) and GROUP_LABEL.match(text, q + 1 + len(nxt))):
                break  # 、 leads to another title, or to a group (…、公司领导), not to a second name
            if text[q] in ",，" and (title_next or not (_plausible_name(nxt, lex)
                                                    and _COMMA_LIST_NEXT.match(text, q + 1 + len(nxt)))):
                break  # a comma lists names only as a list does (副县长甲,乙,丙出席), not before a verb
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
        if unit[0] in "省市县区旗州盟" and _closes_place(text, u0):
            continue  # 来到贵州|长某公司: the post's first character ends a place's name
        if u0 > 0 and text[u0 - 1] == "代" and re.fullmatch(r"[省市县区旗州镇乡]长|主任", unit) \
                and not overlaps(u0 - 1, u0):
            u0, unit = u0 - 1, "代" + unit  # 某某代省长: the acting head, 代 is the post's
        if unit.endswith("委员") and text.startswith("会", m.end()):
            continue  # 委员会 is a body, not a post
        if text[m.end() : m.end() + 1] in (":", "："):
            continue  # 全媒体记者:: a credit label, not a post after a name
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
            if s > 0 and text[s - 1] == "、" and _UNIT_LIST_ITEM.search(text, max(0, s - 12), s - 1):
                continue  # 各有关单位、某某主要负责人: an item of a list of units sharing the post
            if any(lex.body_re.fullmatch(cand + unit[:k]) for k in (1, 2)):
                continue  # 安监|局长: the body's name (安监局) runs into its post
            if in_place.overlaps(s, u0) or _place_shaped(text, u0, lex):
                continue  # a place before a body (某某|区委副书记, 某某|州工信委主任), not a name
            if not _plausible_name(cand, lex):
                # a transliterated name framed by a body and a role (县委某某某某副书记)
                if not (n >= 3 and _transliterated(cand) and _body_ending_at(text, s, lex)):
                    continue
            before = text[s - 1] if s > 0 else "\n"
            body_m = None
            if before not in NAME_LEFT_BOUNDARY and text[max(0, s - 2) : s] not in LEFT_WORDS:
                body_m = _body_ending_at(text, s, lex)
                if not body_m and s in place_end and u0 - s <= 3:
                    body_m = (place_end[s], s, text[place_end[s] : s])  # 某区|某某副区长: the place is the prefix
                if not body_m and not (unit in NATIONAL_ROLES and _verb_or_time_before(text, s)):
                    continue  # (落实|某某总书记…: a national leader cited after a verb needs no boundary)
            start = s
            if body_m:
                # the body as written, its own prefix included (州工信|委某某主任)
                start = title_start(text, body_m[0], taken.last_end(body_m[0], MAX_PREFIX))
            title_text = text[start:s] + unit
            titles = split_titles(title_text, lex) or [TitleText(title_text, "", unit)]
            found.append(PersonMention(start, m.end(), cand, s, titles, "titled"))
            known.add(cand)
            taken.append((start, m.end()))
            break
    return found




def _preposition_first(words: str) -> bool:
    """Whether jieba reads the first character of `words` as a preposition of its own
    before a word of the language (向|企业|提出), not as a surname starting a name (向宏)."""
    import rjieba

    tags = rjieba.tag(words)
    return len(tags) >= 2 and tags[0] == (words[0], "p") and len(tags[1][0]) >= 2 \
        and not tags[1][1].startswith(("nr", "ns"))


def _closes_place(text: str, u0: int) -> bool:
    """Whether the character at `u0` (市, 州…) ends the name of a province or prefecture
    written right before it (贵州, 广州, 某某市)."""
    from ingest import gazetteer

    for k in (1, 2, 3):
        if u0 - k < 0:
            break
        p = gazetteer.lookup(text[u0 - k : u0 + 1])
        if p is not None and p.level in ("province", "prefecture"):
            return True
    return False


def _verb_or_time_before(text: str, s: int) -> bool:
    """Whether the word that ends at `s` is a verb or a time word (贯彻落实近期|, 开展|)."""
    import rjieba

    tags = rjieba.tag(text[max(0, s - 4) : s])
    return bool(tags) and tags[-1][1].startswith(("v", "t"))


#: A list's item that is a unit (…作业单位、): the next item shares its kind, not a name.
_UNIT_LIST_ITEM = re.compile(r"(?:单位|企业|部门|机构|场所|公司)$")


def find_roster(text: str, lex: Lexicon) -> list[PersonMention]:
    """Names listed under a roster label (会议主持人:⏎甲 / 列席情况:⏎甲 乙 丙): a
    line of names only, each a surname and one or two characters."""
    out: list[PersonMention] = []
    for m in ROSTER_LABEL.finditer(text):
        start, end = roster_region(text, m)
        tokens = [(t.start() + start, t.group(0)) for t in re.finditer(r"[^ 　、,，;；]+", text[start:end])]
        if not tokens or len(tokens) > 40 or not all(_plausible_name(t, lex) for _, t in tokens):
            continue
        out.extend(PersonMention(s, s + len(t), t, s, [], "list") for s, t in tokens)
    return out


#: A name right after a body's name and before 同志 (某某办公室甲乙同志汇报).
_BODY_COMRADE = re.compile(rf"(?<=[{HAN}])([{HAN}]{{2,3}})同志")


def find_body_comrades(text: str, lex: Lexicon, known: set[str]) -> list[PersonMention]:
    """A person named by his unit and 同志, with no post word (FORMAT: 区安委会办公室
    某某同志 → the body, and a person without a title)."""
    out: list[PersonMention] = []
    for m in _BODY_COMRADE.finditer(text):
        for n in (3, 2):
            cand = m.group(1)[-n:]
            start = m.end(1) - n
            if len(cand) == n and _plausible_name(cand, lex) and not _common_word(cand) \
                    and not re.search(r"负责|领导|有关|相关", cand) \
                    and not _common_word(text[start - 1 : start + 1]) \
                    and (_UNIT_END_RE.search(text, 0, start) or _body_ending_at(text, start, lex)):
                out.append(PersonMention(start, m.end(1), cand, start, [], "list"))
                break
    return out


def find_listed_persons(text: str, lex: Lexicon, known: set[str]) -> list[PersonMention]:
    """Lists of untitled names followed by an attendance verb (领导甲、乙及丙出席)."""
    out: list[PersonMention] = []
    name = rf"[{HAN}]{{2,4}}?"  # lazy: 甲、乙等|陪同, not 乙等
    pat = re.compile(rf"([{HAN}]{{2,8}}(?:[、，,]{name})+(?:[及和与]{name})?)(?=等?(?:领导|同志|人)?(?:出席|参加|列席|陪同|到会|一同|参会))")
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


#: What follows a name listed after a comma under the same title: the next item or the
#: attendance that closes the list (县政府副县长甲,乙,丙,某某干部丁出席).
_COMMA_LIST_NEXT = re.compile(r"[,，、]|等|出席|参加|列席|到会|陪同")
#: A list of names closed by 等 and the post they share (甲、乙、丙等市政协常委提出).
LIST_BEFORE_POST = re.compile(rf"((?:[{HAN}·]{{2,6}}、)+[{HAN}·]{{2,6}})等")


def find_lists_titled_after(text: str, lex: Lexicon, known: set[str]) -> list[PersonMention]:
    """Names listed before the post they share: each name takes the titles
    written after 等 (甲、乙等市政协常委提出 → each 市政协常委)."""
    out: list[PersonMention] = []
    for m in LIST_BEFORE_POST.finditer(text):
        stack = _stack_re().match(text, m.end())
        if not stack or _end_strength(text, stack.end()) == 0:
            continue
        titles = split_titles(stack.group(0), lex)
        items = [(x.start(), x.group(0)) for x in re.finditer(r"[^、]+", m.group(1))]
        first_pos, first = items[0]
        for n in (len(first), 3, 2):  # the first item may carry the words before it
            if _plausible_name(first[-n:], lex) or first[-n:] in known:
                items[0] = (first_pos + len(first) - n, first[-n:])
                break
        if not all(_plausible_name(c, lex) or c in known for _, c in items):
            continue
        for off, cand in items:
            start = m.start(1) + off
            out.append(PersonMention(start, start + len(cand), cand, start, list(titles), "list"))
    return out


#: A photo credit: a name and 摄 closing a caption (某某 摄, （某某摄）).
PHOTO_CREDIT = re.compile(rf"(?:^|(?<=[\s　(（/]))([{HAN}]{{2,4}})[ 　]?摄(?=[\s　)）]|$)", re.M)


#: Page metadata a credit's last name runs into (作者:甲 乙发布时间:…).
_META_AFTER = re.compile(r"发布时间|发布日期|发表时间|更新时间|时间[:：]|日期[:：]|来源[:：]|浏览|点击|阅读|本期|本版|本文")
#: Tokens that end a byline's names: the dateline and time words after it.
_NOT_CREDITED = re.compile(r"讯$|^(?:本报|本网|本台|据)|上午|下午|晚上|昨天|昨日|今天|今日|近日|日前|连日来|当天")


def _two_names(token: str, lex: Lexicon) -> tuple[str, str] | None:
    """Two names written together in one credit slot (甲乙丙丁丙 → 甲乙, 丙丁丙):
    four to six characters that are no single name, split where both halves
    read as a surname and one or two characters, only when one split does."""
    if not 4 <= len(token) <= 6 or _plausible_name(token, lex):
        return None
    splits = [(token[:k], token[k:]) for k in (2, 3, 4)
              if _plausible_name(token[:k], lex) and _plausible_name(token[k:], lex)
              and not _common_word(token[:k]) and not _common_word(token[k:])]  # not 查看|原文
    return splits[0] if len(splits) == 1 else None


@lru_cache(maxsize=1)
def _credit_label_re() -> re.Pattern[str]:
    """A credit label or a byline's role, its colon or slash after it; not 小记者团."""
    return re.compile(rf"({_alternation(CREDIT_LABELS + BYLINE_ROLES)})(?![团站证节会们])\s*([:：/／])?")


def find_credits(text: str, lex: Lexicon) -> list[PersonMention]:
    """Bylines (记者甲 乙 → title 记者) and credit labels with a colon (编辑:甲 → no title).

    The names after a label run to the next label, bracket or line end."""
    out: list[PersonMention] = []
    # a colon or a slash after the label (编辑:甲, 监制/乙): FORMAT's credits, no title
    labels = list(_credit_label_re().finditer(text))
    for k, m in enumerate(labels):
        label, colon = m.group(1), m.group(2)
        if label in BYLINE_ROLES:
            if colon:
                titles = []
            else:  # an outlet written before the byline is part of it (某某日报记者)
                start = title_start(text, m.start(), max((x.end for x in out), default=0))
                titles = [TitleText(text[start : m.end(1)], text[start : m.start()], label)]
        elif colon:
            titles = []
        else:
            continue
        stop = labels[k + 1].start() if k + 1 < len(labels) else len(text)
        region_m = re.match(rf"[ 　]*((?:[{HAN}·]+[ 　、]*)+)", text[m.end() : stop])
        if not region_m:
            continue
        pos = m.end() + region_m.start(1)
        named_here = False
        for token in re.split(r"[ 　、]+", region_m.group(1)):
            if not token:
                continue
            start = text.index(token, pos)
            pos = start + len(token)
            meta = _META_AFTER.search(token)
            if meta and meta.start() >= 2:
                token = token[: meta.start()]  # 通讯员:甲本期编辑:…: the page's metadata follows the name
            cand = token
            if _NOT_CREDITED.search(token) or (named_here and _furniture_word(token)):
                break  # 记者 某某 本报讯 昨天下午… / 甲 查看原文: the byline is over, the text begins
            if _SOURCE_END.search(cand) and len(cand) >= 3:
                break  # 来源:某区应急局, 来源:某某在线编辑:…: a body or an outlet, not names
            pair = _two_names(token, lex)
            if pair:
                # two names run together in one slot (通讯员 甲乙丙丁): two persons
                for part in pair:
                    out.append(PersonMention(start, start + len(part), part, start, list(titles),
                                             "byline" if titles else "credit"))
                    start += len(part)
                continue
            if not _plausible_name(cand, lex) and not _credit_name(cand):
                # a byline that runs into the text (记者甲报道): keep a plausible prefix
                for n in (3, 2):
                    if _plausible_name(token[:n], lex) and (follower_re().match(text, start + n)
                                                             or _META_AFTER.match(text, start + n)):
                        cand = token[:n]
                        break
                else:
                    break
            out.append(PersonMention(start, start + len(cand), cand, start, list(titles),
                                     "byline" if titles else "credit"))
            named_here = True
            if cand != token:
                break
    for m in PHOTO_CREDIT.finditer(text):
        if _plausible_name(m.group(1), lex):
            out.append(PersonMention(m.start(1), m.end(1), m.group(1), m.start(1), [], "credit"))
    return out


def find_later_mentions(text: str, persons: dict[str, list[TitleText]],
                        taken: list[tuple[int, int]], lex: Lexicon) -> list[PersonMention]:
    """Bare names, truncated names (秦向强调 after 秦向东) and surname + role (黄市长)
    of persons already introduced. Nothing here creates a new person."""
    out: list[PersonMention] = []
    taken = Spans(len(text), taken)

    def free(s: int, e: int) -> bool:
        return not taken.overlaps(s, e)

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
    # surname + role: 黄市长; a deputy is addressed by the post without 副 (刘副局长 →
    # 刘局长), as the genre writes him, where no one else of that surname holds either
    for name, titles in persons.items():
        slen = lex.is_surname_start(name)
        surname = name[:slen]
        for t in titles:
            for role in _address_forms(t.role):
                alias = surname + role
                if len(role) < 2 or len(alias) < 2 or alias == name:
                    continue
                same = [n for n, ts in persons.items() if n.startswith(surname)
                        and any(role in _address_forms(x.role) for x in ts)]
                if len(same) != 1:
                    continue
                _add_alias(text, alias, name, out, taken, free, fol)
    # a given name of two characters and 同志 (甲乙丙 → 乙丙同志): the genre's address
    # among comrades, where no one else has that given name
    givens: dict[str, list[str]] = {}
    for name in persons:
        slen = lex.is_surname_start(name)
        if slen and len(name) - slen == 2:
            givens.setdefault(name[slen:], []).append(name)
    for given, names in givens.items():
        if len(names) != 1 or given in persons:
            continue
        start = text.find(given + "同志")
        while start != -1:
            end = start + len(given)
            if free(start, end) and (start == 0 or not ("\u3400" <= text[start - 1] <= "\u9fff")
                                     or text[start - 1] in NAME_LEFT_BOUNDARY):
                out.append(PersonMention(start, end + 2, names[0], start, [], "surname_title", given + "同志"))
                taken.append((start, end + 2))
            start = text.find(given + "同志", end)
    return out


#: A party body written inside a secretary's post (党委书记, 党组副书记): the genre
#: addresses its holder without it (赵书记).
_PARTY_BODY_IN_POST = re.compile(r"^(?:党委|党组|党工委|党支部|党总支|总支|支部)")


def _address_forms(role: str) -> tuple[str, ...]:
    """How the genre addresses the holder of `role` by surname: the post itself
    (黄市长), a deputy's without 副 (刘副局长 → 刘局长), a party secretary's
    without the party body (社区党委书记 → 赵书记)."""
    forms = [role, re.sub(r"^(?:常务|专职)?副", "", role)]
    bare = _PARTY_BODY_IN_POST.sub("", role)
    if bare != role:
        forms += [bare, re.sub(r"^(?:常务|专职)?副", "", bare)]
    return tuple(dict.fromkeys(forms))


def _add_alias(text: str, alias: str, name: str, out: list[PersonMention], taken: Spans,
               free: Any, fol: re.Pattern[str]) -> None:
    """Every free occurrence of `alias` that a follower word ends, as a mention of `name`."""
    start = text.find(alias)
    while start != -1:
        end = start + len(alias)
        if free(start, end) and fol.match(text, end):
            out.append(PersonMention(start, end, name, start, [], "surname_title", alias))
            taken.append((start, end))
        start = text.find(alias, end)




#: A group label before names (市领导, 县处级领导, 街道领导, 驻村领导同志): not
#: a title, but a sure sign that names follow.
GROUP_LABEL = re.compile(rf"(?<=[{HAN}])领导(?!班子|干部|小组|成员|职务|岗位)(?:同志)?[:：]?[ 　]?")
#: Where an item of a name list can end.
LIST_ITEM_END = re.compile(r"[、，,。；;：:\s及和与等]|带队|出席|参加|陪同|一同|分别|先后|$")


def _list_item(text: str, p: int, lex: Lexicon, places: list[tuple[int, int]]) -> str | None:
    """A name in a list slot that no surname announces (a Mongolian or Tibetan
    name after 某某领导): two to six characters up to an enumeration mark or the
    list's end, none of them a function word, and not a word, post, body or place."""
    m = re.compile(rf"[{HAN}·]{{2,6}}?(?={LIST_ITEM_END.pattern})").match(text, p)
    if not m:
        return None
    item = m.group(0)
    if any(c in NOT_IN_NAME for c in item) or _common_word(item):
        return None
    if re.match(r"以及|及|和|与|或|各", item) or _UNIT_END_RE.search(item):
        return None  # 公司领导以及各分公司、项目部代表: bodies after the label, not names
    if lex.role_re.search(item) or lex.body_re.search(item):
        return None
    if any(p < pe and ps < m.end() for ps, pe in places):
        return None
    return item


def _not_a_listed_name(name: str, lex: Lexicon) -> bool:
    """A word after a group label, not a name: 领导班子 (a two-character word),
    领导干部带班, 领导亲自抓 (no surname, and starting with a word). A surname
    and two characters is taken as a name even where jieba knows the run."""
    if _plausible_name(name, lex):
        return len(name) == 2 and _common_word(name)
    return _common_word(name) or _common_word(name[:2])


def find_group_lists(text: str, lex: Lexicon, known: set[str],
                     places: list[tuple[int, int]] | None = None) -> list[PersonMention]:
    """Names after a group label (县领导甲、乙、丙等参加会议; 街道领导甲带队): persons
    without that label as a title. Each item is a name the title rules would
    take after a post, or a surname-less name in a list slot."""
    out: list[PersonMention] = []
    places = places or []
    for m in GROUP_LABEL.finditer(text):
        p = m.end()
        items: list[PersonMention] = []
        while p < len(text):
            name = _name_after(text, p, lex, known) or _list_item(text, p, lex, places)
            if not name:
                break
            q = p + len(name)
            # a post written after a listed name is its title (驻村领导某某副镇长带领)
            unit = lex.title_unit.match(text, q)
            titles = split_titles(unit.group(0), lex) if unit and unit.group(0) in lex.roles else []
            items.append(PersonMention(p, q + (len(unit.group(0)) if titles else 0), name, p,
                                       titles, "list"))
            if q < len(text) and text[q] == "、":
                p = q + 1
                continue
            break
        # The first item decides whether a list follows the label at all: 领导班子,
        # 领导干部带班, 领导亲自抓 are words, not names. A first item that only begins
        # like a word is still a name when names follow it in a 、 list (旗领导乌力|吉图、甲).
        listed = len(items) >= 2 and any(_plausible_name(i.name, lex) for i in items[1:])
        first = items[0].name if items else ""
        lenient = listed and not _plausible_name(first, lex)
        if items and not (_common_word(first) if lenient else _not_a_listed_name(first, lex)):
            # A later item ends the list where it reads as a word or a phrase of words
            # (…、领导班子成员); a short one may begin like a word (…、宝力|嘎).
            bad = next((k for k, i in enumerate(items) if k and (
                _not_a_listed_name(i.name, lex) if _plausible_name(i.name, lex)
                else _common_word(i.name) or (len(i.name) > 3 and _not_a_listed_name(i.name, lex)))),
                len(items))
            out.extend(items[:bad])
    return out


#: 甲任组长, 乙担任副组长, 以丙为组长: a post in a group named by 任/为 after the name.
GROUP_POST = re.compile(r"(?:同志)?(?:任|担任|为)(副?(?:组长|队长))(?=的|[,，、。；;])")


def add_group_posts(text: str, mentions: list[PersonMention], lex: Lexicon, taken: Spans) -> list[PersonMention]:
    """The posts a notice gives with 任/为 (由甲任组长,乙任副组长的检查组): the title
    of the person named right before, who is a person even without another title."""
    ends = {m.end: m for m in mentions}
    new: list[PersonMention] = []
    for g in GROUP_POST.finditer(text):
        role = g.group(1)
        m = ends.get(g.start())
        if m is None:
            for n in (3, 2):
                s = g.start() - n
                cand = text[s : g.start()] if s >= 0 else ""
                if cand and _plausible_name(cand, lex) and (s == 0 or text[s - 1] in ",，、由以") \
                        and not taken.overlaps(s, g.start()):
                    m = PersonMention(s, g.start(), cand, s, [], "titled")
                    new.append(m)
                    taken.append((s, g.start()))
                    break
        if m is not None and role not in [t.text for t in m.titles]:
            m.titles.append(TitleText(role, "", role))
    return new


class Officials:
    """Names announced by post titles (before, after or around the name, stacked
    with 、, shared over lists), bylines and credits, and untitled attendee lists."""

    def __call__(self, doc: Doc) -> Doc:
        lex = load()
        text = doc_text(doc)
        places = [(s, e) for s, e, _, _ in doc._.kg_places or []]
        mentions = find_titled_persons(text, lex, places)
        taken = Spans(len(text), [(m.start, m.end) for m in mentions])
        for m in find_credits(text, lex):
            if not taken.overlaps(m.start, m.end):
                mentions.append(m)
                taken.append((m.start, m.end))
        known = {m.name for m in mentions}
        for m in [*find_lists_titled_after(text, lex, known), *find_listed_persons(text, lex, known),
                  *find_group_lists(text, lex, known, places), *find_body_comrades(text, lex, known),
                  *find_roster(text, lex)]:
            if not taken.overlaps(m.start, m.end):
                mentions.append(m)
                taken.append((m.start, m.end))
        mentions += add_group_posts(text, mentions, lex, taken)
        doc._.kg_mentions = sorted(mentions, key=lambda m: m.start)
        for m in doc._.kg_mentions:
            add_person(doc, m)
        set_spans(doc, "officials", [(m.start, m.end, "PERSON") for m in mentions])
        return doc


class PersonRecogniser:
    """Every name a statistical recogniser sees, then the genre's rules decide.

    Baidu LAC (`ingest.ner`) reads every segment (a sentence or line, cut to
    `max_segment` characters) in which jieba's tagger sees a personal name (nr*,
    ~10 M characters/s, so the costly model skips the boilerplate), in one
    batched call per notice. Each name it proposes is a candidate; it becomes a
    person only when `accept_candidate` agrees: it stands at a name boundary, it
    reads as a name (a surname and one or two characters, a ·-joined or
    transliterated minority name, or a name in a list or credit slot), it is not
    a place, a common word, or part of a name the rules already found."""

    def __init__(self, enabled: bool = True, max_segment: int = 120, window: int = 10) -> None:
        self.enabled = enabled
        self.max_segment = max_segment
        self.window = window

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Docs in, docs out, with one model call for the stretches of a whole
        batch of notices (`nlp.pipe` calls this): the model's cost is mostly per
        call and per time step, so stretches of many notices share both."""
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, docs: list[Doc]) -> list[Doc]:
        if not self.enabled:
            return docs
        from ingest import ner

        plans = []
        texts: list[str] = []
        for doc in docs:
            text = doc_text(doc)
            mentions = doc._.kg_mentions or []
            # what is already read needs no model: names the rules found, places
            covered = [(m.name_start, m.end) for m in mentions]
            covered += [(s, e) for s, e, _, _ in doc._.kg_places or []]
            segments = candidate_segments(text, self.max_segment, covered, self.window,
                                          known=set(doc_persons(doc)))
            plans.append((len(texts), segments))
            texts.extend(text[s:e] for s, e in segments)
        found = ner.tag_persons(texts) if texts else []
        for doc, (first, segments) in zip(docs, plans, strict=True):
            self._accept(doc, segments, found[first : first + len(segments)])
        return docs

    def _accept(self, doc: Doc, segments: list[tuple[int, int]],
                found: list[list[tuple[int, int, str]]]) -> None:
        lex = load()
        text = doc_text(doc)
        persons = doc_persons(doc)
        mentions = list(doc._.kg_mentions or [])
        places = Spans(len(text), [(s, e) for s, e, _, _ in doc._.kg_places or []])
        taken = Spans(len(text), [(m.start, m.end) for m in mentions])
        added: list[PersonMention] = []
        for (s0, _), names in zip(segments, found, strict=True):
            for s, e, _ in names:
                cand = accept_candidate(text, s0 + s, s0 + e, lex, persons, taken, places)
                if cand is None:
                    continue
                cs, ce = cand
                taken.append(cand)
                m = PersonMention(cs, ce, text[cs:ce], cs, [], "ner")
                mentions.append(m)
                added.append(m)
                add_person(doc, m)
        doc._.kg_mentions = sorted(mentions, key=lambda m: m.start)
        set_spans(doc, "person_ner", [(m.start, m.end, "PERSON") for m in added])


def candidate_segments(text: str, max_len: int = 120,
                       covered: list[tuple[int, int]] | None = None,
                       window: int = 10, known: set[str] | frozenset[str] = frozenset()
                       ) -> list[tuple[int, int]]:
    """The stretches of text worth the model: `window` characters either side
    of each word jieba tags as a personal name (or a ·-joined name), within its
    sentence, that no rule has already read (`covered`: most names in a notice
    come with a title, and the model would only confirm them; places are no
    names) and that is not a person already known (`known`: a later mention of
    one is the later-mentions rule's), and before each cue word (某某同志) that
    follows no generic word. Overlapping stretches are merged up to `max_len`
    characters, so the model's work is bounded by the names, not by the length
    of the notice."""
    import rjieba

    inside = bytearray(len(text) + 1)
    for s, e in covered or []:
        inside[s:e] = b"\x01" * (e - s)
    bounds = sentences(text)
    ends = [e for _, e in bounds]
    compound = load().compound_surnames
    out: list[tuple[int, int]] = []
    pos = 0
    for word, tag in rjieba.tag(text):
        start = pos if text.startswith(word, pos) else text.find(word, pos)
        if start < 0:
            continue
        pos = start + len(word)
        if not (tag.startswith("nr") or "·" in word) or inside[start] or word in known:
            continue
        if len(word) >= 4 and "·" not in word and not any(word.startswith(c) for c in compound):
            continue  # 建立健全, 宣传教育: set phrases jieba's dictionary files as names
        _add_stretch(out, bounds, ends, start, pos, window, max_len)
    # names jieba does not know, before a cue (某某同志, 某某指示): the old windows
    for m in cue_re().finditer(text):
        if m.start() > 0 and not inside[m.start() - 1] \
                and text[max(0, m.start() - 2) : m.start()] not in GENERIC_BEFORE_CUE:
            _add_stretch(out, bounds, ends, m.start(), m.start(), window, max_len)
    out.sort()
    return out


#: Words before a cue that name no one (主要负责同志, 各级领导同志).
GENERIC_BEFORE_CUE = frozenset({"负责", "领导", "干部", "有关", "相关", "参会", "与会", "全体", "各位",
                                "党员", "职工", "工作"})


def _add_stretch(out: list[tuple[int, int]], bounds: list[tuple[int, int]], ends: list[int],
                 start: int, end: int, window: int, max_len: int) -> None:
    """`window` characters either side of [start, end), within its sentence
    (`bounds`, from `shared.sentences`; `ends` their ends, for the bisection),
    merged into the last stretch where they overlap it."""
    import bisect

    k = min(bisect.bisect_right(ends, start), len(bounds) - 1)
    sent_start, sent_end = bounds[k] if bounds else (start, end)
    a, b = max(sent_start, start - window), min(sent_end, end + window)
    if out and out[-1][0] <= a <= out[-1][1] and b - out[-1][0] <= max_len:
        out[-1] = (out[-1][0], max(b, out[-1][1]))
    else:
        out.append((a, b))


def _place_shaped(text: str, e: int, lex: Lexicon) -> bool:
    """Whether a level character right after a candidate makes it a place
    (某某|州工信委, 某某|省长春市), not a name: a post that starts there (某某|县长)
    leaves it a name."""
    if e >= len(text) or text[e] not in "省市区县州旗盟镇乡村":
        return False
    unit = lex.title_unit.match(text, e)
    return not (unit and unit.group(0) in lex.roles)


def accept_candidate(text: str, s: int, e: int, lex: Lexicon, persons: dict[str, Any],
                     taken: Spans, places: Spans) -> tuple[int, int] | None:
    """The genre's verdict on a name the recogniser proposes: its span, or None."""
    while s < e and text[s] in " 　\t":
        s += 1
    while e > s and text[e - 1] in " 　\t":
        e -= 1
    name = text[s:e]
    if len(name) < 2 or not all("\u3400" <= c <= "\u9fff" or c == "·" for c in name):
        return None
    slen = lex.is_surname_start(name)
    # a name cut one character short (李某|华 before a space): the boundary decides
    if slen and len(name) == slen + 1 and e < len(text) and "\u3400" <= text[e] <= "\u9fff" \
            and text[e] not in NOT_IN_NAME and _end_strength(text, e) == 0 \
            and _end_strength(text, e + 1) == 2:
        e += 1
        name = text[s:e]
    # a surname read as another word (a time word: 安全部时|某某部长): a surname
    # just before a two-character name after a unit's name belongs to it (a
    # name can follow a unit directly: 某某部|甲部长)
    if len(name) == 2 and s >= 2 and lex.is_surname_start(text[s - 1 : e]) == 1 \
            and (_UNIT_END_RE.search(text, 0, s - 1) or _body_ending_at(text, s - 1, lex)):
        s -= 1
        name = text[s:e]
    if _end_strength(text, e) == 0 and not (e < len(text) and text[e] in "(（"):
        return None  # runs on into a word: 某某|访问, not a name ending here
    if taken.overlaps(s, e):
        return None
    if name in persons or any(name in n or n in name for n in persons):
        return None
    if places.overlaps(s, e):
        return None  # a place the gazetteer knows (某某县讯)
    if s > 0 and text[s - 1] == "、" and _UNIT_LIST_ITEM.search(text, max(0, s - 12), s - 1):
        return None  # 各作业单位、某某主要负责人: an item of a list of units
    if _place_shaped(text, e, lex):
        return None  # 某某|县有关单位: a place the gazetteer missed
    if "·" in name:
        return (s, e) if _plausible_name(name, lex) else None
    if _plausible_name(name, lex):
        if _common_word(name):
            return None  # 严明, 江山: a word of the language
        return (s, e)
    listed = (s > 0 and text[s - 1] in "、 　") or (e < len(text) and text[e] in "、 　")
    if 3 <= len(name) <= 6 and (listed or _transliterated(name)) and not _common_word(name):
        return (s, e)  # a minority name in a list or credit slot (某某图雅、…)
    return None


class LaterMentions:
    """Bare names, truncated names and surname + role of persons already found;
    they point at the introduced person and never create a new one."""

    def __call__(self, doc: Doc) -> Doc:
        lex = load()
        persons = {n: v["titles"] for n, v in doc_persons(doc).items()}
        mentions = list(doc._.kg_mentions or [])
        taken = [(m.name_start, m.end) for m in mentions]
        later = find_later_mentions(doc_text(doc), persons, taken, lex)
        for m in later:
            if m.alias:
                add_person(doc, m)
        doc._.kg_mentions = sorted(mentions + later, key=lambda m: m.start)
        set_spans(doc, "later_mentions", [(m.start, m.end, "PERSON") for m in later])
        return doc



@Language.factory("kg_officials")
def make_officials(nlp: Language, name: str) -> Officials:
    return Officials()


@Language.factory("kg_person_ner", default_config={"enabled": True, "max_segment": 120, "window": 10})
def make_person_ner(nlp: Language, name: str, enabled: bool, max_segment: int,
                    window: int) -> PersonRecogniser:
    return PersonRecogniser(enabled=enabled, max_segment=max_segment, window=window)


@Language.factory("kg_later_mentions")
def make_later_mentions(nlp: Language, name: str) -> LaterMentions:
    return LaterMentions()
