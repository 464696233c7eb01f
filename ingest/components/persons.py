"""Persons: names announced by post titles (before, after or around the
name), bylines and credits, untitled lists of names, the statistical
recogniser for names no title announces, and later mentions of a person
already introduced."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ingest.components.doc import add_person, doc_persons, doc_text, set_spans
from ingest.components.shared import (
    BYLINE_ROLES,
    CREDIT_LABELS,
    LEFT_WORDS,
    NAME_LEFT_BOUNDARY,
    NOT_IN_NAME,
    PersonMention,
    TitleText,
    _body_ending_at,
    _enterprise_start,
    _place_start,
    cue_re,
    follower_re,
)
from ingest.components.titles import _stack_re, split_titles
from ingest.lexicon import HAN, Lexicon, _alternation, _lines, load

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




class Officials:
    """Names announced by post titles (before, after or around the name, stacked
    with 、, shared over lists), bylines and credits, and untitled attendee lists."""

    def __call__(self, doc: Doc) -> Doc:
        lex = load()
        text = doc_text(doc)
        places = [(s, e) for s, e, _, _ in doc._.kg_places or []]
        mentions = find_titled_persons(text, lex, places)
        taken = [(m.start, m.end) for m in mentions]
        for m in find_credits(text, lex):
            if not any(m.start < e and s < m.end for s, e in taken):
                mentions.append(m)
                taken.append((m.start, m.end))
        known = {m.name for m in mentions}
        for m in find_listed_persons(text, lex, known):
            if not any(m.start < e and s < m.end for s, e in taken):
                mentions.append(m)
                taken.append((m.start, m.end))
        doc._.kg_mentions = sorted(mentions, key=lambda m: m.start)
        for m in doc._.kg_mentions:
            add_person(doc, m)
        set_spans(doc, "officials", [(m.start, m.end, "PERSON") for m in mentions])
        return doc


class PersonRecogniser:
    """Names that no title announces (a leader's instruction, 某某同志), from
    Baidu LAC (`ingest.ner`). LAC reads only a short window before each cue word
    (指示, 批示, 同志… in data/cues.txt), never the whole text: it is ten times
    slower than the  A name LAC proposes is kept when it starts with a
    surname (or is a ·-joined minority name) and is not part of a known name."""

    def __init__(self, enabled: bool = True, window: int = 30) -> None:
        self.enabled = enabled
        self.window = window

    def __call__(self, doc: Doc) -> Doc:
        if not self.enabled:
            return doc
        from ingest import ner

        lex = load()
        text = doc_text(doc)
        persons = doc_persons(doc)
        mentions = list(doc._.kg_mentions or [])
        added: list[PersonMention] = []
        windows = [(ws, we) for ws, we in dict.fromkeys(_windows(text, self.window))
                   if not any(ws <= m.name_start < we for m in mentions)
                   and _may_name_a_person(text[ws:we])]
        # one model call for all windows: they are joined with a sentence break
        # and the offsets mapped back, since each call has a fixed cost
        joined, offsets = "", []
        for ws, we in windows:
            offsets.append((len(joined), ws, we))
            joined += text[ws:we] + "。"
        for js, je, name in ner.persons(joined) if joined else []:
            base = next(((o, ws) for o, ws, we in offsets if o <= js < o + (we - ws)), None)
            if base is None:
                continue
            s, e = js - base[0] + base[1], je - base[0] + base[1]
            if name in persons or not _plausible_name(name, lex):
                continue
            if any(name in n or n in name for n in persons):
                continue
            if any(s < m.end and m.start < e for m in mentions):
                continue
            m = PersonMention(s, e, name, s, [], "ner")
            mentions.append(m)
            added.append(m)
            add_person(doc, m)
        doc._.kg_mentions = sorted(mentions, key=lambda m: m.start)
        set_spans(doc, "person_ner", [(m.start, m.end, "PERSON") for m in added])
        return doc


def _may_name_a_person(window: str) -> bool:
    """jieba's part-of-speech tags (rjieba, ~10 M characters/s) as a cheap first
    look: a window where it sees no personal name (nr*) is not worth the model."""
    import rjieba

    return any(tag.startswith("nr") for _, tag in rjieba.tag(window))


def _windows(text: str, width: int) -> list[tuple[int, int]]:
    """A window of `width` characters ending at each cue word, within its sentence."""
    spans: list[tuple[int, int]] = []
    for m in cue_re().finditer(text):
        start = max(0, m.start() - width)
        cut = max(text.rfind(c, start, m.start()) for c in "。；;\n")
        start = max(start, cut + 1)
        spans.append((start, m.end()))
    return spans


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


@Language.factory("kg_person_ner", default_config={"enabled": True, "window": 30})
def make_person_ner(nlp: Language, name: str, enabled: bool, window: int) -> PersonRecogniser:
    return PersonRecogniser(enabled=enabled, window=window)


@Language.factory("kg_later_mentions")
def make_later_mentions(nlp: Language, name: str) -> LaterMentions:
    return LaterMentions()
