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
    text = "县领导甲某、乙某及县政府办、发改委、督查局、交通局等单位负责人参加了调研。"
    assert orgs(text) == ["县政府办", "发改委", "督查局", "交通局"]
    text = "社区平安办、社区管理办、综合行政执法队和青石居民区分别作交流发言。"
    assert set(orgs(text)) == {"社区平安办", "社区管理办", "综合行政执法队"}


def test_bare_body_words_in_a_list_and_after_ji():
    assert orgs("认真落实自治区党委、地委的部署。") == ["自治区党委", "地委"]
    assert orgs("区安委会暨消委会第二次全体会议召开") == ["区安委会", "消委会"]
    assert orgs("各级党委、政府要高度重视。") == []


def test_classes_of_units_are_no_bodies():
    assert orgs("各分公司、事业部、技术中心负责人参加会议。") == []
    assert orgs("检查人员密集场所、公共娱乐场所等重点部位。") == []


def test_the_four_bodies_of_the_centre_and_the_province():
    assert orgs("贯彻党中央、国务院和省委、省政府的决策部署") == ["党中央", "国务院", "省委", "省政府"]


def test_levels_sharing_one_body_are_no_body():
    assert orgs("传达中央、省、市安委会会议精神") == []


def test_national_body_with_its_office():
    assert orgs("领学国务院安委办紧急通知精神,对照国务院安办反馈的问题") == ["国务院安委办", "国务院安办"]


def test_inspection_groups_by_their_sender():
    assert orgs("国家安委会第九督察组到某煤矿督察") == ["国家安委会第九督察组"]
    assert orgs("王某率领自治区安全生产大检查第四督查组深入青山盟") == ["自治区安全生产大检查第四督查组"]
    assert orgs("市政府煤矿安全生产重点督查第二组在市煤管局副局长带领下") == ["市政府煤矿安全生产重点督查第二组"]
    assert orgs("督查组一行来到现场") == []


def test_venue_and_title_are_no_body():
    assert orgs("会议在市政府前三楼会议室召开。") == []
    assert orgs("在青石乡党委会议室召开会议") == []
    assert orgs("区委常委、区政府常务副区长主持") == []
    assert orgs("区政府各副区长分别提出要求") == []


def test_outlet_and_banner_are_no_body():
    assert orgs("来源:青石县人民政府网站") == []
    assert orgs("标题\n青石县人民政府\n2019-05-17") == []


def test_body_of_a_place_written_in_full():
    assert orgs("青海省委、西藏自治区党委高度重视") == ["青海省委", "西藏自治区党委"]
    assert orgs("县十二届人民政府第9次常务会议召开") == ["县十二届人民政府"]


def test_member_units_name_their_committee():
    assert orgs("区安委会成员单位主要负责人参加会议。") == ["区安委会"]


def test_companies_as_counterparties_not_as_sites():
    assert orgs("公司总经理代表公司与天和集团签订责任书") == ["天和集团"]
    assert orgs("在青山化工集团,副市长详细了解安全生产情况") == []
    assert orgs("一行到甲乙实业有限公司、丙丁材料有限公司开展专项检查") == []
    assert orgs("要推动公司发展,促进公司稳定,为集团公司交一份答卷") == ["集团公司"]
    assert orgs("要求水利公司结合自身特点") == ["水利公司"]
    assert orgs("集团公司安委会第四次会议召开") == ["集团公司安委会"]


def test_company_in_an_accident_cited_or_described_is_no_body():
    assert orgs("为深刻吸取某化集团爆炸事故教训") == []
    assert orgs("每天到村里的青山种植专业合作社干活") == []


def test_in_a_list_of_places_visited_only_public_bodies_are_bodies():
    text = "一行实地查看了青石县应急指挥中心、青石县防汛指挥部、青石县人民医院门诊中心、城东加油站等地。"
    assert orgs(text) == ["青石县应急指挥中心", "青石县防汛指挥部"]


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
    assert orgs("会议要求,道路安全领导小组成员单位要协同共治") == ["道路安全领导小组"]
    assert orgs("街道全体机关干部,街道综合行政执法队中队负责人参加会议") == ["街道综合行政执法队"]
    assert orgs("领导小组组长主持会议") == []


def test_village_committee_after_its_village():
    assert orgs("副镇长带领工作组协同青柳村“两委”,深入青柳村巡查") == ["青柳村“两委”"]


