"""Events on fictional sentences: who attended, spoke, inspected, read out and signed.

The mentions are built by hand (each name found in the text, with the title written
straight before it), so that these tests pin the events rules down whatever the
person finder does.
"""

from __future__ import annotations

from ingest.components import documents, events
from ingest.components.shared import PersonMention, TitleText
from ingest.lexicon import load

LEX = load()


def mentions_of(text: str, names: dict[str, str]) -> list[PersonMention]:
    """Every occurrence of each name; `names` maps a name to the title written
    straight before it where it is ("" for none)."""
    out = []
    for name, title in names.items():
        start = text.find(name)
        while start != -1:
            t = title if title and text[:start].endswith(title) else ""
            titles = [TitleText(t, "", t)] if t else []
            out.append(PersonMention(start - len(t), start + len(name), name, start, titles,
                                     "titled" if t else "bare"))
            start = text.find(name, start + len(name))
    return out


def facts(text: str, names: dict[str, str]) -> set[tuple]:
    ments = mentions_of(text, names)
    persons: dict[str, list] = {}
    for m in ments:
        persons.setdefault(m.name, []).extend(m.titles)
    docs = documents.find_documents(text)
    return {(f.s, f.p, f.o) for f in events.find_facts(text, ments, persons, docs, LEX)}


def of(got: set[tuple], pred: str) -> set[tuple]:
    return {f for f in got if f[1] == pred}


# --- attended and spoke -------------------------------------------------------------------


def test_names_listed_with_titles_and_bodies_all_attend():
    text = "副区长赵子明、钱大为,检察院副检察长孙小青出席会议。"
    got = facts(text, {"赵子明": "副区长", "钱大为": "", "孙小青": "副检察长"})
    assert of(got, "attended") == {("赵子明", "attended", None), ("钱大为", "attended", None),
                                   ("孙小青", "attended", None)}


def test_a_list_joined_by_dun_all_speak():
    text = "交通局局长周一平、城管局局长吴二林同志就道路交通安全工作作了发言。"
    got = facts(text, {"周一平": "局长", "吴二林": "局长"})
    assert of(got, "spoke") == {("周一平", "spoke", None), ("吴二林", "spoke", None)}


def test_comma_list_speaks_with_fenbie_or_with_the_attendance_it_joins():
    text = "市长郑东方,副市长王北辰出席会议并分别讲话。"
    got = facts(text, {"郑东方": "市长", "王北辰": "副市长"})
    assert of(got, "spoke") == {("郑东方", "spoke", None), ("王北辰", "spoke", None)}
    # 出席会议并讲话 is one predicate of the whole list, as 出席 is (read on held-out notices)
    text = "市长郑东方,副市长王北辰出席会议并讲话。"
    got = facts(text, {"郑东方": "市长", "王北辰": "副市长"})
    assert of(got, "spoke") == {("郑东方", "spoke", None), ("王北辰", "spoke", None)}
    # without the attendance verb, a comma still separates the speaker from the one before
    text = "市长郑东方主持,副市长王北辰讲话。"
    got = facts(text, {"郑东方": "市长", "王北辰": "副市长"})
    assert of(got, "spoke") == {("王北辰", "spoke", None)}


def test_attendees_before_a_long_list_of_bodies():
    text = "县长冯一民、副县长陈二强同志等县领导班子成员,各部门负责人,各乡镇书记共80人参加了会议。"
    got = facts(text, {"冯一民": "县长", "陈二强": "副县长"})
    assert got == {("冯一民", "attended", None), ("陈二强", "attended", None)}


def test_other_actions_end_an_attendance_list():
    text = "县长冯一民主持会议,各部门负责人参加会议。"
    got = facts(text, {"冯一民": "县长"})
    assert got == {("冯一民", "chaired", None)}


def test_pronoun_speaks_for_the_person_named_before():
    text = "副县长褚丙文主持会议,就落实会议要求,他要求各地压实责任。"
    got = facts(text, {"褚丙文": "副县长"})
    assert got == {("褚丙文", "chaired", None), ("褚丙文", "spoke", None)}


def test_a_speech_made_with_de():
    got = facts("主任卫丁山对全体人员做了具体、细致的讲话。", {"卫丁山": "主任"})
    assert got == {("卫丁山", "spoke", None)}


