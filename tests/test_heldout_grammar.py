"""Rules of the genre found on real notices the rules had never seen (read by
class, each pinned here on a fictional sentence of our own)."""

from __future__ import annotations

from ingest.extract import extract_text


def relations(text: str) -> list[dict]:
    return extract_text(text, "fictional.txt").to_eval()["relations"]


def triples(text: str) -> set[tuple]:
    return {(r["s"], r["p"], r.get("o")) for r in relations(text)}


def test_can_hui_is_attending():
    got = triples("县委常委柯文远、县政府党组成员龚立明、樊建新等县领导参会。")
    assert {("柯文远", "attended", None), ("龚立明", "attended", None), ("樊建新", "attended", None)} <= got


def test_attending_and_speaking_joined_by_bing_hold_for_the_whole_list_over_a_comma():
    got = triples("副市长柯文远、龚立明，市政府秘书长樊建新等出席会议并讲了话。")
    assert {(n, "spoke", None) for n in ("柯文远", "龚立明", "樊建新")} <= got
    # a comma between different roles still separates them
    assert ("柯文远", "spoke", None) not in triples("县长柯文远主持，副县长龚立明讲话。")


def test_groups_of_persons_listed_as_signers_sign_each():
    got = triples("森林防火指挥部各成员单位负责人、各街道的街道主任向区森林防火指挥部递交了防火责任状。")
    assert got == {("森林防火指挥部各成员单位负责人", "signed_letter", "防火责任状"),
                   ("各街道的街道主任", "signed_letter", "防火责任状")}
    assert triples("全体与会干部当场签订了《燃气安全承诺书》。") == {
        ("全体与会干部", "signed_letter", "燃气安全承诺书")}


def test_yu_hui_is_a_word_not_a_counterparty_and_two_signing_verbs_give_one_letter():
    assert triples("与会各部门主要负责人签字并递交了年度消防安全责任状。") == {
        ("与会各部门主要负责人", "signed_letter", "年度消防安全责任状")}


def test_the_person_before_yu_signs_when_the_counterparties_run_over_a_comma():
    rels = relations("镇长柯文远与各村支部书记,学校、医院及辖区企业负责人签订了年度消防安全责任状。")
    assert [(r["s"], r["with"]) for r in rels if r["p"] == "signed_letter"] == [
        ("柯文远", ["各村支部书记", "学校", "医院", "辖区企业负责人"])]


def test_xiada_of_a_letter_is_issuing_it():
    rels = relations("会上,柯文远副市长代表市政府向各县区政府下达了年度防汛目标责任书。")
    assert [(r["s"], r["o"], r.get("on_behalf_of")) for r in rels if r["p"] == "signed_letter"] == [
        ("柯文远", "年度防汛目标责任书", "市政府")]


def test_a_long_list_of_named_firms_after_a_movement_is_read_whole():
    text = ("1月17日,管委会主任柯文远带领规划建设局、应急管理局等部门先后深入东坪华侨投资区燃气有限责任公司、"
            "华丰调味食品有限公司、东兴食品有限公司、惠民星级农贸市场、龙湾安置房项目施工工地等场所开展督导检查。")
    sites = {o for s, p, o in triples(text) if p == "inspected"}
    assert sites == {"东坪华侨投资区燃气有限责任公司", "华丰调味食品有限公司", "东兴食品有限公司",
                     "惠民星级农贸市场", "龙湾安置房项目施工工地"}


def test_a_list_of_sites_fronted_by_zai_before_the_leader_is_his():
    text = ("12月5日,旗委副书记柯文远深入矿山企业调研督导。在东坪黄金集团白音矿业、华丰集团融冠矿业、"
            "东坪黄金集团阿尔哈达铅锌银矿调研时,柯文远一行实地查看了生产调度中心。")
    sites = {o for s, p, o in triples(text) if p == "inspected" and s == "柯文远"}
    assert {"东坪黄金集团白音矿业", "华丰集团融冠矿业", "东坪黄金集团阿尔哈达铅锌银矿"} <= sites


def persons(text: str) -> dict[str, list[str]]:
    return {p["name"]: p["titles"] for p in extract_text(text, "fictional.txt").to_eval()["persons"]}


def test_a_coordinated_inspection_after_the_sites_adds_its_named_units():
    text = ("9月2日,省应急厅副厅长柯文远率省安委会第三督查组对东坪市开展督查。期间,督查组一行先后对东坪县和西岭县的"
            "安全生产情况进行了督查,并现场检查了东兴铜业有限公司、华丰县水电公司冶炼厂等生产经营单位。")
    sites = {o for s, p, o in triples(text) if p == "inspected"}
    assert {"东坪县", "西岭县", "东兴铜业有限公司", "华丰县水电公司冶炼厂"} <= sites


def test_escorts_named_before_the_party_leave_the_party_its_leader():
    text = ("4月4日,市政协党组书记柯文远带领市安全生产督查组来到东坪县检查安全生产工作。"
            "在县政协副主席龚立明的陪同下,督查组来到县自来水厂,察看了加药间。")
    got = triples(text)
    assert ("柯文远", "inspected", "县自来水厂") in got
    assert ("龚立明", "attended", None) in got and ("龚立明", "inspected", "县自来水厂") not in got


def test_yi_before_a_title_is_not_its_prefix():
    assert persons("以市安监局局长柯文远为副组长的督查组一行来到东坪市。")["柯文远"] == ["市安监局局长", "副组长"]


def test_a_name_without_a_listed_surname_before_ji_is_read_by_the_recogniser():
    got = persons("旗政协主席柯文远,旗政府副旗长乌日娜及有关单位人员一同检查。")
    assert got.get("乌日娜") == ["旗政府副旗长"]


def test_variant_forms_of_characters_read_as_the_standard_ones():
    from ingest.clean import clean

    cleaned = clean("镇党委副书记茍立明主持会议。\n")
    assert cleaned.text.startswith("镇党委副书记苟立明") and cleaned.original.startswith("镇党委副书记茍立明")


def test_a_later_item_of_a_group_list_that_begins_like_a_word_stays_a_name():
    got = persons("旗领导乌力吉图、柯文远、宝力嘎参加。")
    assert set(got) == {"乌力吉图", "柯文远", "宝力嘎"}
    assert set(persons("县领导柯文远、龚立明、领导班子成员参加。")) == {"柯文远", "龚立明"}


