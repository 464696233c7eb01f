"""Cleaning a decoded notice: page furniture out, what it told us kept aside.

A notice as published is wrapped in page furniture (breadcrumbs, 发布时间 and
浏览次数 lines, 【字体】 打印 关闭本页, copyright and ICP lines, navigation
headers), may repeat paragraphs, may carry inline pinyin notes (持續(xù)) and may
be written in Traditional characters. `clean` returns the notice text the
extractor should read (`text`, Simplified) together with the same text in the
notice's own characters (`original`), and what the furniture said: the
publication date, the publisher and the jurisdiction chain of header lines.

Offsets: `text` and `original` have the same length and are aligned character
by character, so evidence found at text[s:e] is quoted from original[s:e].
Conversion runs per line; where OpenCC's phrase conversion changes a line's
length we convert that line character by character instead.

Traditional → Simplified, measured on the Traditional seed notice (a provincial
daily's report): OpenCC 't2s', 'tw2s' and 'hk2s' all convert every name and
title there correctly (劉偉平→柳伟成, 張生楨→章生远, 李榮燦→黎荣光, 省長→省长,
黨政同責→党政同责, 甘肅→甘肃). They differ only on 著眼/著力: 't2s' keeps 著,
'tw2s' and 'hk2s' give the mainland 着眼/着力. We use 'tw2s'.

Captions such as (图为XX分会场) are kept as text lines: they name places and
people the notice reports (a branch venue, a leader on an inspection), and
the gold annotations count those.

Cost (`python -m ingest.clean --bench [FILE...]`): about 2.4 M chars/s over
the seeds, Traditional one included, i.e. about 10% of the pipeline's budget
of 250,000 chars/s. Near-duplicate detection is the costly part, so cheap
filters run before difflib (see `_near_duplicate`).
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from ingest.read import html_to_text, iso_date

# ------------------------------------------------------------------ characters

#: Full-width ASCII forms (U+FF01–U+FF5E) → ASCII, ideographic space and
#: no-break space → space. The seeds as published already use ASCII
#: punctuation, and the gold annotations follow them.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x200B: None,
               0xFEFF: None, 0x09: 0x20, 0x0D: None})

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: A pinyin note: 1–6 lowercase latin letters (tone marks and ü allowed) in
#: parentheses directly after a Han character. Upper case is left alone so
#: that (GDP) or (PM) are not taken for pinyin.
_PINYIN = re.compile(
    rf"(?<=[{_HAN}])\((?=[^)]*[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêń]{{1,6}}\)")
_SPACES = re.compile(r"[ \t\f\v]+")
#: A comma doubled onto the next mark (,, ,、 ,。 ,;): some portals' converters
#: write one after every punctuation mark (某局,、某局; 督导检查,。); the list
#: and sentence rules read the mark that was meant.
_DOUBLED_COMMA = re.compile(r",+(?=[,、。;!?])")


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("tw2s")


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """Characters that the converter changes on their own: a cheap test for
    'this text has Traditional characters' (set intersection, no conversion)."""
    cc = _converter()
    chars = "".join(chr(c) for c in range(0x4E00, 0xA000))
    conv = cc.convert(chars)
    if len(conv) != len(chars):  # pragma: no cover - OpenCC maps single characters 1:1
        return frozenset(c for c in chars if cc.convert(c) != c)
    return frozenset(a for a, b in zip(chars, conv, strict=True) if a != b) - _BOTH_FORMS


#: Characters the converter changes that Simplified text uses as they are (乾坤 and names
#: with 乾, the surname 於, 著作): alone they do not make a line Traditional.
_BOTH_FORMS = frozenset("乾於著藉瞭甦噁湧")


def has_traditional(text: str) -> bool:
    """True when `text` holds at least one character that converts to Simplified."""
    return not _traditional_chars().isdisjoint(text)


def to_simplified(line: str) -> str:
    """The line in Simplified characters, with the same length as `line`."""
    if not has_traditional(line):
        return line
    cc = _converter()
    out = cc.convert(line)
    if len(out) == len(line):
        return out
    chars = []
    for ch in line:
        c = cc.convert(ch)
        chars.append(c if len(c) == 1 else ch)
    return "".join(chars)


#: Variant forms of Simplified characters that no converter maps (茍 for 苟, 徳 for
#: 德; 陜, a character of its own, written for 陝 in 陜西 on Traditional pages): read
#: as the standard character, so a name written with one is the same name. One
#: character for one, so `text` stays aligned with `original`.
_VARIANTS = str.maketrans({"茍": "苟", "徳": "德", "査": "查", "塲": "场", "敎": "教", "峯": "峰", "陜": "陕"})


#: A "?" between Han characters where no question ends: the middle dot of a
#: transliterated name lost by a page saved in GBK (某某?某某某 for 某某·某某某).
_LOST_DOT = re.compile(rf"(?<=[{_HAN}])(?<![吗呢吧么嘛呀啊何谁哪几样])\?(?=[{_HAN}])")


def normalise_variants(line: str) -> str:
    """茍→苟, 徳→德 (see `_VARIANTS`); 某某?某某 → 某某·某某 (see `_LOST_DOT`)."""
    line = line.translate(_VARIANTS)
    return _LOST_DOT.sub("·", line) if "?" in line else line


def normalise_width(text: str) -> str:
    """Full-width ASCII forms and odd spaces to ASCII, CR dropped."""
    return text.translate(_WIDTH)


def remove_pinyin(text: str) -> str:
    """Drop inline pinyin notes such as 持續(xù) → 持續."""
    return _PINYIN.sub("", text)


#: Spaces inside a date (2018 年, 月 18 日): some editors pad numbers.
_DATE_SPACE = re.compile(r"(?<=\d) +(?=[年月日])|(?<=[年月]) +(?=\d)")


def close_date_spaces(text: str) -> str:
    """2018 年 → 2018年, 月 18 日 → 月18日 (see `_DATE_SPACE`)."""
    return _DATE_SPACE.sub("", text)


def collapse_doubled_commas(text: str) -> str:
    """某局,、某局 → 某局、某局; 检查,。 → 检查。 (see `_DOUBLED_COMMA`)."""
    return _DOUBLED_COMMA.sub("", text)


# ------------------------------------------------------------------ furniture

_BREADCRUMB = re.compile(r"^(?:当前位置|您现在的位置|你现在的位置|您的位置|你的位置|所在位置|当前页面|位置)\s*[:>]")
_META_LABEL = (r"发布时间|发布日期|发文日期|成文日期|时间|日期|来源|信息来源|文章来源|稿件来源|"
               r"浏览次数|浏览量|点击数|点击量|点击次数|阅读次数|阅读量|访问量|访问次数|字号|字体")
_META_LINE = re.compile(rf"^[\[【(]?\s*[\d\-/.:年月日 ]*\s*(?:{_META_LABEL})\s*[:]")
_META_FIELD = re.compile(rf"(?:{_META_LABEL})\s*:")
_SOURCE = re.compile(r"(?:信息来源|文章来源|稿件来源|来源)\s*:\s*([^\s:]+?)(?=\s|$|(?:" + _META_LABEL + r")\s*:)")
_CREDIT_IN_META = re.compile(r"(?:作者|编辑|责任编辑|责编|审核|编审|撰稿|通讯员|记者)\s*:\s*[\u4e00-\u9fff]{2,4}")
_DATE_FIELD = re.compile(r"(?:发布时间|发布日期|发文日期|成文日期|时间|日期)\s*:\s*([0-9][0-9年月日\-/. :]*)")
_TOOLS = re.compile(r"【[^】]{0,20}】|\[(?:打印|关闭|返回|收藏)[^\]]{0,6}\]|"
                    r"(?:打印本页|打印文章|关闭本页|关闭窗口|返回顶部|返回首页|收藏本页|分享到|加入收藏|"
                    r"上一篇|下一篇|扫一扫)")
_TOOL_WORDS = re.compile(r"^(?:打印|关闭|返回|字体|大|中|小|默认|分享|收藏|纠错|[:\s|/>-])*$")
_COPYRIGHT = re.compile(r"copyright|all rights reserved|版权所有|ICP备|ICP证|公网安备|网站标识码|"
                        r"主办单位|承办单位|(?:主办|承办|协办)\s*:|技术支持|网站地图|联系我们|邮编\s*:|传真\s*:|"
                        r"建议使用.{0,20}浏览器|分辨率", re.I)
#: Lines that lead to other pages (上一篇: another notice's title) or to the site.
_ELSEWHERE = re.compile(r"^(?:上一篇|下一篇|上一条|下一条|相关链接|相关新闻|相关阅读|相关文章|推荐阅读|"
                        r"扫一扫|分享到|打印本页|关闭窗口|【?我要纠错|网站导航)")
#: A lone site-name line at the top of a page (XX市人民政府门户网站).
_SITE_NAME = re.compile(r"^[^\s,。:;!?]{2,24}(?:门户网站|政府网站|政府网|网站|网)$")
_OWNER = [re.compile(r"([^\s:,©]{2,30})\s*版权所有"),
          re.compile(r"(?:版权所有|主办单位|主办)\s*[:]?\s*([^\s:,]{2,30}?)(?=\s|$|[,;]|承办|技术支持|ICP|备案|地址|电话)")]
_SITE_TOKEN = re.compile(r"(?:网|政府|门户|首页|频道|专题|主页|新闻|在线)$")
_GOV_SUFFIX = re.compile(r"(?:人民政府门户网站|人民政府网站|人民政府网|人民政府|政府门户网站|政府网站|政府网|政府|门户网站|网站|网)$")
_PLACE_END = re.compile(r"(?:省|市|自治区|自治州|地区|盟|县|自治县|区|旗|自治旗|特别行政区|林区|特区)$")
_DATE_ONLY = re.compile(r"^[\d年月日\-/.: 时分秒]*(?:19|20)\d\d[\d年月日\-/.: 时分秒]*(?:星期.|周.)?$")
_END_PUNCT = tuple("。!?;:,、")
_GOV_LINE = re.compile(r"^([^\s,。:;]{2,12}?)(?:人民政府|政府)(?:办公室|办公厅)?$")


@dataclass
class CleanNotice:
    """A cleaned notice: Simplified `text` and aligned `original`, paragraphs
    separated by "\\n", and what the page furniture said."""

    text: str
    original: str
    title: str = ""
    date: str | None = None
    publisher: str = ""
    header_places: list[str] = field(default_factory=list)


@dataclass
class _Info:
    date: str | None = None
    publisher: str = ""
    source: str = ""
    header_places: list[str] = field(default_factory=list)
    copyright_places: list[str] = field(default_factory=list)


def _place_of_site(token: str) -> str | None:
    """忻州市政府 → 忻州市, 山西省人民政府 → 山西省; None when the token is no
    government of a named place (中国政府网)."""
    token = re.split(r"[/:：©|丨]", token)[-1].strip()  # 来源/某市人民政府网, 版权所有©某市政府
    name = _GOV_SUFFIX.sub("", token)
    if name != token and 2 <= len(name) <= 12 and _PLACE_END.search(name) and not name.startswith(("全", "本")):
        return name
    return None


def _nav_places(line: str) -> list[str] | None:
    """Places of a navigation header line ('中国政府网 XX省政府 YY市政府'), or
    None when the line is not one: two or more short space-separated tokens
    without punctuation, most of them site names."""
    tokens = line.split(" ")
    if len(tokens) < 2 or any(len(t) > 14 for t in tokens):
        return None
    if any(ch in line for ch in ",。:;!?、()\"“”"):
        return None
    sites = [t for t in tokens if _SITE_TOKEN.search(t) or t == "首页"]
    if len(sites) * 2 < len(tokens) + (1 if len(tokens) == 2 else 0):
        return None
    return [p for t in tokens if (p := _place_of_site(t))]


def _add_furniture_places(line: str, info: _Info, menu: bool = True) -> None:
    from ingest import gazetteer

    for p in gazetteer.furniture_places(line, menu):
        if p not in info.header_places:
            info.header_places.append(p)


def _furniture(line: str, info: _Info) -> bool:
    """True when `line` is page furniture; what it says goes into `info`."""
    if _BREADCRUMB.match(line) or (("首页" in line) and line.count(">") + line.count("»") >= 1 and len(line) < 150):
        _add_furniture_places(line, info)  # 首页 > 某市 > 聚焦某区: the page's places
        return True
    if _COPYRIGHT.search(line) and len(line) < 300:
        for pat in _OWNER:
            m = pat.search(line)
            if m and not info.publisher and re.search(f"[{_HAN}]", m.group(1)) and not re.search(r"ICP|备|\d", m.group(1)):
                owner = m.group(1)
                info.publisher = owner
                place = _place_of_site(owner)
                if place and place not in info.copyright_places:
                    info.copyright_places.append(place)
                break
        return True
    if len(line) < 200 and _ELSEWHERE.match(line):
        return True
    if len(line) < 160 and (_META_LINE.match(line) or len(_META_FIELD.findall(line)) >= 2):
        _add_furniture_places(line, info, menu=False)  # 发布开发区:某省某市某园区
        m = _DATE_FIELD.search(line)
        if not info.date:
            info.date = iso_date(m.group(1)) if m else iso_date(line)
        s = _SOURCE.search(line)
        if s and not info.source:
            info.source = s.group(1)
        # a credit on the metadata line (…来源:某中心编辑:甲): the line stays, for its persons
        return not _CREDIT_IN_META.search(line)
    if len(line) < 60 and _DATE_ONLY.match(line):
        info.date = info.date or iso_date(line)
        return True
    if len(line) < 80:
        stripped = _TOOLS.sub("", line)
        if stripped != line and _TOOL_WORDS.match(stripped):
            return True
        places = _nav_places(line)
        if places is None and _SITE_NAME.match(line):
            places = [p] if (p := _place_of_site(line)) else []
        if places is not None:
            for p in places:
                if p not in info.header_places:
                    info.header_places.append(p)
            return True
    return False


def _source_places(source: str) -> list[str]:
    """Divisions named at the start of a 来源 line (来源:XX市应急管理局 → XX市):
    the body that published the notice sits in the notice's jurisdiction."""
    if not source:
        return []
    from ingest import gazetteer

    out = []
    pos = 0
    for s, e, name, place in gazetteer.find(source):
        if s != pos or place is None or place.code is None:
            break
        out.append(name)
        pos = e
    return out


