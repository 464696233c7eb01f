"""Bodies named as actors, participants, conveners, counterparties or targets
(ingest.components.bodies): sentences of our own, fictional names and places."""

from __future__ import annotations

from ingest import gazetteer
from ingest.components import bodies
from ingest.lexicon import load

LEX = load()


def orgs(text: str, excluded: list[tuple[int, int]] | None = None) -> list[str]:
    places = [(s, e) for s, e, _, _ in gazetteer.find(text)]
    return [name for _, _, name in bodies.find_organizations(text, excluded or [], LEX, places)]


def test_units_in_a_list_of_units():
    text = "县领导甲某、乙某及县委办、统计局、审计局、水务局等单位负责同志陪同调研。"
    assert orgs(text) == ["县委办", "统计局", "审计局", "水务局"]
    text = "街道平安办、城建办、综合治理中心和青石居民区先后发言。"
    assert set(orgs(text)) == {"街道平安办", "城建办", "综合治理中心"}


def test_bare_body_words_in_a_list_and_after_ji():
    assert orgs("遵照省委、地委的安排。") == ["省委", "地委"]
    assert orgs("县安委会暨消委会联席会议在县城召开") == ["县安委会", "消委会"]
    assert orgs("各级党委、政府要高度重视。") == []


def test_classes_of_units_are_no_bodies():
    assert orgs("各分公司、研究院、车间主任到会。") == []
    assert orgs("检查宾馆场所、餐饮场所等重点部位。") == []


def test_the_four_bodies_of_the_centre_and_the_province():
    assert orgs("按照国务院、党中央和市委、市政府部署") == ["国务院", "党中央", "市委", "市政府"]


def test_levels_sharing_one_body_are_no_body():
    assert orgs("学习省、市、县安委会文件") == []


def test_national_body_with_its_office():
    assert orgs("会议学习了国务院安委办通知,国务院安办派员参加") == ["国务院安委办", "国务院安办"]


def test_inspection_groups_by_their_sender():
    assert orgs("国家安委会第九督察组抵达某市") == ["国家安委会第九督察组"]
    assert orgs("王某率省安全生产第四督导组深入某县") == ["省安全生产第四督导组"]
    assert orgs("市政府非煤矿山专项督查第二组由市应急局副局长带队") == ["市政府非煤矿山专项督查第二组"]
    assert orgs("督查组一行来到现场") == []


def test_venue_and_title_are_no_body():
    assert orgs("会议在县政府二楼东会议室召开。") == []
    assert orgs("在青石乡政府会议室召开会议") == []
    assert orgs("县委常委、县政府常务副县长主持") == []
    assert orgs("县政府各副县长就分管工作作了安排") == []


def test_outlet_and_banner_are_no_body():
    assert orgs("来源:青石县人民政府网站") == []
    assert orgs("标题\n青石县人民政府\n2021-03-09") == []


def test_body_of_a_place_written_in_full():
    assert orgs("云南省委、湘西土家族苗族自治州党委高度重视") == ["云南省委", "湘西土家族苗族自治州党委"]
    assert orgs("县十二届人民政府第9次常务会议召开") == ["县十二届人民政府"]


def test_member_units_name_their_committee():
    assert orgs("市安委会成员单位的分管同志到会。") == ["市安委会"]


def test_companies_as_counterparties_not_as_sites():
    assert orgs("公司总经理代表公司与天和集团签订责任书") == ["天和集团"]
    assert orgs("在青山化工集团调研时,副市长查看了生产车间") == []
    assert orgs("工作组先后到甲乙实业有限公司、丙丁材料有限公司进行安全检查") == []
    assert orgs("要推动公司发展,促进公司稳定,向集团公司汇报") == ["集团公司"]
    assert orgs("要求供水公司抓好落实") == ["供水公司"]
    assert orgs("集团公司安委会第二次扩大会议召开") == ["集团公司安委会"]


def test_company_in_an_accident_cited_or_described_is_no_body():
    assert orgs("要吸取某化工集团火灾事故教训") == []
    assert orgs("他常去邻村的青山种植专业合作社帮工") == []