def test_shuo_after_a_name_is_speech_but_not_after_ju():
    text = "10月2日,市委常委柯文远到东坪旗检查安全生产工作。柯文远说,要高度重视安全生产工作。"
    assert ("柯文远", "spoke", None) in triples(text)
    assert ("柯文远", "spoke", None) not in triples("副市长柯文远到东坪检查。据柯文远说,隐患已经整改。")


def test_a_clause_going_on_with_dui_or_jiu_keeps_its_subject():
    text = "县委书记柯文远来到东坪公司检查。柯文远现场听取了企业安全工作情况汇报,对该企业安全生产提出相关要求。"
    assert ("柯文远", "spoke", None) in triples(text)
    text = "副市长柯文远来到东坪市检查。柯文远在对东坪市工作给予充分肯定的同时,就今后工作提出了要求。"
    assert ("柯文远", "spoke", None) in triples(text)


def test_a_question_mark_between_han_characters_is_a_lost_middle_dot():
    from ingest.clean import clean

    got = persons("自治区党委副书记、自治区主席阿依古丽?吐尔逊出席会议并讲话。")
    assert got == {"阿依古丽·吐尔逊": ["自治区党委副书记", "自治区主席"]}
    assert "?" in clean("这是为什么?我们要反思。\n").text


def test_a_reservoir_is_a_site_a_party_going_on_can_name():
    text = ("4月4日,市政协党组书记柯文远带领市督查组来到东坪县检查安全生产工作。"
            "在东坪水库,督查组查看了溢洪道。")
    assert ("柯文远", "inspected", "东坪水库") in triples(text)


def test_a_meeting_convened_at_a_place_is_no_site_of_the_verb_after_it():
    text = ("7月2日,副县长柯文远带领县安全生产检查组到东坪乡检查安全生产工作。"
            "随后,督查组在西岭乡召开了督查情况通报会。")
    assert not any("召开" in (o or "") for s, p, o in triples(text))


def documents(text: str) -> list[str]:
    return extract_text(text, "fictional.txt").to_eval()["documents"]


def test_an_unbracketed_title_keeps_its_issuer_and_study_verbs_may_stack():
    assert documents("会议学习贯彻了省委、省政府关于加强安全生产工作的意见,传达了会议精神。") == [
        "省委、省政府关于加强安全生产工作的意见"]


def test_no_title_is_read_inside_a_bracketed_one():
    assert documents("传达学习《省安全生产委员会关于印发2024年工作要点的通知》。") == [
        "省安全生产委员会关于印发2024年工作要点的通知"]


def test_a_list_read_out_with_quotes_inside_is_a_document():
    text = "副乡长柯文远宣读了2024年“三乡一园”防汛联防领导小组成员名单。"
    assert documents(text) == ["2024年“三乡一园”防汛联防领导小组成员名单"]
    assert ("柯文远", "read_out", "2024年“三乡一园”防汛联防领导小组成员名单") in triples(text)


def test_a_verb_after_the_chairs_clause_is_no_part_of_the_meetings_name():
    text = "集团党委书记龚立明出席会议,董事长柯文远主持会议并讲话,党委委员樊建新传达局有关会议及文件精神。"
    assert ("樊建新", "spoke", None) in triples(text)


def test_attendees_whose_clause_goes_on_after_a_comma_speak_too():
    text = "县长龚立明主持召开县政府常务会议。柯文远、樊建新等领导出席会议,提出工作要求。"
    assert {("柯文远", "spoke", None), ("樊建新", "spoke", None)} <= triples(text)
    assert ("柯文远", "spoke", None) not in triples("县长柯文远出席会议,副县长龚立明讲话。")


def test_zuo_buchong_is_speech_and_paicha_is_inspection():
    assert ("柯文远", "spoke", None) in triples("最后,副镇长柯文远同志就消防工作做补充。")
    text = "镇党委书记柯文远带队到东坪村开展安全隐患排查工作。"
    assert ("柯文远", "inspected", "东坪村") in triples(text)


def test_a_simplified_line_with_a_character_of_both_forms_stays_as_written():
    from ingest.clean import clean

    assert clean("监制:柯乾明 总监制:龚立明\n").text == "监制:柯乾明 总监制:龚立明"
    assert clean("縣長主持會議。\n").text == "县长主持会议。"  # a Traditional line still converts


def test_more_credit_labels_end_the_names_before_them():
    assert persons("编辑:龚立明 编审:樊建新 监制:柯文远") == {"龚立明": [], "樊建新": [], "柯文远": []}


def test_a_listed_name_jieba_also_knows_as_a_word_stays_in_the_list():
    got = persons("县处级领导柯文远、龚立明、樊建新、白如坤,县直有关单位负责人参加。")
    assert set(got) == {"柯文远", "龚立明", "樊建新", "白如坤"}


def test_a_campaign_or_group_named_with_an_inspection_verb_stays_in_the_title():
    got = persons("日前,厅系统消防安全大排查第三工作组组长、二级巡视员柯文远带队检查。检查工作组组长柯文远强调,要压实责任。")
    assert got["柯文远"] == ["厅系统消防安全大排查第三工作组组长", "二级巡视员", "检查工作组组长"]


def test_a_single_topic_after_dui_names_no_site_but_a_place_in_it_does():
    assert not [t for t in triples("副局长柯文远带队,对公司消防安全和值班值守工作进行督导检查。") if t[1] == "inspected"]
    assert ("柯文远", "inspected", "东坪县") in triples("副县长柯文远对东坪县安全生产工作进行督导检查。")


def test_an_agenda_item_naming_no_signer_gives_no_signer():
    assert not relations("会议最后一项:观看消防警示片并与各村签订年度防火责任书。")


def test_zhidao_jiaoliu_is_speech():
    text = "随后由区消防大队教导员柯文远同志就仓储场所如何防范火灾进行指导交流。"
    assert triples(text) == {("柯文远", "spoke", None)}


