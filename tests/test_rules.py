"""The genre's grammar, one rule at a time, on fictional sentences."""

from __future__ import annotations

import pytest

from ingest.components import bodies, dates, documents, events, shared
from ingest.components import persons as person_rules
from ingest.lexicon import load

LEX = load()


def persons_of(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    mentions = person_rules.find_titled_persons(text, LEX)
    mentions += person_rules.find_credits(text, LEX)
    mentions += person_rules.find_listed_persons(text, LEX, {m.name for m in mentions})
    for m in mentions:
        titles = found.setdefault(m.name, [])
        titles.extend(t.text for t in m.titles if t.text not in titles)
    return found


def facts_of(text: str) -> set[tuple]:
    mentions = person_rules.find_titled_persons(text, LEX)
    mentions += person_rules.find_credits(text, LEX)
    mentions += person_rules.find_listed_persons(text, LEX, {m.name for m in mentions})
    persons: dict[str, list] = {}
    for m in mentions:
        persons.setdefault(m.name, []).extend(m.titles)
    taken = [(m.name_start, m.end) for m in mentions]
    mentions += person_rules.find_later_mentions(text, persons, taken, LEX)
    docs = documents.find_documents(text)
    return {(f.s, f.p, f.o, tuple(f.with_), f.on_behalf_of)
            for f in events.find_facts(text, mentions, persons, docs, LEX)}


def test_stacked_titles_give_one_person_with_each_title():
    text = "县委副书记、县政府县长、县安委会主任周立新对全县工作进行安排部署。"
    assert persons_of(text) == {"周立新": ["县委副书记", "县政府县长", "县安委会主任"]}


def test_two_posts_run_together_are_two_titles():
    assert persons_of("县委常委统战部长王有才参加会议。") == {"王有才": ["县委常委", "统战部长"]}


def test_title_before_a_list_of_names_belongs_to_each():
    found = persons_of("副镇长何冬英、邓凯洋陪同检查。")
    assert found == {"何冬英": ["副镇长"], "邓凯洋": ["副镇长"]}


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("张立国副省长出席会议并讲话。", "张立国", "副省长"),
        ("会议由县委李伟光副书记主持。", "李伟光", "县委副书记"),
        ("认真贯彻周立群总书记重要指示精神。", "周立群", "总书记"),
    ],
)
def test_title_after_or_around_the_name(text, name, title):
    assert persons_of(text)[name] == [title]


def test_name_ends_where_the_verb_begins():
    assert set(persons_of("副市长路平到开发区检查指导工作。")) == {"路平"}
    assert set(persons_of("副省长黄刚主持会议。")) == {"黄刚"}
    assert set(persons_of("区委常委、区政府党组成员郭立和,区长出席。")) >= {"郭立和"}


def test_minority_names_with_a_dot_and_without():
    assert "吉克·阿依" in persons_of("州委副书记、州长吉克·阿依出席。")
    assert "阿尔木呷" in persons_of("副县长阿尔木呷主持会议并讲话。")


def test_bylines_are_titles_and_credit_labels_are_not():
    assert persons_of("(记者 王小明 通讯员 李大海)") == {"王小明": ["记者"], "李大海": ["通讯员"]}
    assert persons_of("编辑:陈小春 审核:刘大山") == {"陈小春": [], "刘大山": []}


def test_untitled_attendee_list_before_attendance_verb():
    found = persons_of("市领导方远志、陆文涛及韩雪梅出席会议。")
    assert found == {"方远志": [], "陆文涛": [], "韩雪梅": []}
    assert {f[:2] for f in facts_of("市领导方远志、陆文涛及韩雪梅出席会议。")} == {
        ("方远志", "attended"), ("陆文涛", "attended"), ("韩雪梅", "attended")}


def test_chaired_spoke_and_attendance_chain():
    text = ("县委书记赵一鸣主持会议并讲话。县委常委、常务副县长钱立新,县人大常委会副主任孙丽,"
            "县政协副主席李刚等县领导出席会议。")
    got = {f[:2] for f in facts_of(text)}
    assert got == {("赵一鸣", "chaired"), ("赵一鸣", "spoke"), ("钱立新", "attended"),
                   ("孙丽", "attended"), ("李刚", "attended")}