def test_in_a_list_of_places_visited_only_public_bodies_are_bodies():
    text = "检查组察看了青石县森林防火指挥部、青石县防汛抗旱指挥部、城东加油站和县医院住院楼。"
    assert orgs(text) == ["青石县森林防火指挥部", "青石县防汛抗旱指挥部"]


def test_companies_checked_or_cited_are_no_bodies():
    assert orgs("会后,一行实地检查了青山永达化工有限公司、城东加油站等企业。") == []
    assert orgs("要深刻吸取湖南某化工有限公司爆炸事故教训") == []


def test_levels_sharing_one_body_after_a_verb():
    assert orgs("会议传达学习了省、市安委会有关会议精神") == []


def test_a_township_and_its_neighbourhood_are_places_not_a_body():
    assert orgs("先后来到白石镇金沙社区、青山村检查") == []


def test_state_assets_commissions():
    assert orgs("会议传达了国务院国资委、省国资委关于安全生产的部署") == ["国务院国资委", "省国资委"]


def test_bodies_inside_a_group_named_in_a_title_are_no_bodies():
    assert orgs("会上,国家安委会第五督查组组长作反馈") == []


def test_leading_groups_and_task_units():
    assert orgs("会上,防汛抗旱领导小组办公室通报了汛情") == ["防汛抗旱领导小组"]
    assert orgs("会上,镇综合执法大队负责人汇报了整治情况") == ["镇综合执法大队"]
    assert orgs("领导小组组长主持会议") == []


def test_village_committee_after_its_village():
    assert orgs("青柳村“两委”成员参加了排查") == ["青柳村“两委”"]


def test_a_zone_word_as_the_level_of_a_body():
    assert orgs("园区管委会负责人作了汇报") == ["园区管委会"]


def test_township_offices_led_by_a_leader():
    text = "镇党委书记某某带领镇应急办、镇派出所、镇市场监管所工作人员检查。"
    assert orgs(text) == ["镇应急办", "镇派出所", "镇市场监管所"]


def test_governments_of_places_in_a_list_of_targets():
    text = "市安委会将对青川区政府、白河区政府和经开区管委会进行考核"
    assert orgs(text) == ["市安委会", "青川区政府", "白河区政府", "经开区管委会"]


def test_bare_body_joined_to_a_named_body_and_convener_in_a_meeting_name():
    assert orgs("贯彻市委市政府和国资委的部署") == ["市委", "市政府", "国资委"]
    assert orgs("5月9日,县里召开安委会2025年第二季度例会") == ["安委会"]
    # the convener named in the meeting's name (FORMAT), unless the notice names it with its
    # owner elsewhere (公司安委会 is then its name)
    assert orgs("召开周例会暨安委会扩大会议") == ["安委会"]
    assert "安委会" not in orgs("召开周例会暨安委会扩大会议,公司安委会委员参加")


def test_national_bodies_not_listed_and_footers():
    assert orgs("国家消防救援局、国务院办公厅印发通知") == ["国家消防救援局", "国务院办公厅"]
    assert orgs("要求国家有关部门加强指导") == []
    assert orgs("主办:青石县人民政府办公室 承办:青石县信息中心") == []


def test_bodies_whose_name_holds_a_footer_word():
    assert orgs("市人大办、市纪委监委、市检察院有关同志出席") == ["市人大办", "市纪委监委", "市检察院"]
    assert orgs("对接国家战略和长远规划") == []


def test_zone_bodies_two_bodies_ending_a_list_and_company_branches():
    text = "传达了国务院安委办、应急管理部和省应急管理厅有关文件精神,市化工园区管委会负责人参加会议。"
    assert orgs(text) == ["国务院安委办", "应急管理部", "省应急管理厅", "市化工园区管委会"]
    assert orgs("12月5日,青松建设有限公司华南分公司召开观摩会") == ["青松建设有限公司华南分公司"]
    assert orgs("督导组一行深入青山煤业有限责任公司露天煤矿查看") == []


def test_a_list_of_bodies_led_by_a_named_leader():
    text = "县长某某率县应急管理局、县交通运输局等部门负责人检查"
    assert orgs(text) == ["县应急管理局", "县交通运输局"]