def test_spaces_inside_a_date_are_closed():
    from ingest.clean import clean

    assert clean("11 月 18 日,东坪乡召开 2024 年安全生产工作会。\n").text == "11月18日,东坪乡召开 2024年安全生产工作会。"


def test_a_deputy_addressed_without_fu_is_the_same_person():
    text = ("9月7日下午,市局第八督导组在柯文远副局长的带领下到东坪县督导。政府县长龚立明全程陪同。"
            "柯局长指出:要强化安全生产意识。龚县长表示:将逐项整改到位。")
    got = triples(text)
    assert {("柯文远", "spoke", None), ("龚立明", "spoke", None)} <= got
    assert "柯局长" not in persons(text)


def test_a_demonstrative_site_is_no_site_and_choucha_inspects():
    text = ("9月7日下午,市局督导组在柯文远副局长的带领下到东坪县督导。"
            "督导组一行抽查了东兴制管有限公司,并对该企业开展了安全检查。")
    sites = {o for s, p, o in triples(text) if p == "inspected"}
    assert "东兴制管有限公司" in sites and "该企业" not in sites


def test_a_group_named_with_an_inspection_verb_in_an_attendee_list_is_no_action():
    text = "公司董事长、总经理柯文远,公司副总经理龚立明,督导工作组成员,公司相关部门(单位)负责人参加检查。"
    assert {("柯文远", "attended", None), ("龚立明", "attended", None)} <= triples(text)


def test_a_site_fronted_by_zai_is_the_tours_and_shenru_goes_inside_it():
    text = "副县长柯文远到东坪镇督查。在华丰光电产业园,柯文远深入厂房和生产车间,与企业负责人交流。"
    sites = {o for s, p, o in triples(text) if p == "inspected"}
    assert sites == {"东坪镇", "华丰光电产业园"}


def test_posts_given_with_ren_are_titles_and_both_lead_the_group():
    text = ("12月6日,由市委常委柯文远任组长,龚立明任副组长的市安全生产督查组在东坪县检查安全生产工作。"
            "督查组还重点抽查了华丰酒业有限公司、东坪县第一中学等9家企业单位。")
    got = persons(text)
    assert got["柯文远"] == ["市委常委", "组长"] and got["龚立明"] == ["副组长"]
    sites = {(s, o) for s, p, o in triples(text) if p == "inspected"}
    assert {("柯文远", "华丰酒业有限公司"), ("龚立明", "东坪县第一中学")} <= sites


def test_a_minutes_roster_gives_its_chair_and_its_attendees():
    text = ("区政府第十次常务会议\n会议时间:\n2025年7月1日上午10:00\n会议主持人:\n柯文远\n"
            "列席情况:\n柯文远 龚立明 樊建新\n会议议题:\n关于全区燃气安全工作的汇报")
    got = triples(text)
    assert ("柯文远", "chaired", None) in got
    assert {(n, "attended", None) for n in ("柯文远", "龚立明", "樊建新")} <= got


def test_a_given_name_ending_in_nian_is_a_name_but_a_time_word_is_not():
    assert persons("会议由县委副书记、县长柯亨年主持。") == {"柯亨年": ["县委副书记", "县长"]}
    assert persons("副县长王今年主持。") == {}


def test_a_group_joined_by_he_to_a_post_is_no_name():
    assert persons("各镇镇长和分管领导、县安委会成员单位负责人参加会议。") == {}


def test_a_party_going_on_by_methods_of_hearing_reports_still_tours():
    text = ("副县长柯文远带领督查组在东坪市检查安全生产工作。接着督查组分为三路,通过听汇报、翻台账、"
            "现场察看等办法,深入到西岭区、南湾旗2个旗区,检查防汛责任落实情况。")
    assert {("柯文远", "inspected", "西岭区"), ("柯文远", "inspected", "南湾旗")} <= triples(text)


def test_a_long_list_of_named_units_after_choucha_is_read_whole():
    text = ("副县长柯文远带领督查组在东坪市检查。督查组还随机抽查了东坪华丰酿酒股份有限公司、东坪南湾乳品股份有限公司、"
            "东坪西岭冶炼有限责任公司、东坪北山煤化工有限公司、东坪东岳光伏股份有限公司、东坪市第二中学等8家单位。")
    sites = {o for s, p, o in triples(text) if p == "inspected"}
    assert {"东坪北山煤化工有限公司", "东坪市第二中学"} <= sites


def test_a_transliterated_name_running_into_an_overlapping_follower_keeps_its_last_character():
    text = "自治区副主席阿不都·买合苏提出席座谈会。"
    assert persons(text) == {"阿不都·买合苏提": ["自治区副主席"]}
    assert ("阿不都·买合苏提", "attended", None) in triples(text)


def test_a_party_named_by_its_members_tours_with_each_of_them():
    text = ("10月8日,处长柯文远、副处长龚立明,市政府副秘书长樊建新等同志组成的省安委办第三检查组"
            "莅临东坪能源集团开展安全隐患排查。")
    assert {(n, "inspected", "东坪能源集团") for n in ("柯文远", "龚立明", "樊建新")} <= triples(text)


def test_a_transliterated_name_with_a_one_character_word_inside_reads_whole():
    got = persons("地委副书记、行署专员买买提·阿布都热合曼在会上强调,要抓好安全生产。")
    assert got == {"买买提·阿布都热合曼": ["地委副书记", "行署专员"]}


def test_a_topic_of_a_season_is_no_site():
    assert not [t for t in triples("5月4日,副市长柯文远带队调研汛期企业安全生产工作。") if t[1] == "inspected"]


def test_xie_brings_the_members_and_a_site_of_a_group_company_is_the_site_itself():
    text = "5月3日,七师副师长柯文远携师国资委相关人员组成督察组,赴东坪能源集团所辖的南湾煤矿、西岭煤矿检查。"
    assert persons(text) == {"柯文远": ["七师副师长"]}
    assert {o for s, p, o in triples(text) if p == "inspected"} == {"南湾煤矿", "西岭煤矿"}


def test_what_an_inspection_group_reports_is_not_this_events_chairing():
    text = "督查组指出,东坪省委、省政府高度重视安全生产工作,省长柯文远主持召开会议专门进行安排部署。"
    assert not relations(text)


