"""The notice page's marks, without a server: where a fact's words are found in its
sentence, which mark wins when two overlap, and that nothing from the graph reaches
the page unescaped."""

from __future__ import annotations

from api import notice_view

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
    html = notice_view.page(_facts(), "k2", None)
    assert '<mark id="hl" class="hl">区委书记' in html or '<mark id="hl" class="hl"><a' in html
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