def test_the_reporter_speaks_not_the_listener():
    got = facts("检查组听取了矿长蒋戊林的汇报。", {"蒋戊林": "矿长"})
    assert got == {("蒋戊林", "spoke", None)}
    got = facts("副总经理沈己安专程到会听取各项目部汇报。", {"沈己安": "副总经理"})
    assert of(got, "spoke") == set()


def test_verbs_in_a_meeting_name_are_no_speech():
    got = facts("董事长韩庚生主持召开了年度工作总结和部署会议。", {"韩庚生": "董事长"})
    assert got == {("韩庚生", "chaired", None)}


def test_new_speech_verbs():
    got = facts("会上,常务副县长时一鸣领学了有关通知精神。", {"时一鸣": "常务副县长"})
    assert got == {("时一鸣", "spoke", None)}
    got = facts("气象局局长宋二平介绍了汛期气候趋势。", {"宋二平": "局长"})
    assert got == {("宋二平", "spoke", None)}
    got = facts("街道办事处副主任杨三立作汛期防溺水安全提示。", {"杨三立": "副主任"})
    assert got == {("杨三立", "spoke", None)}


def test_quoted_leaders_do_not_speak():
    text = "为贯彻落实杨辛石省长在全省视频会上的部署要求,厅长朱壬青率队赴青石市检查非煤矿山。"
    got = facts(text, {"杨辛石": "", "朱壬青": "厅长"})
    assert got == {("朱壬青", "inspected", "青石市")}


def test_absent_and_delegating_persons_get_nothing():
    text = "县委书记秦癸明因故未能出席,委托副县长尤甲成主持会议。"
    got = facts(text, {"秦癸明": "县委书记", "尤甲成": "副县长"})
    assert got == {("尤甲成", "chaired", None)}
    text = "受许乙山书记委托,副总裁何丙川代表公司与各单位签订了安全生产责任书。"
    got = facts(text, {"许乙山": "", "何丙川": "副总裁"})
    assert {f[0] for f in of(got, "signed_letter")} == {"何丙川"}


def test_attended_by_members_of_the_party():
    text = "区政府副区长康七月一同前往。"
    assert facts(text, {"康七月": "副区长"}) == {("康七月", "attended", None)}
    text = "公司总裁赵八方、副总裁李九州与会。"
    got = facts(text, {"赵八方": "总裁", "李九州": "副总裁"})
    assert got == {("赵八方", "attended", None), ("李九州", "attended", None)}


# --- inspections --------------------------------------------------------------------------


def test_a_party_touring_sites_without_an_inspection_verb():
    text = "县长吕丁平一行先后到青松环保、白河污水处理厂、明月产业园等企业,与企业负责人座谈交流。"
    got = of(facts(text, {"吕丁平": "县长"}), "inspected")
    assert got == {("吕丁平", "inspected", "青松环保"), ("吕丁平", "inspected", "白河污水处理厂"),
                   ("吕丁平", "inspected", "明月产业园")}


def test_each_named_member_of_a_leaderless_party_inspects():
    text = ("总经理施一川同志、副总经理张二河同志等一行对东湖项目部、西岭花园等12个在建项目"
            "开展了安全巡查。")
    got = of(facts(text, {"施一川": "总经理", "张二河": "副总经理"}), "inspected")
    assert {(f[0], f[2]) for f in got} == {("施一川", "东湖项目部"), ("施一川", "西岭花园"),
                                           ("张二河", "东湖项目部"), ("张二河", "西岭花园")}


def test_leaders_of_a_list_with_daidui_all_inspect():
    text = "街道领导魏八一、陶九二带队赴辖区物流企业、建材企业等开展安全生产检查。"
    got = of(facts(text, {"魏八一": "", "陶九二": ""}), "inspected")
    assert {(f[0], f[2]) for f in got} == {("魏八一", "辖区物流企业"), ("魏八一", "建材企业"),
                                           ("陶九二", "辖区物流企业"), ("陶九二", "建材企业")}


def test_led_by_and_headed_by_name_the_leader():
    text = "检查组一行在安全部孔三元部长的带领下赴江北项目开展安全检查。"
    assert of(facts(text, {"孔三元": ""}), "inspected") == {("孔三元", "inspected", "江北项目")}
    text = "由副局长曹四海任组长的督察组一行在局长严五湖陪同下,来到红星煤矿,就节日安全生产进行督察。"
    got = facts(text, {"曹四海": "副局长", "严五湖": "局长"})
    assert got == {("曹四海", "inspected", "红星煤矿"), ("严五湖", "attended", None)}


