"""The gazetteer: GB/T 2260 lookups, chains, place mentions and a notice's jurisdiction."""

from __future__ import annotations

from ingest import gazetteer as g


def names(text: str) -> list[str]:
    return [name for _, _, name, _ in g.find(text)]


def test_xinfu_district_has_its_code_and_chain():
    place = g.lookup("忻府区")
    assert place is not None and place.code == "140902" and place.level == "county"
    assert [p.name for p in g.chain("140902")] == ["山西省", "忻州市", "忻府区"]
    assert [p.level for p in g.chain("140902")] == ["province", "prefecture", "county"]


def test_codes_are_six_digits_for_every_level():
    assert g.lookup("山西省").code == "140000"
    assert g.lookup("忻州市").code == "140900"


def test_short_forms_of_provinces_and_autonomous_areas():
    assert g.lookup("山西").name == "山西省"
    assert g.lookup("内蒙古").name == "内蒙古自治区"
    assert g.lookup("广西").name == "广西壮族自治区"
    assert g.lookup("黔东南").name == "黔东南苗族侗族自治州"


def test_shared_county_name_needs_an_ancestor():
    assert g.lookup("朝阳区") is None
    assert g.lookup("朝阳区", within="110000").code == "110105"
    assert g.lookup("朝阳区", within="220100").parent == "220100"


def test_unknown_name_is_none():
    assert g.lookup("青石县") is None


def test_free_text_never_becomes_a_place():
    for text in ("要提高安全意识", "全省全市全区全县", "省委市政府区委县政府", "城乡一体化", "市县乡三级联动",
                 "和平区域", "黄河南岸", "泰山东麓"):
        assert names(text) == [], text


def test_full_names_match_with_their_suffix_and_offsets():
    text = "忻州市忻府区召开会议"
    found = g.find(text)
    assert [(s, e, n) for s, e, n, _ in found] == [(0, 3, "忻州市"), (3, 6, "忻府区")]
    assert found[1][3].code == "140902"


def test_place_inside_a_body_name_counts():
    assert names("忻州市应急管理局局长到会") == ["忻州市"]


def test_province_short_forms_match_anywhere():
    assert names("江西某电厂事故") == ["江西"]
    assert names("云岭日报讯 内蒙古一煤矿") == ["内蒙古"]


def test_two_character_prefecture_short_needs_evidence():
    assert names("图为天水分会场") == ["天水"]
    assert names("天水两地联动") == ["天水"]
    assert names("湖边天水一色") == []


def test_shared_name_resolves_through_another_place_in_the_text():
    found = g.find("长春市朝阳区召开会议")
    assert found[1][3].parent == "220100"


def test_one_character_county_needs_its_parent_or_a_boundary():
    assert names("湖南省南县召开会议") == ["湖南省", "南县"]
    assert names("西南县域经济") == []


def test_zones_are_places_without_code():
    found = g.find("市长到开发区检查")
    assert [(n, p.level, p.code) for _, _, n, p in found] == [("开发区", "zone", None)]


def test_named_zone_keeps_its_place_name_and_parent():
    found = g.find("忻州经济技术开发区管委会")
    assert [(n, p.level) for _, _, n, p in found] == [("忻州经济技术开发区", "zone")]
    assert found[0][3].parent == "140900"


def test_township_after_its_county():
    found = g.find("忻府区青山镇党委书记")
    assert [(n, p.level) for _, _, n, p in found] == [("忻府区", "county"), ("青山镇", "township")]
    assert found[1][3].parent == "140902"


def test_infer_jurisdiction_extends_header_chain_with_title_place():
    chain = g.infer_jurisdiction(["山西省", "忻州市"], "忻府区召开安全生产工作会议", "区委书记主持会议。")
    assert [p.name for p in chain] == ["山西省", "忻州市", "忻府区"]


def test_infer_jurisdiction_from_title_and_copyright_owner():
    chain = g.infer_jurisdiction(["忻州市"], "忻州市安全生产委员会会议纪要", "会议由市长主持。")
    assert [p.name for p in chain] == ["山西省", "忻州市"]


def test_infer_jurisdiction_of_a_provincial_news_item():
    text = "山西日报讯 省委省政府召开全省安全生产会议,部署全省工作。图为忻州分会场。"
    chain = g.infer_jurisdiction([], "省长在全省安全生产会议上强调", text)
    assert [p.name for p in chain] == ["山西省"]


