"""Events: who chaired, spoke at, attended, read out, signed a letter and
inspected what, as `ingest/data/verbs.tsv` lists the verbs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from ingest.components.doc import doc_persons, doc_text
from ingest.components.shared import (
    BRACKETED,
    CLAUSE_PUNCT,
    LETTER,
    NATIONAL_ROLES,
    QUOTED_MARKERS,
    WATCHED_MARKERS,
    PersonMention,
    TitleText,
    sentences,
)
from ingest.lexicon import Lexicon, load

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




class Events:
    """Who chaired, spoke at, attended, read out, signed and inspected."""

    def __call__(self, doc: Doc) -> Doc:
        persons = {n: v["titles"] for n, v in doc_persons(doc).items()}
        doc._.kg_facts = find_facts(doc_text(doc), doc._.kg_mentions or [], persons,
                                          doc._.kg_documents or [], load())
        return doc



@Language.factory("kg_events")
def make_events(nlp: Language, name: str) -> Events:
    return Events()