def test_national_leaders_cited_in_a_tour_lead_no_inspection():
    text = ("副省长柯文远带队到东坪市督导。要把思想统一到龚立明总书记、樊建新总理的重要指示精神上来,"
            "持续深入抓好隐患排查整治工作。")
    assert not [t for t in triples(text) if t[1] == "inspected" and t[0] != "柯文远"]


def test_hui_opening_a_given_name_and_a_verb_after_adverbial_de():
    text = "龚会文局长认真的介绍了消防工作的要点。"
    assert persons(text) == {"龚会文": ["局长"]} and ("龚会文", "spoke", None) in triples(text)


def test_speech_on_carrying_out_the_meetings_spirit_is_speech():
    text = "县委副书记柯文远主持会议并就落实会议精神作了部署。"
    assert {("柯文远", "chaired", None), ("柯文远", "spoke", None)} <= triples(text)


def test_a_place_before_a_name_and_a_post_after_it_make_the_title():
    assert persons("9月2日,海淀区柯文远副区长出席会议。") == {"柯文远": ["海淀区副区长"]}


def test_an_attendance_list_ends_where_another_clause_begins():
    text = "参加会议的有社区物业企业负责人共计60余人,会议在社区三楼会议室举行,由社区党委书记柯文远主持召开。"
    assert triples(text) == {("柯文远", "chaired", None)}


def test_shops_and_stalls_checked_before_a_kitchen_is_entered_are_the_sites():
    text = ("局长柯文远带队到农贸市场、公园广场等地督导节前安全工作。"
            "柯文远检查了沿街营业的小吃店、烧烤排档用气情况,深入后厨察看了液化气瓶。")
    sites = {o for s, p, o in triples(text) if p == "inspected"}
    assert {"小吃店", "烧烤排档"} <= sites and "后厨" not in sites


def test_sites_listed_in_a_zai_shi_clause_may_hold_zaijian():
    text = ("副区长柯文远带队深入东坪、西岭等片区调研。在东坪派出所、消防救援中队业务用房、西岭镇灌区在建项目施工现场时,"
            "柯文远详细了解了各项工作。")
    assert {("柯文远", "inspected", o) for o in ("东坪派出所", "消防救援中队业务用房", "西岭镇灌区在建项目施工现场")} <= triples(text)


def test_bing_dao_adds_the_next_site_of_a_tour():
    text = "副州长柯文远深入东坪化工有限公司实地检查,并到东坪汽车站检查春运安全工作。"
    assert ("柯文远", "inspected", "东坪汽车站") in triples(text)


def test_a_signing_ceremony_of_a_named_letter_is_a_signing():
    text = "2月2日,东坪县工业集中区管委会与辖区企业举行了《2024年度安全目标责任书》签订仪式。"
    rels = [r for r in relations(text) if r["p"] == "signed_letter"]
    assert [(r["s"], r["o"], r.get("with")) for r in rels] == [
        ("东坪县工业集中区管委会", "2024年度安全目标责任书", ["辖区企业"])]


def test_a_party_secretary_is_addressed_by_surname_and_shu_ji():
    got = triples("会议由社区党委书记柯文远主持。会上,柯书记首先传达了街道的会议精神。")
    assert ("柯文远", "spoke", None) in got


def test_a_leader_addressed_by_surname_and_post_before_zuo_le_speaks():
    got = triples("会议由县长柯文远主持。柯县长做了最后重要讲话。")
    assert ("柯文远", "spoke", None) in got


def test_zuo_le_bu_chong_is_speaking():
    assert ("樊建新", "spoke", None) in triples("安全科科长樊建新就平台使用等方面做了补充。")


def test_the_speaker_of_a_televised_meeting_watched_is_no_speaker_here():
    got = triples("3月2日,宁阳县组织干部收听收看全省安全生产电视会议,县委副书记、县长柯文远,副县长龚立明出席。"
                  "会上,樊建新副省长对下一阶段全省工作作了重要讲话。"
                  "会后,柯县长要求全县各级压实责任。")
    assert ("樊建新", "spoke", None) not in got and ("龚立明", "attended", None) in got


def test_a_prepositional_phrase_before_a_comma_keeps_its_subject_for_the_verb():
    got = triples("会后,副县长龚立明就做好下一步防汛工作,强调:一要压实责任。")
    assert ("龚立明", "spoke", None) in got


def test_speech_nouns_with_a_count_or_an_instruction_are_speaking():
    assert ("柯文远", "spoke", None) in triples("镇长柯文远对抓好全镇安全生产工作讲了三点意见。")
    assert ("柯文远", "spoke", None) in triples("最后,县长柯文远提了三点意见:一是压实责任。")
    assert ("柯文远", "spoke", None) in triples("集团公司总经理柯文远作重要指示:一是加强培训。")
    assert ("柯文远", "spoke", None) in triples("会上,街道副主任柯文远回顾了上半年安全生产工作。")


def test_a_speech_named_by_its_title_after_zuo_is_speaking():
    got = triples("会上,总经理龚立明代表公司作了《关于今年安全工作的讲话》。")
    assert ("龚立明", "spoke", None) in got


def test_after_a_watched_meeting_hui_hou_brings_back_the_notices_own_speakers():
    text = "10月4日,东坪区组织收看了全省安全生产视频会议,会后,区长柯文远强调:一要吸取事故教训。"
    assert ("柯文远", "spoke", None) in triples(text)
    text = "10月4日,东坪区组织收看了全省安全生产视频会议,副省长龚立明强调:一要吸取事故教训。"
    assert ("龚立明", "spoke", None) not in triples(text)


def test_fanfu_in_an_earlier_clause_does_not_make_the_speech_a_quotation():
    text = "乡长柯文远反复讲到去年的事故,联系本乡情况,对防汛工作又一次强调:一要提高认识。"
    assert ("柯文远", "spoke", None) in triples(text)
    assert ("柯文远", "spoke", None) not in triples("乡长柯文远多次强调:安全生产责任重于泰山。")


def test_escorts_listed_over_a_comma_who_peitong_bing_jieshao_all_speak():
    got = triples("区应急管理局二级调研员柯文远,东坪镇党委书记龚立明陪同并介绍了镇里的做法。")
    assert {("柯文远", "spoke", None), ("龚立明", "spoke", None)} <= got