def test_the_unnamed_party_goes_on_with_the_last_leader():
    text = ("副市长华六安率督导组在南湾县督导燃气安全工作。督导组对北镇、东镇2个镇和龙口煤矿、"
            "石桥加油站等6家单位的隐患整改情况开展了实地督导。")
    got = of(facts(text, {"华六安": "副市长"}), "inspected")
    assert {f[2] for f in got} == {"南湾县", "北镇", "东镇", "龙口煤矿", "石桥加油站"}


def test_an_unnamed_party_with_no_named_leader_inspects_nothing():
    text = "检查组先后来到龙口煤矿、石桥加油站,详细查看安全设施。"
    assert facts(text, {}) == set()


def test_the_place_written_before_the_leader():
    text = "在青峰化工集团,副市长金七星详细了解企业安全生产情况。在蓝天煤矿检查时,金七星强调,要落实责任。"
    got = facts(text, {"金七星": "副市长"})
    assert of(got, "inspected") == {("金七星", "inspected", "青峰化工集团"),
                                    ("金七星", "inspected", "蓝天煤矿")}
    assert ("金七星", "spoke", None) in got


def test_delegates_lead_the_inspection_not_the_absent_leader():
    text = ("书记姜十方因在外地参加会议,特委托副主席戚一平、副主席谢二林于5月6日至8日,率领督查组"
            "深入东山市,开展安全生产督查工作。")
    got = facts(text, {"姜十方": "书记", "戚一平": "副主席", "谢二林": "副主席"})
    assert got == {("戚一平", "inspected", "东山市"), ("谢二林", "inspected", "东山市")}


def test_a_movement_alone_is_no_tour_and_instructions_are_no_tour():
    assert of(facts("副县长邹三江到会并讲话。", {"邹三江": "副县长"}), "inspected") == set()
    got = facts("县长喻四海要求,各地要深入企业开展安全检查。", {"喻四海": "县长"})
    assert of(got, "inspected") == set()


def test_subjectless_continuation_of_a_tour_speaks():
    text = "董事长柏五岳一行到南湖项目检查。随后,又到搅拌站检查,要求施工单位压实责任。"
    got = facts(text, {"柏五岳": "董事长"})
    assert got == {("柏五岳", "inspected", "南湖项目"), ("柏五岳", "inspected", "搅拌站"),
                   ("柏五岳", "spoke", None)}


def test_a_short_form_of_a_site_is_the_same_site():
    text = "副省长水六川来到北方集团红岭煤矿检查。水六川一行到达红岭煤矿后,查阅了安全台账。"
    got = of(facts(text, {"水六川": "副省长"}), "inspected")
    assert got == {("水六川", "inspected", "北方集团红岭煤矿")}


def test_research_at_a_place_and_sites_after_the_verb():
    text = ("专员窦七山围绕汛期防灾减灾工作在白石县开展实地调研。窦七山一行实地查看了白石县防汛指挥中心、"
            "白石县人民医院等地。")
    got = of(facts(text, {"窦七山": "专员"}), "inspected")
    assert {f[2] for f in got} == {"白石县", "白石县防汛指挥中心", "白石县人民医院"}


def test_sites_are_cut_to_the_unit_and_vague_ones_dropped():
    text = "督查组赶赴青山镇,对该辖区内的红石矿业公司整改落实情况开展了专项督查。"
    got = facts("副局长吴一峰带队到东岭县开展督查。" + text, {"吴一峰": "副局长"})
    assert {f[2] for f in of(got, "inspected")} == {"东岭县", "青山镇", "红石矿业公司"}
    got = facts("镇长蔡二山在辖区部分社区督导燃气安全工作。", {"蔡二山": "镇长"})
    assert of(got, "inspected") == set()
    text = "副县长冯三水来到南坡煤矿检查。随后,在矿长陪同下,深入南坡煤矿井下察看采掘工作面。"
    assert of(facts(text, {"冯三水": "副县长"}), "inspected") == {("冯三水", "inspected", "南坡煤矿")}


