"""Cleaning: furniture out (and what it says kept), repeats, pinyin, width, Traditional."""

from __future__ import annotations

from ingest.clean import clean, has_traditional, normalise_width, remove_pinyin

PAGE = """中国政府网 云岭省政府 青石市政府
当前位置:首页 > 政务公开 > 安全生产
青石市召开安全生产工作会议
 发布时间:2024-05-06 10:20:00   来源:青石市应急管理局   浏览次数:135
【字体:大 中 小】 打印
5月5日,市委书记林海川主持会议并讲话。
(图为会议现场)
副市长周明宣读《关于表彰先进单位的通报》。
关闭本页
Copyright©2024 All Rights Reserved 青石市人民政府 版权所有 云ICP备12345678号 网站标识码:5300000001
"""


def test_furniture_lines_are_removed():
    c = clean(PAGE)
    for word in ("当前位置", "发布时间", "浏览次数", "字体", "关闭本页", "ICP", "中国政府网"):
        assert word not in c.text
    assert "5月5日,市委书记林海川主持会议并讲话。" in c.text.split("\n")


def test_furniture_tells_date_publisher_and_header_places():
    c = clean(PAGE)
    assert c.date == "2024-05-06"
    assert c.publisher == "青石市应急管理局"
    assert c.header_places == ["云岭省", "青石市"]


def test_copyright_owner_is_publisher_and_header_place_when_no_source():
    c = clean("青石市安委会会议纪要\n会议由李明主持。\n青石市人民政府 版权所有 云ICP备1号\n")
    assert c.publisher == "青石市人民政府"
    assert c.header_places == ["青石市"]
    assert "版权所有" not in c.text


def test_title_is_first_short_line_without_ending_punctuation():
    assert clean(PAGE).title == "青石市召开安全生产工作会议"


def test_speech_without_heading_has_no_title():
    c = clean("同志们:\n今天召开会议,主要任务是部署工作。\n一、提高认识\n要认真落实。")
    assert c.title == ""


def test_title_hint_from_html_wins_and_loses_site_suffix():
    c = clean("正文第一段。", title_hint="青石县召开防汛会议 - 青石县人民政府")
    assert c.title == "青石县召开防汛会议"


def test_dateline_without_year_gives_no_date():
    c = clean("云岭日报1月11日讯 今天下午,省政府召开会议。")
    assert c.date is None


def test_date_from_time_line():
    c = clean("标题一行\n 时间:2019-11-02      来源:\n正文。")
    assert c.date == "2019-11-02"
    assert "时间" not in c.text


def test_html_input_is_reduced_to_text():
    html = ("<html><head><title>青石县会议</title><meta name='pubdate' content='2021-7-8'></head>"
            "<body><p>县长陈国荣讲话。</p><p>副县长周明主持。</p></body></html>")
    c = clean(html, is_html=True)
    assert c.text == "县长陈国荣讲话。\n副县长周明主持。"
    assert c.title == "青石县会议" and c.date == "2021-07-08"


def test_exact_repeated_paragraph_is_dropped():
    para = "县委书记林海川强调,要压实安全生产责任。"
    c = clean(f"标题\n{para}\n  {para} \n结束。")
    assert c.text.count(para) == 1


def test_near_duplicate_long_paragraph_is_dropped():
    body = ("会议要求,各乡镇各部门要深入开展隐患排查整治,压紧压实企业主体责任和部门监管责任,"
            "确保全县安全生产形势持续稳定,为经济社会发展营造良好环境。")
    changed = body.replace("持续稳定", "持续平稳")
    c = clean(f"{body}\n{changed}\n另一段内容。")
    assert c.text.split("\n") == [body, "另一段内容。"]


def test_different_long_paragraphs_are_both_kept():
    a = "会议要求,各乡镇各部门要深入开展隐患排查整治,压紧压实企业主体责任和部门监管责任,确保安全。"
    b = "会议强调,要加强应急值守,严格执行领导带班和二十四小时值班制度,遇有突发情况及时报告处置。"
    assert clean(f"{a}\n{b}").text.split("\n") == [a, b]


def test_pinyin_notes_after_han_characters_are_removed():
    assert remove_pinyin("持續(xù)穩(wěn)定,鞏固(gǒng)成果") == "持續穩定,鞏固成果"


def test_latin_abbreviations_in_parentheses_are_kept():
    assert remove_pinyin("生产总值(GDP)增长") == "生产总值(GDP)增长"
    assert remove_pinyin("第(3)条") == "第(3)条"