def test_the_one_whose_report_is_heard_with_ting_le_speaks():
    got = triples("副市长龚立明认真听了公司董事长柯文远对企业安全生产情况的汇报。")
    assert ("柯文远", "spoke", None) in got and ("龚立明", "spoke", None) not in got


def test_a_tour_leaders_chain_of_clauses_ends_in_his_speech_not_his_escorts():
    text = ("3月5日下午,副区长柯文远率队赴东坪第一中学开展安全检查。随后,柯文远一行在校长龚立明的陪同下,"
            "查看了消防设施设备,详细询问了值班情况,要求压实责任。")
    got = triples(text)
    assert ("柯文远", "spoke", None) in got and ("龚立明", "spoke", None) not in got
    assert ("龚立明", "attended", None) in got
    # an escort's own clause does not carry the speech
    got = triples("县长柯文远到东坪镇检查,镇党委书记龚立明陪同,要求压实责任。")
    assert ("龚立明", "spoke", None) not in got


def test_what_follows_a_meeting_convened_or_a_circular_read_out_is_not_the_chairs_speech():
    got = triples("5月9日,园区党工委书记柯文远主持召开安全工作会议,传达上级会议精神,部署下一步工作。")
    assert ("柯文远", "spoke", None) not in got
    got = triples("会议首先由工程部经理龚立明宣读《关于开展安全生产月活动的方案》的通知,要求各单位结合实际。")
    assert ("龚立明", "spoke", None) not in got


def test_lai_after_the_party_is_a_movement_to_the_site():
    got = triples("9月3日,市政协副主席柯文远等一行人来东坪经济开发区督导,园区管委会主任龚立明陪同。")
    assert ("柯文远", "inspected", "东坪经济开发区") in got


def test_a_site_owned_by_our_township_loses_the_possessive_and_shops_and_housing_are_sites():
    got = triples("4月4日,区人大常委会副主任柯文远率队检查我街道的南湾百货和西岭商厦人员密集场所。")
    assert ("柯文远", "inspected", "南湾百货") in got
    got = triples("街道党工委副书记龚立明带队检查东坪区翠湖府、南湾四村自建房。")
    assert {("龚立明", "inspected", "东坪区翠湖府"), ("龚立明", "inspected", "南湾四村自建房")} <= got


def test_bodies_sharing_one_head_sign_as_one_group_and_brackets_do_not_split():
    got = triples("会上,各乡镇、各有关单位负责人签订了森林防火责任状。")
    assert got == {("各乡镇、各有关单位负责人", "signed_letter", "森林防火责任状")}
    got = triples("会议总结了上年工作,各县(市、区)、市直有关部门签订了目标责任书。")
    assert ("各县(市、区)", "signed_letter", "目标责任书") in got


def test_a_group_that_hands_in_letters_after_another_act_is_the_signer():
    got = triples("会上,村委会、学校和企业的代表先后作了表态发言并递交了《消防安全承诺书》。")
    assert got == {("村委会、学校和企业的代表", "signed_letter", "消防安全承诺书")}


def test_units_handing_letters_to_a_named_leader_make_him_the_signer():
    got = triples("各单位、村(居)、企业负责人向镇安委会主任、镇长柯文远提交了本年度《防汛目标责任书》。")
    assert ("柯文远", "signed_letter", "防汛目标责任书") in got
    person = extract_text("各学校向镇安委会主任、镇长柯文远递交了承诺书。", "fictional.txt").to_eval()["persons"][0]
    assert person["titles"] == ["镇安委会主任", "镇长"]


def test_a_slash_credit_gives_persons_without_titles():
    got = persons("来源/东坪县人民政府网 监制/柯文远 范晓虹 主编/龚立明 编辑/樊建新 @东坪卫视")
    assert got == {"柯文远": [], "范晓虹": [], "龚立明": [], "樊建新": []}


def test_a_credit_on_the_metadata_line_is_a_person():
    got = persons("2022-06-30 14:19:07来源:东坪区融媒体中心编辑:柯文远责任编辑:\n"
                  "东坪网讯 (记者 龚立明)6月28日,县长樊建新主持会议。")
    assert got == {"柯文远": [], "龚立明": ["记者"], "樊建新": ["县长"]}


def test_page_furniture_after_or_in_a_credit_is_no_name():
    assert persons("通讯员:柯文远本期编辑:龚立明、樊建新 查看原文") == {"柯文远": [], "龚立明": [], "樊建新": []}
    assert persons("发布时间:2020-03-30 来源:东坪县融媒体中心 编审:网管中心 浏览量:2238\n县长柯文远主持会议。") \
        == {"柯文远": ["县长"]}
    # a byline's name that is also a word stays a name
    assert persons("东坪新闻网讯(记者 夏季 龚立明)9月30日,县委书记柯文远主持会议。")["夏季"] == ["记者"]


def test_ben_bao_before_a_reporter_is_the_outlet_and_kept():
    assert persons("(本报记者 柯文远)") == {"柯文远": ["本报记者"]}


def test_a_given_name_ending_in_wei_before_a_verb_is_read_whole_when_the_recogniser_agrees():
    assert persons("自治区副主席樊可为主持会议并讲话。") == {"樊可为": ["自治区副主席"]}
    # 在 still starts the phrase after a name
    assert "李华" in persons("副县长李华在讲话中强调,要压实责任。")


def test_a_title_before_names_listed_with_commas_belongs_to_each():
    got = persons("县政府副县长樊建新,黎文昌,罗志远,县政府副县级干部潘集成出席会议。")
    assert got["黎文昌"] == ["县政府副县长"] and got["罗志远"] == ["县政府副县长"]
    assert persons("县长柯文远,龚立明主持会议。")["龚立明"] == []


def test_each_holder_of_a_post_joined_to_a_group_label_speaks():
    got = triples("会议由常务副县长柯文远主持,副县长龚立明、樊建新出席。会上,各位副县长和相关负责人就各自分管行业作了安排。")
    assert {("龚立明", "spoke", None), ("樊建新", "spoke", None)} <= got