def test_infer_jurisdiction_is_unknown_for_a_county_speech_without_names():
    text = "同志们:今天县政府召开会议,部署全县工作。山西某煤矿事故教训深刻,全县要引以为戒。"
    assert g.infer_jurisdiction([], "", text) == []


def test_infer_jurisdiction_of_a_county_level_city_speaking_of_shi():
    text = "滦州市委市政府召开全市安全生产会议。滦州市市长讲话,唐山市有关部门到会。"
    chain = g.infer_jurisdiction([], "全市安全生产工作会议召开", text)
    assert [p.name for p in chain] == ["河北省", "唐山市", "滦州市"]


def test_infer_jurisdiction_ignores_places_of_another_level():
    text = "县政府召开全县会议,通报了江西某市一起事故,要求全县引以为戒。"
    assert g.infer_jurisdiction([], "", text) == []


def test_township_standing_alone_before_a_cue():
    assert names("城关镇党委书记主持会议") == ["城关镇"]
    assert names("9月3日,柳河乡举行演练") == ["柳河乡"]
    assert names("东风街道办事处主任") == ["东风街道"]


def test_generic_township_words_are_not_townships():
    for text in ("各乡镇召开会议", "重点乡镇开展检查", "全镇开展排查", "城乡组织联动"):
        assert names(text) == [], text


def test_province_short_form_is_not_read_across_a_word_boundary():
    assert names("推进幸福建设") == []
    assert names("推广西部经验") == []
    assert names("福建省和广西") == ["福建省", "广西"]


def test_county_renamed_since_is_a_place_without_code():
    found = g.find("唐山市滦县安监局")
    assert [(n, p.level, p.code) for _, _, n, p in found] == [
        ("唐山市", "prefecture", "130200"), ("滦县", "county", None)]
    assert found[1][3].parent == "130200"
    assert names("滦县召开安全生产会议") == ["滦县"]


def test_generic_county_words_are_not_unlisted_counties():
    for text in ("全县召开会议", "我县召开", "忻州市各县区", "天水市两县一区"):
        assert [n for n in names(text) if n.endswith("县")] == [], text


def test_infer_jurisdiction_ends_with_a_township_of_the_title():
    chain = g.infer_jurisdiction(["山西省", "忻州市"], "忻府区青山镇召开安全生产会议", "镇党委书记主持。")
    assert [p.name for p in chain] == ["山西省", "忻州市", "忻府区", "青山镇"]
    assert chain[-1].level == "township" and chain[-1].code is None


def test_infer_jurisdiction_of_a_renamed_county_in_the_title():
    chain = g.infer_jurisdiction([], "唐山市滦县召开安全生产会议", "县委书记主持。")
    assert [p.name for p in chain] == ["河北省", "唐山市", "滦县"]


def test_townships_in_a_list_or_after_a_movement_verb_are_places():
    found = [name for _, _, name, _ in g.find("检查组先后来到青石镇加油站、白马乡卫生院和东风街道社区。")]
    assert {"青石镇", "白马乡", "东风街道"} <= set(found)
    assert not any(name.endswith("镇") for _, _, name, _ in g.find("个别镇长要落实责任。"))


def test_an_autonomous_prefecture_written_short_with_zhou():
    place = g.lookup("凉山州")
    assert place is not None and place.name == "凉山彝族自治州"


# --- places below the county, short forms with evidence, proper names (issue 10) -----------


def test_villages_in_a_list_after_a_movement_verb():
    found = names("副镇长先后来到青柳村、石门坳村和白沙社区等地检查。")
    assert {"青柳村", "石门坳村", "白沙社区"} <= set(found)
    assert names("送安全进企业、进农村。") == []
    assert names("深入贫困村走访。") == []


def test_village_after_its_township_and_before_its_committee():
    assert "石岭村" in names("西乡县桃源镇石岭村党支部书记")
    assert names("青柳村“两委”成员参加") == ["青柳村"]


def test_townships_with_numerals_and_long_names():
    assert "三河镇" in names("督查组赶赴巫山县三河镇检查")
    assert {"八角镇", "青石门巴民族乡"} <= set(names("前往八角镇、青石门巴民族乡检查"))
    assert "东湖北路街道" in names("日前,东湖北路街道召开会议")