def test_truncated_later_mention_speaks_for_the_introduced_person():
    text = "县长周立新出席会议。周立强调,要压实责任。"
    facts = facts_of(text)
    assert ("周立新", "spoke", None, (), None) in facts
    assert "周立" not in persons_of(text)


def test_quoted_instructions_of_absent_leaders_are_not_speaking():
    text = "周立群总书记作出重要指示,强调要狠抓落实。副县长孙为民强调,要举一反三。"
    got = {f[:2] for f in facts_of(text)}
    assert ("周立群", "spoke") not in got
    assert ("孙为民", "spoke") in got


def test_read_out_each_document_after_the_verb():
    text = "常务副县长钱立新宣读《关于表彰2023年度安全生产先进单位的决定》、《2024年安全生产工作要点》。"
    got = {(f[0], f[1], f[2]) for f in facts_of(text)}
    assert got == {("钱立新", "read_out", "关于表彰2023年度安全生产先进单位的决定"),
                   ("钱立新", "read_out", "2024年安全生产工作要点")}


def test_unbracketed_document_after_read_out():
    docs = [d[2] for d in documents.find_documents("副县长孙丽宣读关于2023年度安全生产考核结果的通报,随后")]
    assert docs == ["关于2023年度安全生产考核结果的通报"]


def test_signing_with_counterparties_and_on_behalf_of():
    text = "县长孙为民代表县政府与各乡镇、县直有关部门签订2024年度安全生产目标责任书。"
    assert facts_of(text) == {("孙为民", "signed_letter", "2024年度安全生产目标责任书",
                               ("各乡镇", "县直有关部门"), "县政府")}


def test_body_signs_when_no_person_is_named():
    facts = facts_of("会上,各乡镇向县政府递交了安全生产承诺书。")
    assert facts == {("各乡镇", "signed_letter", "安全生产承诺书", ("县政府",), None)}


def test_inspection_gives_one_relation_per_site():
    text = "市委书记赵一鸣先后到城东加油站、天和化工有限公司和南山隧道施工现场检查安全生产工作。"
    got = {f[2] for f in facts_of(text) if f[1] == "inspected"}
    assert got == {"城东加油站", "天和化工有限公司", "南山隧道施工现场"}


def test_noun_uses_of_verbs_are_not_actions():
    text = "副县长孙为民传达了上级的要求和部署。"
    got = {f[:2] for f in facts_of(text)}
    assert got == {("孙为民", "spoke")}


def test_event_date_takes_its_year_from_publication():
    text = "示例县召开会议\n12月28日,示例县召开安全生产工作会议。"
    assert dates.event_date(text, "2024-01-05") == "2023-12-28"
    assert dates.event_date(text, None) is None


def test_no_place_or_person_from_ordinary_words():
    assert persons_of("要进一步提高安全意识,高度重视安全生产。") == {}


def test_tour_sites_come_from_the_first_movement_before_the_verb():
    text = ("市长马立新一行先后来到青山化工有限公司和白石镇燃气调压站,深入生产车间和仓库,"
            "详细了解隐患整改情况。")
    got = {f[2] for f in facts_of(text) if f[1] == "inspected"}
    assert got == {"青山化工有限公司", "白石镇燃气调压站"}


def test_a_period_is_not_an_inspected_site():
    got = {f[2] for f in facts_of("县长周立新带队检查春节前安全生产工作。") if f[1] == "inspected"}
    assert got == set()


def test_speakers_of_a_watched_higher_level_meeting_are_dropped():
    titles = {"甲某某": [shared.TitleText("地委副书记", "地委", "副书记")],
              "乙某某": [shared.TitleText("县委书记", "县委", "书记")]}
    facts = [events.Fact("甲某某", "spoke"), events.Fact("乙某某", "spoke")]
    kept = events.drop_watched_speakers(facts, titles, ["新疆维吾尔自治区", "喀什地区", "疏勒县"])
    assert [f.s for f in kept] == ["乙某某"]