def test_a_party_named_as_a_later_clauses_subject_tours_on_for_its_leader():
    text = ("4月8日,省安委会第二巡查组在组长柯文远带领下对东坪县进行安全生产巡查。\n"
            "巡查首日,巡查组听取了情况汇报,检查东坪县委县政府,并抽查了南湾酒业有限公司、西岭化工有限责任公司。")
    got = triples(text)
    assert {("柯文远", "inspected", "南湾酒业有限公司"), ("柯文远", "inspected", "西岭化工有限责任公司"),
            ("柯文远", "inspected", "东坪县委县政府")} <= got


def test_a_subjectless_sentence_after_a_sequence_word_goes_on_with_the_tour():
    text = ("3月15日,市安委会安全生产督查组由市总工会调研员柯文远带队,对东坪经济技术开发区开展了督查。"
            "随后,采取“领导+专家”方式,先后对南湾项目工地、西岭燃气有限公司等两家单位进行了现场检查。")
    assert ("柯文远", "inspected", "西岭燃气有限公司") in triples(text)


def test_what_the_group_says_after_its_tour_is_nobodys_speech():
    text = ("5月6日,乡党委书记柯文远带领乡直部门负责人对全乡安全生产进行了排查。柯文远一行先后深入南湾矿区、"
            "西岭水电站等企业,检查安全工作。对排查中发现的隐患,检查组当场作了交办,要求有关单位限期整改。")
    got = triples(text)
    assert ("柯文远", "inspected", "西岭水电站") in got and ("柯文远", "spoke", None) not in got


def test_a_titled_name_after_a_comma_starts_a_new_person_not_a_shared_title():
    got = persons("县委书记柯文远,副县长阿迪力·玉素甫出席会议。")
    assert got == {"柯文远": ["县委书记"], "阿迪力·玉素甫": ["副县长"]}


def test_bodies_after_a_group_label_are_not_names_nor_is_the_label_a_second_name():
    got = persons("安全工作会议召开,董事长柯文远、公司领导以及各分厂、项目部代表参加会议。")
    assert got == {"柯文远": ["董事长"]}
    assert persons("东坪街道党政领导班子对此专题研究、周密部署。") == {}


def test_a_post_joined_by_he_to_another_post_is_no_name_and_an_adverb_after_a_post_is_none():
    assert persons("随即对东坪乡书记和乡长进行约谈。") == {}
    assert persons("镇党委高书记明确要求各村抓好落实。") == {}


def test_a_venue_before_the_comma_keeps_the_chair_as_subject():
    got = triples("9月2日上午,区委副书记、区长柯文远在区政府三楼会议室,主持召开区政府常务会议。")
    assert ("柯文远", "chaired", None) in got


def test_watching_at_the_local_venue_and_inspecting_alongside_are_attending():
    got = triples("11月3日上午,全省安全生产视频会议召开。县领导柯文远、龚立明在县分会场收听收看。")
    assert {("柯文远", "attended", None), ("龚立明", "attended", None)} <= got
    assert ("柯文远", "attended", None) in triples("市委常委、市委办公室主任柯文远一同检查。")


def test_a_given_name_with_tongzhi_is_the_person_so_addressed():
    text = "区人大常委会副主任柯文远率队检查南湾百货。文远同志要求,超市负责人要落实主体责任。"
    assert ("柯文远", "spoke", None) in triples(text)


def test_the_last_item_of_a_list_splits_at_he_before_a_site():
    got = triples("9月30日,市长柯文远率队赴南湖汽车站、东坪巷和西岭超市检查安全生产工作。")
    assert {("柯文远", "inspected", "东坪巷"), ("柯文远", "inspected", "西岭超市")} <= got


def test_our_county_before_a_unit_visited_is_dropped_from_the_site():
    got = triples("6月2日,省应急管理厅副厅长柯文远一行到我县督导安全生产。"
                  "柯文远一行先听取了汇报。随后,又前往我县南湾办事处开展督导。")
    assert ("柯文远", "inspected", "南湾办事处") in got


def test_a_long_letter_title_is_kept_whole_and_names_its_parties_when_no_signer_is_named():
    got = triples("县长柯文远与各乡镇签订了2024年县政府与乡镇安全生产目标责任书。")
    assert ("柯文远", "signed_letter", "2024年县政府与乡镇安全生产目标责任书") in got
    got = triples("大会对先进单位作了表彰,还签署了2024年公司与各分公司安全生产目标责任书。")
    letter = "2024年公司与各分公司安全生产目标责任书"
    assert got == {("公司", "signed_letter", letter), ("各分公司", "signed_letter", letter)}


def test_an_inspection_word_before_a_noun_of_its_own_is_no_visit():
    text = "副部长柯文远率督查组赴东坪县检查。检查内容包括煤矿、危化以及车站、学校等。"
    got = triples(text)
    assert ("柯文远", "inspected", "东坪县") in got
    assert not any(o in ("车站", "学校") or (o or "").startswith("内容") for _, _, o in got)


def test_attendees_who_report_one_by_one_after_a_comma_speak():
    got = triples("市领导柯文远、龚立明出席会议,分别汇报了分管领域工作情况。")
    assert {("柯文远", "spoke", None), ("龚立明", "spoke", None)} <= got


def test_a_list_over_a_comma_that_chairs_together_chairs_each():
    got = triples("3月30日,公司董事长柯文远,副总经理龚立明共同主持安全生产标准化建设会议。")
    assert {("柯文远", "chaired", None), ("龚立明", "chaired", None)} <= got


def test_zhi_le_ci_is_speaking():
    assert ("柯文远", "spoke", None) in triples("市安监局局长柯文远致了辞。")


def test_the_leader_who_brings_a_group_with_its_own_head_inspects_with_him_and_a_place_before_a_class_of_sites_is_the_site():
    text = ("3月5日,东坪副省长柯文远带领以省应急厅厅长龚立明为组长的省政府督导组来到南湾,"
            "听取了汇报,并突击检查了西岭县部分企业。")
    got = triples(text)
    assert {("柯文远", "inspected", "南湾"), ("龚立明", "inspected", "南湾"), ("柯文远", "inspected", "西岭县")} <= got


