"""Bodies named as actors, participants, conveners or targets, outside any
person's title; enterprises named in the text."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ingest.components.doc import doc_text, set_spans
from ingest.components.shared import ENTERPRISE_RE, NAME_LEFT_BOUNDARY, _place_start
from ingest.lexicon import GENERIC_BODY, GENERIC_INSTITUTION, Lexicon, _alternation, load

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




class Bodies:
    """Bodies named as actors, participants or targets (区纪委, 国务院, 管委会),
    outside any person's title."""

    def __call__(self, doc: Doc) -> Doc:
        lex = load()
        excluded = [(m.start, m.name_start) for m in doc._.kg_mentions or [] if m.titles]
        places = [(s, e) for s, e, _, _ in doc._.kg_places or []]
        orgs = find_organizations(doc_text(doc), excluded, lex, places)
        doc._.kg_orgs = orgs
        set_spans(doc, "bodies", [(s, e, "ORG") for s, e, _ in orgs])
        return doc



@Language.factory("kg_bodies")
def make_bodies(nlp: Language, name: str) -> Bodies:
    return Bodies()
