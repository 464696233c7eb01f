"""Person finding on unseen notices: every plausible name is a candidate, the
genre's rules decide. Each test is one rule, on a fictional sentence."""

from __future__ import annotations

import pytest

from ingest.components import persons as person_rules
from ingest.components.titles import title_start
from ingest.extract import extract_text
from ingest.lexicon import load

LEX = load()


def persons_of(text: str) -> dict[str, list[str]]:
    record = extract_text(text, "fictional.txt").to_eval()
    return {p["name"]: p["titles"] for p in record["persons"]}


def relations_of(text: str) -> set[tuple[str, str]]:
    record = extract_text(text, "fictional.txt").to_eval()
    return {(r["s"], r["p"]) for r in record["relations"]}


# --- the statistical recogniser and its verdicts ------------------------------------------


def test_recogniser_finds_a_name_no_title_announces():
    got = persons_of("会上,周建平同志汇报了今年以来的安全生产工作情况。")
    assert "周建平" in got


def test_recogniser_segments_stay_bounded_on_a_line_without_punctuation():
    text = "安全生产" * 3000 + "周建平出席"
    segments = person_rules.candidate_segments(text, 120)
    assert segments, "the segment holding a name is kept"
    assert all(e - s <= 120 for s, e in segments)
    assert any(s <= text.index("周建平") < e for s, e in segments)


def test_candidate_before_a_level_character_is_a_place_not_a_person():
    got = persons_of("副县长马文涛率队赴石门县有关企业检查安全生产工作。")
    assert "石门" not in got
    assert "马文涛" in got


def test_candidate_before_a_post_starting_with_a_level_character_stays_a_name():
    assert person_rules._place_shaped("周建平县长讲话", 3, LEX) is False
    assert person_rules._place_shaped("石门县有关企业", 2, LEX) is True


# --- names end where a post begins -----------------------------------------------------------


def test_name_ends_where_a_post_begins():
    got = persons_of("安全委员会主任孙立新副总裁出席会议。")
    assert got == {"孙立新": ["安全委员会主任", "副总裁"]} or "孙立新" in got
    assert "孙立新副" not in got


# --- titles as written -------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "name", "title"), [
    ("会上,公司分管生产的副总经理周明远作表态发言。", "周明远", "公司分管生产的副总经理"),
    ("会议由县委副书记王五明主持。", "王五明", "县委副书记"),
    ("该镇党委书记李四海出席会议。", "李四海", "镇党委书记"),
    ("集团安全部部长马龙飞带领检查组检查工作。", "马龙飞", "集团安全部部长"),
    ("出席会议的还有天和集团董事长李二牛。", "李二牛", "天和集团董事长"),
])
def test_title_keeps_its_written_prefix(sentence, name, title):
    assert title in persons_of(sentence).get(name, [])


def test_title_prefix_stops_at_time_words_and_verbs():
    text = "5日上午县长王一鸣主持会议"
    assert text[title_start(text, text.index("县长")):text.index("王")] == "县长"
    text = "会议邀请集团主任赵小军出席"
    assert text[title_start(text, text.index("主任")):text.index("赵")] == "集团主任"


def test_title_prefix_never_swallows_an_earlier_mention():
    text = "县长王一鸣副县长李小军出席"
    floor = text.index("副")
    assert title_start(text, floor, floor) == floor


# --- credits and bylines -----------------------------------------------------------------------


def test_byline_keeps_the_outlet_written_before_it():
    got = persons_of("本报讯(青山晚报记者 张小明)9月5日,全县召开安全生产工作会议。")
    assert got.get("张小明") == ["青山晚报记者"]


def test_trainee_bylines_are_titles():
    got = persons_of("本报讯(记者 刘原野 实习生 杨小云)9月5日,全市消防安全工作会议召开。")
    assert got.get("杨小云") == ["实习生"]
    assert "实习生" not in got


def test_byline_running_into_a_report_verb_stops_before_it():
    got = persons_of("本报讯 记者柳小迪报道 9月3日,全市召开安全生产会议。")
    assert "柳小迪" in got and "柳小迪报道" not in got