def test_a_post_that_runs_into_a_surname_ends_where_the_name_begins():
    got = persons("东坪区副区长、南湾公安分局局长林长远,区安委办主任柯文远出席启动仪式。")
    assert got["林长远"][-1] == "南湾公安分局局长" and "柯文远" in got


def test_a_reporters_club_is_no_byline_and_our_city_before_its_own_level_is_dropped():
    assert persons("开展了知识竞赛活动、小记者团活动、安全文化博览。") == {}
    assert persons("市长龚立明,我市市委书记柯文远陪同调研。")["柯文远"] == ["市委书记"]


def test_a_conjunction_after_an_earlier_name_is_no_prefix_of_the_next_post():
    got = persons("市国资委副主任吴文斌和集团党委书记、董事长柯文远陪同检查。")
    assert got["柯文远"] == ["集团党委书记", "董事长"]


def test_an_idiom_and_a_name_before_bei_are_read_as_such():
    assert persons("柯文远说,人命关天、安全生产重于泰山,务必抓紧抓实。") == {}
    assert "樊家顺" in persons("勘测院樊文彬、龚思远、樊家顺被评为公司年度安全生产先进个人。")


def test_an_inspections_manner_or_scene_is_no_site():
    text = ("2月11日,副省长柯文远率督导组来到南湾,检查了西岭县部分煤炭企业。"
            "在突击检查西岭县煤炭企业的过程中,督导组一行到东坪煤矿检查。柯文远来到督察现场查看。")
    got = triples(text)
    assert not any(o in ("突击", "督察现场") for _, _, o in got)


def test_a_post_written_before_a_comma_inside_an_attendance_list_keeps_the_list_whole():
    text = "县安委会会议召开,县长柯文远,县委常委、副县长龚立明,县委常委,副县长樊建新,县领导黄伟明、陈琼华参加。"
    got = triples(text)
    assert {(n, "attended", None) for n in ("柯文远", "龚立明", "樊建新", "黄伟明", "陈琼华")} <= got


def test_the_notices_own_meeting_after_a_watched_one_in_the_same_sentence_has_its_speakers():
    got = triples("在收听收看了全市防汛视频会议后,我县召开专题会议,县长柯文远主持会议并讲话。")
    assert ("柯文远", "spoke", None) in got
    # the watched meeting's speaker, in a sentence that stays with it, is not the notice's
    assert ("龚立明", "spoke", None) not in triples(
        "县长柯文远在县分会场收看视频会议,市长龚立明在会上强调要压实责任。")


def test_a_groups_label_before_a_name_in_a_list_keeps_the_list_whole():
    got = triples("会上,项目经理柯文远、职工代表龚立明分别作表态发言。")
    assert {("柯文远", "spoke", None), ("龚立明", "spoke", None)} <= got


def test_a_leaders_clauses_led_by_dai_dui_or_a_manner_go_on_to_his_speech():
    got = triples("3月2日,公司总经理柯文远带队前往东坪物流仓库,实地察看了电气线路,要求仓储企业压实防火责任。")
    assert {("柯文远", "inspected", "东坪物流仓库"), ("柯文远", "spoke", None)} <= got
    # a meeting convened first keeps its agenda off the speech
    assert ("柯文远", "spoke", None) not in triples("县长柯文远主持召开会议,带队检查,要求落实责任。")


def test_a_speech_verb_inside_the_report_heard_is_the_reports_topic():
    got = triples("县委书记柯文远到东坪镇检查节前安全。柯文远听取了镇党委关于节日值守安排部署情况的汇报。")
    assert ("柯文远", "spoke", None) not in got
    assert ("柯文远", "spoke", None) in triples("县长柯文远听取了应急局关于汛期工作的汇报后,对防汛工作作了部署。")


def test_the_units_before_the_topic_of_an_inspection_verb_are_its_sites():
    got = triples("副县长柯文远到西岭镇开展检查,随后现场检查了东坪机械有限公司、南湾纺织有限公司的消防安全情况。")
    assert {("柯文远", "inspected", "东坪机械有限公司"), ("柯文远", "inspected", "南湾纺织有限公司")} <= got
    # a topic alone is no site
    assert {o for s, p, o in triples("副县长柯文远到西岭镇调研,了解了企业的安全生产管理工作。")
            if p == "inspected"} == {"西岭镇"}


def test_a_clause_of_its_own_after_the_tours_first_site_adds_the_sites_it_checks():
    got = triples("副市长柯文远一行到东坪工业园调研,重点抽检西岭煤气公司和南湾燃气有限公司储配站。")
    assert {("柯文远", "inspected", "西岭煤气公司"), ("柯文远", "inspected", "南湾燃气有限公司储配站")} <= got
    # what the speech asks to check is no site, nor a topic a clause of its own names
    assert ("柯文远", "inspected", "西岭煤气公司") not in triples(
        "副市长柯文远到东坪工业园调研,要求检查西岭煤气公司。")
    assert {o for s, p, o in triples("局长柯文远带队赴西岭县,督查危化品行业安全生产工作。")
            if p == "inspected"} == {"西岭县"}
    # nor the spots inside the sites just visited
    got = {o for s, p, o in triples("副县长柯文远先后来到东坪加油站和西岭燃气储配站,实地查看储罐区和消防通道。")
           if p == "inspected"}
    assert got == {"东坪加油站", "西岭燃气储配站"}


def test_an_outlets_name_with_zai_xian_is_part_of_the_bylines_title():
    persons = extract_text("东坪在线记者柯文远报道。县长樊建新主持召开会议。", "fictional.txt").to_eval()["persons"]
    assert {"name": "柯文远", "titles": ["东坪在线记者"]} in persons


def test_an_acting_head_after_the_name_keeps_dai_in_the_post():
    persons = extract_text("会议传达了柯文远代省长的讲话精神。", "fictional.txt").to_eval()["persons"]
    assert persons == [{"name": "柯文远", "titles": ["代省长"]}]


def test_shan_written_with_its_variant_character_is_shaanxi():
    assert "陕西省" in extract_text("陜西省應急管理廳廳長柯文远出席會議。", "fictional.txt").to_eval()["localities"]


