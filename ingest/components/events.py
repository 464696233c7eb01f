"""Events: who chaired, spoke at, attended, read out, signed a letter and
inspected what, as `ingest/data/verbs.tsv` lists the verbs."""

from __future__ import annotations

import bisect
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
    ROSTER_LABEL,
    WATCHED_MARKERS,
    PersonMention,
    TitleText,
    roster_region,
    sentences,
)
from ingest.lexicon import Lexicon, _alternation, load

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


def find_facts(text: str, mentions: list[PersonMention], person_titles: dict[str, list[TitleText]],
               documents: list[tuple[int, int, str]], lex: Lexicon) -> list[Fact]:
    """Who chaired, spoke, attended, read out, signed and inspected, sentence by sentence."""
    facts: list[Fact] = []
    national = {name: _is_national(ts) for name, ts in person_titles.items()}
    masked = BRACKETED.sub(lambda m: "《" + "□" * (len(m.group(0)) - 2) + "》", text)
    # names are no verbs: a verb read across a name's last character (某某买合苏提|出席 read
    # as 提出) would hide the verb after it
    chars = list(masked)
    for m in mentions:
        chars[m.name_start : m.end] = "□" * (m.end - m.name_start)
    masked = "".join(chars)
    by_start = sorted(mentions, key=lambda m: (m.start, m.end))
    by_name = sorted(by_start, key=lambda m: m.name_start)
    name_keys = [m.name_start for m in by_name]
    absent = _absent_mentions(text, by_start)
    facts.extend(_speech_heading(text, by_start))
    facts.extend(f for f in _attendance_headings(text, by_start) if f.s not in absent)
    tour = TourState(heads=_group_heads(text, by_start))
    present = Present(facts)
    for s0, e0 in sentences(text):
        sent = masked[s0:e0]
        # the sentence's mentions from a bisection, not a scan of all: linear on long notices
        window = by_name[bisect.bisect_left(name_keys, s0) : bisect.bisect_left(name_keys, e0)]
        ments = _usable(text, sorted((m for m in window if m.end <= e0),
                                     key=lambda m: (m.start, m.end)))
        actors = [m for m in ments if id(m) not in absent and m.kind not in ("byline", "credit")
                  and not _in_brackets(text, s0, m)]
        # (start, end, verb) in the text; 作了《…的重要讲话》: a speech named as a title, its verb 作
        vms = sorted([(s0 + vm.start(), s0 + vm.end(), vm.group(0)) for vm in lex.verb_re.finditer(sent)]
                     + [(m.start(), m.end(), "作报告") for m in TITLED_SPEECH.finditer(text, s0, e0)])
        inspecting = [(vs, ve) for vs, ve, verb in vms
                      if lex.verbs[verb] == "inspected" and not NOUN_AFTER.match(text, ve)]
        reported = GROUP_SAYS.match(text, s0, e0) is not None
        # national leaders (总书记, 总理) are cited in tours, they do not lead them here
        facts.extend(f for f in _tour_facts(text, s0, e0, actors, tour, lex, inspecting)
                     if not national.get(f.s, False))
        watched_at = max((sent.rfind(w) for w in WATCHED_MARKERS), default=-1)
        escort = ESCORTED.search(text, s0, e0)  # 在乙的陪同下: the escorts are no subject of the clause
        for vs, ve, verb in vms:
            pred = lex.verbs[verb]
            if pred == "inspected":
                continue  # tours: _tour_facts
            before_verb = text[vs - 1] if vs > 0 else ""
            if re.match(r"(?:组|员|人员|队|小组|工作组)", text[ve : ve + 3]):
                continue  # a noun: 检查组, 督导组, 调研员
            if verb == "说" and not (re.match(r"[,，:：“]", text[ve : ve + 1]) and text[vs - 1 : vs] not in "据听所小"):
                continue  # 甲说,要… / 他说:“…” speak; 说明, 据某某说 do not
            if pred == "attended" and verb == "与会" and re.match(r"(?:人员|同志|代表|单位|领导|者)", text[ve:]):
                continue
            if pred == "signed_letter":
                facts.extend(_signing(text, s0, e0, vs, ve, actors, lex))
                continue
            if reported and pred in ("chaired", "spoke", "attended"):
                continue  # 督查组指出,某省长主持召开会议…: what the group reports, not this event
            prior = [m for m in actors if m.end <= vs]
            subj = prior[-1] if prior else None
            gap = text[subj.end : vs] if subj else ""
            if subj is not None and pred != "attended" and escort is not None and _escorting(subj, escort) \
                    and escort.end() <= vs:
                # 甲一行在乙的陪同下,查看…,要求…: 乙 escorts; the clause is 甲's
                lead = next((m for m in reversed(prior) if m.end <= escort.start()), None)
                if lead is not None and re.fullmatch(r"(?:同志)?(?:一行|等(?:人|领导)?)?\s*",
                                                     text[lead.end : escort.start()]):
                    subj, gap = lead, text[lead.end : vs]
            if subj is not None and any(m.start >= subj.end and m.end <= vs for m in ments if m is not subj
                                        and not _escorting(m, escort)):
                subj = None  # someone else (absent, quoted) stands between
            if before_verb == "的" and pred != "attended" and text[ve : ve + 1] != "了" and not (
                    subj is not None and pred == "spoke" and re.search(r"[作做](?:了|出)?", gap)
                    and "在" not in gap) and not (subj is not None and verb in HEARD and _heard(text, s0, subj)):
                continue  # a noun: 的要求, 的部署, 的通报 (but 作了…的讲话)
            if subj is not None and not _gap_ok(gap, pred, before_verb) and not (
                    pred == "attended" and _attend_gap_ok(gap, lex)):
                subj = None
            if subj is None:
                subj = _pronoun_subject(text, s0, vs, by_name, name_keys, absent, national)
                gap = ""
            if subj is None:
                if pred == "spoke" and tour.continuing == s0 and _subjectless_clause(text, s0, vs):
                    for name in tour.last:
                        facts.append(Fact(name, "spoke", sentence=(s0, e0)))
                elif pred in ("spoke", "chaired"):
                    for name in _role_subjects(text, s0, vs, person_titles, present):
                        facts.append(Fact(name, pred, sentence=(s0, e0)))
                continue
            if any(q in gap for q in QUOTED_MARKERS) and pred in ("spoke", "attended", "chaired"):
                continue
            if pred == "spoke" and (text[ve : ve + 1] == "的" or re.search(r"(?:多次|反复|一再|曾|此前|上次)[^,，;；:：]*$", gap)):
                continue  # 正如甲在某会上强调的 / 甲多次强调: an earlier word, quoted (but 甲反复提及…,再次强调)
            if pred in ("spoke", "attended", "chaired") and _quoted_subject(text, s0, subj):
                continue
            if pred == "spoke" and _told(text, s0, subj):
                continue  # 据甲介绍: told to the reporter, not said at the event
            # a sentence about a meeting watched (收看…视频会议): its speakers are that meeting's,
            # unless the sentence goes on to the notice's own (…,会后,区长甲强调)
            watched = 0 <= watched_at < vs - s0 and not AFTER_WATCHING.search(sent, watched_at, vs - s0)
            if pred == "spoke" and (watched or "会议精神" in gap and verb != "提出"
                                    and not re.search(r"就[^,，。；;]*会议精神", gap)):
                continue
            if pred == "spoke" and verb not in HEARD and _topic_of_heard_report(text, s0, vs, ve, e0):
                continue  # 听取…关于安排部署情况的汇报: the report's topic, not a speech
            if pred == "spoke" and HEAR_RE.search(gap) and verb in HEARD and not _heard(text, s0, subj):
                continue  # 听取…汇报: the report is someone else's
            if pred == "spoke" and _in_meeting_name(text, s0, vs, ve, e0):
                continue  # 召开…工作部署会议: part of the meeting's name
            if national.get(subj.name, False) and pred in ("spoke", "attended", "chaired"):
                continue
            if pred == "chaired" and re.match(r"\s*(?:共同|一同|联合)", gap):
                # 董事长甲,副总经理乙共同主持: every one of the list chairs
                group, _ = _chain(text, subj, prior, lex)
                for m in group:
                    facts.append(Fact(m.name, "chaired", sentence=(s0, e0)))
                continue
            if pred == "attended":
                group, _ = _chain(text, subj, prior, lex)
                for m in group:
                    if not national.get(m.name, False):
                        facts.append(Fact(m.name, "attended", sentence=(s0, e0)))
                continue
            if pred == "spoke":
                group, comma = _chain(text, subj, prior, lex)
                if comma and not re.search(r"分别|依次|先后|均|都|一起|共同", gap) \
                        and not re.search(r"(?:出席|参加|到会|陪同|随同)[^,，。；;]{0,12}(?:并|[,，](?:分别|均|也|还|又)?)$", gap):
                    group = [subj]  # 甲主持,乙讲话 (but 甲、乙,丙出席会议并讲话 / 陪同并介绍: all three)
                for m in group:
                    if not national.get(m.name, False):
                        facts.append(Fact(m.name, "spoke", sentence=(s0, e0)))
                continue
            if pred == "read_out":
                for ds, _de, title in documents:
                    if vs < ds <= _clause_end(text, ve, e0, docs=True):
                        facts.append(Fact(subj.name, "read_out", title, sentence=(s0, e0)))
                continue
            facts.append(Fact(subj.name, pred, sentence=(s0, e0)))
    # one fact per (s, p, o); one site once per inspector, its short form included
    seen: set[tuple] = set()
    unique: list[Fact] = []
    for f in facts:
        k = (f.s, f.p, f.o)
        if k not in seen:
            seen.add(k)
            unique.append(f)
    by_inspector: dict[str, list[str]] = {}
    for f in unique:
        if f.p == "inspected" and f.o:
            by_inspector.setdefault(f.s, []).append(f.o)
    kept = {s: set(_dedupe_sites(sites)) for s, sites in by_inspector.items()}
    return [f for f in unique if f.p != "inspected" or f.o in kept.get(f.s, ())]