def _strip_tools(line: str) -> str:
    """Remove trailing 【打印】【关闭】-style tool words stuck to a text line."""
    return re.sub(r"(?:\s*(?:【(?:打印|关闭|返回|收藏)[^】]{0,6}】|关闭本页|关闭窗口|打印本页))+\s*$", "", line)


# ------------------------------------------------------------------ repeats


def _key(line: str) -> str:
    return re.sub(r"\s+", "", line)


@lru_cache(maxsize=4096)
def _bigrams(key: str) -> frozenset[str]:
    return frozenset(map(operator.add, key, key[1:]))


def _common_ends(a: str, b: str) -> int:
    """Length of the common prefix plus the common suffix of a and b."""
    n = min(len(a), len(b))
    p = 0
    while p < n and a[p] == b[p]:
        p += 1
    s = 0
    while s < n - p and a[-1 - s] == b[-1 - s]:
        s += 1
    return p + s


def _near_duplicate(key: str, earlier: list[str]) -> bool:
    """A paragraph of ≥ 50 characters at least 90% similar to an earlier one
    (a page that repeats its body with a word changed).

    SequenceMatcher.ratio is quadratic in the worst case, so cheap filters
    come first: lengths that cannot reach 0.9, then a shared prefix + suffix
    covering 90% (the usual one-word edit: decided without difflib), then the
    share of character bigrams in common (different paragraphs of one notice
    share far fewer than 80%), then quick_ratio and ratio."""
    for prev in earlier:
        a, b = len(prev), len(key)
        if 2 * min(a, b) / (a + b) < 0.9:
            continue
        if 2 * _common_ends(prev, key) / (a + b) >= 0.9:
            return True
        grams, prev_grams = _bigrams(key), _bigrams(prev)
        if len(grams & prev_grams) < 0.8 * min(len(grams), len(prev_grams)):
            continue
        sm = SequenceMatcher(None, prev, key, autojunk=False)
        if sm.quick_ratio() >= 0.9 and sm.ratio() >= 0.9:
            return True
    return False