def test_a_preposition_never_starts_a_credited_name():
    assert person_rules._credit_name("从某县获悉") is False


# --- group labels before names -----------------------------------------------------------------


def test_names_after_a_group_label_are_persons_without_that_title():
    got = persons_of("旗领导巴图其其格、乌兰图雅、包大山、秦刚,各成员单位主要负责同志参加会议。")
    assert got == {"巴图其其格": [], "乌兰图雅": [], "包大山": [], "秦刚": []}
    assert ("乌兰图雅", "attended") in relations_of(
        "旗领导巴图其其格、乌兰图雅、包大山、秦刚,各成员单位主要负责同志参加会议。")


def test_group_label_list_ends_at_a_conjunction():
    got = persons_of("县领导邱小让、张志华、谷明远及县政府办负责人参加。")
    assert set(got) == {"邱小让", "张志华", "谷明远"}


def test_words_after_a_group_label_are_not_names():
    for sentence in ("公司领导班子、部门负责人参加会议。", "落实领导干部带班制度。",
                     "形成主要领导亲自抓、分管领导具体抓的格局。"):
        assert persons_of(sentence) == {}, sentence


def test_committee_is_the_body_of_the_post_not_a_member_post():
    got = persons_of("公司安全生产管理委员会主任周大海出席会议。")
    assert got.get("周大海") == ["公司安全生产管理委员会主任"]


def test_a_list_conjunction_never_starts_a_title_prefix():
    got = persons_of("副市长王一鸣及青山集团公司总经理李二牛出席会议。")
    assert got.get("李二牛") == ["青山集团公司总经理"]


def test_words_of_study_and_implementation_end_a_title_prefix():
    text = "会议要求认真落实省长陈大明的指示"
    assert text[title_start(text, text.index("省长")):text.index("陈")] == "省长"


def test_a_post_after_a_listed_name_is_its_title():
    got = persons_of("驻村领导孙小海副镇长带领工作组检查。")
    assert got.get("孙小海") == ["副镇长"]


def test_posts_run_together_only_when_the_second_starts_where_the_first_ends():
    from ingest.components.titles import split_titles

    assert [t.text for t in split_titles("县委常委统战部长", LEX)] == ["县委常委", "统战部长"]
    assert [t.text for t in split_titles("项目经理协会会长", LEX)] == ["项目经理协会会长"]


def test_names_listed_before_a_shared_post_take_it():
    got = persons_of("王小明、李大海、赵一鸣等市政协常委提出意见建议。")
    assert got == {"王小明": ["市政协常委"], "李大海": ["市政协常委"], "赵一鸣": ["市政协常委"]}


@pytest.mark.parametrize("caption", ["全体参会人员合影。 周小川摄", "会议现场(周小川 摄)"])
def test_photo_credit_names_a_person_without_a_title(caption):
    assert persons_of(caption) == {"周小川": []}


def test_two_bylines_run_together_are_two_persons():
    got = persons_of("本报讯(记者张晓明通讯员李大伟)近日,全县召开安全生产会议。")
    assert got == {"张晓明": ["记者"], "李大伟": ["通讯员"]}


def test_slash_credit_labels_give_persons_without_titles():
    assert persons_of("编辑/刘小红 审核/陈大山") == {"刘小红": [], "陈大山": []}


def test_a_later_different_title_after_the_name_is_added():
    got = persons_of("副司长王大伟出席会议。会后,王大伟司长到企业检查。")
    assert got["王大伟"] == ["副司长", "司长"]


@pytest.mark.parametrize(("sentence", "name"), [
    ("县委书记艾力·买买提主持会议。", "艾力·买买提"),
    ("旗长巴图出席会议并讲话。", "巴图"),
    ("副市长江河主持会议。", "江河"),
    ("副省长沈丘出席会议。", "沈丘"),
])
def test_minority_names_and_names_that_are_words_or_places_after_a_post(sentence, name):
    assert name in persons_of(sentence)


def test_a_leaders_name_before_his_thought_or_instruction_is_a_person():
    assert "周立群" in persons_of("始终坚持以周立群新时代发展思想为指导,落实周立群重要指示精神。")