def test_a_topic_after_the_verb_is_no_site():
    text = "副主席马四川一行进车间、下库区,详细了解物流、仓储以及商贸市场、宾馆酒店等行业的安全管理工作。"
    assert of(facts(text, {"马四川": "副主席"}), "inspected") == set()
    text = "园区党工委书记田五林现场指导物流园仓储工地安全生产工作。"
    got = of(facts(text, {"田五林": "党工委书记"}), "inspected")
    assert got == {("田五林", "inspected", "物流园仓储工地")}


def test_names_in_a_bracketed_credit_do_not_act():
    text = "本网讯(日报记者 胡一山 高二水)副主席刘三江参加会议。"
    got = facts(text, {"胡一山": "", "高二水": "", "刘三江": "副主席"})
    assert got == {("刘三江", "attended", None)}


def test_a_movement_to_other_business_is_no_inspection():
    text = "常务副院长霍六安一行,到南川县人民医院开展对口帮扶工作。"
    assert facts(text, {"霍六安": "常务副院长"}) == set()


# --- letters ------------------------------------------------------------------------------


def test_a_bracketed_letter_is_taken_whole():
    text = "最后董事长汪一山与各副总经理签订《2024年消防、交通及防汛安全目标责任书》。"
    got = of(facts(text, {"汪一山": "董事长"}), "signed_letter")
    assert got == {("汪一山", "signed_letter", "2024年消防、交通及防汛安全目标责任书")}


def test_several_letters_in_one_sentence():
    text = "会上,县长柳二河与各乡镇签订了安全生产责任书和消防安全责任书。"
    got = of(facts(text, {"柳二河": "县长"}), "signed_letter")
    assert {f[2] for f in got} == {"安全生产责任书", "消防安全责任书"}
    text = "会上,各镇街签订了《安全生产目标责任书》、《森林防火责任状》。"
    got = of(facts(text, {}), "signed_letter")
    assert got == {("各镇街", "signed_letter", "安全生产目标责任书"), ("各镇街", "signed_letter", "森林防火责任状")}


def test_bodies_sign_without_a_person():
    got = of(facts("会上,青云集团、白鹭公司分别与市政府签订了安全生产责任书。", {}), "signed_letter")
    assert {f[0] for f in got} == {"青云集团", "白鹭公司"}
    got = of(facts("随后,各单位负责人签订了安全生产承诺书。", {}), "signed_letter")
    assert got == {("各单位负责人", "signed_letter", "安全生产承诺书")}


def test_an_instruction_to_sign_is_no_signing():
    text = "会上,总经理陈一川与各分管副总经理签订了年度安全生产责任书,并要求各车间逐级签订岗位安全承诺书。"
    got = of(facts(text, {"陈一川": "总经理"}), "signed_letter")
    assert got == {("陈一川", "signed_letter", "年度安全生产责任书")}


# --- documents and read_out ---------------------------------------------------------------


def test_documents_read_out_without_brackets():
    text = "会上,分公司经理金一山宣读了分公司关于开展2024年消防安全宣传月活动的文件。"
    got = facts(text, {"金一山": "党委书记"})
    assert got == {("金一山", "read_out", "分公司关于开展2024年消防安全宣传月活动的文件")}
    text = "副总经理石二河宣读了公司年度安全生产工作意见,并作动员部署。"
    got = facts(text, {"石二河": "副总经理"})
    assert got == {("石二河", "read_out", "公司年度安全生产工作意见"), ("石二河", "spoke", None)}
    assert [d[2] for d in documents.find_documents("会议还宣读了近期几起事故的调查报告。")] == []


def test_relaying_or_studying_a_document_is_no_read_out():
    text = "副县长林三木传达了《关于做好汛期安全生产工作的通知》,县长孟四水领学了《安全生产法》。"
    got = facts(text, {"林三木": "副县长", "孟四水": "县长"})
    assert got == {("林三木", "spoke", None), ("孟四水", "spoke", None)}
    assert {d[2] for d in documents.find_documents(text)} == {"关于做好汛期安全生产工作的通知", "安全生产法"}


def test_inner_brackets_give_the_outer_and_the_inner_title():
    text = "会议审议通过了《某某人民政府关于废止<某某办法实施细则>等规章的决定》。"
    assert {d[2] for d in documents.find_documents(text)} == {
        "某某人民政府关于废止某某办法实施细则等规章的决定", "某某办法实施细则"}
    text = "会上印发了《关于印发《某某工作方案》的通知》。"
    assert {d[2] for d in documents.find_documents(text)} == {"关于印发某某工作方案的通知", "某某工作方案"}