def test_signing_on_behalf_of_a_street_office():
    text = "会上,主任某某代表荷花街道办同辖区企业签订责任书"
    assert orgs(text) == ["荷花街道办"]


def test_standing_committees_and_study_groups_as_conveners():
    assert orgs("3月2日,市委常委会会议召开,研究安全生产工作") == ["市委常委会"]
    assert orgs("区委理论学习中心组召开专题学习会") == ["区委理论学习中心组"]
    assert orgs("县委常委、副县长某某出席") == []


def test_departments_as_actors_and_sub_units():
    text = "会上,安全环保部通报了安全生产情况。质量安全部要加强现场监督。全部要落实。"
    assert orgs(text) == ["安全环保部", "质量安全部"]
    assert orgs("刘某到县消防救援大队、市消防救援支队江北大队慰问") == ["县消防救援大队", "市消防救援支队江北大队"]


def test_words_ending_in_bu_are_no_departments():
    assert orgs("会上,西部要加快发展。这部法规对企业提出要求。党员干部要带头。") == []


def test_classes_of_units_after_ge_and_group_labels():
    assert orgs("要求各区(管委会)抓好整改") == []
    assert orgs("副总裁及各分公司、研究院、车间主任到会") == []
    assert orgs("在省里及集团公司领导陪同下") == []


def test_mass_organisations_as_participants():
    text = "县总工会、县妇联、团县委、县人武部负责同志参加会议。"
    assert orgs(text) == ["县总工会", "县妇联", "团县委", "县人武部"]


def test_a_main_venue_of_a_video_meeting():
    assert orgs("会议在州政府主会场和各县分会场同时召开") == []


def test_kinds_of_sites_in_a_list_are_no_bodies():
    assert orgs("要求化工厂、水泥厂等企业落实主体责任") == []
    assert orgs("仓储部、设备部、机修厂等要承担安全责任") == ["仓储部", "设备部", "机修厂"]


def test_long_texts_without_line_breaks_stay_linear():
    import time

    def cost(n: int) -> float:
        text = "县应急管理局、青柳村、到白石村," * n
        t = time.perf_counter()
        orgs(text)
        return time.perf_counter() - t

    cost(200)
    small, large = cost(1000), cost(4000)
    assert large < 12 * small + 0.5  # four times the text, not sixteen times the time


def test_the_state_council_after_the_party_centre_written_in_full_is_a_body():
    # 中共中央 is a whole body, not the bare level 中央 of 中央、省、市安委会
    assert orgs("会议传达了中共中央、国务院印发的实施意见。") == ["中共中央", "国务院"]
    assert orgs("要落实中央、省、市安委会的部署。") == []


def test_a_company_after_a_conjunction_is_the_counterparty_not_the_whole_run():
    assert orgs("县长龚立明与东兴化工有限公司签订了安全生产责任书。") == ["东兴化工有限公司"]


def test_a_company_entered_for_an_inspection_is_a_site_not_a_body():
    assert orgs("副市长柯文远深入华丰煤矿、东兴化工有限公司检查安全生产工作。") == []


def test_two_units_joined_by_he_are_two_bodies():
    assert orgs("会议由市公安局和市消防支队联合召开。") == ["市公安局", "市消防支队"]
    assert orgs("县住建局和东坪客运分公司作表态发言。") == ["县住建局", "东坪客运分公司"]


def test_a_company_the_party_came_to_for_an_inspection_is_a_site():
    assert orgs("副县长柯文远一行来到东兴纺织有限公司开展消防检查。") == []


def test_function_words_never_run_inside_a_bodys_name():
    assert orgs("各街道的主任向区森林防火指挥部递交了防火责任状。") == ["区森林防火指挥部"]
    assert orgs("11月2日下午,柳塘镇在五楼会议厅召开了会议。") == []


def test_a_list_item_ending_in_cadres_is_persons_not_a_department():
    assert orgs("会议邀请县国土资源局、县交警队柳塘中队相关干部参加。") == ["县国土资源局", "县交警队柳塘中队"]


def test_a_company_visited_whose_officials_report_is_a_participant():
    text = "副县长柯文远一行来到东兴纺织有限公司开展消防检查。在东兴纺织有限公司,董事长龚立明汇报了安全生产情况。"
    assert "东兴纺织有限公司" in orgs(text)