def test_a_conjunction_between_two_titled_names_belongs_to_neither():
    got = persons_of("坚决贯彻落实王大明书记和李小华省长重要指示精神。")
    assert {"王大明", "李小华"} <= set(got) and "和李小华" not in got


def test_a_name_before_a_cue_word_is_read_even_where_jieba_sees_no_name():
    assert "应小虎" in persons_of("区安委会办公室应小虎同志汇报今年以来全区安全生产工作。")


def test_a_name_ends_before_the_reason_for_absence():
    got = persons_of("组织部部长曾小春因在北京参加会议,特委托副主席刘新出席。")
    assert got.get("曾小春") == ["组织部部长"]


def test_a_surname_before_a_two_character_name_after_a_body_is_kept():
    lex = LEX
    text = "集团安全部时光彬部长讲话"
    s = text.index("光")
    got = person_rules.accept_candidate(text, s, s + 2, lex, {}, person_rules.Spans(len(text)),
                                        person_rules.Spans(len(text)))
    assert got is not None and text[got[0]:got[1]] == "时光彬"


def test_board_posts_keep_a_stack_together():
    got = persons_of("集团公司党委副书记、董事、总经理、安委会主任李大斌讲话。")
    assert got["李大斌"] == ["集团公司党委副书记", "董事", "总经理", "安委会主任"]


def test_a_meeting_word_before_a_post_is_not_its_prefix():
    assert persons_of("会上公司分管工程副总朱小强同志作了重要讲话。")["朱小强"] == ["公司分管工程副总"]


def test_a_name_after_shou_takes_the_post_written_after_it():
    assert persons_of("受王大明书记委托,副主席刘新出席会议。")["王大明"] == ["书记"]


def test_recogniser_skips_what_is_already_read():
    text = "会上,王晓峰通报情况。石门县建立健全制度,负责同志参加。"
    assert person_rules.candidate_segments(text, 120, [], 10, known={"王晓峰"}) == []
    s = text.index("王")
    assert person_rules.candidate_segments(text, 120, [], 10) != []
    assert all(not (a <= s < b) for a, b in person_rules.candidate_segments(
        text, 120, [(s, s + 3)], 10))


# --- stacks of posts, prefixes and names that no follower word ends --------------------


def test_a_stack_whose_later_posts_carry_their_own_prefix_gives_every_post():
    got = persons_of("省法院党组副书记、常务副院长、帮扶工作领导小组组长柯文远一行到东坪县调研。")
    assert got["柯文远"] == ["省法院党组副书记", "常务副院长", "帮扶工作领导小组组长"]
    got = persons_of("9月3日，市政协副主席、平川县委书记龚立明参加检查。")
    assert got["龚立明"] == ["市政协副主席", "平川县委书记"]


def test_a_post_written_after_a_name_is_not_joined_to_the_next_stack():
    got = persons_of("公司召开会议。钱立山总裁、管理委员会主任祁宏副总裁出席。")
    assert got["钱立山"] == ["总裁"]
    assert "钱立山总裁" not in got["祁宏"]


def test_a_titled_name_before_a_word_no_list_knows_is_measured_by_the_recogniser():
    # 随机 is no follower word; the post announces a name, the recogniser gives its length
    assert persons_of("10月4日，区长岳振华随机抽查了三家企业。") == {"岳振华": ["区长"]}


def test_a_name_before_lu_leading_a_group_ends_there():
    got = persons_of("7月6日，省应急管理厅副厅长樊建新率督导组到东坪县检查。")
    assert got == {"樊建新": ["省应急管理厅副厅长"]}


def test_a_conjunction_joining_two_words_of_a_bodys_name_stays_in_the_title():
    got = persons_of("市防汛和抗旱指挥部副指挥长阎志诚主持会议。")
    assert got["阎志诚"] == ["市防汛和抗旱指挥部副指挥长"]
    got = persons_of("邀请省社科院人口与发展研究所副所长温庆和作辅导报告。")
    assert got["温庆和"] == ["省社科院人口与发展研究所副所长"]
    # between two persons the conjunction still ends the prefix
    got = persons_of("会议由县长龚立明和副县长柯文远主持。")
    assert got["柯文远"] == ["副县长"]