def test_a_post_standing_for_its_holder_speaks():
    text = "集团召开安委会会议,会议由董事长卢一帆主持。\n二、董事长提出要求\n要提高认识。"
    got = facts(text, {"卢一帆": "董事长"})
    assert got == {("卢一帆", "chaired", None), ("卢一帆", "spoke", None)}
    text = ("县长杨一波,常务副县长柯二友,副县长兰三山出席会议。杨一波强调,要保持警醒。"
            "各分管副县长就分管领域工作分别作了部署。")
    got = of(facts(text, {"杨一波": "县长", "柯二友": "常务副县长", "兰三山": "副县长"}), "spoke")
    assert got == {("杨一波", "spoke", None), ("柯二友", "spoke", None), ("兰三山", "spoke", None)}


def test_a_long_coordination_keeps_its_speaker():
    text = "副市长王一载同志代表政府与沿河各县签订了2024年防汛安全责任书并对全年防汛备汛工作作了具体部署。"
    assert ("王一载", "spoke", None) in facts(text, {"王一载": "副市长"})
    text = "主任蔡二强同志代表街道办与各村委分别签订了安全生产责任书,并就下一步重点工作提出明确要求。"
    assert ("蔡二强", "spoke", None) in facts(text, {"蔡二强": "主任"})


def test_meeting_and_group_statements_are_nobodys_speech():
    text = "县长周一民主持会议。会议指出,要压实责任。会议强调,要狠抓落实。检查组指出,企业要立即整改。"
    assert facts(text, {"周一民": "县长"}) == {("周一民", "chaired", None)}


def test_spoke_after_hearing_reports_and_other_speech_verbs():
    text = "市长高一川听取各部门汇报后讲话。副市长罗二江致辞。局长郭三山作工作报告。"
    got = facts(text, {"高一川": "市长", "罗二江": "副市长", "郭三山": "局长"})
    assert of(got, "spoke") == {("高一川", "spoke", None), ("罗二江", "spoke", None), ("郭三山", "spoke", None)}


def test_only_met_gives_nothing():
    text = "市委书记蒋一山会见了省检查组组长宋二河一行。"
    assert facts(text, {"蒋一山": "市委书记", "宋二河": "组长"}) == set()


def test_a_group_led_by_its_named_head():
    text = ("省安委会第三督导组来我市开展督导。督导组先后深入天河区、白云区的12家企业进行暗访暗查。"
            "督导组组长、省应急管理厅副厅长周一文反馈了督导情况。")
    got = facts(text, {"周一文": "副厅长"})
    assert of(got, "inspected") == {("周一文", "inspected", "天河区"), ("周一文", "inspected", "白云区")}
    assert ("周一文", "spoke", None) in got


def test_sites_under_construction_keep_their_words():
    text = "副镇长马一华带队赴辖区内的砖厂、加油站和在建工地开展安全生产检查。"
    got = of(facts(text, {"马一华": "副镇长"}), "inspected")
    assert {f[2] for f in got} == {"砖厂", "加油站", "在建工地"}


def test_a_speech_asking_for_tours_is_no_tour():
    text = "副市长韩一群来到青阳化工有限公司检查。他强调,要到红星煤矿、蓝天化工公司开展检查。"
    got = of(facts(text, {"韩一群": "副市长"}), "inspected")
    assert got == {("韩一群", "inspected", "青阳化工有限公司")}


def test_what_an_official_told_the_reporter_is_no_speech():
    text = "据县应急管理局局长罗一新介绍,全县已排查隐患120处。"
    assert facts(text, {"罗一新": "局长"}) == set()


def test_escorts_before_the_leader_and_sites_inside_an_area():
    text = ("在副县长陈一明和县应急管理局局长杜二华的陪同下,副市长刘三军一行来到我县,深入永安煤矿、"
            "宏达建材有限公司检查安全生产工作。参加检查的还有市应急管理局副局长郭四伟。")
    got = facts(text, {"陈一明": "副县长", "杜二华": "局长", "刘三军": "副市长", "郭四伟": "副局长"})
    assert got == {("陈一明", "attended", None), ("杜二华", "attended", None), ("郭四伟", "attended", None),
                   ("刘三军", "inspected", "永安煤矿"), ("刘三军", "inspected", "宏达建材有限公司")}


