"""Across notices: reposts are one Document, one meeting reported twice is one Meeting,
and evidence offsets slice the stored text (issue 13, items 1, 2 and 5).

The repost set is one of the project's own (fictional) sample notices in five
forms: as written, reformatted, in Traditional characters, with page furniture,
and with a paragraph dropped."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from ingest.clean import has_traditional
from kg import dedupe
from kg.load import forget, ingest_paths
from kg.query import run_query

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
LETTERS = SAMPLES / "02_qujing_zerenshu.txt"  # a meeting where responsibility letters are signed


@pytest.fixture
def db(neo4j_settings):
    return neo4j_settings.neo4j_database


def _forms(text: str) -> dict[str, str]:
    paras = [p for p in text.split("\n") if p.strip()]
    to_trad = opencc.OpenCC("s2t")
    longest = max(range(1, len(paras)), key=lambda i: len(paras[i]))
    shortest = min(range(1, len(paras)), key=lambda i: len(paras[i]))
    return {
        "county/notice.txt": text,
        "city/reformatted.txt": "\n\n".join("  " + p.replace(",", ", ") for p in paras),
        "hk/traditional.txt": to_trad.convert(text),
        "news/furniture.txt": "首页 > 新闻中心 > 工作动态\n字号:大 中 小\n" + text
                              + "\n打印本页 关闭窗口\n主办单位:某某区人民政府办公室 版权所有\n",
        # a copy that lost one paragraph (not the longest: the copy stays most of the text)
        "portal/shortened.txt": "\n".join(p for i, p in enumerate(paras)
                                          if i != shortest or i == longest),
    }


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _count(graph, db, cypher: str, **params) -> int:
    recs, _, _ = graph.execute_query(cypher, database_=db, **params)
    return recs[0][0]


def _letters(graph, db) -> list[tuple]:
    rows = run_query("responsibility_letters", {}, driver=graph, database=db).rows
    return sorted((r["signer"], r["letter"], len(r["notices"])) for r in rows)


def _pairs(graph, db) -> list[tuple]:
    rows = run_query("co_appearance", {"min_meetings": 1}, driver=graph, database=db).rows
    return sorted((r["person"], r["other"], r["meetings"]) for r in rows)


# --- fingerprints, on pairs made from the samples -------------------------------------------


def test_each_form_of_a_notice_is_the_same_notice():
    from ingest.clean import clean

    forms = _forms(LETTERS.read_text(encoding="utf-8"))
    prints = {k: dedupe.fingerprint(clean(v).text) for k, v in forms.items()}
    first = prints.pop("county/notice.txt")
    for name, fp in prints.items():
        assert dedupe.same_notice(first, fp), (name, dedupe.containment(first, fp))


def test_different_sample_notices_are_never_the_same_notice():
    from ingest.clean import clean
    from ingest.read import read_file

    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))
    prints = []
    for p in files:
        raw = read_file(p)
        prints.append(dedupe.fingerprint(clean(raw.text, is_html=raw.is_html).text))
    for i, a in enumerate(prints):
        for b in prints[i + 1:]:
            assert not dedupe.same_notice(a, b)
            assert dedupe.containment(a, b) < 0.6  # far from the 0.8 line


def test_two_meetings_of_one_county_with_the_same_boilerplate_stay_apart():
    boiler = ("会议强调,安全生产是发展的底线、民生的红线,各级各部门要从讲政治的高度认识做好安全"
              "生产工作的极端重要性,严格落实党政同责、一岗双责、齐抓共管、失职追责,把安全责任压实"
              "到岗位、落实到人头,坚决防范遏制重特大事故发生。")
    a = ("青川县召开安全生产委员会第一次全体会议\n3月2日,县安委会召开第一次全体会议,县长"
         "罗明远主持会议并讲话,副县长周若谷通报了全县一季度安全生产形势,县应急管理局、县交通"
         "运输局作交流发言。\n" + boiler)
    b = ("青川县召开汛期地质灾害防治工作会议\n6月18日,县政府召开汛期地质灾害防治工作会议,副县长"
         "周若谷主持会议,县自然资源局通报了汛前隐患排查情况,各乡镇签订了防汛目标责任书。\n" + boiler)
    assert not dedupe.same_notice(dedupe.fingerprint(a), dedupe.fingerprint(b))


# --- in the graph --------------------------------------------------------------------------


def test_a_batch_finds_a_copy_added_earlier_in_it_within_its_block_only():
    text = LETTERS.read_text(encoding="utf-8")
    forms = _forms(text)
    view = dedupe.BatchView(dedupe.RepostIndex())
    here, elsewhere = "2026-03-02|530300", "2026-03-02|530400"
    view.add("doc:first", dedupe.fingerprint(text, here), ["doc:first"])
    view.add("doc:away", dedupe.fingerprint(text, elsewhere), ["doc:away"])
    copy = dedupe.fingerprint(forms["city/reformatted.txt"], here)
    assert view.find(copy, exclude="doc:copy") == "doc:first"
    # the same text under another day and place is another notice
    assert view.find(dedupe.fingerprint(text, "2026-04-01|530300")) is None
    # of two equal candidates the first added wins, and a notice that moves to another
    # block is found there and no longer in its old one
    view.add("doc:second", dedupe.fingerprint(text, here), ["doc:second"])
    assert view.find(copy, exclude="doc:copy") == "doc:first"
    view.add("doc:first", dedupe.fingerprint(text, "2026-05-05|530300"), ["doc:first"])
    assert view.find(copy, exclude="doc:copy") == "doc:second"
    assert view.find(dedupe.fingerprint(text, "2026-05-05|530300")) == "doc:first"


def test_a_repost_set_is_one_document_with_five_sources(graph, db, tmp_path):
    alone = _write(tmp_path / "alone", {"county/notice.txt": LETTERS.read_text(encoding="utf-8")})
    ingest_paths([alone], driver=graph, database=db)
    letters_once, pairs_once = _letters(graph, db), _pairs(graph, db)
    assert letters_once and pairs_once

    graph.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    root = _write(tmp_path / "set", _forms(LETTERS.read_text(encoding="utf-8")))
    report = ingest_paths([root], driver=graph, database=db)
    assert report.read == 5 and report.added == 1 and report.reposts == 4
    docs, _, _ = graph.execute_query(
        "MATCH (d:Document) RETURN d.sources AS sources, d.source_ids AS ids, "
        "d.source_hashes AS hashes", database_=db)
    assert len(docs) == 1
    assert len(docs[0]["sources"]) == len(set(docs[0]["ids"])) == 5
    assert {s.split("/", 2)[1] for s in docs[0]["sources"]} == {"county", "city", "hk", "news",
                                                                 "portal"}
    # its facts count once
    assert _letters(graph, db) == letters_once
    assert _pairs(graph, db) == pairs_once
    assert _count(graph, db, "MATCH ()-[r]->() WHERE size(r.sources) > 1 RETURN count(r)") == 0

    # ingesting the set again changes nothing, and forgetting one source keeps the notice
    again = ingest_paths([root], driver=graph, database=db)
    assert again.unchanged == 5 and again.added == again.reposts == 0
    forget(graph, db, "set/hk/traditional.txt")
    assert _count(graph, db, "MATCH (d:Document) RETURN sum(size(d.sources))") == 4
    assert _letters(graph, db) == letters_once


def test_a_longer_copy_after_a_shortened_one_speaks_for_the_notice(graph, db, tmp_path):
    forms = _forms(LETTERS.read_text(encoding="utf-8"))
    paras = [p for p in forms["county/notice.txt"].split("\n") if p.strip()]
    short = "\n".join(paras[: max(2, len(paras) * 3 // 4)])
    _write(tmp_path / "a", {"short.txt": short})
    _write(tmp_path / "b", {"full.txt": forms["county/notice.txt"]})
    ingest_paths([tmp_path / "a"], driver=graph, database=db)
    report = ingest_paths([tmp_path / "b"], driver=graph, database=db)
    assert report.reposts == 1
    docs, _, _ = graph.execute_query("MATCH (d:Document) RETURN d.text AS text, d.sources AS s",
                                     database_=db)
    assert len(docs) == 1 and docs[0]["s"] == ["b/full.txt", "a/short.txt"]
    assert len(docs[0]["text"]) > len(short)  # the fuller text is stored, its facts loaded


MEETING_A = """青川县召开2025年第一次安全生产委员会全体会议
发布时间:2025-03-02 17:20