def test_a_verb_before_a_group_word_is_part_of_the_groups_name():
    got = persons_of("省安委会第三考核巡查组组长樊建新反馈了考核意见。")
    assert got["樊建新"] == ["省安委会第三考核巡查组组长"]


def test_a_surname_and_a_post_is_no_person_even_when_the_recogniser_says_so():
    assert persons_of("龚县长一行分三组实地检查了采区的安全生产情况。") == {}


def test_a_list_closed_by_deng_ends_its_last_name_before_deng():
    got = persons_of("镇领导柯文远、龚立明、樊建新等陪同检查。")
    assert got == {"柯文远": [], "龚立明": [], "樊建新": []}


def test_a_shared_post_stops_where_the_next_item_is_a_prefixed_post():
    got = persons_of("学院党委书记柯文远、副院长龚立明、后勤管理处处长樊建新陪同。")
    assert got == {"柯文远": ["学院党委书记"], "龚立明": ["副院长"], "樊建新": ["后勤管理处处长"]}
    assert ("柯文远", "attended") in relations_of("学院党委书记柯文远、副院长龚立明、后勤管理处处长樊建新陪同。")


def test_a_body_written_before_the_name_keeps_its_own_prefix():
    got = persons_of("州工信委柯文远主任、龚立明副主任陪同检查。")
    assert got == {"柯文远": ["州工信委主任"], "龚立明": ["副主任"]}


def test_command_post_and_farm_posts_are_titles():
    got = persons_of("水利局局长、防汛抗旱指挥部副总指挥柯文远就汛期值守作了安排。")
    assert got == {"柯文远": ["水利局局长", "防汛抗旱指挥部副总指挥"]}
    assert persons_of("东坪林场副场长龚立明宣读了表彰决定。") == {"龚立明": ["东坪林场副场长"]}


def test_two_names_run_together_in_a_credit_slot_are_two_persons():
    got = persons_of("东坪网3月2日讯(特约记者柯文远通讯员龚立明樊建新)2日下午,会议召开。")
    assert got == {"柯文远": ["特约记者"], "龚立明": ["通讯员"], "樊建新": ["通讯员"]}
    assert persons_of("编辑:龚立明樊建新") == {"龚立明": [], "樊建新": []}


def test_a_byline_ends_at_the_dateline_and_its_time_words():
    got = persons_of("记者 柯文远 通讯员 龚立明 本报讯 昨天下午,全区会议召开。")
    assert got == {"柯文远": ["记者"], "龚立明": ["通讯员"]}


def test_a_post_followed_by_a_colon_is_a_credit_label():
    assert persons_of("全媒体记者:龚立明") == {"龚立明": []}


def test_a_bodys_short_name_running_into_its_post_is_no_name():
    assert persons_of("各县政府分管领导、安监局长参加了会议。") == {}


def test_a_credit_name_running_into_the_pages_metadata_ends_there():
    assert persons_of("作者:柯文远 龚立明发布时间:2019-01-03 浏览:次") == {"柯文远": [], "龚立明": []}


def test_a_longer_name_ending_clearly_beats_a_surname_read_by_the_recogniser():
    # 索 is also a surname: 索朗 is read by the recogniser, 索朗多吉 ends clearly at the comma
    got = persons_of("5月9日,县长尕玛扎西带队检查安全生产工作,副县长索朗多吉,县应急管理局负责人陪同检查。")
    assert got.get("索朗多吉") == ["副县长"] and "索朗" not in got


def test_a_name_between_a_bodys_name_and_tongzhi_is_an_untitled_person():
    assert persons_of("县应急管理局办公室柯文远同志通报了上半年全县安全生产情况。") == {"柯文远": []}
    assert persons_of("各有关部门负责同志参加会议。") == {}


def test_a_second_post_joined_by_he_is_no_name():
    assert persons_of("各村党支部书记和驻村书记、村委会主任列席会议。") == {}


def test_a_name_before_quancheng_ends_there():
    assert persons_of("9月7日下午,督导组到东坪县督导。县长龚立明全程陪同。") == {"龚立明": ["县长"]}