def test_comma_is_no_list_evidence_for_words_ending_in_xiang():
    for text in ("说说家常,有家乡新鲜事。", "看家乡事,品故乡情。", "会上,要求乡、村两级排查。", "发言,相关镇办汇报。"):
        assert names(text) == [], text


def test_place_starting_a_company_or_outlet_name_is_no_mention():
    assert names("在广西某某化工集团检查") == []
    assert names("山西商报记者报道") == []
    assert names("国际在线江苏频道消息") == []
    assert names("北京时间10时") == []
    assert names("江西某电厂事故") == ["江西"]
    assert names("广西某某县安委会与某某集团签订") == ["广西"]


def test_short_form_with_the_full_name_elsewhere():
    found = names("开封市召开会议,确保开封安全度汛。")
    assert found == ["开封市", "开封"]


def test_short_form_before_a_place_it_encloses_and_zone_names():
    assert names("泰州海陵区召开会议") == ["泰州", "海陵区"]
    assert names("6月1日,菏泽青云新区安委会召开会议") == ["菏泽", "青云新区"]
    assert "化工产业集聚区" in names("县长到化工产业集聚区调研")
    assert "青松工业园" in names("对青松工业园排放口进行巡查")


def test_short_forms_in_datelines_venues_and_counted_lists():
    assert names("本网拉萨3月15日讯 记者") == ["拉萨"]
    assert names("会议在凯里召开。") == ["凯里"]
    assert names("督导组对西宁、海东2个市和城北、民和、乐都等8个县(区)检查") == [
        "西宁", "海东", "城北", "民和", "乐都"]


def test_unlisted_county_in_a_list_of_places():
    assert "青原前旗" in names("先后深入乌兰浩特市、青原前旗和突泉县")


def test_places_of_breadcrumbs_menus_and_place_fields():
    assert g.furniture_places("首页 > 青州 > 聚焦寿光 > 正文") == ["青州", "寿光"]
    assert g.furniture_places("来源:某某网  发布开发区:江苏常州青松工业园区") == ["江苏", "常州", "青松工业园区"]
    assert g.furniture_places("首页 > 工作动态 > 地方政务") == []
    assert names("首 页 走进西乡 新闻中心 政府信息公开") == ["西乡"]


def test_breadcrumb_places_become_header_places():
    from ingest.clean import clean

    notice = clean("首页 > 青州 > 聚焦寿光 > 正文\n标题一则\n正文开始,会议召开。")
    assert notice.header_places[:2] == ["青州", "寿光"]


def test_counted_villages_and_deputy_posts_and_autonomous_region_as_written():
    assert names("要求青柳、石门2个隐患较多的村,监测员到位") == ["青柳", "石门"]
    assert names("大庆副市长某某出席") == ["大庆"]
    assert names("宁夏自治区副主席") == ["宁夏自治区"]


def test_a_township_after_its_county_is_no_clause_run_on():
    assert names("离开临泉县而漂泊他乡") == ["临泉县"]
    assert "青石镇" in names("陪同下,深入青石镇某煤矿开展检查")


def test_neighbourhood_after_a_listed_township_and_no_run_in_before_a_cue():
    assert names("先后来到白石镇金沙社区检查") == ["白石镇", "金沙社区"]
    assert names("会后,周某带领镇安监站人员检查") == []


def test_descriptive_county_short_forms_need_more_than_the_full_name():
    assert names("丽江市古城区召开会议,检查丽江古城消防站") == ["丽江市", "古城区", "丽江"]


def test_outlet_dateline_is_no_place():
    assert names("云南网讯 4月2日,会议召开") == []


def test_a_township_found_once_is_found_again():
    assert names("检查组来到青柳村检查。协同青柳村干部巡查") == ["青柳村", "青柳村"]


def test_a_township_whose_name_ends_in_cun():
    assert "许家村镇" not in names("来到某公司和李村镇家纺园检查") and "李村镇" in names("来到某公司和李村镇家纺园检查")


def test_named_zone_and_xiang_names_in_a_list():
    found = names("先后深入青石村、向阳街道和青石工业园区检查")
    assert {"青石村", "向阳街道", "青石工业园区"} <= set(found)