def test_a_body_or_an_outlet_in_a_source_slot_is_no_person():
    text = "更新时间:2019-03-02 09:10  作者:柯文远 龚立明  来源:东坪区应急局\n近日,东坪区召开会议,区长樊建新主持。"
    names = {p["name"] for p in extract_text(text, "fictional.txt").to_eval()["persons"]}
    assert names == {"柯文远", "龚立明", "樊建新"}
    text = "2019-03-02 09:10来源:东坪在线编辑:柯文远\n3月1日,县长樊建新率队检查。"
    names = {p["name"] for p in extract_text(text, "fictional.txt").to_eval()["persons"]}
    assert names == {"柯文远", "樊建新"}


def test_an_item_after_a_list_of_units_is_a_unit_not_a_name():
    got = extract_text("各社区党组织书记,相关仓储及维修作业单位、商超主要负责人参加会议。", "fictional.txt").to_eval()
    assert got["persons"] == []


def test_a_conjunction_before_a_second_post_or_a_speech_verb_ends_a_two_character_name():
    persons = extract_text("会议学习了省委书记柯锋和省长龚立明在全省大会上的讲话。", "fictional.txt").to_eval()["persons"]
    assert {p["name"] for p in persons} == {"柯锋", "龚立明"}
    assert ("柯勇", "spoke", None) in triples("随后,县政府副县长柯勇做重要讲话。")
    # a given name ending in 和 before a verb stays whole; a particle before 做 ends the name
    assert ("郭立和", "chaired", None) in triples("副县长郭立和主持会议。")
    assert ("柯明", "spoke", None) in triples("街办主任柯明就做好汛期值守工作指出,一要压实责任。")


def test_a_preposition_and_its_object_after_a_post_are_no_name():
    persons = extract_text("柯文远副市长向企业提出要求。", "fictional.txt").to_eval()["persons"]
    assert persons == [{"name": "柯文远", "titles": ["副市长"]}]
    # 向 the surname stays a name's (jieba reads 向明辉 as one name, not 向|明辉)
    persons = extract_text("区应急管理局局长向明辉陪同检查。", "fictional.txt").to_eval()["persons"]
    assert persons == [{"name": "向明辉", "titles": ["区应急管理局局长"]}]


def test_a_long_topic_after_jiu_still_leads_to_the_speech():
    got = triples("县局副局长柯文远就隐患台账整改、夜间值守巡查、应急物资补充、特种作业持证上岗、危化车辆停放管理、冬季消防器材检修诸项任务逐一作出安排部署。")
    assert ("柯文远", "spoke", None) in got
    assert ("柯文远", "spoke", None) in triples("交警大队长柯文远就今年以来的道路交通形势做了分析研判。")


def test_giving_views_is_speech_and_taking_part_in_a_check_is_attending():
    assert ("柯文远", "spoke", None) in triples("市领导柯文远参加会议并讲意见。")
    got = triples("市应急管理局副局长柯文远,县应急管理局局长龚立明等参与检查。")
    assert {("柯文远", "attended", None), ("龚立明", "attended", None)} <= got


def test_a_national_leader_cited_right_after_a_verb_or_a_time_word_keeps_the_title():
    persons = extract_text("副厅长龚立明要求认真贯彻落实近期柯文远总书记的重要指示精神。", "fictional.txt").to_eval()["persons"]
    assert {"name": "柯文远", "titles": ["总书记"]} in persons
    persons = extract_text("我县将开展柯文远总书记关于安全生产重要论述宣贯活动。", "fictional.txt").to_eval()["persons"]
    assert persons == [{"name": "柯文远", "titles": ["总书记"]}]


def test_what_a_party_checks_inside_a_site_is_no_site():
    got = {o for s, p, o in triples("街道主任柯文远带队深入辖区做节前检查。一行人对沿街的歌厅、网吧开展了检查"
                                    "行动,对节日值守预案部署情况和安全出口、应急照明灯、灭火器是否有效进行检查。")
           if p == "inspected"}
    assert not got & {"节日值守预案部署", "安全出口", "应急照明灯", "灭火器是否有效"}
    assert "网吧" in got


def test_a_posts_first_character_that_ends_a_place_is_no_title_after_a_name():
    persons = extract_text("确保企业安全稳定发展。来到贵州长丰新材料有限公司,柯文远强调要落实责任。",
                           "fictional.txt").to_eval()["persons"]
    assert not any(p["titles"] == ["州长"] for p in persons)


def test_a_command_posts_commander_and_a_candidate_for_head_are_posts():
    persons = extract_text("副区长、区防汛指挥部指挥柯文远主持会议。乡党委委员、镇长候选人龚立明讲话。",
                           "fictional.txt").to_eval()["persons"]
    assert {"name": "柯文远", "titles": ["副区长", "区防汛指挥部指挥"]} in persons
    assert {"name": "龚立明", "titles": ["乡党委委员", "镇长候选人"]} in persons


def test_zuo_zhen_after_a_name_ends_it():
    names = {p["name"] for p in extract_text("县长柯文远坐镇指挥抢险工作,副县长龚立明参加。", "fictional.txt").to_eval()["persons"]}
    assert names == {"柯文远", "龚立明"}


def test_a_site_before_a_space_then_the_party_leads_the_sentence():
    got = triples("在东坪胶粘制品有限公司 区长柯文远一行先看了成品仓库,又查看了流水线的防护装置。")
    assert ("柯文远", "inspected", "东坪胶粘制品有限公司") in got


def test_a_bare_safety_committee_convening_or_represented_is_a_body_unless_named_with_its_owner():
    orgs = extract_text("西岭县昨日召开了安委会全体会议,县长柯文远到会主持。", "fictional.txt").to_eval()["organizations"]
    assert "安委会" in orgs
    orgs = extract_text("副主任柯文远代表安委会作了年度工作报告。", "fictional.txt").to_eval()["organizations"]
    assert "安委会" in orgs
    # 公司安委会 elsewhere in the notice is the committee's name; the bare form is not listed again
    orgs = extract_text("集团昨日开了月度调度会暨安委会扩大会议,集团安委会各委员出席。", "fictional.txt").to_eval()["organizations"]
    assert "安委会" not in orgs
    assert "安委会" not in extract_text("要充分发挥安委会统筹协调作用。", "fictional.txt").to_eval()["organizations"]
