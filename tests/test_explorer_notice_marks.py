"""The notice page's marks: without a server, where a fact's words are found in its
sentence, which mark wins when two overlap, that the evidence's offsets place the
sentence and the mention (the right one of a sentence written twice; a Traditional
notice in its own characters) and that nothing from the graph reaches the page
unescaped; then the same in a real Chromium over a real Neo4j."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from test_explorer_browser import CHROMIUM, CHROMIUM_ARGS

from api import notice_view
from ingest.records import Evidence, NoticeRecord, Person, Relation, Title

DOC = "doc:0000000000000001"


def _node(node_id: str, label: str, name: str, aliases: list[str] | None = None) -> dict:
    return {"id": node_id, "name": name, "title": None, "aliases": aliases or [], "labels": [label]}


def _rel(key: str, rel_type: str, a: dict, b: dict, sentence: str, **props) -> dict:
    return {"type": rel_type, "key": key, "a": a, "b": b,
            "props": {"sources": [DOC], "evidence": [sentence], "key": key, **props}}


TEXT = "标题\n区委书记张三主持会议。区应急局局长李四宣读了《关于表彰的通报》。"
S1 = "区委书记张三主持会议。"
S2 = "区应急局局长李四宣读了《关于表彰的通报》。"
ZHANG = _node("person:1:张三", "Person", "张三")
LI = _node("person:1:李四", "Person", "李四")
COMMITTEE = _node("org:1:中共某区委员会", "Organization", "中共某区委员会", ["区委"])
BUREAU = _node("org:1:某区应急管理局", "Organization", "某区应急管理局", ["区应急局"])
MEETING = {"id": "meeting:1:1", "name": "会议", "title": "会议", "aliases": [], "labels": ["Meeting"]}
CIRCULAR = _node("directive:关于表彰的通报", "Directive", "关于表彰的通报")


def _facts() -> notice_view.NoticeFacts:
    rows = [
        _rel("k1", "HOLDS", ZHANG, COMMITTEE, S1, title="区委书记", role="书记"),
        _rel("k2", "CHAIRED", ZHANG, MEETING, S1),
        _rel("k3", "HOLDS", LI, BUREAU, S2, title="区应急局局长", role="局长"),
        _rel("k4", "READ_OUT", LI, CIRCULAR, S2),
        _rel("k5", "MENTIONS", {"id": DOC, "labels": ["Document"]}, BUREAU, S2),
    ]
    return notice_view.build({"text": TEXT, "title": "标题"}, DOC, rows)


def test_marks_are_found_in_their_sentences_longest_first():
    nf = _facts()
    got = {(TEXT[m.start:m.end], m.kind) for m in nf.marks}
    assert ("张三", "Person") in got and ("区委书记", "Title") in got
    assert ("主持", "Event") in got and ("宣读", "Event") in got
    assert ("关于表彰的通报", "Directive") in got
    # the post title 区应急局局长 and the body alias 区应急局 overlap: the longer mark wins
    assert ("区应急局局长", "Title") in got and ("区应急局", "Organization") not in got
    spans = sorted((m.start, m.end) for m in nf.marks)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), "marks overlap"
    assert {f.key for f in nf.facts} == {"k1", "k2", "k3", "k4", "k5"}


def test_fact_highlights_its_sentence_and_marks():
    nf = _facts()
    html = notice_view.page(nf, "k2", None)
    s1 = TEXT.index(S1)
    opening = f'<mark id="hl" class="hl" data-start="{s1}" data-end="{s1 + len(S1)}">'
    assert opening + "区委书记" in html or opening + "<a" in html
    start = html.index('<mark id="hl"')
    assert "主持</a>会议。</mark>" in html[start:]
    assert 'class="mk k-Event on"' in html
    assert html.count('<li class="fact on"') == 1
    assert 'href="/?entity=person%3A1%3A%E5%BC%A0%E4%B8%89"' in html


def test_nothing_from_the_graph_is_written_unescaped():
    evil = '<img src=x onerror=alert(1)>'
    text = f"标题\n{evil}主持会议。"
    person = _node('person:1:"><script>', "Person", evil)
    rows = [_rel("k1", "CHAIRED", person, MEETING, f"{evil}主持会议。")]
    nf = notice_view.build({"text": text, "title": evil, "source": evil}, DOC, rows)
    html = notice_view.page(nf, None, evil)
    assert "<img" not in html and "<script>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


# --- placed by offsets (issue 13 item 5) ------------------------------------------------------


def _placed(key: str, rel_type: str, a: dict, b: dict, sentence: str, start: int,
            mention: tuple[int, int] = (-1, -1), **props) -> dict:
    """A fact row whose evidence carries offsets into the notice's text."""
    return {"type": rel_type, "key": key, "a": a, "b": b,
            "props": {"sources": ["doc:other", DOC], "evidence": ["别的句子。", sentence],
                      "sentence_start": [0, start], "sentence_end": [5, start + len(sentence)],
                      "mention_start": [-1, mention[0]], "mention_end": [-1, mention[1]],
                      "key": key, **props}}