def test_verbs_never_run_inside_a_bodys_name():
    assert orgs("东坪市召开消防安全委员会扩大会议。") == []
    assert orgs("组长柯文远表示,管理局领导高度重视公司消防工作。") == []


def test_weituo_after_a_body_is_a_verb_not_a_committee():
    assert "区教育局" in orgs("项目管理部负责人先后对区教育局委托集团代建的项目开展安全生产大检查。")
    assert "区教育局委" not in orgs("项目管理部负责人先后对区教育局委托集团代建的项目开展安全生产大检查。")


def test_companies_visited_to_learn_how_they_work_are_sites():
    assert orgs("柯文远先后到宝丰新材料公司、新金山碳纤维公司,详细了解企业安全生产管理情况。") == []


def test_a_section_written_after_its_bureau_is_part_of_the_body_but_not_its_head():
    assert orgs("县交通运输局安全监督科负责人列席会议。") == ["县交通运输局安全监督科"]
    assert orgs("县水务局副股长柯文远参加。") == []


def test_a_numbered_term_before_the_level_is_part_of_the_bodys_name():
    assert orgs("十四届县政府全体成员参加会议。") == ["十四届县政府"]
    assert orgs("7月2日,十一届区政府第三十次常务会议召开。") == ["十一届区政府"]


def test_a_department_whose_standard_name_has_a_conjunction_inside_is_one_body():
    assert orgs("副市长柯文远带领市经济和信息化委、市应急局等部门负责人检查。") == ["市经济和信息化委", "市应急局"]


def test_a_committee_named_by_its_task_is_a_body():
    assert orgs("县交委会各成员单位参加了会议。") == ["县交委会"]


def test_companies_listed_after_a_spot_check_are_sites_not_bodies():
    text = "督查组还重点抽查了南湾化工有限公司、西岭建材有限公司、东坪食品有限公司等3家企业单位,重点检查了落实情况。"
    assert orgs(text) == []


def test_a_verb_or_adverb_before_a_company_word_is_the_clauses_not_the_companys_name():
    assert orgs("要全力保障集团安全生产形势稳定。") == []
    assert orgs("会议总结集团上半年工作。") == []
    assert orgs("我们要坚决落实南湾电网公司的部署。") == ["南湾电网公司"]


def test_an_inspection_group_after_a_date_or_a_meeting_verb_starts_after_it():
    assert orgs("5月8日起省安委会巡查组对东坪县开展巡查。") == ["省安委会巡查组"]
    assert orgs("代市长柯文远会见了考核巡查组一行。") == []


def test_companies_a_party_walks_into_are_sites():
    text = "随后,督查人员兵分两路,走进南湾化工股份有限公司、西岭精细化工有限公司,检查危险源管理。"
    assert orgs(text) == []


def test_a_committee_named_in_its_meetings_name_is_the_convener():
    assert orgs("3月2日上午,公司召开2024年第1次安委会会议。") == ["安委会"]
    assert orgs("各级安委会成员单位要落实责任。") == []


def test_praise_awards_and_guarantees_before_a_company_word_are_no_part_of_its_name():
    assert orgs("才能保证公司安全生产。") == []
    assert orgs("南湾勘测院东坪分院被评为公司先进单位。") == []
    assert orgs("他充分肯定南湾制漆公司在安全生产上所做的工作。") == ["南湾制漆公司"]


def test_a_unit_reporting_at_a_clauses_start_is_a_body():
    assert orgs("会上,局综治办汇报了全年安全生产工作情况。") == ["局综治办"]
    assert orgs("安全工程部作了年度安全工作报告。") == ["安全工程部"]
    assert orgs("会议要求各部门汇报工作。") == []


def test_the_clauses_words_before_a_company_word_are_cut_by_their_part_of_speech():
    assert orgs("这标志着南湾检测公司安全工作迈上新台阶。") == ["南湾检测公司"]
    assert orgs("要强化公司安全管理,紧紧围绕公司发展大局。") == []
    assert orgs("与天和化工公司、辽宁振兴集团签订责任书。") == ["天和化工公司", "辽宁振兴集团"]