3月2日上午,青川县安全生产委员会第一次全体会议召开。县委副书记、县长罗明远主持会议并讲话,副县长周若谷通报了全县一季度安全生产形势。

罗明远强调,要压紧压实安全生产责任,盯紧道路交通、建筑施工、燃气等重点行业领域。
"""
MEETING_B = """县应急管理局参加县安全生产委员会第一次全体会议
发布时间:2025-03-03 09:15

2025年3月2日,县应急管理局局长沈立行参加青川县安全生产委员会第一次全体会议。会议由县长罗明远主持,副县长周若谷通报了一季度全县安全生产情况,沈立行作交流发言。

会后,县应急管理局召开专题会议,研究贯彻落实措施。
"""
MEETING_C = """青川县召开汛期地质灾害防治工作会议
发布时间:2025-03-02 20:05

3月2日下午,青川县召开汛期地质灾害防治工作会议,县长罗明远出席会议并讲话,县自然资源局通报了汛前隐患排查情况。
"""


def _meetings(graph, db) -> list[dict]:
    recs, _, _ = graph.execute_query(
        "MATCH (m:Meeting) OPTIONAL MATCH (d:Document)-[:REPORTS]->(m) "
        "RETURN m.id AS id, m.date AS date, count(DISTINCT d) AS reports ORDER BY id",
        database_=db)
    return [dict(r) for r in recs]


def test_one_meeting_reported_by_two_notices_is_one_meeting(graph, db, tmp_path):
    root = _write(tmp_path / "qc", {"2025/a.txt": MEETING_A, "2025/b.txt": MEETING_B})
    report = ingest_paths([root], driver=graph, database=db)
    assert report.added == 2 and report.reposts == 0 and report.meetings_joined == 1
    meetings = _meetings(graph, db)
    assert len(meetings) == 1 and meetings[0]["reports"] == 2
    chair = _count(graph, db, "MATCH (:Person {name: '罗明远'})-[r:CHAIRED]->(:Meeting) "
                              "RETURN size(r.sources)")
    assert chair == 2  # one fact, both notices as its sources


def test_two_meetings_on_one_day_in_one_county_stay_two(graph, db, tmp_path):
    root = _write(tmp_path / "qc", {"a.txt": MEETING_A, "c.txt": MEETING_C})
    report = ingest_paths([root], driver=graph, database=db)
    assert report.added == 2 and report.meetings_joined == 0
    assert len(_meetings(graph, db)) == 2


def test_joined_meeting_stays_one_when_its_notices_are_ingested_again(graph, db, tmp_path):
    root = _write(tmp_path / "qc", {"a.txt": MEETING_A, "b.txt": MEETING_B})
    ingest_paths([root], driver=graph, database=db)
    (root / "b.txt").write_text(MEETING_B + "\n会议要求各单位抓好落实。\n", encoding="utf-8")
    report = ingest_paths([root], driver=graph, database=db)
    assert report.replaced == 1
    meetings = _meetings(graph, db)
    assert len(meetings) == 1 and meetings[0]["reports"] == 2


# --- evidence to the character -------------------------------------------------------------


@pytest.mark.parametrize("sample", ["01_wuhou_anweihui.txt", "08_daoli_fanti.txt"])
def test_evidence_offsets_slice_the_sentence_and_the_mention_from_the_stored_text(
        graph, db, sample):
    """08 is a Traditional notice: it is stored and quoted in Traditional."""
    ingest_paths([SAMPLES / sample], driver=graph, database=db)
    recs, _, _ = graph.execute_query(
        "MATCH ()-[r]->() WHERE r.sentence_start IS NOT NULL "
        "UNWIND range(0, size(r.sources) - 1) AS i "
        "MATCH (d:Document {id: r.sources[i]}) "
        "RETURN d.text AS text, r.evidence[i] AS sentence, r.sentence_start[i] AS s, "
        "r.sentence_end[i] AS e, r.mention_start[i] AS ms, r.mention_end[i] AS me, "
        "type(r) AS type, endNode(r).name AS target, startNode(r).name AS subject",
        database_=db)
    placed = [r for r in recs if r["s"] >= 0]
    assert len(placed) > 0.8 * len(recs)
    for r in placed:
        assert r["text"][r["s"]:r["e"]] == r["sentence"]
        if r["ms"] >= 0:
            assert r["s"] <= r["ms"] < r["me"] <= r["e"]
    persons = [r for r in placed if r["type"] in ("CHAIRED", "SPOKE_AT", "HOLDS") and r["ms"] >= 0]
    assert persons
    simplified = opencc.OpenCC("t2s").convert
    named = [r for r in persons if simplified(r["text"][r["ms"]:r["me"]]) == r["subject"]]
    assert len(named) == len(persons)  # the mention is the person's name, where it stands
    if sample.startswith("08"):  # stored and quoted as written
        assert all(has_traditional(r["text"]) for r in recs)
        assert sum(has_traditional(r["sentence"]) for r in placed) > 0.8 * len(placed)


# --- the same decisions for a first load in bulk ---------------------------------------------


def _resolved(files: dict[str, str]) -> list:
    from ingest.extract import extract_text
    from kg.resolve import resolve

    return [resolve(extract_text(text, name.rsplit("/", 1)[-1], name))
            for name, text in files.items()]


def test_a_first_load_plan_makes_the_loaders_repost_and_meeting_decisions():
    from kg.load import Notice, plan_first_load

    forms = _forms(LETTERS.read_text(encoding="utf-8"))
    rows = _resolved({**forms, "qc/a.txt": MEETING_A, "qc/b.txt": MEETING_B,
                      "qc/c.txt": MEETING_C})
    plan = plan_first_load(Notice.of(r) for r in rows)
    assert plan.reposts == 4 and plan.meetings_joined == 1
    first = rows[0].doc_id
    assert plan.speaks == {first: first, rows[5].doc_id: rows[5].doc_id,
                           rows[6].doc_id: rows[6].doc_id, rows[7].doc_id: rows[7].doc_id}
    assert len(plan.lists[first]["sources"]) == 5
    meeting_a = next(n.id for n in rows[5].nodes["Meeting"])
    assert meeting_a in plan.remap[rows[6].doc_id].values()  # b's meeting is a's
    assert not plan.remap[rows[7].doc_id]  # c's meeting stays its own


def test_a_longer_copy_speaks_in_a_first_load_plan_too():
    from kg.load import Notice, plan_first_load

    full = LETTERS.read_text(encoding="utf-8")
    paras = [p for p in full.split("\n") if p.strip()]
    rows = _resolved({"a/short.txt": "\n".join(paras[: max(2, len(paras) * 3 // 4)]),
                      "b/full.txt": full})
    plan = plan_first_load(Notice.of(r) for r in rows)
    assert plan.speaks == {rows[1].doc_id: rows[0].doc_id}
    assert plan.lists[rows[0].doc_id]["sources"] == ["b/full.txt", "a/short.txt"]


def test_forget_takes_a_path_typed_from_the_working_directory(graph, db, tmp_path, monkeypatch):
    root = _write(tmp_path / "corpus", {"a.txt": MEETING_A, "c.txt": MEETING_C})
    ingest_paths([root], driver=graph, database=db)
    monkeypatch.chdir(tmp_path.parent)  # the path typed is not the source stored
    rep = forget(graph, db, f"{tmp_path.name}/corpus/a.txt")
    assert rep.source == "corpus/a.txt"
    assert _count(graph, db, "MATCH (d:Document) RETURN count(d)") == 1