TWICE = "标题\n副区长李四出席会议。\n会议强调安全。\n副区长李四出席会议。"
REPEATED = "副区长李四出席会议。"


def test_a_sentence_written_twice_is_marked_where_the_fact_was_read():
    second = TWICE.rindex(REPEATED)
    name = second + REPEATED.index("李四")
    rows = [_placed("k1", "ATTENDED", LI, MEETING, REPEATED, second, (name, name + 2))]
    nf = notice_view.build({"text": TWICE, "title": "标题"}, DOC, rows)
    fact = nf.facts[0]
    assert (fact.start, fact.placed) == (second, "offsets")
    spans = {(m.start, m.kind) for m in nf.marks}
    assert (name, "Person") in spans and all(m.start >= second for m in nf.marks)
    html = notice_view.page(nf, "k1", None)
    paragraphs = html.split("<p>")
    assert '<mark id="hl"' in paragraphs[-1] and "<mark" not in "".join(paragraphs[:-1])


def test_without_offsets_the_sentence_is_searched_and_bad_offsets_are_not_trusted():
    older = [_rel("k1", "ATTENDED", LI, MEETING, REPEATED)]  # a graph before offsets
    nf = notice_view.build({"text": TWICE, "title": "标题"}, DOC, older)
    assert (nf.facts[0].start, nf.facts[0].placed) == (TWICE.index(REPEATED), "search")
    stale = [_placed("k1", "ATTENDED", LI, MEETING, REPEATED, 1)]  # text[1:…] is not it
    nf = notice_view.build({"text": TWICE, "title": "标题"}, DOC, stale)
    assert (nf.facts[0].start, nf.facts[0].placed) == (TWICE.index(REPEATED), "search")
    gone = [_rel("k1", "ATTENDED", LI, MEETING, "不在正文里的句子。")]
    nf = notice_view.build({"text": TWICE, "title": "标题"}, DOC, gone)
    assert nf.facts[0].start is None and not nf.marks


TRAD = "標題\n區委書記張三主持會議並講話。\n縣應急管理局局長李四出席會議。"
TRAD_S1 = "區委書記張三主持會議並講話。"


def test_a_traditional_notice_is_quoted_and_marked_in_traditional():
    s1 = TRAD.index(TRAD_S1)
    name = TRAD.index("張三")
    rows = [
        _placed("k1", "HOLDS", ZHANG, COMMITTEE, TRAD_S1, s1, (name, name + 2),
                title="区委书记", role="书记"),
        _placed("k2", "SPOKE_AT", ZHANG, MEETING, TRAD_S1, s1, (name, name + 2)),
    ]
    nf = notice_view.build({"text": TRAD, "title": "標題"}, DOC, rows)
    got = {(TRAD[m.start:m.end], m.kind) for m in nf.marks}
    assert ("張三", "Person") in got and ("區委書記", "Title") in got
    assert ("講話", "Event") in got  # the verb of verbs.tsv (讲话) found in the Simplified shadow
    html = notice_view.page(nf, "k2", None)
    start = html.index('<mark id="hl"')
    assert "會議並" in html[start:] and "会议并" not in html
    assert nf.facts[0].sentence == TRAD_S1


def test_a_source_url_is_a_link_and_a_path_is_text():
    nf = notice_view.build({"text": TEXT, "title": "标题",
                            "source": "https://www.example.gov.cn/a/1.html?x=1&y=2"}, DOC, [])
    html = notice_view.page(nf, None, None)
    assert ('<a class="source" href="https://www.example.gov.cn/a/1.html?x=1&amp;y=2" '
            'rel="noopener noreferrer nofollow">') in html
    nf = notice_view.build({"text": TEXT, "title": "标题", "source": "samples/01_x.txt",
                            "sources": ["samples/01_x.txt", "https://b.example.org/2.html",
                                        "<b>copy</b>/01.txt"]}, DOC, [])
    html = notice_view.page(nf, None, None)
    assert nf.also == ["https://b.example.org/2.html", "<b>copy</b>/01.txt"]
    assert 'href="https://b.example.org/2.html"' in html and "&lt;b&gt;copy" in html
    for source in ("samples/01_x.txt", "javascript:alert(1)", "upload://a.txt"):
        nf = notice_view.build({"text": TEXT, "title": "标题", "source": source}, DOC, [])
        html = notice_view.page(nf, None, None)
        assert 'class="source"' not in html and source in html