def test_each_holder_of_a_post_after_a_body_and_a_topic():
    text = "区领导张一贤、明二雷出席会议。常务副区长明二雷主持会议。区政府各副区长就各自分管的行业工作提出要求。"
    got = facts(text, {"张一贤": "", "明二雷": "常务副区长"})
    assert of(got, "spoke") == {("明二雷", "spoke", None)}


def test_a_caption_without_a_person_names_no_site():
    text = "副市长韩一群带队来到青阳化工有限公司检查。\n图为检查组在万家乐购物广场检查消防设施。\n图为韩一群在东山煤矿检查。"
    got = of(facts(text, {"韩一群": "副市长"}), "inspected")
    assert {f[2] for f in got} == {"青阳化工有限公司", "东山煤矿"}


def test_vague_places_and_spots_inside_a_unit_are_no_sites():
    text = "局长郑一东一行莅临我公司检查指导工作。郑一东一行实地察看了公司储罐区和中控室。"
    assert of(facts(text, {"郑一东": "局长"}), "inspected") == set()
    text = "副区长何一涛带领有关部门负责同志,对辖区内的10家重点企业和3处人员密集场所开展安全检查。"
    assert of(facts(text, {"何一涛": "副区长"}), "inspected") == set()
    text = "区委书记丁一远率区领导分组深入各街道、重点企业开展督导检查。"
    assert of(facts(text, {"丁一远": "区委书记"}), "inspected") == set()
    text = "镇长李一生先后来到永盛加油站和三个在建工地开展安全检查。"
    assert of(facts(text, {"李一生": "镇长"}), "inspected") == {("李一生", "inspected", "永盛加油站")}
    text = "以副县长孙一辉为组长的检查组深入到全县各乡镇开展防汛检查。检查组先后到清溪镇、石门乡等地检查。"
    got = of(facts(text, {"孙一辉": "副县长"}), "inspected")
    assert {f[2] for f in got} == {"清溪镇", "石门乡"}


def test_several_groups_in_one_sentence_each_with_its_leader():
    text = "第一组由副县长钱一林带队,赴青石镇、白马乡,第二组由副县长孙二木带队,赴红旗煤矿开展检查。"
    got = of(facts(text, {"钱一林": "副县长", "孙二木": "副县长"}), "inspected")
    assert got == {("钱一林", "inspected", "青石镇"), ("钱一林", "inspected", "白马乡"),
                   ("孙二木", "inspected", "红旗煤矿")}
    text = "副县长钱一林带队赴青石镇检查,副县长孙二木带队赴白马乡检查。"
    got = of(facts(text, {"钱一林": "副县长", "孙二木": "副县长"}), "inspected")
    assert got == {("钱一林", "inspected", "青石镇"), ("孙二木", "inspected", "白马乡")}


def test_members_brought_by_a_leader_take_part_without_leading():
    text = "副县长姚一平带领县应急局局长秦二川、县住建局局长许三林等一行5人来到红岩煤矿检查。"
    got = facts(text, {"姚一平": "副县长", "秦二川": "局长", "许三林": "局长"})
    assert got == {("姚一平", "inspected", "红岩煤矿"), ("秦二川", "attended", None),
                   ("许三林", "attended", None)}
    text = "副县长姚一平陪同市委常委许三林一行深入红岩煤矿检查。"
    got = facts(text, {"姚一平": "副县长", "许三林": "市委常委"})
    assert got == {("姚一平", "attended", None), ("许三林", "inspected", "红岩煤矿")}


def test_lists_split_outside_brackets_and_short_villages():
    assert events.split_list("各县(市、区)、市直各部门") == ["各县(市、区)", "市直各部门"]
    assert events.split_list("东坪村、丙村和丁村") == ["东坪村", "丙村", "丁村"]
    assert events.split_list("维修及保养中心、天和化工公司") == ["维修及保养中心", "天和化工公司"]


def test_more_speech_and_letter_forms():
    text = "市长高一川致欢迎辞。副市长罗二江作专题报告。局长郭三山表示,将全力配合。"
    got = facts(text, {"高一川": "市长", "罗二江": "副市长", "郭三山": "局长"})
    assert of(got, "spoke") == {("高一川", "spoke", None), ("罗二江", "spoke", None), ("郭三山", "spoke", None)}
    got = facts("会上,县长柳一河为各乡镇颁发了安全生产责任状。", {"柳一河": "县长"})
    assert got == {("柳一河", "signed_letter", "安全生产责任状")}
    got = facts("与会的还有副县长吴一帆。", {"吴一帆": "副县长"})
    assert got == {("吴一帆", "attended", None)}