def test_full_width_forms_and_ideographic_space_become_half_width():
    assert normalise_width("ＡＢＣ１２３，：（）\u3000x") == "ABC123,:() x"
    c = clean("县长陈国荣讲话，强调：\u3000要落实（责任）。")
    assert c.text == "县长陈国荣讲话,强调: 要落实(责任)。"


def test_traditional_is_converted_and_original_kept_aligned():
    src = "省委副書記、省長劉偉民出席會議並講話,強調黨政同責。\n(圖為分會場)"
    c = clean(src)
    assert "省长刘伟民出席会议并讲话" in c.text and "党政同责" in c.text
    assert "省長劉偉民出席會議並講話" in c.original
    assert len(c.text) == len(c.original)
    s = c.text.index("刘伟民")
    assert c.original[s : s + 3] == "劉偉民"


def test_traditional_with_pinyin_and_full_width_keeps_offsets_aligned():
    c = clean("王曉輝強調，要持續(xù)鞏固(gǒng)成果。")
    assert c.text == "王晓辉强调,要持续巩固成果。"
    assert c.original == "王曉輝強調,要持續鞏固成果。"


def test_simplified_text_is_detected_as_not_traditional():
    assert not has_traditional("县委书记主持会议并讲话")
    assert has_traditional("縣委書記")


def test_whitespace_inside_lines_is_collapsed_and_empty_lines_dropped():
    c = clean("  第一段   有空格。 \n\n\n\t第二段。\n")
    assert c.text == "第一段 有空格。\n第二段。"


def test_links_to_other_pages_and_site_name_lines_are_furniture():
    c = clean("青石县人民政府门户网站\n青石县召开会议\n县长讲话。\n上一篇:白沙县部署防汛工作\n"
              "下一篇:县长王某检查工作\n扫一扫在手机打开当前页\n主办:青石县人民政府办公室")
    assert c.text == "青石县召开会议\n县长讲话。"
    assert c.header_places == ["青石县"]
    assert c.title == "青石县召开会议"


def test_date_leading_a_meta_line_without_label_is_the_date():
    c = clean("标题一行\n2020年3月5日 10:20 来源:青石县应急管理局\n正文。")
    assert c.date == "2020-03-05" and c.publisher == "青石县应急管理局"


def test_source_line_names_the_publishers_places():
    c = clean("标题一行\n发布时间:2020-03-05 来源:山西省忻州市应急管理局\n正文。")
    assert c.header_places == ["山西省", "忻州市"]
    assert c.publisher == "山西省忻州市应急管理局"


def test_short_stray_line_before_the_heading_does_not_hide_the_title():
    assert clean("首页\n青石县召开防汛会议\n县长讲话。").title == "青石县召开防汛会议"


def test_big5_html_page_reads_and_cleans_to_simplified_with_header_places(tmp_path):
    from ingest.read import read_file

    page = ("<html><head><meta charset='big5'><title>青石縣召開安全生產會議</title></head><body>"
            "<div>中國政府網 雲嶺省政府 青石市政府</div>"
            "<div>當前位置:首頁 &gt; 政務公開</div><h1>青石縣召開安全生產會議</h1>"
            "<p>發布時間:2022-08-09 來源:青石縣應急管理局</p>"
            "<p>縣長陳國榮主持會議並講話,強調持續(xu)鞏固成果。</p></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("big5"))
    raw = read_file(path)
    c = clean(raw.text, is_html=raw.is_html, title_hint=raw.title_hint)
    assert c.text == "青石县召开安全生产会议\n县长陈国荣主持会议并讲话,强调持续巩固成果。"
    assert c.original == "青石縣召開安全生產會議\n縣長陳國榮主持會議並講話,強調持續鞏固成果。"
    assert c.title == "青石县召开安全生产会议" and c.date == "2022-08-09"
    assert c.header_places == ["云岭省", "青石市"]


def test_government_name_above_the_heading_is_a_header_place_not_the_title():
    c = clean("青石县人民政府办公室\n青石县关于开展安全生产大检查的通知\n各乡镇:现将有关事项通知如下。")
    assert c.title == "青石县关于开展安全生产大检查的通知"
    assert c.header_places == ["青石县"]
    assert c.text.startswith("青石县人民政府办公室\n")


def test_a_comma_doubled_onto_the_next_mark_is_dropped():
    from ingest.clean import clean

    got = clean("副市长柯文远带领安监,、公安,、消防等部门检查,。\n").text
    assert got == "副市长柯文远带领安监、公安、消防等部门检查。"


def test_a_site_owner_after_a_label_or_a_copyright_sign_is_its_place_alone():
    from ingest.clean import clean

    assert clean("正文。\n版权所有©东坪县人民政府网 主办单位:东坪县人民政府办公室\n").header_places == ["东坪县"]
