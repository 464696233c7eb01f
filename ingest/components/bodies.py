"""Bodies named as actors, participants, conveners or targets, outside any
person's title; enterprises named in the text."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ingest.components.doc import doc_text, set_spans
from ingest.components.shared import _UNIT_END_RE, NAME_LEFT_BOUNDARY, Spans, _place_start
from ingest.lexicon import BODY_GAP, GENERIC_BODY, GENERIC_INSTITUTION, Lexicon, _alternation, load

# --- bodies, documents, principles ------------------------------------------------------------

STRONG_BODIES = ("管委会", "消防大队", "消防救援大队", "消防救援支队", "安委办", "应急管理局",
                 "应急局", "安监局", "国务院", "党中央", "中共中央", "全国人大", "国务院安委会",
                 "应急管理部")
NATIONAL_BODIES = ("国务院安委会", "国务院", "党中央", "中共中央", "全国人大常委会", "全国人大", "全国政协",
                   "应急管理部", "国家矿山安全监察局")


@lru_cache(maxsize=1)
def _org_re() -> re.Pattern[str]:
    lex = load()
    level = r"(?:自治区|自治州|自治县|开发区|高新区|新区|园区|省|市|区|县|州|旗|盟|镇|乡|街道)"
    # 县十二届人民政府, 十九届区政府: a numbered term between the level and the body, or before both
    term = r"(?:[一二三四五六七八九十]{1,3}届)?"
    body = _alternation(lex.body_kinds)
    # units named by their task after a level (镇综合执法大队, 县森林防火指挥部)
    task = rf"(?:街道|[省市区县州旗盟镇乡]){BODY_GAP}{{0,8}}?(?:执法大队|执法中队|执法队|指挥部|指挥中心|领导小组|专班)"
    # national bodies not listed (国家消防救援局, 国务院办公厅, 国家安全监管总局)
    national = r"(?:国家|国务院)(?![有相各])[^\W\d和与及的了在是对等]{0,8}?(?:总局|局|部|委员会|委|办公厅|办)"
    # a zone named after its level or place (市化工园区管委会)
    zone = rf"(?:[省市县州旗盟镇乡]{BODY_GAP}{{1,6}}?(?:园区|新区|开发区|高新区|经开区)(?:{body})+)"
    return re.compile(rf"(?:(?:{_alternation(NATIONAL_BODIES)})(?:{body})*)|(?:{national})|{zone}|"
                      rf"(?:{GENERIC_INSTITUTION}(?:{body})*)|(?:{task})|(?:{term}{level}?{term}(?:{body})+)")


#: Words ending like a unit (部) that name no unit.
_NOT_UNIT_END = re.compile(r"(?:干部|全部|内部|外部|局部|本部)$")

WEAK_BODIES = {"委", "政府", "人民政府", "党委", "办公室", "秘书处", "组织", "宣传", "统战", "人大", "党组",
               "工委", "办事处", "管理处", "纪委", "监委", "政协", "人大常委会"}

#: What may follow the last item of a list of bodies (…、水务局等单位负责人; …、县检察院负责同志出席).
_LIST_TAIL = re.compile(r"(?:等|第|召开|会议|联席|全体|扩大|成员|例会|负责|分别|主要|参加|列席|出席|作|汇报|反馈|代表|同志|领导|人员|针对|的|相关|有关|"
                        r"班子|一把手|要|在|和|及|与|就|对|也|均|已|各|共同|联合|积极|进行|开展|共|$)")
#: Words that lead into a list's first item (及县政府办, 对照国务院安办): cut before them.
_LEAD = re.compile(r"^.*(?:及|和|与|对照|对|由|在|向|了|把|将|会同|联合|邀请|组织|召集|听取|查阅|查看|根据|按照|落实|贯彻|认真|到|赴|深入|走进|"
                   r"带领|率领|率|遵照|遵循|依照|围绕|结合|配合|协助|督促|要求|支持|感谢|通报|表扬)")
#: Verbs inside a list item that start the list proper (某某率县应急管理局、…).
_VERB_LEAD = re.compile(r"^.*(?:率领|带领|率|组织|召集|邀请|陪同|会同|联合|听取了?|对照|由)")
#: Modifiers between a body and a post (区政府常务副区长, 市政府在市的副市长): still a title.
_ROLE_MOD = re.compile(r"(?:各|常务|分管|专职|兼职|代理|执行|第一|驻会|在[省市县区镇乡旗]的)")
#: A venue: a body's building or room (在县政府二楼会议室, 在乡政府会议室).
_VENUE = re.compile(r"[前后内]?[\u4e00-\u9fff\d]{0,5}?(?:会议室|礼堂|会堂|报告厅|大厅|大楼|会议中心|办公楼|广场|主会场|分会场|会场|视频会议室)")
#: Inspection groups (国务院安委会某某考核巡查组, 市政府某某专项督查第二组, 某集团安全互查组).
_GROUP_END = re.compile(r"(?:领导小组|理论学习中心组|第[一二三四五六七八九十\d]{1,3}(?:督查|督导|督察|巡查|检查|考核|暗访|指导|工作)?组|"
                        r"(?:督查|督导|督察|巡查|检查|考核巡查|考核|暗访|互查|指导|巡视)组)")
_GROUP_LEAD = re.compile(r"^.*(?:率领|带领|率|出席|参加|陪同|配合|迎接|会同|联合|接受|欢迎|到|向|对|由|在|同|是|为|"
                         r"随同|跟随|召开|组织|派出|成立|根据|按照|会见了?|了|\d+日起?|》|”|的)")
#: Company self-references written with a body (集团公司安委会, 公司安委会, 股份公司).
_COMPANY_BODY = re.compile(r"(?:集团公司|股份公司|集团|公司)(?:安全生产管理委员会|安全生产委员会|安委会|党委)|集团公司|股份公司")
#: An enterprise or outlet's name after a boundary: 2-14 characters ending in a company form.
_ENTERPRISE = re.compile(
    r"(?:(?<=[\s,，、。；;:：和与及在到赴(（“”》])|^)(?![和与及在到赴])([\u4e00-\u9fffA-Za-z0-9]{2,14}?(?:有限责任公司|股份有限公司|有限公司|分公司|公司|集团|合作社)"
    r"(?:[\u4e00-\u9fff]{2,6}?分公司)?)")
#: Verbs and function words a company name never starts with (促进公司, 要求水利公司).
_NOT_NAME_START = re.compile(r"^(?:.*(?:[的了在是对向将把某等到赴我]|有(?!限)|召开|来到|代表|要求|期间|授予|推动|促进|包括|吸取|"
                             r"深入|走进|前往|一行|领导|重视|高度|先后|详细|认真|落实|贯彻|保障|认识|总结|作为|会见|查阅|"
                             r"指出|强调|全力|全面|坚决|确保|做好|抓好|保证|被评为|评为|授权|同于|肯定|[他她])|为|促进|推动|要求|召开|确保|授予|体现出?|会上|来到|代表|"
                             r"督促|指导|帮助|组织|号召|并|使|让|请|经|由|据|助力|服务|扎实做好|做好|深入|进入|走进|前往|"
                             r"[\d]+年|\d+|.*?期间)")
_COMPANY_WORDS = ("公司", "集团", "合作社")
_ZONE_BODY = re.compile(r"[省市县州旗盟镇乡][\u4e00-\u9fff]{1,6}?(?:园区|新区|开发区|高新区|经开区)")
#: A company's officials named right after it (某公司,董事长甲; 某集团公司总经理乙).
_OFFICIALS_AFTER = r"(?:公司)?[,，]?(?:董事长|副董事长|总经理|副总经理|党委书记|负责人|主要负责人|相关负责人|" \
    r"经理|厂长|矿长|安全总监|总工程师)"


#: (`_NOT_NAME_START` above keeps its words as well: jieba tags some clause words as
#: nouns, 全力, 会议, 充分肯定, and the two together are what the held-out sets needed.)
#: jieba's tags of words no company name contains: prepositions, particles, adverbs,
#: pronouns and set phrases (根据, 着, 紧紧围绕); 和 is left out (天和化工).
_CLAUSE_TAGS = ("p", "uz", "uj", "ul", "ug", "ud", "uv", "d", "ad", "r", "l")


def _clause_word_end(name: str) -> int:
    """How many characters at the start of a company candidate belong to the clause
    before it: up to the last preposition, particle, adverb or set phrase (标志着|检测公司),
    or a verb straight before the company word with only the clause's words before it
    (要强化|公司; a clause's verb alone: 加强|集团; not 辽宁振兴集团, 水投公司)."""
    import rjieba

    suffix = re.search(r"(?:有限责任公司|股份有限公司|有限公司|分公司|公司|集团|合作社)$", name)
    head = name[: suffix.start()] if suffix else name
    tags = rjieba.tag(head) if head else []
    pos, cut = 0, 0
    for k, (word, tag) in enumerate(tags):
        clause = (tag in _CLAUSE_TAGS and (tag != "p" or len(word) >= 2 or word in "由在对向从被把将据按经于")) \
            or (tag == "v" and k == len(tags) - 1 and (
                (k > 0 and all(t in _CLAUSE_TAGS or t == "v" for _, t in tags[:k])) or word in _CLAUSE_VERBS))
        if clause:
            cut = pos + len(word)
        pos += len(word)
    return cut


#: Verbs of the clause that run into a company word (加强集团…, 强化公司…).
_CLAUSE_VERBS = frozenset("加强 强化 推动 推进 保障 落实 确保 要求 促进 服务 支持 帮助 督促 指导 组织 带领 代表 围绕".split())


def _takes_part(text: str, name: str) -> bool:
    """Whether a company visited as a site also takes part: its officials are named
    right after its name somewhere in the notice (FORMAT: companies as participants
    are bodies, companies that are only inspection sites are not)."""
    return re.search(re.escape(name) + _OFFICIALS_AFTER, text) is not None


#: A section of a bureau written after it (公用科, 安全监管股, 办公室 are not: that one is a post's body).
_SECTION = re.compile(r"(?:(?![和与及、的副正])[\u4e00-\u9fff]){1,5}?(?:科|股)(?![\u4e00-\u9fff]{0,1}长)")
#: (no conjunction inside: 某公安局和|某消防支队 is two bodies, not a unit and its sub-unit)
_SUB_UNIT = re.compile(r"(?:(?![和与及、])[\u4e00-\u9fff]){2,6}?(?:支队|大队|中队|分局|派出所|消防救援站|消防站)")
_DEPARTMENT_ACTOR = re.compile(r"(?:^|(?<=[\n。；;,，:：]))([\u4e00-\u9fff]{1,7}部)(?=要|通报|汇报|作了?|负责|部署|介绍|发言|就|牵头|对)")
#: Any unit as the subject of a report at a clause's start (局综治办汇报了…, 安全工程部作了…发言).
_UNIT_ACTOR = re.compile(r"(?:^|(?<=[\n。；;,，:：]))(?:会上[,，]?|随后[,，]?|首先[,，]?)?"
                         r"([\u4e00-\u9fff]{2,9}?(?:办|股|科|室|院|局|部|队|中心|委员会|委会))"
                         r"(?=汇报了?|通报了?|作了?[^,，。]{0,12}?(?:发言|汇报|报告|讲话)|介绍了?|分别作|就[^,，。]{1,20}?(?:作|进行)了?(?:发言|汇报))")
_NOT_DEPARTMENTS = {"全部", "内部", "外部", "局部", "干部", "大部", "本部", "各部", "总部", "基层干部", "领导干部", "党员干部"}
#: Last characters of verbs that a body name follows (到, 率领, 陪同, 组织, 听取, 落实…).
_VERB_ENDS = set("到赴率领同合织取照据实携")
_NOT_DEPARTMENT_RE = re.compile(r"^(?:.*[东西南北中]部|[这那该每一本各全内外局大总]部|.*干部|.*俱乐部)$")
_MEETING_NUMBER = re.compile(r"(?:\d{4}年度?|第[一二三四五六七八九十\d]{1,3}次)")
#: A safety committee written with its owner (公司安委会, 县安委会).
_OWNED_COMMITTEE = re.compile(r"(?:公司|集团|[省市县区镇乡州旗盟])(?:安委会|安全生产委员会)")
#: What follows a committee named as a meeting's convener.
_COMMITTEE_MEETS = re.compile(r"会议|例会|全体|扩大|[(（]扩大[)）]|[一二三四]?季度")
_OUTLET_AFTER = re.compile(r"(?:政府)?(?:信息公开|网站|门户|官网|客户端|公众号|微信|微博|新闻网|网讯)")
_INSPECT_AFTER = re.compile(r"[^。;；\n]{0,40}?(?:检查|督导|督查|调研|巡查|查看|察看|督察|暗访|指导|了解|走访)")


def _inside_place(places: list[tuple[int, int]]) -> dict[int, int]:
    """Every position strictly inside a place, mapped to the start of the chain
    of adjacent places it belongs to (济宁|青云新区 …: 青云新区's 区 → 济宁)."""
    spans = sorted(places)
    start_of_end: dict[int, int] = {}
    for s, e in spans:
        start_of_end[e] = start_of_end.get(s, s)
    out: dict[int, int] = {}
    for s, e in spans:
        chain_start = start_of_end.get(s, s)
        for i in range(s, e):
            out[i] = chain_start
    return out


def _positions(text: str, ch: str) -> list[int]:
    out = []
    i = text.find(ch)
    while i >= 0:
        out.append(i)
        i = text.find(ch, i + 1)
    return out


def _open_before(opens: list[int], closes: list[int], s: int) -> bool:
    """True when the last opening bracket before s is later than the last closing one."""
    i = bisect_left(opens, s)
    if i == 0:
        return False
    j = bisect_left(closes, s)
    return j == 0 or closes[j - 1] < opens[i - 1]


def _is_title(text: str, e: int, lex: Lexicon) -> bool:
    """A post follows (县政府常务副县长): the body is part of a title."""
    m = _ROLE_MOD.match(text, e)
    at = m.end() if m else e
    if lex.role_re.match(text, at):
        return True
    return bool(re.match(r"[)）]", text[at : at + 1]) and lex.role_re.match(text, at + 1))


def _distributive(text: str, s: int) -> bool:
    """省、市、县安委会: the last of a list of bare levels sharing one body."""
    return s >= 2 and text[s - 1] == "、" and bool(
        re.search(r"(?:(?:(?<![党共])中央|(?:(?<![\u4e00-\u9fff])|(?<=[了的和及与对在向把将按据照]))[省市县区州乡镇])、)+$",
                  text[max(0, s - 12) : s]))


def _groups(text: str) -> list[tuple[int, int, str]]:
    """Inspection groups named by their sender (国家安委会第九督察组, 某集团安全
    互查组): the name runs back from 组 to the word that introduces it."""
    out = []
    for m in _GROUP_END.finditer(text):
        e = m.end()
        run_start = e
        while run_start > 0 and e - run_start < 32 and re.match(r"[\u4e00-\u9fff\d“”]", text[run_start - 1]):
            run_start -= 1
        head = text[run_start : m.start()]
        lead = _GROUP_LEAD.match(head)
        if lead:
            head = head[lead.end() :]
        s = m.start() - len(head)
        if m.group(0) == "领导小组":
            if not 2 <= len(head) <= 10 or re.search(r"[的了是在各]", head):
                continue
        elif len(head) < 2 or not re.search(r"委|府|局|部|厅|院|办|集团|公司|省|市|县|区|州|盟|旗|国家|全国|国务院|中央", head):
            continue  # 第三组, 检查组: a group without its sender
        out.append((s, e, text[s:e]))
    return out


_SITE_LEAD = re.compile(r"到|深入|走进|前往|查看|检查|督导|督查|调研|察看|走访|巡查|对")
_PUBLIC_END = re.compile(r"(?:局|委|办|厅|委员会|委会|指挥部|指挥中心|大队|支队|中队|总队|派出所|政府|管委会|法院|检察院)$")
_CLASS_TAIL = re.compile(r"等(?:企业|场所|行业|领域|重点|地|处|部位|项目|单位场所|生产经营单位)")
_CLAUSE_STOP = frozenset(",，。;；:：\n!?！？()（）")
_CLAUSE_BACK = re.compile(r"[。；;,，\n!?！？][^。；;,，\n!?！？]*$")
_CLAUSE_STOP_RE = re.compile(r"[,，。;；:：\n!?！？()（）]")

#: Body words that, bare in a list, name no particular body (各级党委、政府).
_BARE_GENERIC = {"政府", "人民政府", "党委", "党组", "委", "办公室", "部门", "单位", "社区", "居委会", "村委会", "支部"}


def _starts_unit(seg: str, lex: Lexicon) -> bool:
    """The text begins with a unit's name: the whole of it, or a head that the list's tail follows."""
    if 2 <= len(seg) <= 14 and (_UNIT_END_RE.search(seg) or seg in lex.body_kinds):
        return True
    return any((_UNIT_END_RE.search(seg[:n]) or seg[:n] in lex.body_kinds) and _LIST_TAIL.match(seg, n)
               for n in range(min(len(seg), 14), 1, -1))


def _listed(text: str, lex: Lexicon, known: set[str],
            known_ends: dict[int, int] | None = None) -> list[tuple[int, int, str]]:
    """Bodies, departments and units named in a list (县委办、统计局、审计局等单位
    负责人; 物业部、机械厂等要…): in a clause with two or more items ending in a
    unit word (or being body words), each such item is a body, written as in the text."""
    out = []
    known_ends = known_ends or {}
    done_to = -1
    stops = [m.start() for m in _CLAUSE_STOP_RE.finditer(text)]
    for sm in re.finditer(r"[、暨]", text):
        if sm.start() < done_to:
            continue
        # the clause around this separator
        k = bisect_left(stops, sm.start())
        base = stops[k - 1] + 1 if k > 0 else 0
        end = stops[k] if k < len(stops) else len(text)
        done_to = end
        clause = text[base:end]
        parts = re.split(r"(、|暨)", clause)
        items: list[tuple[int, int]] = []
        pos = base
        for part in parts:
            if part not in ("、", "暨"):
                items.append((pos, pos + len(part)))
            pos += len(part)
        found: list[tuple[int, int, str]] = []
        if text[items[0][0] : items[0][0] + 1] == "各" or re.match(r"^.*各", text[items[0][0] : items[0][1]]):
            continue  # 各分公司、事业部: classes of units
        for k, (a, b) in enumerate(items):
            seg = text[a:b]
            if k > 0 and "各" in seg:
                break  # …及各分公司、研究院: classes of units from here on
            verb = _VERB_LEAD.match(seg)
            if verb and _starts_unit(seg[verb.end() :], lex):
                a += verb.end()  # 县长某某率县应急管理局: the list starts after the verb
                seg = text[a:b]
            if k == 0:
                lead = _LEAD.match(seg)
                if lead:
                    a += lead.end()
                    seg = text[a:b]
                seg2 = re.sub(r"^[\d.、．]+", "", seg)
                a += len(seg) - len(seg2)
                seg = seg2
                if b in known_ends and known_ends[b] >= a and re.search(r"\d|年|度|的|召开|举行", seg):
                    a = known_ends[b]  # 某区2021年度区安委会: the body found ending there
                    seg = text[a:b]
            elif re.search(r"[及和与]", seg):
                tail = re.split(r"[及和与]", seg)[-1]
                if 2 <= len(tail) <= 14 and (_UNIT_END_RE.search(tail) or tail in lex.body_kinds):
                    a, seg = b - len(tail), tail  # 某某及县政府办
            whole = 2 <= len(seg) <= 14 and (_UNIT_END_RE.search(seg) or seg in lex.body_kinds or seg in known) \
                and not _NOT_UNIT_END.search(seg)  # 某中队相关干部: persons, not a 部
            ended = False
            if not whole:
                # an item that runs on into the sentence: the list ends with it
                best = None
                for n in range(min(len(seg), 14), 1, -1):
                    head = seg[:n]
                    if (_UNIT_END_RE.search(head) or head in lex.body_kinds) and _LIST_TAIL.match(seg, n) \
                            and not _NOT_UNIT_END.search(head):
                        best = head
                        break
                if best is None:
                    continue
                parts = re.split(r"(和|及|与)", best)
                if len(parts) > 1 and all(_UNIT_END_RE.search(p) or p in lex.body_kinds for p in parts[::2]):
                    # 应急管理部和省应急管理厅: two bodies ending the list
                    pos = a
                    for p in parts[:-1]:
                        if p not in ("和", "及", "与"):
                            found.append((pos, pos + len(p), p))
                        pos += len(p)
                    a = pos
                    best = parts[-1]
                seg, b, ended = best, a + len(best), True
            if re.search(r"[的了是等各在有]|关于|通知|会议|工作|负责人|场所|医院|学校|卫生院", seg) \
                    or seg in _BARE_GENERIC:
                if ended:
                    break
                continue
            found.append((a, b, seg))
            if ended:
                break
        if len(found) >= 2:
            if _CLASS_TAIL.match(text, found[-1][1]):
                # 化工厂、水泥厂等企业: kinds of sites; only public bodies stay bodies
                found = [f for f in found if _PUBLIC_END.search(f[2])]
            if found and _SITE_LEAD.search(text[base : found[0][0]]):
                # a list of places visited: only public bodies are bodies there
                # (某县应急指挥中心 yes, 某加油站 and 某公司 no)
                found = [f for f in found if _PUBLIC_END.search(f[2])]
            out.extend(found)
    return out


def find_organizations(text: str, excluded: list[tuple[int, int]], lex: Lexicon,
                       places: list[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    """Bodies named as actors, participants or targets outside a person's title.

    A body is a level word and body words (区纪委, 县政府安委会), a national body
    (国务院, 党中央), or a gazetteer place followed by body words (某某市安全生产
    委员会). Weak body words alone (政府, 办公室) need a level or place before them.
    Inspection groups (某某督查组), units in a list of units (甲局、乙办等单位) and
    enterprises named as actors or counterparties count; bodies inside a title,
    inside a document title, used as a venue (在某政府会议室) or shared over a list
    of levels (省、市安委会) do not; nor companies that are only inspection sites."""
    cands: list[tuple[int, int, str]] = []
    place_spans = set(places or [])
    place_end = {e: s for s, e in (places or [])}
    inside = _inside_place(places or [])
    accepted_ends: set[int] = set()
    for m in _org_re().finditer(text):
        s, e = m.start(), m.end()
        # a place written before the body: the match starts where a place ends,
        # or its level character is the place's last character (某市 + 安委会)
        placed = False
        if s in inside and inside[s] < s:
            s, placed = inside[s], True  # 湘西土家族苗族自治州党委: the match began inside the place
        else:
            moved = _place_start(text, s, place_end)
            if moved != s:
                s, placed = moved, True
        if placed and s in inside and inside[s] < s:
            s = inside[s]
        if not placed and s in place_end:
            pass
        if text[e - 1 : e + 1] in ("委托", "委派") and e - s > 2:
            e -= 1  # 区教育局委|托: the verb 委托 after the body, not a 委
        name = text[s:e]
        if not placed and s > 0 and (re.match(GENERIC_BODY, name) or _ZONE_BODY.match(name)) \
                and text[s - 1] not in NAME_LEFT_BOUNDARY and text[s - 1] not in _VERB_ENDS \
                and text[s - 1] not in "、和及与暨":
            continue  # 某某镇液化气站: the level character ends an unknown place name
        if re.match(r"门", text[e : e + 1]):
            continue  # 应急管理部门 (a kind of department)
        if re.match(r"[\u4e00-\u9fff]{0,4}工作会议", text[e : e + 8]):
            continue  # 贯彻区委经济工作会议: a meeting's name, not the body acting
        if s > 0 and text[s - 1] in "全各本我省市区县州旗盟乡镇级" and not placed:
            continue  # 全区, 各市州政府, 乡镇办事处: a class of bodies, not one body
        core = "" if placed else re.sub(r"^[一二三四五六七八九十]{1,3}届", "", name)
        for lvl in ("自治区", "自治州", "自治县", "开发区", "高新区", "新区", "园区", "省", "市", "区", "县", "州",
                    "旗", "盟", "镇", "乡", "街道"):
            if core.startswith(lvl):
                core = ""
                break
        if core and core not in STRONG_BODIES and not any(core.startswith(n) for n in NATIONAL_BODIES) \
                and not core.startswith(("国家", "国务院")):
            if core in ("安委会", "安全生产委员会") and (_MEETING_NUMBER.match(text, e)
                                                   or ((_COMMITTEE_MEETS.match(text, e) or text.endswith("代表", 0, s))
                                                       and not _OWNED_COMMITTEE.search(text))):
                # 召开安委会2025年第二季度例会, 安委会全体(扩大)会议, 代表安委会: the committee
                # as convener, or as the one represented (unless the notice names it with its
                # owner, 公司安委会, which is then the name)
                pass
            elif s >= 2 and text[s - 1] in "和及与、" and s - 1 in accepted_ends and core not in _BARE_GENERIC:
                pass  # 市委市政府和国资委: joined to a body just named
            else:
                continue  # without a level or place only distinctive bodies stand alone
        if "各" in name:
            continue
        cands.append((s, e, name))
        accepted_ends.add(e)
    # a sub-unit written after its unit (某消防救援支队某某大队, 某公安局某某派出所)
    for i, (s, e, name) in enumerate(cands):
        if name.endswith(("总队", "支队", "公安局", "分局")):
            sub = _SUB_UNIT.match(text, e)
            if sub:
                cands[i] = (s, sub.end(), text[s : sub.end()])
        elif name.endswith(("局", "委")):
            # an office of a bureau (某住建局公用科), not the office's head (…科长)
            sub = _SECTION.match(text, e)
            if sub and not text.startswith("长", sub.end()):
                cands[i] = (s, sub.end(), text[s : sub.end()])
    # departments named as actors at a clause's start (安全管理部要…, 安全环保部通报了…)
    for m in _DEPARTMENT_ACTOR.finditer(text):
        if m.group(1) not in _NOT_DEPARTMENTS and not _NOT_DEPARTMENT_RE.match(m.group(1)):
            cands.append((m.start(1), m.end(1), m.group(1)))
    for m in _UNIT_ACTOR.finditer(text):
        name = m.group(1)
        if not re.search(r"[的了是在各和与及]|会议|工作|全体|有关|相关", name) and name not in _NOT_DEPARTMENTS:
            cands.append((m.start(1), m.end(1), name))
    known = {c[2] for c in cands}
    cands += _groups(text)
    cands += _listed(text, lex, known, {e: s for s, e, _ in cands})
    for m in _COMPANY_BODY.finditer(text):
        cands.append((m.start(), m.end(), m.group(0)))
    # enterprises named as actors, participants or counterparties (与某某集团)
    for m in _ENTERPRISE.finditer(text):
        s, e, name = m.start(1), m.end(1), m.group(1)
        # 和 after a unit's name joins two units (某镇政府和|某公司), unlike 天和集团
        conj = max(name.rfind("与"), name.rfind("及"),
                   max((k for k in range(2, len(name)) if name[k] == "和" and _UNIT_END_RE.search(name, 0, k)),
                       default=-1))
        if conj >= 0:
            # 县长某某与|某某公司签订: the company is what follows the conjunction
            s, name = s + conj + 1, name[conj + 1 :]
        lead = _NOT_NAME_START.match(name)
        cut = s + (lead.end() if lead else 0)
        cm = _CLAUSE_BACK.search(text[max(0, cut - 60) : cut])
        clause_start = max(0, cut - 60) + cm.start() if cm else max(0, cut - 60) - 1
        if re.search(r"吸取|检查|查看|督导|察看|抽查|暗访|巡查|走访", text[clause_start + 1 : cut]):
            continue  # 吸取某公司…事故教训; 检查了某公司, 抽查了甲公司、乙公司: cited, or only a site
        if lead:
            if re.search(r"(?:的|吸取|某)$", lead.group(0)):
                continue  # 村里的某合作社, 吸取某集团…教训: described or cited, not named as actor
            s += lead.end()
            name = text[s:e]
        cut_at = _clause_word_end(name)
        if cut_at:
            s += cut_at  # 根据|金盾集团, 标志着|检测公司: the clause's words before the name
            name = text[s:e]
        suffix = re.search(r"(?:有限责任公司|股份有限公司|有限公司|分公司|公司|集团|合作社)$", name)
        if suffix and suffix.start() < 2:
            continue  # 解公司, 我公司, 加强|集团: no name before the company word
        if len(name) <= 2 or not re.match(r"[\u4e00-\u9fffA-Za-z]", name) or name in ("集团公司", "股份公司") \
                or re.search(r"[与及]", name):
            continue
        if re.search(r"有关|相关|各|重点|辖区|全区|全县|全市|该", name) or any(r in name for r in ("总经理", "董事长", "副总")):
            continue
        before = text[max(0, s - 2) : s]
        if _takes_part(text, name):
            pass  # its officials report or accompany (在某公司,董事长甲汇报): a participant too
        elif before.endswith("在") or ((before[-1:] in ("到", "赴") or before in ("深入", "来到", "走进", "前往", "进入"))
                                       and _INSPECT_AFTER.match(text, e)):
            continue  # 在某公司检查, 到某公司开展检查: an inspection site
        if re.search(r"对[^,，。;；]*$", text[max(0, s - 30) : s]) and _INSPECT_AFTER.match(text, e):
            continue  # 对某公司…进行督查: an inspection target's site
        if re.match(r"、", before[-1:]) and re.search(r"(?:到|赴|在|深入|走进|前往|进入)[^,，。;；]*$", text[max(0, s - 60) : s]) \
                and _INSPECT_AFTER.match(text, e):
            continue  # the later sites of such a list
        cands.append((s, e, name))
    # rejections that hold for every candidate
    taken_by_titles = Spans(len(text), excluded)
    newlines = _positions(text, "\n")
    opens = _positions(text, "《")
    closes = _positions(text, "》") if opens else []
    qopens = _positions(text, "“")
    qcloses = _positions(text, "”") if qopens else []
    kept: list[tuple[int, int, str]] = []
    in_title = [(s, e) for s, e, name in cands if _is_title(text, e, lex)
                and not (name.endswith(_COMPANY_WORDS) and text.startswith(("负责人", "负责同志"), e))]
    for s, e, name in cands:
        if taken_by_titles.overlaps(s, e):
            continue
        if any(a <= s and e <= b for a, b in in_title):
            continue  # a title without a name (某督查组组长), and the bodies inside it
        if _open_before(opens, closes, s):
            continue  # inside a document title
        if _open_before(qopens, qcloses, s) and text[e : e + 1] != "”" \
                and re.search(r"[称奖]|先进", text[e : e + 30].split("”")[-1][:4] if "”" in text[e : e + 30] else ""):
            continue  # inside an award's name (授予“某集团先进单位”称号)
        if _VENUE.match(text, e) and text.rfind("在", max(0, s - 3), s) >= 0:
            continue  # 在县政府二楼会议室: a venue
        if _distributive(text, s):
            continue
        if s >= 2 and text[s - 1] in "(（" and re.search(r"各[\u4e00-\u9fff]{1,3}$", text[max(0, s - 5) : s - 1]):
            continue  # 各区(管委会): a class of bodies, glossed
        if name in ("集团公司", "股份公司") and text.startswith("领导", e):
            continue  # 集团公司领导: a group label, like 县领导
        if _OUTLET_AFTER.match(text, e) or re.search(r"(?:来源|发布机构|主办|承办|主办单位|版权所有|技术支持)[:：][^\n]{0,20}$",
                                                          text[max(0, s - 24) : s]):
            continue  # 来源:某政府网站, 某管委会政府信息公开: the outlet or the page's owner
        k = bisect_left(newlines, s)
        line_s = newlines[k - 1] + 1 if k > 0 else 0
        k = bisect_left(newlines, e)
        line_e = newlines[k] if k < len(newlines) else len(text)
        if s - line_s < 8 and line_e - e < 8 and text[line_s:s].strip() == "" and text[e:line_e].strip() == "":
            continue  # a banner line (the site's owner above the notice)
        if (s, e) in place_spans or all(i in inside for i in range(s, e)):
            continue  # 某某社区, 某镇某社区: places, not a body
        kept.append((s, e, name))
    # longest first, non-overlapping
    kept.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    used = bytearray(len(text))
    out: list[tuple[int, int, str]] = []
    for s, e, name in kept:
        if not any(used[s:e]):
            used[s:e] = b"\x01" * (e - s)
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