#: Where a sentence moves on from a meeting watched to the notice's own.
AFTER_WATCHING = re.compile(r"会后|会议结束后|(?:收听|收看|观看)[^,，。；;]{0,40}?(?:后|结束)|随后|"
                            r"[我本](?:省|市|县|区|旗|镇|乡|街道)(?:随即|随后|紧接着|接着|立即)?召开")
#: 作了《2024年安全生产工作的重要讲话》: a speech named by its title.
TITLED_SPEECH = re.compile(r"[作做](?:了)?(?=《[^》\n]{0,60}(?:讲话|报告|发言)》)")


#: A sentence that reports what an inspection group said (督查组指出,…): the persons
#: named in it acted before, elsewhere; they did not chair, speak or attend here.
GROUP_SAYS = re.compile(r"\s*(?:[\u4e00-\u9fff]{0,12}?(?:督查|督导|检查|巡查|考核|督察|暗访|调研|工作)组)"
                        r"(?:一致)?(?:指出|认为|强调|要求|肯定|表示)")
#: Hearing a report (听取, 听了, 听完).
HEAR_RE = re.compile(r"听取|听了|听完")


def _topic_of_heard_report(text: str, s0: int, vs: int, ve: int, e0: int) -> bool:
    """A speech verb between 听取 and the report it names (听取了…工作安排部署情况的汇报)."""
    cs = max([s0] + [s0 + m.end() for m in CLAUSE_PUNCT.finditer(text[s0:vs])])
    return bool(HEAR_RE.search(text, cs, vs)) and bool(
        re.match(r"[^,，。；;:：]{0,30}?的?(?:汇报|介绍|报告)", text[ve:e0]))


#: Verbs whose subject after 听取 is the one heard, not the listener.
HEARD = ("汇报", "介绍", "通报", "发言", "讲解", "报告", "作报告", "解读", "作工作报告")


def _heard(text: str, s0: int, subj: PersonMention) -> bool:
    """听取了某某矿长甲的汇报: the person after 听取 is the one who reports."""
    cs = max([s0] + [s0 + m.end() for m in CLAUSE_PUNCT.finditer(text[s0 : subj.start])])
    return HEAR_RE.search(text, cs, subj.start) is not None


#: A venue between the subject and the verb, closed by a comma (在某楼会议室,).
VENUE_GAP = re.compile(r"\s*在[^,，。；;在]{2,40}?(?:会议室|会场|礼堂|报告厅|大厅|中心|大楼|分会场)[,，]\s*")
def _escorting(m: PersonMention, escort: re.Match[str] | None) -> bool:
    """`m` is named inside the sentence's escort phrase (在…m…的陪同下)."""
    return escort is not None and escort.start(1) <= m.start and m.end <= escort.end(1)


def _verb_led(seg: str) -> bool:
    """A clause that starts with a verb or an adverb before one (查看了…, 详细询问…):
    it goes on with the subject before it."""
    import rjieba

    # a manner before the verb (实地查看, 现场察看), which jieba reads as a noun; 带队
    # and 率队 are verbs of the leader (带队前往…)
    seg = re.sub(r"^\s*(?:实地|现场|当场|逐一|一一)", "", seg).strip()
    if not seg:
        return False
    if seg.startswith(("带队", "率队")):
        return True
    word, tag = rjieba.tag(seg[:8])[0]
    return tag.startswith(("v", "d", "ad")) and word not in ("是", "有", "要", "会议", "没有")


def _gap_ok(gap: str, pred: str, before_verb: str) -> bool:
    if any(x in gap for x in ("。", "；", ";")):
        return False
    if VENUE_GAP.fullmatch(gap):
        return True  # 甲在某大楼二楼会议室,主持召开…: the venue, then the subject's verb
    if CLAUSE_PUNCT.search(gap) and pred == "spoke" and len(gap) <= 120 and before_verb not in "和与及的":
        # 甲查看了…,详细询问了…,要求…: a chain of the subject's own clauses, each
        # led by a verb, up to the speech. Not an escort's (乙陪同,要求…), nor what
        # follows a meeting convened or a document read out (甲主持召开…,部署…;
        # 甲宣读…通知,要求…: the meeting's agenda, the document's words)
        segs = CLAUSE_PUNCT.split(gap)
        first = re.sub(r"在[^,，]*?陪同下", "", segs[0])
        first_led = _verb_led(first) or re.match(r"\s*(?:同志)?(?:一行|等)?\s*(?:在|到|赴|对|就|深入|来到|前往|$)", first)
        if len(segs) <= 5 and first_led and not re.search(r"陪同|随同|参加|出席|列席|到会|主持|召开|宣读|印发", first) \
                and all(_verb_led(sg) for sg in segs[1:-1]) and (segs[-1].strip() == "" or _verb_led(segs[-1])):
            return True
    if CLAUSE_PUNCT.search(gap):
        # long coordination: 甲从…,…,并提出六点意见 / 甲签订了…,并对…提出三点意见
        last = CLAUSE_PUNCT.split(gap)[-1]
        return pred == "spoke" and len(gap) <= 200 and (
            before_verb == "并" or bool(re.match(r"(?:并且?|同时|随后|还|又|对|就|针对|围绕)", last))
            or (re.search(r"(?:出席|参加|列席|到会)[^,，。；;]{0,8}[,，](?:分别|均|并|也|还|又|一一)?$", gap) is not None
                and last.strip() in ("", "分别", "均", "并", "也", "还", "又", "一一"))
            or (re.match(r"(?:就|针对|围绕)", gap) is not None and len(CLAUSE_PUNCT.findall(gap)) == 1
                and last.strip() == "" and len(gap) <= 60))
        # (甲听取…汇报后,对…提出要求 / 甲在…的同时,就…提出了要求: the clause goes on with its
        # subject; 甲就落实…精神,强调: a prepositional phrase, then its verb after the comma)
    if len(gap) > 45:
        # 甲代表…与…签订了…责任书并对…进行了全面部署; 甲就甲项、乙项等重点工作进行安排部署
        return pred == "spoke" and len(gap) <= 120 and ("并" in gap or re.match(r"(?:同志)?(?:就|针对|围绕)", gap) is not None)
    return True


#: Words between an attendee and the attendance verb that make the verb someone else's.
NOT_ATTENDING = re.compile(r"主持|召开|举行|委托|因|会见|要求|邀请|组织|号召|动员|带队|率队|带领|率领|"
                           r"深入|来到|前往|赴|走进|莅临")


def _attend_gap_ok(gap: str, lex: Lexicon) -> bool:
    """甲、乙等领导,各单位负责人共190人参加会议: a list of participants, bodies and
    counts runs between the last named attendee and the verb; no other action does."""
    if re.search(r"[。；;:：]", gap) or len(gap) > 150:
        return False
    # a verb naming a group (检查工作组成员, 督导组) is a noun in the list, not an action
    acts = [vm for vm in lex.verb_re.finditer(gap) if not re.match(r"(?:工作)?组|员|人员|队|小组", gap[vm.end():])]
    return not acts and not NOT_ATTENDING.search(gap)


# --- which mentions can act -------------------------------------------------------------------

#: 甲因故 / 甲因在外地开会,委托乙: the person is named as absent.
ABSENT_AFTER = re.compile(r"(?:同志)?(?:因故|因事|因公|请假|因[^,，。；;]{1,24}?[,，]?特?委托)")
#: 受甲、乙委托: those who delegated are not there.
ENTRUSTED_BY = re.compile(r"受([^,，。；;]{1,40}?)(?:的)?委托")


def _absent_mentions(text: str, mentions: list[PersonMention]) -> set:
    """Mentions (by id) that name a person only as absent (因故, 受甲委托), and the
    names that are never named otherwise: they neither attend nor speak."""
    out: set = set()
    spans = [(m.start(1), m.end(1)) for m in ENTRUSTED_BY.finditer(text)]
    for m in mentions:
        if ABSENT_AFTER.match(text, m.end) or any(s <= m.name_start and m.end <= e for s, e in spans):
            out.add(id(m))
    present: dict[str, bool] = {}
    for m in mentions:
        present[m.name] = present.get(m.name, False) or id(m) not in out
    out.update(name for name, here in present.items() if not here)
    return out


def _usable(text: str, ments: list[PersonMention]) -> list[PersonMention]:
    """Mentions that can be the subject of an action: not a weaker mention nested in
    another one (a place read as a name inside a title), and a bare role standing
    for a person (主任) only where it starts a clause, not inside a list of posts."""
    out = []
    for m in ments:
        if m.kind != "titled" and any(
                n is not m and n.name != m.name and n.start <= m.start and m.end <= n.end
                and n.end - n.start > m.end - m.start for n in ments):
            continue
        if m.kind == "surname_title" and m.name[:1] not in text[m.name_start : m.end]:
            prev = text[m.start - 1] if m.start > 0 else "\n"
            if prev not in "。,，;；:：\n ":
                continue
        out.append(m)
    return out