def test_first_township_of_a_list_at_a_sentence_start():
    assert names("会上。东湖街道、西山街道作表态发言") == ["东湖街道", "西山街道"]


def test_townships_named_after_a_county_and_industrial_zones():
    assert names("桔山街道、丰都街道、木贾街道及辖区企业参加") == ["桔山街道", "丰都街道", "木贾街道"]
    assert "沙溪工业区" in names("先后来到长江村和沙溪工业区检查")


def test_honour_titles_of_villages_are_no_names():
    assert names("评选出文明村、卫生村、小康村和明星村") == []


def test_breadcrumbs_with_arrows_and_double_signs():
    assert g.furniture_places("位置: 网站首页 → 新闻中心 → 青州") == ["青州"]
    assert g.furniture_places("首页>>寿光>>县域新闻") == ["寿光"]


def test_township_named_before_its_site_or_office():
    assert names("检查了,白石镇卫生院、青柳乡中心学校") == ["白石镇", "青柳乡"]


def test_a_city_named_in_a_slogan():
    assert names("建设更高水平的平安天水") == ["天水"]
    assert names("在新时代天水振兴上展现担当") == ["天水"]
    assert names("祝愿大家幸福安康,长治久安") == []


def test_zone_named_with_its_province_short_form():
    assert names("广东从化经济开发区管理委员会") == ["广东从化经济开发区"]
    assert names("江苏省盐城经济技术开发区") == ["江苏省", "盐城经济技术开发区"]


def test_short_form_written_as_a_name_after_a_post_is_no_place():
    assert names("安庆市召开会议,副市长安庆华出席") == ["安庆市"]


def test_roads_schools_and_phrases_named_after_places_are_no_mentions():
    assert names("长治市召开会议,确保长治久安") == ["长治市"]
    assert names("沿北京路检查") == []
    assert names("日前,湖南路街道召开会议") == ["湖南路街道"]


def test_a_park_named_among_projects_is_no_zone():
    assert names("先后到青源环保、白河产业园等项目建设现场") == []
    assert "白河工业园区" in names("先后到青源村、白河工业园区检查")


def test_mongolian_township_and_village_names_run_longer():
    assert names("9月2日,镶黄旗宝格达音高勒苏木巴彦德勒格尔嘎查召开会议") == [
        "镶黄旗", "宝格达音高勒苏木", "巴彦德勒格尔嘎查"]
    assert names("镶黄旗召开全旗苏木镇会议") == ["镶黄旗"]


def test_long_mongolian_names_in_a_list_after_a_movement_verb():
    assert names("旗长深入宝格达音高勒苏木、巴彦德勒格尔嘎查检查") == ["宝格达音高勒苏木", "巴彦德勒格尔嘎查"]


def test_townships_in_headline_lists_of_page_furniture():
    assert names("相关新闻\n·白石乡开展消防演练 2023-04-20") == ["白石乡"]


def test_a_township_as_a_breadcrumb_segment():
    assert g.furniture_places("首页 > 乡镇动态 > 白石镇") == ["白石镇"]
    assert g.furniture_places("首页 > 乡镇动态 > 重点镇") == []


def test_province_short_starting_a_firm_in_a_list_and_city_after_its_province():
    assert names("先后到青源环保、河南浩瀚、白河产业园等项目") == []
    assert names("湖北、河南、山东等省") == ["湖北", "河南", "山东"]
    assert names("到江西九江、湖南长沙等地") == ["江西", "九江", "湖南", "长沙"]


def test_a_named_zone_whose_name_ends_in_a_zone_qualifier():
    assert names("图为市委书记在青松化工园区检查") == ["青松化工园区"]
    assert names("对化工园区开展检查") == []


def test_a_metadata_line_gives_its_place_fields_only():
    assert g.furniture_places("发布时间:2023/05/01 编辑/江山", menu=False) == []
    assert g.furniture_places("来源:某网 发布开发区:江苏常州青松工业园区", menu=False) == ["江苏", "常州", "青松工业园区"]


def test_a_city_short_form_before_a_site_it_locates():
    assert names("一行赴天水PPP项目检查") == ["天水"]
    assert names("到天水火车站检查") == ["天水"]