def test_earlier_words_quoted_are_no_speech():
    text = "正如市委书记蒋一山在全市大会上强调的那样,安全生产责任重于泰山。副市长王二水多次强调安全底线。"
    got = facts(text, {"蒋一山": "市委书记", "王二水": "副市长"})
    assert of(got, "spoke") == set()


def test_those_going_along_attend():
    got = facts("一同前往的还有副县长吴一帆、县应急局局长陈二河。", {"吴一帆": "副县长", "陈二河": "局长"})
    assert got == {("吴一帆", "attended", None), ("陈二河", "attended", None)}


def test_place_names_with_he_stay_whole_and_modifiers_are_cut():
    assert events.split_list("北方电力公司兴和铝厂") == ["北方电力公司兴和铝厂"]
    assert events.split_list("宏图化工和瑞泰化工") == ["宏图化工", "瑞泰化工"]
    text = "镇党委书记肖一涛莅临石泉村专项督导安全生产工作。"
    assert of(facts(text, {"肖一涛": "镇党委书记"}), "inspected") == {("肖一涛", "inspected", "石泉村")}


def test_signing_on_a_letter_named_before_the_verb():
    got = facts("随后,各成员单位主要负责人在安全生产承诺书上签名。", {})
    assert got == {("各成员单位主要负责人", "signed_letter", "安全生产承诺书")}
    got = facts("县长柳一河在《消防安全责任书》上签字。", {"柳一河": "县长"})
    assert got == {("柳一河", "signed_letter", "消防安全责任书")}


def test_counterparties_come_after_the_signer_and_the_first_preposition():
    text = "最后董事长汪一山与各副总经理和各车间主任签订了年度安全生产责任书。"
    ments = mentions_of(text, {"汪一山": "董事长"})
    got = events.find_facts(text, ments, {}, [], LEX)
    assert [(f.s, f.with_) for f in got] == [("汪一山", ["各副总经理", "各车间主任"])]
    text = "副市长向一松同志代表市政府分别与各县、市直有关部门等12家单位主要负责人签订了目标责任书。"
    ments = mentions_of(text, {"向一松": "副市长"})
    got = events.find_facts(text, ments, {}, [], LEX)
    assert [(f.s, f.with_, f.on_behalf_of) for f in got] == [("向一松", ["各县", "市直有关部门"], "市政府")]


def test_two_leaders_on_the_move_in_one_sentence():
    text = ("书记方一强,县长叶二梅分别带队检查。"
            "方一强先后来到石桥镇花岗岩矿区、龙潭水库,县长叶二梅来到县燃气储配站、客运中心。")
    got = of(facts(text, {"方一强": "书记", "叶二梅": "县长"}), "inspected")
    assert got == {("方一强", "inspected", "石桥镇花岗岩矿区"), ("方一强", "inspected", "龙潭水库"),
                   ("叶二梅", "inspected", "县燃气储配站"), ("叶二梅", "inspected", "客运中心")}
    text = "镇党委书记肖一涛,镇长欧阳二海莅临石泉村督导安全生产工作。"
    got = of(facts(text, {"肖一涛": "镇党委书记", "欧阳二海": "镇长"}), "inspected")
    assert got == {("肖一涛", "inspected", "石泉村"), ("欧阳二海", "inspected", "石泉村")}


def test_the_jurisdictions_own_category_is_no_site():
    text = "副厅长钟一明带领暗访组,对我市危险化学品企业进行暗访检查。暗访组先后检查了恒远化工有限公司、金泰石化有限公司等5家企业。"
    got = of(facts(text, {"钟一明": "副厅长"}), "inspected")
    assert {f[2] for f in got} == {"恒远化工有限公司", "金泰石化有限公司"}


def test_leaders_listed_before_fenbie_daidui_all_lead():
    text = "同日,镇长胡一平,副镇长马二华分别带队赴辖区内的砖厂、加油站开展安全生产检查。"
    got = of(facts(text, {"胡一平": "镇长", "马二华": "副镇长"}), "inspected")
    assert {(f[0], f[2]) for f in got} == {("胡一平", "砖厂"), ("胡一平", "加油站"),
                                           ("马二华", "砖厂"), ("马二华", "加油站")}