def _in_brackets(text: str, s0: int, m: PersonMention) -> bool:
    """(某某日报记者 甲 乙): names in brackets are credits, not actors."""
    left = max(text.rfind("(", s0, m.start), text.rfind("（", s0, m.start))
    if left == -1 or max(text.rfind(")", left, m.start), text.rfind("）", left, m.start)) != -1:
        return False
    close = re.compile(r"[)）]").search(text, m.end, min(len(text), m.end + 40))
    return close is not None and not re.search(r"[。；;]", text[m.end : close.start()])


def _told(text: str, s0: int, subj: PersonMention) -> bool:
    """据某局局长甲介绍: the clause starts with 据."""
    cs = max([s0] + [s0 + m.end() for m in CLAUSE_PUNCT.finditer(text[s0 : subj.start])])
    return bool(re.match(r"\s*据", text[cs : subj.start]))


def _quoted_subject(text: str, s0: int, subj: PersonMention) -> bool:
    """贯彻落实甲省长在…上的讲话要求: the name is the object of 贯彻/学习/按照."""
    cs = max([s0] + [s0 + m.end() for m in CLAUSE_PUNCT.finditer(text[s0 : subj.start])])
    return bool(re.search(r"贯彻|落实|学习|按照|根据|遵照|领会|传达|转达|重温", text[cs : subj.start]))


PRONOUN_CLAUSE = re.compile(r"\s*(?:会上|会议上|随后|同时|最后|此外|并且?|另外)?[,，]?\s*[他她](?!们)")


def _pronoun_subject(text: str, s0: int, vs: int, by_name: list[PersonMention],
                     name_keys: list[int], absent: set, national: dict[str, bool]) -> PersonMention | None:
    """他强调 / 就…,他要求: 他 is the person named last before the clause (within
    a few sentences)."""
    cs = max([s0] + [s0 + m.end() for m in CLAUSE_PUNCT.finditer(text[s0:vs])])
    clause = text[cs:vs]
    pm = PRONOUN_CLAUSE.match(clause)
    if not pm or len(clause) - pm.end() > 30 or CLAUSE_PUNCT.search(clause):
        return None
    lo, hi = bisect.bisect_left(name_keys, cs - 400), bisect.bisect_left(name_keys, cs)
    before = [m for m in by_name[lo:hi] if m.end <= cs and id(m) not in absent
              and not national.get(m.name, False) and not _quoted_subject(text, max(0, m.start - 40), m)]
    return max(before, key=lambda m: m.end) if before else None


class Present:
    """Who has attended, chaired or spoken so far (kept up to date as facts grow)."""

    def __init__(self, facts: list[Fact]) -> None:
        self.facts, self.seen, self.done = facts, set(), 0

    def names(self) -> set[str]:
        for f in self.facts[self.done :]:
            if f.p in ("attended", "chaired", "spoke"):
                self.seen.add(f.s)
        self.done = len(self.facts)
        return self.seen


ROLE_CLAUSE = re.compile(
    r"\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]|会上[,，]?|随后[,，]?|最后[,，]?)?"
    r"\s*(?:[\u4e00-\u9fff]{1,6}?(?=各))?(各(?:位)?(?:分管)?)?([\u4e00-\u9fff]{2,6}?)(?:同志)?"
    # (各位副县长和分管领导就…: the group label joined to the post adds no one named)
    r"(?:[和及与](?:各位|各)?(?:分管|相关|有关)?(?:领导|负责人|负责同志)(?:同志)?)?"
    r"(?:[就对][^,，。；;]{0,30}?)?(?:分别|依次|先后|也|还)?\s*")


def _role_subjects(text: str, s0: int, vs: int, person_titles: dict[str, list[TitleText]],
                   present: Present) -> list[str]:
    """董事长提出要求 (the only person with that post) / 各分管副县长作了部署 (each
    person present with that post): a post standing for the person."""
    cs = max([s0] + [s0 + m.end() for m in CLAUSE_PUNCT.finditer(text[s0:vs])])
    rm = ROLE_CLAUSE.fullmatch(text, cs, vs)
    if not rm:
        return []
    role = rm.group(2)
    if len(role) < 2 or not re.search(r"(?:长|书记|主任|主席|总经理|经理|总裁|董事长)$", role):
        return []
    holders = [n for n, ts in person_titles.items()
               if any(t.text.endswith(role) or t.role == role for t in ts)]
    if rm.group(1):
        here = present.names()
        return [n for n in holders if n in here]
    return holders if len(holders) == 1 else []


def _subjectless_clause(text: str, s0: int, vs: int) -> bool:
    """会后,到现场检查指导,要求…: the clause of the verb has no subject of its own."""
    cs = max([s0] + [s0 + m.end() for m in CLAUSE_PUNCT.finditer(text[s0:vs])])
    return bool(re.fullmatch(r"\s*(?:并|还|同时|并且|随后|现场|当场)?\s*", text[cs:vs]))


def _in_meeting_name(text: str, s0: int, vs: int, ve: int, e0: int) -> bool:
    """主持召开了全年工作总结和部署会议: the verb names the meeting."""
    after = re.split(r"[,，。；;:：]", text[ve : min(e0, ve + 24)])[0]
    # the convening verb in the same clause (not 甲主持会议并讲话,乙传达…会议精神)
    before = re.split(r"[,，。；;:：]", text[max(s0, vs - 40) : vs])[-1]
    return bool(re.search(r"会议|大会|会$|座谈会|推进会|例会", after)) and bool(
        re.search(r"召开|举行|主持|组织", before))


#: 甲、乙 / 甲同志、乙同志 / 甲,检察院副检察长乙: what may stand between two names of a list
#: (the second one's title is part of its mention; a body or place before it is not).
LIST_JOIN = re.compile(r"\s*(?:同志|等同志)?\s*(、和|,和|，和|以及|、|,|，|和|及|与)\s*")
NOT_IN_LIST = re.compile(r"主持|召开|会议|讲话|在|由|受|委托|陪同|带领|率领|随同|参加|出席|等|还有|分别|"
                         # 代表 on behalf of (甲代表县政府与乙…), not a group's label (甲、职工代表乙)
                         r"(?<!工人|职工|员工|群众|企业|学生|家长|居民|村民|党员|青年|市民|农民)代表")


def _list_gap(gap: str, lex: Lexicon) -> str | None:
    m = LIST_JOIN.match(gap)
    if not m:
        return None
    rest = gap[m.end():]
    post = lex.title_unit.match(rest)
    if post and re.fullmatch(r"[,，]", rest[post.end():]):
        rest = ""  # …,县委常委,|副县长丙: a post of the next name's, written before a comma
    if rest and (len(rest) > 12 or re.search(r"[、,，。；;:：()（）\s]", rest)
                 or lex.verb_re.search(rest) or NOT_IN_LIST.search(rest)):
        return None
    return "comma" if m.group(1) in (",", "，") else "list"


def _chain(text: str, subj: PersonMention, prior: list[PersonMention],
           lex: Lexicon) -> tuple[list[PersonMention], bool]:
    """The subject and the names listed with it before it (甲、乙和丙; 职务甲,职务乙):
    all of them take the verb. Also says whether a comma joined any two."""
    chain = [subj]
    comma = False
    cur = subj
    for m in reversed(prior):
        if m is subj or m.end > cur.start:
            continue
        gap = text[m.end : cur.start]
        if not gap and text[cur.start : cur.start + 1] in ("、", "和", "及", "与", ",", "，"):
            gap = text[cur.start]  # the conjunction was read into the next name's title
        kind = _list_gap(gap, lex)
        if kind is None:
            break
        comma = comma or kind == "comma"
        if m.name not in [c.name for c in chain]:
            chain.append(m)
        cur = m
    return list(reversed(chain)), comma


# --- inspections ------------------------------------------------------------------------------


@dataclass
class TourState:
    """The leaders of the tour being reported, for the sentences that follow
    (检查组先后来到…, 随后来到…, 他强调)."""

    last: list[str] = field(default_factory=list)
    continuing: int = -1  # the sentence start whose subject is the tour party
    heads: list[str] = field(default_factory=list)  # named anywhere as the group's 组长


MOVE_RE = re.compile(
    r"(?P<pre>先后|分别|一同|随后|又|还|再次|再|也|专程|亲自|相继|陆续|接着|然后|首先|之后|后|并)?"
    r"(?P<v>深入到|来到|到达|抵达|深入|走进|前往|赶赴|奔赴|莅临|进入|前来|赴|到|"
    # 来 alone after the party (甲等一行人来某开发区检查; 某督导组,来某地开展…)
    r"(?:(?<=一行)|(?<=行人)|(?<=组[,，])|(?<=同志)|(?<=等人))来(?![自说源看]))")
#: After 深入/进入: a verb, not a place (深入贯彻, 深入开展).
NOT_A_PLACE = re.compile(
    r"(?:贯彻|落实|开展|学习|推进|排查|分析|实施|研究|细致|宣传|整治|推动|查找|践行|领会|挖掘|了解|"
    r"调研|检查|督导|督查|走访|思考|人心|人民|群众|基层调研|细化|持久|实际|一步|交流|探讨|"
    r"\d|[一二三四五六七八九十]+季度|新阶段|冬季|汛期|夏季|春季|秋季)")