def test_enterprise_posts_keep_the_enterprise_as_written():
    assert persons_of("会上,青山化工有限公司总经理王大山作表态发言。") == {"王大山": ["青山化工有限公司总经理"]}
    assert persons_of("出席会议的还是天和集团董事长李二牛。") == {"李二牛": ["天和集团董事长"]}


def test_attendance_heading_lists_attendees():
    got = {f[:2] for f in facts_of("出席:县委书记王大明,县长李小华。\n列席:县应急管理局局长赵四。")}
    assert got == {("王大明", "attended"), ("李小华", "attended"), ("赵四", "attended")}


def test_title_in_brackets_after_the_name():
    assert persons_of("张三(县委书记)主持会议。") == {"张三": ["县委书记"]}


def test_a_particle_after_a_two_character_name_is_not_part_of_it():
    assert set(persons_of("县长李华在讲话中强调,要落实责任。")) == {"李华"}
    assert set(persons_of("区委常委郭立和,区长出席。")) >= {"郭立和"}


def test_inspection_leaders_and_escorts():
    text = "市长周明在副市长吴强等陪同下,来到高新区检查企业安全生产。"
    assert {f[:3] for f in facts_of(text)} == {("吴强", "attended", None), ("周明", "inspected", "高新区")}
    text = "县委书记张海、县长刘洋等县领导先后到红旗煤矿调研安全生产工作。"
    assert {f[:3] for f in facts_of(text)} == {("张海", "inspected", "红旗煤矿"),
                                               ("刘洋", "inspected", "红旗煤矿")}


def test_an_inspection_team_is_not_an_inspection_verb():
    text = "副县长王青山带队的第一检查组先后深入城关镇加油站、县人民医院,检查消防安全工作。"
    got = {f[2] for f in facts_of(text) if f[1] == "inspected"}
    assert got == {"城关镇加油站", "县人民医院"}


def test_enterprises_are_bodies_and_town_sites_are_not():
    # a company the party only came to for an inspection is a site (FORMAT: companies
    # that are only inspection sites are not organizations); one met as a party is a body
    text = "副市长钱立新先后来到青山化工有限公司和白马镇加油站检查,与天和集团负责人座谈。"
    orgs = {o[2] for o in bodies.find_organizations(text, [], LEX)}
    assert "天和集团" in orgs and "青山化工有限公司" not in orgs
    assert not any(o.endswith("加油站") for o in orgs)


def test_department_heads_and_common_words_before_roles():
    assert persons_of("区委常委、组织部长詹若兰参加会议。") == {"詹若兰": ["区委常委", "组织部长"]}
    assert persons_of("各村(社区)党组织书记、村委会主任参加会议。") == {}
    orgs = {o[2] for o in bodies.find_organizations("县安委会组织3个督导组开展检查。", [], LEX)}
    assert orgs == {"县安委会"}


def test_attendance_verb_before_the_names():
    got = {f[:2] for f in facts_of("出席会议的还有副县长王林、县政协副主席李森。")}
    assert got == {("王林", "attended"), ("李森", "attended")}


def test_each_signer_of_a_list_signs():
    facts = facts_of("县长李华、副县长王林分别与各乡镇签订了安全生产责任书。")
    assert {f[0] for f in facts if f[1] == "signed_letter"} == {"李华", "王林"}


def test_leading_a_team_and_inspecting_the_objects_of_dui():
    text = "镇党委书记陈平带领镇安监站工作人员对辖区内的加油站、烟花爆竹经营点进行了安全检查。"
    assert set(persons_of(text)) == {"陈平"}
    got = {f[2] for f in facts_of(text) if f[1] == "inspected"}
    assert got == {"加油站", "烟花爆竹经营点"}


def test_an_alternation_is_a_trie_that_prefers_the_longer_word_and_an_empty_one_never_matches():
    import re

    from ingest.lexicon import _alternation

    pattern = re.compile(_alternation(["安", "安庆", "安康", "北京", "北"]))
    assert [m.group(0) for m in pattern.finditer("安庆北京安北安康")] == ["安庆", "北京", "安", "北", "安康"]
    assert re.compile(f"(?:{_alternation([])})").search("任何文字") is None