# ------------------------------------------------------------------ title


def _is_title_line(line: str) -> bool:
    return 4 <= len(line) <= 80 and not line.endswith(_END_PUNCT) and not line.startswith(("(", "（"))


def _clean_title_hint(hint: str) -> str:
    """'Notice title - Site name' / 'Notice title_XX市人民政府' → 'Notice title'."""
    hint = _SPACES.sub(" ", normalise_width(hint)).strip()
    parts = re.split(r"\s*[-_|–—]\s*", hint)
    return max(parts, key=len) if len(parts) > 1 else hint


# ------------------------------------------------------------------ entry point

_MARKUP = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*|/[a-zA-Z][a-zA-Z0-9]*|!--|!doctype)[\s>/]", re.I)


def clean(raw_text: str, *, is_html: bool = False, title_hint: str = "",
          date_hint: str | None = None) -> CleanNotice:
    """Clean one decoded notice (see the module docstring).

    `is_html`: the text came from an HTML page; if it still holds markup it is
    reduced to text first (`ingest.read` already does that for files).
    `title_hint` / `date_hint`: the page's <title> and <meta> date, used when
    the text itself has none."""
    if is_html and _MARKUP.search(raw_text):
        page = html_to_text(raw_text)
        raw_text, title_hint, date_hint = page.text, title_hint or page.title, date_hint or page.date
    text = close_date_spaces(collapse_doubled_commas(remove_pinyin(normalise_width(raw_text))))
    info = _Info()
    kept_orig: list[str] = []
    kept_simp: list[str] = []
    seen: set[str] = set()
    long_keys: list[str] = []
    title = ""
    title_open = True
    for raw_line in text.split("\n"):
        orig = _SPACES.sub(" ", raw_line).strip()
        if not orig:
            continue
        simp = normalise_variants(to_simplified(orig))
        if _furniture(simp, info):
            continue
        stripped = _strip_tools(simp)
        if stripped != simp:
            simp, orig = stripped, orig[: len(stripped)]
            if not simp:
                continue
        key = _key(simp)
        if key in seen:
            continue
        if len(key) >= 50 and _near_duplicate(key, long_keys):
            continue
        seen.add(key)
        if len(key) >= 50:
            long_keys.append(key)
        if title_open:
            gov = _GOV_LINE.match(simp)
            if gov:
                # A government's name above the heading (the issuing body, or the
                # site's banner): a header place, not the title; the line stays.
                place = _place_of_site(gov.group(1) + "人民政府")
                if place and place not in info.header_places:
                    info.header_places.append(place)
            elif _is_title_line(simp):
                title, title_open = simp, False
            elif simp.endswith(_END_PUNCT) or len(simp) > 80:
                title_open = False  # the body has begun (同志们: / a paragraph): no title

        kept_orig.append(orig)
        kept_simp.append(simp)
    hint = _clean_title_hint(to_simplified(title_hint)) if title_hint else ""
    if hint:
        title = hint
    places = list(info.header_places)
    for p in info.copyright_places + _source_places(info.source):
        if p not in places:
            places.append(p)
    return CleanNotice(
        text="\n".join(kept_simp),
        original="\n".join(kept_orig),
        title=title,
        date=info.date or date_hint,
        publisher=info.source or info.publisher,
        header_places=places,
    )


def _bench() -> None:  # pragma: no cover - a measurement, not a test
    import glob
    import sys
    import time

    files = sys.argv[2:] or sorted(glob.glob("../shared/seeds/*.txt"))
    texts = [open(f, encoding="utf-8").read() for f in files]
    clean(texts[0])
    n = sum(map(len, texts))
    t = time.perf_counter()
    reps = 20
    for _ in range(reps):
        for tx in texts:
            clean(tx)
    dt = time.perf_counter() - t
    print(f"clean: {n * reps / dt:,.0f} chars/s over {len(texts)} notices ({n} chars)")


if __name__ == "__main__":  # pragma: no cover
    _bench()