#: What ends the place after a movement verb.
OBJ_STOP = re.compile(
    r"[,，。；;:：！!？?]|开展|进行|检查|督导|督查|督察|调研|指导|查看|察看|了解|实地|就|对|听取|看望|"
    r"慰问|召开|参加|出席|走访|暗访|巡查|考察|视察|督促|宣讲|推进|座谈|调度|蹲点|主持|抽查|核查|排查|"
    r"参观|召集|宣传|详细|认真|仔细|逐一|专题|开始|检验")
#: Words that make a tour of a movement without an inspection verb (一行先后到…).
TOUR_WORDS = re.compile(r"一行|带队|率队|率领|带领|先后|陪同|随同|相继")
#: The tour party named without a person: the leaders of the last tour.
PARTY = re.compile(r"检查组|督导组|督查组|督察组|调研组|巡查组|工作组|考察组|暗访组|指导组|一行|他们|[他她]")
#: The party at the start of a clause (…,巡查组听取了…; 检查组一行先后到…).
PARTY_CLAUSE = re.compile(r"(?:^|(?<=[,，。;；\n]))\s*(?:检查组|督导组|督查组|督察组|调研组|巡查组|考察组|暗访组|指导组|"
                          r"督导核查组|核查组)(?:一行|成员)?(?!组长|指出|认为|强调|要求|表示|肯定)")
#: A subjectless sentence that goes on with the tour (随后,采取…方式,先后对…进行了检查).
SEQUENCE_START = re.compile(r"\s*(?:随后|接着|然后|之后|此后|其间|期间|同时)[,，]")
#: 在甲、乙陪同下 / 在甲的带领下 / 由甲任组长的: escorts and leaders of a tour.
ESCORTED = re.compile(r"在([^。；;在]{1,100}?)(?:的)?(?:陪同|陪伴|随同)下")
LED_BY = re.compile(r"在([^。；;在]{1,60}?)(?:的)?(?:带领|率领|带队|率队|领队)下")
#: 甲、乙,丙等领导组成的检查组: a party named by its members, no leader: each of them
#: tours (FORMAT: where a touring party is named with no leader, each member named).
COMPOSED_OF = re.compile(r"()([^。；;]{2,300}?)等(?:领导|同志|人员|人)?组成的")
#: 由甲任组长,乙任副组长的…: the deputies named right after the leader.
DEPUTY_AFTER = re.compile(r"[,，、]([^。；;,，]{1,30}?)(?:任|担任|为)副(?:组长|队长)")
HEADED_BY = re.compile(r"由([^。；;,，]{1,50}?)(?:任组长|任队长|担任组长|带队|率领|率队|领队)|以([^。；;,，]{1,50}?)为组长")
#: The start of a sentence whose place comes first: 在某某公司,甲… / 在某某煤矿检查时,甲…
LEAD_ZAI = re.compile(
    r"\s*(?:(?:上午|下午|晚上|随后|接着|然后|首先|最后|当天|期间|\d{1,2}日(?:上午|下午)?)[,，]?)?"
    r"在(?![建岗职线])((?:[^,，。；;:：在]|在(?=建)){2,30}?|(?:[^,，。；;:：在、]|在(?=建)){2,40}"
    r"(?:、(?:[^,，。；;:：在、]|在(?=建)){2,40}?){1,8})"
    r"((?:检查|调研|督导|查看|察看|考察|视察|暗访|走访|督查|调研指导|检查指导)"
    r"(?:时|期间|过程中|中)?|(?<=[^\d])时)?(?:[,，]|[ 　]+(?=[\u4e00-\u9fff]))")  # (在某公司 甲一行…: a space for the comma)
#: 在某县督导检查 / 在某县开展了重点督查: a place of inspection after the leader.
ZAI_SITE_TEMPLATE = r"在(?![建岗职线])([^,，。；;:：在]{{2,30}}?)(?:(?:开展|进行)了?[^,，。；;]{{0,12}}?|实地|现场|深入)?(?:{verbs})"
#: 对A、B进行了检查: the objects of 对 before 进行/开展 and an inspection.
DUI_TEMPLATE = r"(?<![针相绝核面反])对(?![于照接标表比])([^,，。；;:：]{{2,100}}?)(?:进行|开展)了?[^,，。；;]{{0,14}}?(?:{verbs})"

SITE_SUFFIX = re.compile(
    r"(?:公司|集团|工地|现场|站|厂|矿|煤矿|市场|园区?|开发区|新区|区|县|市|镇|乡|村|街道|社区|旗|盟|州|"
    r"学校|中学|小学|幼儿园|学院|医院|卫生院|敬老院|养老院|商场|超市|中心|码头|港|隧道|工程|项目|项目部|基地|仓库|景区|酒店|宾馆|车间|库区|油库|水库|电站|"
    r"场所|门店|店|食堂|排档|卡口|广场|公园|指挥部|大队|中队|支队|楼盘|机构|"
    # shops and housing (某百货, 某商厦, 某小区, 某某府, 某村自建房; not a 楼 or 馆 inside a unit)
    r"百货|商厦|大厦|商城|小区|花园|苑|府|房|所|场)$")
SITE_TAIL = re.compile(
    r"(?:的)?(?:安全生产|安全|消防安全|防汛|安全稳定|生产经营|建设|运行|改扩建|整改|用气|用电|用火|燃气安全)?"
    r"(?:工作|情况|问题|进展)$")
#: A site named only by its kind (车间, 施工现场, 有关单位).
GENERIC_SITE = re.compile(
    r"(?:辖区)?部分\S{0,6}|"
    r"(?:其|各|有关|相关|部分|重点|所属|其他|基层|生产|作业|施工|项目|工程|建设)*"
    r"(?:单位|企业|部门|场所|地方|现场|车间|一线|基层|工地|岗位|班组|情况|工作|政府|领域|行业|村庄|地|处|"
    r"会场|会议室|后厨|厨房|操作间|库房)")
#: The object of 对…进行检查 as a topic (某单位消防和值守工作, 某项措施落实情况).
TOPIC_OBJECT = re.compile(r"(?:工作|情况|问题)$")
#: A site that is a unit of its own (某燃气公司, 某储配站), not a spot inside one (储罐区, 车间).
UNIT_SITE = re.compile(r"(?:公司|集团|厂|矿|站|中心|医院|酒店|宾馆|商场|超市|学校|项目)$")
#: An object that names a unit (某某矿业公司), not a category (工矿企业).
NAMED_SITE = re.compile(
    r"[^各有相重部其]\S{1,}(?:公司|集团|厂|矿|项目|项目部|工地|站|中心|医院|酒店|宾馆|商场|超市|市场|园|基地|"
    r"镇|乡|村|县|市|区|街道|社区)$")


#: Verbs whose object can be the site itself (查看了某中心, 指导某工地…工作), not a topic (了解).
LOOKING = re.compile(r"(?:实地|现场)?(?:查看|察看|检查|抽查|抽检|督导|督查|督察|走访|考察|视察|暗访|巡查|指导|调研)+")


#: An inspection group, as the subject of a tour.
GROUP = re.compile(r"(?:检查|督导|督查|督察|巡查|调研|考察|暗访|指导|工作)组")
#: 督导组组长、某厅副厅长甲 / 检查组长甲: the group's named leader.
GROUP_HEAD = re.compile(r"(?:检查|督导|督查|督察|巡查|调研|考察|暗访|指导)组(?:组长|长)")


def _group_heads(text: str, mentions: list[PersonMention]) -> list[str]:
    out: list[str] = []
    for m in mentions:
        window = text[max(0, m.start - 24) : m.name_start]
        gm = None
        for gm in GROUP_HEAD.finditer(window):  # noqa: B007 — the last group label before it
            pass
        if gm and not re.search(r"[。；;,，]", window[gm.end():]) and m.name not in out:
            out.append(m.name)
        elif re.match(r"(?:同志)?(?:任|担任|为)副?(?:组长|队长)", text[m.end : m.end + 6]) and m.name not in out:
            out.append(m.name)  # 由甲任组长,乙任副组长的督查组: both lead the group
    return out


#: A photo caption: it names no site of its own unless it names the person.
CAPTION = re.compile(r"\s*(?:图为|图片为|图[:：]|▲|△|[(（]图[)）]|上图|下图|左图|右图)")
#: Places that name no site: a part, all of them, a count, the reporting body itself.
VAGUE_SITE = re.compile(
    r"(?:辖区内?)?部分|全[省市县区旗盟州镇乡]|[我本][省市县区旗盟州镇乡]|各|"
    r"(?:重点|有关|相关|其他|所属)\S{0,4}?(?:企业|单位|部门|场所|行业|领域)$|(?:\d+|[一二三四五六七八九十两几多]+)[个家处座所条项户]|"
    r"[我本该此](?:省|市|县|区|旗|盟|州|镇|乡|村|公司|单位|局|集团|厂|矿|院|校|中心|街道|社区)$")
#: An inspection's manner or its own scene, not a site (突击, 随机, 督察现场).
MANNER_ONLY = re.compile(r"(?:突击|随机|暗访|重点|专项|全面|集中|实地|现场|拉网式|地毯式|明察|暗查)+|"
                         r"(?:督察|督查|检查|督导|调研|巡查)现场")