# --- in a real Chromium, over a real Neo4j ----------------------------------------------------

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
TWICE_TEXT = ("江宁区召开安全生产会议\n副区长苗清和出席会议。\n会议部署了节前检查工作。\n"
              "副区长苗清和出席会议。")
TWICE_SENTENCE = "副区长苗清和出席会议。"


def _twice_record() -> NoticeRecord:
    """A notice whose sentence stands twice, its fact read from the second one."""
    second = TWICE_TEXT.rindex(TWICE_SENTENCE)
    name = second + TWICE_SENTENCE.index("苗清和")
    ev = Evidence(TWICE_SENTENCE, second, second + len(TWICE_SENTENCE), TWICE_SENTENCE,
                  name, name + 3)
    return NoticeRecord(
        doc="twice.txt", source="marks/twice.txt", title="江宁区召开安全生产会议",
        date="2021-04-06", jurisdiction=["江苏省", "南京市", "江宁区"], jurisdiction_code="320115",
        text=TWICE_TEXT, original_text=TWICE_TEXT,
        persons=[Person("苗清和", [Title("副区长", "", "副区长")], evidence=ev)],
        relations=[Relation("苗清和", "attended", evidence=ev)], event_title="安全生产会议")


@pytest.fixture(scope="module")
def marks_app(neo4j_settings):
    """The app over the test Neo4j holding the Traditional sample and the notice above."""

    from conftest import app_served, wipe
    from neo4j import GraphDatabase

    from kg.load import ingest_paths, load_records

    drv = GraphDatabase.driver(neo4j_settings.neo4j_uri,
                               auth=(neo4j_settings.neo4j_username, neo4j_settings.neo4j_password))
    wipe(drv)
    report = ingest_paths([SAMPLES / "08_daoli_fanti.txt"], driver=drv, database="neo4j")
    assert report.read == 1 and not report.skipped
    load_records([_twice_record()], drv, "neo4j")
    with app_served(neo4j_settings) as url:
        yield url, drv
    drv.close()


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's Chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def _fact(drv, rel_type: str, person: str) -> tuple[str, str, dict]:
    rows, _, _ = drv.execute_query(
        f"MATCH (p:Person {{name: $name}})-[r:{rel_type}]->() "
        "MATCH (d:Document) WHERE d.id IN r.sources "
        "RETURN r.key AS key, d.id AS doc, properties(r) AS props, d.text AS text",
        name=person, database_="neo4j")
    assert rows, (rel_type, person)
    return rows[0]["key"], rows[0]["doc"], dict(rows[0])


@pytest.mark.browser
def test_chromium_marks_the_second_occurrence_at_its_offset(marks_app, chromium):
    url, drv = marks_app
    key, doc, row = _fact(drv, "ATTENDED", "苗清和")
    i = row["props"]["sources"].index(doc)
    start = row["props"]["sentence_start"][i]
    assert start == TWICE_TEXT.rindex(TWICE_SENTENCE)  # the graph kept the offsets
    page = chromium.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{url}/notices/{quote(doc, safe='')}?fact={quote(key, safe='')}")
    page.wait_for_selector("body[data-ready='1']")
    hl = page.locator("#hl")
    assert hl.get_attribute("data-start") == str(start)
    assert hl.inner_text() == TWICE_SENTENCE
    # the highlight is in the last paragraph, the second occurrence, not the first
    index = page.evaluate("Array.from(document.querySelectorAll('#text p'))"
                          ".findIndex(p => p.querySelector('#hl'))")
    assert index == len(TWICE_TEXT.split("\n")) - 1
    person = page.locator("#text .mk[data-kind='Person']")
    assert person.count() == 1 and person.first.get_attribute("data-start") == str(
        start + TWICE_SENTENCE.index("苗清和"))
    assert page.locator(f"#facts li[data-key='{key}']").get_attribute("data-placed") == "offsets"
    assert not errors
    page.close()


@pytest.mark.browser
def test_chromium_quotes_and_marks_a_traditional_notice_in_traditional(marks_app, chromium):
    url, drv = marks_app
    key, doc, row = _fact(drv, "CHAIRED", "郑博文")
    text = row["text"]
    i = row["props"]["sources"].index(doc)
    s, e = row["props"]["sentence_start"][i], row["props"]["sentence_end"][i]
    assert text[s:e] == row["props"]["evidence"][i] and "鄭博文" in text[s:e]
    page = chromium.new_page()
    page.goto(f"{url}/notices/{quote(doc, safe='')}?fact={quote(key, safe='')}")
    page.wait_for_selector("body[data-ready='1']")
    assert "主持會議" in page.locator("#hl").inner_text()
    names = page.locator("#hl .mk[data-kind='Person']").all_inner_texts()
    assert "鄭博文" in names
    assert "區安委會" in page.locator("#text").inner_text()  # the text as published
    page.close()