def test_the_escort_phrase_starts_at_its_own_zai():
    text = "在青石镇,副市长韩一群在镇长吴二川陪同下来到红岩煤矿检查。"
    got = facts(text, {"韩一群": "副市长", "吴二川": "镇长"})
    assert ("韩一群", "inspected", "红岩煤矿") in got and ("吴二川", "attended", None) in got


def test_the_leader_is_not_his_own_escort():
    text = "副县长韩一群带队深入红岩煤矿,县应急管理局、县自然资源局负责人陪同检查。"
    got = facts(text, {"韩一群": "副县长"})
    assert got == {("韩一群", "inspected", "红岩煤矿")}


def test_a_report_heard_on_the_way_is_no_speech():
    text = ("局长石一国带队检查。检查组采取听取汇报、查阅资料、现场检查相结合的方式,先后深入县人民医院、"
            "鑫达化工有限公司等12家单位进行检查。")
    got = of(facts(text, {"石一国": "局长"}), "inspected")
    assert {f[2] for f in got} == {"县人民医院", "鑫达化工有限公司"}


def test_a_visit_to_comfort_workers_is_no_inspection():
    text = "春节前夕,董事长柏一岳一行来到南湖项目部,看望慰问坚守岗位的一线职工。"
    assert of(facts(text, {"柏一岳": "董事长"}), "inspected") == set()


def test_deploying_inspections_is_no_tour_for_the_party_after():
    text = "县长周一民对全县安全检查工作进行了部署。检查组先后来到龙口煤矿、石桥加油站。"
    assert of(facts(text, {"周一民": "县长"}), "inspected") == set()
    text = "县长周一民检查节前安全生产工作。检查组先后来到龙口煤矿、石桥加油站。"
    got = of(facts(text, {"周一民": "县长"}), "inspected")
    assert {f[2] for f in got} == {"龙口煤矿", "石桥加油站"}


def test_a_quoted_title_read_out():
    text = "副县长陶一民宣读了“关于表彰2023年度先进集体的决定”。"
    assert facts(text, {"陶一民": "副县长"}) == {("陶一民", "read_out", "关于表彰2023年度先进集体的决定")}


def test_a_pronoun_skips_leaders_only_quoted():
    text = "县长周一民主持会议。会议学习了周立群总书记重要指示精神。他强调,要压实责任。"
    ments = mentions_of(text, {"周一民": "县长", "周立群": "总书记"})
    persons = {"周一民": [TitleText("县长", "", "县长")], "周立群": [TitleText("总书记", "", "总书记")]}
    got = {(f.s, f.p) for f in events.find_facts(text, ments, persons, [], LEX)}
    assert got == {("周一民", "chaired"), ("周一民", "spoke")}


def test_a_site_loses_the_words_around_its_name_in_the_same_run():
    cases = {
        "检查组到柳塘矿业公司": "柳塘矿业公司",  # the party's movement before it
        "位于东坪经济开发区的西岭化工有限公司": "西岭化工有限公司",  # where it lies
        "区内南湾食品有限公司": "南湾食品有限公司",
        "已经被确定关闭的柳塘县鞭炮厂": "柳塘县鞭炮厂",  # what was decided about it
        "我院东坪校区项目建设工地现场": "东坪校区项目建设工地",  # the notice's own unit, the scene
        "柳塘供水泵站三个项目": "柳塘供水泵站",  # a count of what it holds
        "东坪热电厂的生产现场": "东坪热电厂",
        "西岭煤业公司所属各矿": "西岭煤业公司",
        "东坪商厦人员密集场所": "东坪商厦",
        "西岭煤矿下井": "西岭煤矿",  # what the party did there
        "柳塘石材工业园展开节前安全防范": "柳塘石材工业园",
        "东坪市延伸考核": "东坪市",
    }
    for raw, site in cases.items():
        assert events._site_items(raw) == [site], raw
    # a street of shops is named so (一条街), and a site inside the jurisdiction keeps 辖区内
    assert events._site_items("东坪美食一条街") == ["东坪美食一条街"]
    assert events._site_items("辖区内烟花爆竹零售点") == ["辖区内烟花爆竹零售点"]