#: What a party checks inside a site (equipment, measures, records, a condition), never a
#: site: 疏散通道, 应急灯, 灭火器是否完好, 安全预案部署, 企业安全台账, 监管措施落实.
NOT_A_SITE = re.compile(r"是否|(?:通道|出口|灯|灭火器|消火栓|器材|设施|设备|措施|预案|部署|台账|制度|记录|配备|落实|情况)$")
#: An administrative area as a site: later movements name the sites inside it.
AREA = re.compile(r"(?:省|市|县|区|旗|盟|州|镇|乡|街道)$")


_SITE_RES: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _site_res(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """在某地检查 and 对某某进行检查, with the lexicon's inspection verbs (built once)."""
    res = _SITE_RES.get(id(lex))
    if res is None:
        verb_alt = _alternation([v for v, p in lex.verbs.items() if p == "inspected"])
        res = _SITE_RES[id(lex)] = (re.compile(ZAI_SITE_TEMPLATE.format(verbs=verb_alt)),
                                    re.compile(DUI_TEMPLATE.format(verbs=verb_alt)))
    return res


#: After an inspection verb: a noun (检查组, 督察长, 检查点), not an action.
NOUN_AFTER = re.compile(r"(?:组|员|人员|队|小组|工作组|点|站|长|表|单|室|科|处|类型|内容|结果|范围|标准|方式|情况|期间)")


def _valid_move(text: str, m: re.Match, e0: int) -> bool:
    v = m.group("v")
    vs = m.start("v")
    nxt = text[m.end() : m.end() + 1]
    if v == "到":
        prev = text[vs - 1 : vs] if m.group("pre") is None else ""
        if prev and prev in "达受得做见感想直遇提收报看找办拿回来迟送等不落延推" or not nxt:
            return False
        if nxt in "会位底期达场任岗点处了时年月" or nxt.isdigit():
            return False
    if v in ("深入", "深入到", "进入") and NOT_A_PLACE.match(text, m.end()):
        return False
    if v == "进入" and (not m.group("pre") or nxt in "了"):
        return False  # 进入四季度
    return m.end() < e0


#: How far a movement's objects can run: a list of five named firms is 100 characters.
MOVE_REACH = 160


def _move_sites(text: str, m: re.Match, e0: int) -> list[str]:
    stop = OBJ_STOP.search(text, m.end(), min(e0, m.end() + MOVE_REACH))
    end = stop.start() if stop else min(e0, m.end() + MOVE_REACH)
    if not stop and end - m.end() >= MOVE_REACH:
        return []
    return _site_items(text[m.end() : end])


def _split_outside_brackets(raw: str) -> list[str]:
    """Split at 、，, and 以及, but not inside brackets (各县(市、区) stays whole)."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(raw):
        c = raw[i]
        if c in "(（[【":
            depth += 1
        elif c in ")）]】":
            depth = max(0, depth - 1)
        elif depth == 0 and (c in "、，," or raw.startswith("以及", i)):
            parts.append(raw[start:i])
            i += 2 if c == "以" else 1
            start = i
            continue
        i += 1
    parts.append(raw[start:])
    return parts


def split_list(raw: str) -> list[str]:
    """甲、乙和丙 → [甲, 乙, 丙]. 以及 always splits; 和/及/与 split only where the
    left side is long enough to be an item of its own (天和化工公司, 维修及保养中心 stay whole)."""
    items: list[str] = []
    parts = [x for x in _split_outside_brackets(raw) if x]
    for k, part in enumerate(parts):
        pieces = [part]
        while True:
            last = pieces[-1]
            # 某村及某路 (a complete item before), 甲化工和乙化工 (two long ones),
            # the last of a 、 list (甲站、乙巷和丙超市); not 维修及保养中心, 某公司兴和铝厂
            # (a place name with 和)
            cut = next((m2 for m2 in re.finditer(r"[和及与并]", last)
                        if len(last) - m2.end() >= 2 and m2.start() >= 2 and (
                            SITE_SUFFIX.search(last[: m2.start()])
                            or (m2.start() >= 4 and len(last) - m2.end() >= 4)
                            or (k > 0 and k == len(parts) - 1 and SITE_SUFFIX.search(last[m2.end():])))), None)
            if not cut:
                break
            pieces[-1:] = [last[: cut.start()], last[cut.end() :]]
        items.extend(pieces)
    return [x.strip() for x in items if x.strip()]


def _clean_site(item: str) -> str:
    item = re.sub(r"^(?:了|该(?=辖区)|区域内的)", "", item.strip())
    item = re.sub(r"后(?:第一时间|立即|随即|马上|即|便|就).*$", "", item)  # 抵达某地后第一时间…
    item = re.sub(r"^[^、]{2,20}?(?:所辖|下属|旗下|承建)的", "", item)  # 某集团所辖的|某煤矿
    item = re.sub(r"^(?:沿街|临街|城区)?(?:营业|经营|在建|正在营业)的", "", item)  # 沿街营业的|某粉店
    item = re.sub(r"^(?:辖区内|该辖区内|[我本该](?:省|市|县|区|旗|镇|乡|街道|社区|村))的", "", item)  # 我街道的|某百货
    item = re.sub(r"^[我本](?:省|市|县|区|旗|镇|乡)(?=[\u4e00-\u9fff]{2,}(?:办事处|街道|镇|乡|村|社区|公司|厂|矿|站|中心))",
                  "", item)  # 我县|某办事处: the unit, in our county
    item = SITE_LEAD.sub("", item)
    cut = item.find("等")
    if cut >= 2:
        item = item[:cut]
    m = re.search(r"\d+(?:个|家|处|座|所|条|项|户|多)|[二三四五六七八九十两几]+(?:个|家|处|座|所|项|户)", item)
    if m and m.start() >= 2:
        item = item[: m.start()]  # 某泵站三个项目: the site, then a count of what it holds
    # 某某公司改扩建情况, 某煤矿下井, 某工业园展开…: cut after the unit's name
    ends = [sm.end() for sm in re.finditer(r"公司|集团|厂|矿|站|中心|项目部|项目|工地|基地|园|采场", item)
            if sm.end() < len(item) and (
                re.fullmatch(r"(?:的)?[^的]{0,8}?(?:情况|工作|问题|进展)", item[sm.end():])
                or SITE_ACTION_TAIL.match(item, sm.end()))]
    if ends:
        item = item[: ends[-1]]
    area = re.match(r"(.{2,10}?(?:省|市|县|区|旗|州))(?:延伸|安全生产)\S{1,10}$", item)
    if area:
        item = area.group(1)  # 某市延伸考核, 某省安全生产大检查: the area, then the action
    place_class = re.match(r"(.{2,8}?(?:省|市|县|区|旗|镇|乡|街道))(?:部分|有关|相关|重点|辖区内?|境内)\S{0,10}$", item)
    if place_class and not re.match(r"[我本该全各]", item):
        item = place_class.group(1)  # 某县部分煤炭企业: the place, its sites unnamed
    item = SITE_TAIL.sub("", item)
    item = re.sub(r"(?:实地|一线|的)$", "", item)
    mod = re.search(r"(?:专项|地毯式|拉网式|突击|全面|集中|逐一)+$", item)
    if mod and SITE_SUFFIX.search(item[: mod.start()]):
        item = item[: mod.start()]  # 某村专项(督导), 某村地毯式突击(巡查)
    if len(item) > 3 and item[-1] in "后时" and SITE_SUFFIX.search(item[:-1]):
        item = item[:-1]  # 来到某煤矿后
    inner = re.search(r"(?:井下|地下|内部|内|里)$", item)
    if inner and SITE_SUFFIX.search(item[: inner.start()]):
        item = item[: inner.start()]  # 某煤矿井下: the mine
    scene = re.search(r"(?:的)?(?:生产|开采|作业|开采作业)?现场$|(?<=工地)现场$|(?:所属|下属)各\S{0,2}$|"
                      r"人员密集场所$", item)
    if scene and scene.start() >= 2 and re.search(r"(?:厂|矿|公司|工地|站|商厦|商场|集团)$", item[: scene.start()]):
        item = item[: scene.start()]  # 某热电厂的生产现场, 某商厦人员密集场所: the unit
    return item.strip()


#: What stands before a site's name in the same run of text and is not part of it: the
#: party's movement (检查组到|某公司), a location clause (位于某开发区的|某公司), a locative
#: (区内|某公司), a relative clause (已被关闭的|某厂), the notice's own unit (我院|某校区).
SITE_LEAD = re.compile(
    r"^(?:[^、,，]{0,10}?(?:组|团|队|一行)(?:先后|又|还|再)?(?:到|赴|来到)(?=[\u4e00-\u9fff]{3,})|"
    r"位于[^的,，]{2,20}的|[场厂园]?区内(?:的)?(?=[\u4e00-\u9fff]{3,})|"
    r"(?:已经?|已被|被|正在)[^的,，]{1,10}的|我(?:院|校|局|所)(?=[\u4e00-\u9fff]{3,})|我(?=(?:集团|公司)[\u4e00-\u9fff]{3,}))")
#: An action after a unit's name, in the same run (某煤矿下井, 某园展开…, 某采场出矿).
SITE_ACTION_TAIL = re.compile(r"(?:下井|出矿|展开|开展|进行|督导|检查)[\u4e00-\u9fff]{0,12}$")


def _site_items(raw: str) -> list[str]:
    out = []
    for x in split_list(raw):
        site = _clean_site(x)
        if VAGUE_SITE.match(site):
            continue  # 辖区部分村, 我县, 全县各乡镇, 10家重点企业: not named
        if re.match(r"[该此](?!辖区)", site):
            continue  # 该企业, 此地: a unit named before, not named here
        if MANNER_ONLY.fullmatch(site):
            continue  # 在突击检查…的过程中: how, not where
        if NOT_A_SITE.search(site):
            continue  # 应急灯, 灭火器是否完好, 预案部署, 安全台账: what is checked in a site, not a site
        if 2 <= len(site) <= 40 and not re.fullmatch(
                r"(?:安全生产|工作|全区|全县|全市|一线|基层|现场|一处|各处|此处|这里|那里|当地|此地|该地)", site):
            out.append(site)
    return out


def _leader_gap_ok(gap: str, lex: Lexicon) -> bool:
    """Between the leader and the tour: dates, 率领…组, 一行, 带队 — not speech, not
    an escort, not an instruction (要深入企业检查)."""
    if re.search(r"[。；;]", gap) or len(gap) > 150:
        return False
    if re.search(r"陪同|随同|跟随|一同|参加|参与|陪", gap):
        return False
    return not _instruction(gap, lex)


def _instruction(head: str, lex: Lexicon) -> bool:
    """Speech or an instruction (甲强调,要深入企业检查; 要求各地…), not a report the
    party hears (听取汇报)."""
    if re.search(r"(?:^|[,，])\s*(?:要|必须|务必|应当|需要|还要)|(?<!听取)(?:要求|强调|指出)", head):
        return True
    return any(lex.verbs[v.group(0)] == "spoke" and not re.search(r"听(?:取)?[^,，。]{0,40}$", head[: v.start()])
               for v in lex.verb_re.finditer(head))  # (听汇报、查资料: a method of the tour)


def _mentions_in(ments: list[PersonMention], s: int, e: int) -> list[PersonMention]:
    return [m for m in ments if s <= m.name_start and m.end <= e]


#: 甲带队 / 由乙带队: where a leader of one of several groups in a sentence is named.
LEAD_CUE = re.compile(r"(?:带队|率队|率领|带领|任组长|为组长)")


def _tour_facts(text: str, s0: int, e0: int, ments: list[PersonMention], tour: TourState,
                lex: Lexicon, inspecting: list[tuple[int, int]]) -> list[Fact]:
    """One `inspected` per leader and named site of a tour sentence. The leaders are
    named before the tour (甲带队…, 甲、乙一行, 在甲带领下, 由甲任组长的…组), or are
    the last tour's when the party goes on unnamed (检查组先后来到…). A sentence
    with several groups, each led by its own named leader (第一组由甲带队,赴…,
    第二组由乙带队,赴…), is read group by group."""
    if e0 - s0 > 600:
        e0 = s0 + 600  # a rule looks at a bounded stretch
    starts = []
    for cue in LEAD_CUE.finditer(text, s0, e0):
        lead = [m for m in ments if 0 <= cue.start() - m.end <= 6]
        if lead:
            # the group's leaders start with the list the named leader closes (甲,乙分别带队)
            first = _chain(text, lead[-1], [m for m in ments if m.end <= lead[-1].start], lex)[0][0]
            starts.append(max([s0] + [s0 + p.end() for p in CLAUSE_PUNCT.finditer(text[s0 : first.start])]))
    for m in ments:
        # 甲先后来到A、B,乙来到C: a clause that starts with a person on the move
        if m.start > s0 and text[m.start - 1] in ",，" and MOVE_RE.search(text, m.end, min(e0, m.end + 8)) \
                and (any(v[0] < m.start for v in inspecting) or any(
                    _valid_move(text, mv, m.start) for mv in MOVE_RE.finditer(text, s0, m.start))):
            starts.append(m.start)  # (only after a first tour clause: 甲,乙莅临… is one party)
    cuts: list[int] = []
    for cs in sorted(starts):
        if not cuts or cs > cuts[-1]:
            cuts.append(cs)
    if cuts and not any(m.start < cuts[0] for m in ments):
        cuts = cuts[1:]  # the first leader's clause: the sentence's start belongs to it
    cuts = [c for c in cuts if c > s0]
    if cuts:
        bounds = [s0] + cuts + [e0]
        out: list[Fact] = []
        before, after = list(tour.last), []
        for a, b in zip(bounds, bounds[1:], strict=False):
            tour.last = list(before)  # each group is read against the tour so far
            out.extend(_tour_part(text, a, b, [m for m in ments if a <= m.start and m.end <= b], tour, lex,
                                  [v for v in inspecting if a <= v[0] and v[1] <= b]))
            after.extend(n for n in tour.last if n not in after)
        tour.last = after
        return out
    return _tour_part(text, s0, e0, ments, tour, lex, inspecting)


def _tour_part(text: str, s0: int, e0: int, ments: list[PersonMention], tour: TourState,
               lex: Lexicon, inspecting: list[tuple[int, int]]) -> list[Fact]:
    verbs = [v for v in inspecting if v[1] <= e0]
    moves = [m for m in MOVE_RE.finditer(text, s0, e0) if _valid_move(text, m, e0)]
    if not verbs and not moves:
        return []
    escort = ESCORTED.search(text, s0, e0)
    escorts = {id(m) for m in _mentions_in(ments, escort.start(1), escort.end(1))} if escort else set()
    leaders: list[PersonMention] = []
    members: list[PersonMention] = []
    lead_end = s0
    region = LED_BY.search(text, s0, e0) or HEADED_BY.search(text, s0, e0) or COMPOSED_OF.search(text, s0, e0)
    if region:
        g = 1 if region.group(1) else 2
        leaders = [m for m in _mentions_in(ments, region.start(g), region.end(g)) if id(m) not in escorts]
        lead_end = region.end()
        # 甲带领以乙为组长的督导组: 甲 leads the group with its 组长
        bringer = [m for m in ments if m.end <= region.start() and id(m) not in escorts
                   and re.fullmatch(r"(?:同志)?(?:带领|率领|率)", text[m.end : region.start()])]
        if bringer and leaders:
            leaders = bringer[-1:] + leaders
        deputy = DEPUTY_AFTER.match(text, region.end(), e0)
        if deputy and leaders:
            # 由甲任组长,乙任副组长的督查组: the deputy named with the leader leads too
            leaders += [m for m in _mentions_in(ments, deputy.start(1), deputy.end(1)) if id(m) not in escorts]
            lead_end = deputy.end()
    anchors = sorted([v[0] for v in verbs] + [m.start() for m in moves])
    if not leaders:
        for anchor in anchors:
            cands = [m for m in ments if m.end <= anchor and id(m) not in escorts]
            if not cands:
                continue
            subj = cands[-1]
            gap = text[subj.end : anchor]
            if escort and subj.end <= escort.start() and escort.end() <= anchor:
                gap = text[subj.end : escort.start()] + text[escort.end() : anchor]
            if not _leader_gap_ok(gap, lex):
                break
            if any(m.start >= subj.end and m.end <= anchor and id(m) not in escorts
                   for m in ments if m is not subj):
                break
            leaders, _ = _chain(text, subj, [m for m in cands if m.end <= subj.start] + [subj], lex)
            head = [m for m in cands if m.end <= leaders[0].start]
            if head and re.fullmatch(r"(?:同志)?(?:带领|率领|带着|率)(?:[^,，。；;]{0,20}?)?",
                                     text[head[-1].end : leaders[0].start]):
                # 甲带领乙、丙等来到…: 甲 leads; the members he brings take part
                members = leaders
                leaders, _ = _chain(text, head[-1], head, lex)
            lead_end = subj.end
            break
    continuing = False
    lead_zai = LEAD_ZAI.match(text, s0, e0)
    if not leaders and not tour.last and tour.heads:
        group = GROUP.search(text, s0, anchors[0])
        if group and not any(m.end <= group.start() for m in ments):
            tour.last = list(tour.heads)  # 督导组先后深入…: the group its named 组长 led
    party = party_later = None
    if not leaders and tour.last:
        head = text[s0 : anchors[0]]
        party = PARTY.search(head)
        # the escorts of 在甲陪同下,检查组… stand before the party without leading it
        first_ment = min((m.start for m in ments if id(m) not in escorts), default=e0)
        # the party as a clause's subject before anyone named (延伸巡查当日,巡查组听取…,检查…)
        party_later = PARTY_CLAUSE.search(text, s0, min(e0, first_ment))
        if _instruction(head, lex) or CAPTION.match(text, s0):
            pass  # 他强调,要到企业检查 (what the speech asks for); 图为检查组在某地 (a caption)
        elif party and party.start() + s0 < first_ment or (party_later and not party) or (
                not any(m.end <= anchors[0] for m in ments) and (re.fullmatch(
                    r"[\s\d月日上下午晚当天次同期间后首先随接着然之又还并先分别实地会,，、]*", head)
                    or lead_zai or SEQUENCE_START.match(text, s0))):
            continuing = True
    if not leaders and not continuing and lead_zai:
        # 在某公司,甲详细了解…: the person right after the place leads
        after = [m for m in ments if 0 <= m.start - lead_zai.end() <= 2]
        # (a movement inside the site is a tour's word too: 在某产业园,甲深入车间)
        inside = any(m.group("v") in ("深入", "深入到", "走进") and m.start() >= lead_zai.end() for m in moves)
        if after and (lead_zai.group(2) or verbs or (inside and SITE_SUFFIX.search(lead_zai.group(1)))):
            leaders = [after[0]]
            lead_end = after[0].end
    if not leaders and not continuing:
        return []
    names = [m.name for m in leaders] if leaders else list(tour.last)
    explicit = bool(leaders)
    if leaders and not verbs:
        # 甲到会: a movement alone is a tour only among a tour's words, and not
        # when it goes on to another business (到某地开展帮扶工作)
        move_end = max(m.end() for m in moves)
        first_lead = min(m.start for m in leaders)
        if not TOUR_WORDS.search(text, first_lead, move_end) and not set(names) <= set(tour.last):
            return []
        after_move = [OBJ_STOP.search(text, m.end(), min(e0, m.end() + 60)) for m in moves]
        if any(a and re.match(r"开展|进行|参加|出席|召开|慰问|看望|座谈|主持|宣讲", a.group(0))
               for a in after_move) or re.search(r"慰问|看望|拜年|祝福|走访困难", text[s0:e0]):
            return []  # 来到某地看望慰问一线职工: a visit, not an inspection
    # the places
    sites: list[str] = []
    first = True
    for m in moves:
        if m.start() < lead_end:
            continue
        if lead_zai and m.group("v") in ("深入", "深入到", "进入", "走进") and m.start() >= lead_zai.end() \
                and SITE_SUFFIX.search(lead_zai.group(1)) and not re.search(r"陪同|带领|率领", lead_zai.group(1)):
            continue  # 在某产业园,甲深入厂房和车间: spots inside the site the sentence began with
        if first or m.group("pre") in ("随后", "又", "再", "再次", "接着", "然后", "之后", "后", "先后", "并",
                                       "还", "相继", "陆续") or all(AREA.search(x) for x in sites):
            # a later movement names new sites after a sequence word, or inside an area
            # (来到某县,深入某矿、某公司); otherwise it goes inside a site (深入车间)
            sites.extend(_move_sites(text, m, e0))
            first = False
    zai, dui = _site_res(lex)
    for zm in zai.finditer(text, lead_end, e0):
        place = zm.group(1)
        if not re.search(r"会|陪同|带领|率领|期间|过程|之|开展|进行|正在|召开|举行|[上中下时里]$", place):
            sites.extend(_site_items(place))
    if lead_zai and (lead_zai.group(2) or verbs or leaders and lead_end == leaders[0].end
                     and SITE_SUFFIX.search(lead_zai.group(1))):
        place = lead_zai.group(1)
        if not re.search(r"会|陪同|带领|率领|期间|过程|之|开展|进行|正在|召开|举行|[上中下时里]$", place):
            # a party going on names a new site only by a unit's name, not a spot inside
            sites.extend(x for x in _site_items(place) if explicit or SITE_SUFFIX.search(x))
    dui_sites = [x for dm in dui.finditer(text, lead_end, e0) for x in _site_items(dm.group(1))
                 # 对某单位消防和值守工作进行检查: one topic, no list; only units and places in it are sites
                 if "、" in dm.group(1) or not TOPIC_OBJECT.search(dm.group(1)) or SITE_SUFFIX.search(x)]
    if sites:
        dui_sites = [x for x in dui_sites if NAMED_SITE.search(x)]
    sites.extend(dui_sites)
    had_sites = bool(sites)
    first_move = min((m.start() for m in moves if m.start() >= lead_end), default=e0)
    got = False
    for vs, ve in verbs:
        if vs < lead_end:
            continue
        # after the sites found (by a movement, or by an earlier verb of this sentence):
        # only a coordinated inspection (…,并现场检查了某公司) adds more
        strict = (had_sites and vs > first_move) or got
        # (a clause of its own after a comma goes on with the party too: 到某园调研,重点抽检…)
        joined = re.search(r"(?:并|还|又|随后|同时|并先后|[,，])(?:现场|实地|突击|随机|重点|详细|认真|深入)?$",
                           text[max(s0, vs - 6) : vs])
        if strict and not joined:
            continue
        if got or not had_sites or (joined and joined.group(0)[0] in ",，"):
            clause = text[max([s0] + [s0 + c.end() for c in CLAUSE_PUNCT.finditer(text[s0:vs])]) : vs]
            if re.search(r"要求|强调|指出|(?<![主重需纲])要(?![点闻])|务必|必须", clause):
                continue  # 要检查某某: what the speech asks for, not a visit
        after = text[ve : _clause_end(text, ve, e0)]
        after = re.sub(r"^(?:了|过)", "", after)
        topic = re.search(r"的[^、]*(?:工作|情况|问题)$", after)
        if topic and all(NAMED_SITE.search(x) for x in _site_items(after[: topic.start()]) or ["-"]):
            after = after[: topic.start()]  # 检查了甲公司、乙公司的安全生产情况: the named units
            topic = None
        elif strict and joined and joined.group(0)[0] in ",，" and TOPIC_OBJECT.search(after):
            continue  # 赴某市,检查非煤矿山安全生产工作: a clause of its own names a topic
        if ((len(after) <= 80 or (len(after) <= MOVE_REACH and "、" in after)) and LOOKING.fullmatch(text, vs, ve)
                and not re.match(r"(?:工作|全区|全县|全市|各|指导|和|并|的)", after) and not topic):
            # 查看了甲中心、乙中心等地 (not 了解…企业的安全生产管理工作: a topic,
            # nor 察看了公司储罐区: a spot inside the unit)
            own_clause = strict and joined is not None and joined.group(0)[0] in ",，"
            new = [x for x in _site_items(after)
                   if SITE_SUFFIX.search(x) and not re.match(r"公司|企业|厂区|矿区", x)
                   and (not strict or NAMED_SITE.search(x))
                   # (a clause of its own names other units, not the spots inside the sites
                   # visited: 来到某站,实地查看储罐区)
                   and (not own_clause or UNIT_SITE.search(x))]
            sites.extend(new)
            got = got or bool(new)
    named = [x for x in sites if not GENERIC_SITE.fullmatch(x)]
    if named:
        sites = named
    elif not explicit:
        sites = []
    sites = _dedupe_sites(sites)
    close = bool(leaders) and any(0 <= v[0] - leaders[-1].end <= 6 and "对" not in text[leaders[-1].end : v[0]]
                                  for v in verbs)
    if sites or continuing or region or moves or close or TOUR_WORDS.search(text, s0, e0):
        tour.last = names  # a tour under way (甲检查…工作; not 甲对安全检查工作进行了部署)
    # (the party named later in the sentence tours on, but what it says is the group's:
    # 检查组…指出,要求… is nobody's speech)
    tour.continuing = s0 if continuing and not (party_later and not party) else -1
    out = [Fact(n, "inspected", site, sentence=(s0, e0)) for n in names for site in sites]
    if out:
        out.extend(Fact(m.name, "attended", sentence=(s0, e0)) for m in members if m.name not in names)
    return out


def _dedupe_sites(sites: list[str]) -> list[str]:
    """One site once; a short form that ends a longer one (某某煤矿 after 某集团某某煤矿)
    is the same site, a longer one that starts with a place (某乡某站) is not."""
    distinct = list(dict.fromkeys(sites))
    suffixes = {o[i:] for o in distinct for i in range(1, len(o))}
    return [x for x in distinct if x not in suffixes]


WATCHED_MEETING = re.compile(r"(?:收看|收听|观看)")
WATCHED_VENUE = re.compile(r"分会场|视频会议|电视电话会议|电视会议|电视电话|视频")


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
        # the body of each title, or the level its post names (副省长: 省)
        titles = person_titles.get(name, [])
        return bool(titles) and all((t.body or re.sub(r"^(?:常务|专职)?副", "", t.role)).startswith(tuple(higher))
                                    for t in titles)

    return [f for f in facts if f.p not in ("spoke", "attended", "chaired") or not above(f.s)]


#: Where an attendance list after 参加会议的有 gives way to another clause.
_OTHER_CLAUSE = re.compile(r"[,，;；](?:会议|由|并|会上|会后)")


#: 出席会议的还有甲、乙: the attendance verb before the names
ATTENDANCE_BEFORE = re.compile(
    r"(?:出席|参加|列席|陪同|随同|与会|一同前往|一同|随行)(?:会议|活动|仪式|检查|调研|督导|督查|暗访|考察|视察)?"
    r"的(?:领导|人员|同志)?(?:还)?有[:：]?")


def _attendance_headings(text: str, mentions: list[PersonMention]) -> list[Fact]:
    """出席: 甲, 乙… / 列席人员: 丙 / 会议主持人:⏎甲 / 出席会议的还有丁: everyone named
    under such a label (on its line or the next, `roster_region`) attended or chaired,
    and everyone named in the rest of such a sentence attended."""
    out = []
    spans: list[tuple[re.Match[str], int, int, str]] = []
    for m in ROSTER_LABEL.finditer(text):
        begin, end = roster_region(text, m)
        spans.append((m, begin, end, "chaired" if m.group("kind").startswith("主持") else "attended"))
    for m in ATTENDANCE_BEFORE.finditer(text):
        end = text.find("。", m.end())
        end = len(text) if end == -1 else end
        # 参加会议的有甲、乙…,会议由丙主持: the list ends where another clause begins
        other = _OTHER_CLAUSE.search(text, m.end(), end)
        spans.append((m, m.end(), other.start() if other else end, "attended"))
    for m, begin, end, pred in spans:
        for p in mentions:
            if begin <= p.name_start < end:
                out.append(Fact(p.name, pred, sentence=(m.start(), end)))
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


def _signing(text: str, s0: int, e0: int, vs: int, ve: int, ments: list[PersonMention],
             lex: Lexicon) -> list[Fact]:
    """签订/颁发 … 责任书: signer, letter, counterparties, on behalf of."""
    if re.match(r"并(?:签订|签署|递交|颁发|签字|签名|下达)", text[ve : ve + 3]):
        return []  # 签署并|递交了…: the second verb carries the letter
    letters = _letters(text, ve, _clause_end(text, ve, e0))
    signing_vs = vs
    ceremony = re.search(r"(?:举行|举办|进行)了?《([^《》]{1,60}?(?:责任书|责任状|承诺书))》$", text[max(s0, vs - 70) : vs])
    if not letters and ceremony and text.startswith("仪式", ve):
        # 甲与乙举行了《某某责任书》签订仪式: the letter before the verb, the parties before 举行
        letters = [ceremony.group(1)]
        signing_vs = max(s0, vs - 70) + ceremony.start()
    if not letters:
        # 在安全生产承诺书上签名: the letter before the verb
        bm = re.search(r"在《?([^,，。；;《》]{0,20}?(?:责任书|责任状|承诺书))》?上(?:郑重|庄严)?$",
                       text[max(s0, vs - 30) : vs])
        if not bm:
            return []
        letters = [bm.group(1)]
        signing_vs = max(s0, vs - 30) + bm.start()
    facts = _signers(text, s0, e0, signing_vs, ments, letters[0])
    if not facts:
        # 还签署了2021年集团与二级公司安全生产目标责任书: no signer named, the letter's
        # own title names its two parties; each signs
        parties = LETTER_PARTIES.match(letters[0])
        if parties:
            facts = [Fact(b, "signed_letter", letters[0], [], None, "organization", (s0, e0))
                     for b in (parties.group(1), parties.group(2))]
    return [Fact(f.s, f.p, lt, f.with_, f.on_behalf_of, f.s_kind, f.sentence)
            for f in facts for lt in letters]


#: A letter whose title names its parties (2021年集团与二级公司安全生产目标责任书).
LETTER_PARTIES = re.compile(r"(?:\d{4}年度?)?([^与和、,，]{2,12}?)与([^与和、,，]{2,16}?)"
                            r"(?=安全|消防|目标|防汛|森林|道路|生产|年度)")


def _letters(text: str, ve: int, clause_end: int) -> list[str]:
    """The letters after the verb: 《某某责任书》 whole (、 inside included), several
    joined by 、/和/及 (签订了安全生产责任书和消防安全承诺书), each once."""
    after = text[ve:clause_end]
    out: list[str] = []
    lead = re.match(r"(?:了|过|好|的)?", after).end()
    if after[lead : lead + 1] == "《":
        prev_end = lead
        for bm in re.finditer(r"《([^《》]{1,80})》", after):
            if bm.start() > lead and not re.fullmatch(r"[、和及与]", after[prev_end : bm.start()]):
                break
            if re.search(r"责任书|责任状|承诺书", bm.group(1)):
                out.append(bm.group(1).strip())
            prev_end = bm.end()
        return out
    pos = 0
    for lm in LETTER.finditer(after):
        if (not out and lm.start() > 12) or (out and not re.fullmatch(r"[、和及与]?", after[pos : lm.start()])
                                            and not re.match(r"[、和及与]", lm.group(0))):
            break
        letter = re.sub(r"^(?:了|过|好|的|和|及|与|、)+", "", lm.group(0))
        if letter and letter not in out:
            out.append(letter)
        pos = lm.end()
    return out


def _signers(text: str, s0: int, e0: int, vs: int, ments: list[PersonMention],
             letter: str) -> list[Fact]:
    """Who signs (a person, a list of persons, or the body at the clause's start),
    with whom and on whose behalf."""
    # clause start: the last clause punctuation before the verb
    cs = max([s0] + [s0 + m.end() for m in CLAUSE_PUNCT.finditer(text[s0:vs])])
    prior = [m for m in ments if m.end <= vs]
    head = text[cs:vs]
    if re.search(r"要求|(?<![主重需纲])要(?![点闻])|督促|必须|务必|应当|层层|逐级", head):
        return []  # 并要求各部门层层签订…: an instruction, not a signing
    with_: list[str] = []
    # the counterparties: after the first 与/同/向/给/为 of the clause (和 inside the
    # list joins them), or after the last 和 where no other word introduces them
    named = [m.end for m in prior if m.end > cs]
    off = max(named) - cs if named else 0  # after the signer's name (某向某, 某某同志)
    if text[cs + off : cs + off + 2] == "同志":
        off += 2
    tail = head[off:]
    wm = (re.search(r"(?:与(?!会)|同(?![志时步])|向|给|为)(.+?)(?:分别|共同|一起|逐一|一一|现场|当场|(?:签订|签署|签字|签名)并)?$", tail)
          or re.search(r"和([^和了并]+?)(?:分别|共同|一起|逐一|一一|现场|当场)?$", tail))
    # (甲、乙和丙的代表分别做了发言并递交…: a 和 before other verbs joins signers, not parties)
    if wm:
        for x in split_list(wm.group(1)):
            cut = x.find("等")
            x = x[:cut] if cut >= 2 else x  # 某县等9个县(市、区)政府 → 某县
            with_.append(re.sub(r"(?:的)?主要负责(?:人|同志)$", "", x) or x)
        head_wo = head[: off + wm.start()]
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
    if prior and not with_:
        # 甲与A,B及C签订: the counterparties run over a comma; the person before
        # 与 still signs (the clause start fell inside the list)
        last = prior[-1]
        cm = re.match(r"(?:代表[^,，。；;]{1,15}?)?(?:与|同(?![志时步])|向)([^。；;]{2,60})$", text[last.end:vs])
        if cm and last.end >= s0:
            parties = [x for x in re.split(r"[,，]", cm.group(1)) if x.strip()]
            with_ = [y for x in parties for y in split_list(x)]
            return [Fact(last.name, "signed_letter", letter, with_, obo, "person", (s0, e0))]
    if prior and re.match(r"(?:并且|并|同时|随后|还|又|也|后)", head):
        # a coordinated clause (甲宣读…,并代表县政府与…签订) keeps the sentence's subject
        return [Fact(prior[-1].name, "signed_letter", letter, with_, obo, "person", (s0, e0))]
    # no person: the body or group at the start of the clause (各乡镇签订了…)
    each = re.search(r"(?:分别|各自)$", head_wo.strip())
    body = re.sub(r"(?:分别|各自|共同|均|都|也|还|一起|在?现场|当场|在?会上|郑重|集体|依次|(?:签订|签署|签字|签名)并)+$", "",
                  head_wo).strip()
    body = re.sub(r"^(?:会上|会议上|会后|随后|最后|同时|此外|会议期间)[,，]?", "", body)
    # 各单位的代表分别做了发言并|递交: the group before its other act signs
    coord = re.match(r"(.+?(?:负责人|负责同志|人员|代表|干部|镇长|乡长|村长|书记|主任))(?:分别|各自|均|也|都)?"
                     r"[^,，、]{1,20}并$", body)
    if coord:
        body = coord.group(1)
    # 的 only inside a group of persons (各乡镇的乡镇长), not in a described phrase
    described = re.search(r"的", body) and not _PERSON_GROUP_END.search(body)
    if 2 <= len(body) <= 40 and not described and not re.search(r"[了是在]|召开|举行|会议|开展|工作|观看|学习|听取", body) \
            and not re.match(r"并|代表|同时|还", body) and not body.endswith("并"):
        # 甲集团、乙公司分别与…签订: one relation per signing body; groups listed
        # with 、 (某部各成员单位负责人、各乡镇的乡镇长递交…) sign each
        # (but 各镇、各相关单位负责人: bodies sharing one head, the group as written;
        # 各县(市、区): a 、 inside brackets does not split)
        bodies = split_list(body) if each else [b.strip() for b in _split_outside_brackets(body.replace(",", "、").replace("，", "、")) if b.strip()]
        heads = [bool(_PERSON_GROUP_END.search(b)) for b in bodies]
        if len(bodies) > 1 and heads[-1] and not any(heads[:-1]):
            bodies = [body]
        if any(len(b) > 16 for b in bodies):
            return []
        return [Fact(b, "signed_letter", letter, with_, obo, "organization", (s0, e0)) for b in bodies]
    return []


#: The end of a group of persons named as a signer (各单位负责人, 全体参会人员, 乡镇长).
_PERSON_GROUP_END = re.compile(r"(?:负责人|负责同志|人员|代表|干部|镇长|乡长|村长|书记|主任)$")


def _only_coord(gap: str) -> bool:
    """Text between a signer and the verb that belongs to the signing clause
    (代表某政府分别与各乡镇、各部门; 对…进行安排部署并向…)."""
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