def test_a_zone_word_as_the_level_of_a_body():
    assert orgs("听取园区管委会和企业负责人汇报") == ["园区管委会"]


def test_township_offices_led_by_a_leader():
    text = "镇党委书记某某带领镇应急办、镇派出所、镇市场监管所工作人员检查。"
    assert orgs(text) == ["镇应急办", "镇派出所", "镇市场监管所"]


def test_governments_of_places_in_a_list_of_targets():
    text = "同意市安委会组织对青川区政府、白河区政府、高新区管委会开展安全生产巡查"
    assert orgs(text) == ["市安委会", "青川区政府", "白河区政府", "高新区管委会"]


def test_bare_body_joined_to_a_named_body_and_convener_in_a_meeting_name():
    assert orgs("认真落实省委省政府和国资委要求") == ["省委", "省政府", "国资委"]
    assert orgs("2月6日,县上召开安委会2026年第一季度全体会议") == ["安委会"]
    assert orgs("召开安全例会暨安委会(扩大)会议") == []


def test_national_bodies_not_listed_and_footers():
    assert orgs("国家消防救援局、国务院办公厅印发通知") == ["国家消防救援局", "国务院办公厅"]
    assert orgs("要求国家有关部门加强指导") == []
    assert orgs("主办:青石县人民政府办公室 承办:青石县信息中心") == []


def test_bodies_whose_name_holds_a_footer_word():
    assert orgs("区政协办、区纪委监委、区法院负责同志列席会议") == ["区政协办", "区纪委监委", "区法院"]
    assert orgs("服务国家战略和全局") == []


def test_zone_bodies_two_bodies_ending_a_list_and_company_branches():
    text = "传达了国务院安委办、应急管理部和省应急管理厅有关文件精神,市化工园区管委会负责人参加会议。"
    assert orgs(text) == ["国务院安委办", "应急管理部", "省应急管理厅", "市化工园区管委会"]
    assert orgs("12月5日,青松建设有限公司华南分公司召开观摩会") == ["青松建设有限公司华南分公司"]
    assert orgs("督导组一行深入青山煤业有限责任公司露天煤矿查看") == []


def test_a_list_of_bodies_led_by_a_named_leader():
    text = "县长某某率县应急管理局、县交通运输局等部门负责人检查"
    assert orgs(text) == ["县应急管理局", "县交通运输局"]


def test_standing_committees_and_study_groups_as_conveners():
    assert orgs("3月2日,市委常委会会议召开,研究安全生产工作") == ["市委常委会"]
    assert orgs("区委理论学习中心组召开专题学习会") == ["区委理论学习中心组"]
    assert orgs("县委常委、副县长某某出席") == []


def test_departments_as_actors_and_sub_units():
    text = "会上,安全环保部通报了安全生产情况。安全管理部要切实履行监督责任。全部要落实。"
    assert orgs(text) == ["安全环保部", "安全管理部"]
    assert orgs("马某还到县消防救援大队、市消防救援支队江北大队调研") == ["县消防救援大队", "市消防救援支队江北大队"]


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


def test_signing_on_behalf_of_a_street_office():
    text = "会议由街道办事处主任蔡某同志代表荷花街道办与街道安委会成员单位签订责任书"
    assert orgs(text) == ["荷花街道办", "街道安委会"]


def test_words_ending_in_bu_are_no_departments():
    assert orgs("会上,西部要加快发展。这部法规对企业提出要求。党员干部要带头。") == []


def test_classes_of_units_after_ge_and_group_labels():
    assert orgs("督促各区(管委会)全面落实责任") == []
    assert orgs("总裁、委员及各分公司、事业部、技术中心总经理参加") == []
    assert orgs("在自治区及集团公司领导的陪同下") == []


def test_mass_organisations_as_participants():
    text = "县总工会、县妇联、团县委、县人武部负责同志参加会议。"
    assert orgs(text) == ["县总工会", "县妇联", "团县委", "县人武部"]


def test_a_main_venue_of_a_video_meeting():
    assert orgs("会议在州政府主会场和各县分会场同时召开") == []


def test_kinds_of_sites_in_a_list_are_no_bodies():
    assert orgs("要求化工厂、水泥厂等企业落实主体责任") == []
    assert orgs("物业部、工程管理部、机械厂等要承担安全责任") == ["物业部", "工程管理部", "机械厂"]
