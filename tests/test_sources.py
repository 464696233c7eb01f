"""Sources that travel (issue 13 item 6): a notice's source is a URL where one is known,
else its path relative to the folder given, and never an absolute path of this machine.

The notices are invented for these tests (real places, fictional people)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ingest.read import (
    MAX_URL,
    RawNotice,
    SourceOptions,
    address_url,
    clean_url,
    html_to_text,
    iter_notices,
    load_source_map,
    path_source,
    source_options,
)
from kg import ids
from kg.errors import UserError
from kg.load import find_document, forget, ingest_paths

MEETING = """江宁区召开安全生产工作会议
2021年4月6日,江宁区召开安全生产工作会议。区委副书记、区长柯远山主持会议并讲话。
副区长苗清和出席会议。区应急管理局局长费立群宣读了《关于表彰安全生产先进单位的通报》。
"""
LETTER = """浦口区签订安全生产责任书
2021年3月2日,浦口区召开安全生产大会。区长乔北辰与各街道签订安全生产目标责任书。
副区长闵一川出席会议。
"""
TOUR = """六合区开展节前安全检查
2021年2月3日,副区长窦星河带队检查了六合区金牛湖街道液化气站。
"""
PAGE_URL = "https://www.njjn.example.gov.cn/art/2021/4/6/art_101_1.html"
OG_URL = "https://www.njpk.example.gov.cn/art/2021/3/2/art_202_2.html"
ADDRESS_URL = "https://www.njlh.example.gov.cn/xxgk/2021/0203/art_3.html"


def _html(body: str, head: str) -> str:
    title, *rest = body.strip().splitlines()
    paras = "".join(f"<p>{line}</p>" for line in rest)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>{head}'
            f"</head><body><h1>{title}</h1>{paras}</body></html>")


def make_corpus(root: Path, name: str = "corpus_a") -> Path:
    """A folder of three notices: an HTML page with a canonical link (and a different
    og:url, which loses), an HTML page with only og:url, and a text notice in a sub
    folder whose last line gives its address."""
    folder = root / name
    (folder / "sub").mkdir(parents=True)
    (folder / "jiangning.html").write_text(_html(MEETING, (
        f'<link rel="canonical" href="{PAGE_URL}">'
        '<meta property="og:url" content="https://other.example.gov.cn/x/1.html">')),
        encoding="utf-8")
    (folder / "pukou.html").write_text(_html(LETTER, f'<meta property="og:url" content="{OG_URL}">'),
                                       encoding="utf-8")
    (folder / "sub" / "luhe.txt").write_text(TOUR + f"原文链接:{ADDRESS_URL}\n", encoding="utf-8")
    return folder


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


# --- no Neo4j: how a source is decided ----------------------------------------------------


def test_sources_are_urls_where_known_else_relative_paths(tmp_path):
    folder = make_corpus(tmp_path)
    (folder / "plain.txt").write_text(TOUR, encoding="utf-8")
    got = {r.path.name: r.source for r in iter_notices([folder]) if isinstance(r, RawNotice)}
    assert got == {"jiangning.html": PAGE_URL, "pukou.html": OG_URL, "luhe.txt": ADDRESS_URL,
                   "plain.txt": "corpus_a/plain.txt"}
    raws = {r.path.name: r for r in iter_notices([folder]) if isinstance(r, RawNotice)}
    assert raws["luhe.txt"].location == "corpus_a/sub/luhe.txt"  # the path, whatever the source
    assert len(raws["plain.txt"].file_sha1) == 40


def test_the_same_folder_from_another_working_directory_has_the_same_sources(tmp_path,
                                                                              monkeypatch):
    folder = make_corpus(tmp_path)
    (folder / "plain.txt").write_text(TOUR, encoding="utf-8")
    absolute = [r.source for r in iter_notices([folder])]
    monkeypatch.chdir(tmp_path)
    relative = [r.source for r in iter_notices([Path("corpus_a")])]
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    upward = [r.source for r in iter_notices([Path("../corpus_a/")])]
    alone = [r.source for r in iter_notices([Path("../corpus_a/plain.txt")])]
    assert absolute == relative == upward
    assert alone == ["corpus_a/plain.txt"]  # a file alone: its folder's name and its own


def test_the_users_prefix_and_mapping_come_before_what_a_page_declares(tmp_path):
    folder = make_corpus(tmp_path)
    (folder / "新 闻.txt").write_text(TOUR, encoding="utf-8")
    prefix = SourceOptions(url_prefix="https://mirror.example.org/notices")
    got = {r.path.name: r.source for r in iter_notices([folder], prefix)}
    assert got["jiangning.html"] == "https://mirror.example.org/notices/jiangning.html"
    assert got["luhe.txt"] == "https://mirror.example.org/notices/sub/luhe.txt"
    assert got["新 闻.txt"] == "https://mirror.example.org/notices/新%20闻.txt"
    mapping = tmp_path / "sources.tsv"
    mapping.write_text("path\turl\n# a comment\nsub/luhe.txt\thttps://a.example.org/1.html\n"
                       "corpus_a/pukou.html\thttps://a.example.org/2.html\n", encoding="utf-8")
    both = source_options("https://mirror.example.org/n/", mapping)
    got = {r.path.name: r.source for r in iter_notices([folder], both)}
    assert got["luhe.txt"] == "https://a.example.org/1.html"
    assert got["pukou.html"] == "https://a.example.org/2.html"
    assert got["jiangning.html"] == "https://mirror.example.org/n/jiangning.html"


def test_source_maps_in_three_formats_and_their_errors(tmp_path):
    tsv = tmp_path / "m.tsv"
    tsv.write_text("./a/b.txt\thttps://x.example.org/b.html\n", encoding="utf-8")
    csv_ = tmp_path / "m.csv"
    csv_.write_text("path,url\na/b.txt,https://x.example.org/b.html\n", encoding="utf-8")
    js = tmp_path / "m.json"
    js.write_text(json.dumps({"a\\b.txt": "https://x.example.org/b.html"}), encoding="utf-8")
    for f in (tsv, csv_, js):
        assert load_source_map(f) == {"a/b.txt": "https://x.example.org/b.html"}
    bad = tmp_path / "bad.tsv"
    bad.write_text("a.txt\tjavascript:alert(1)\n", encoding="utf-8")
    with pytest.raises(UserError, match="line 1"):
        load_source_map(bad)
    with pytest.raises(UserError, match="tsv, .csv or .json"):
        load_source_map(tmp_path / "m.xml")
    with pytest.raises(UserError, match="http"):
        source_options("ftp://example.org/", None)


def test_a_url_from_a_page_is_bounded_and_only_http():
    assert clean_url("https://x.example.org/a.html") == "https://x.example.org/a.html"
    for hostile in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x",
                    "https://user:pw@x.example.org/a.html", "https://x.example.org/a b.html",
                    "https://x.example.org/\" onmouseover=\"x", "https:///nohost",
                    "https://x.example.org/a{b}.html", "https://x.example.org/a|b",
                    "https://x.example.org/" + "a" * MAX_URL):
        assert clean_url(hostile) is None, hostile
    # a site's home page declared as every page's canonical link names no notice
    assert clean_url("https://x.example.org/", page=True) is None
    assert clean_url("https://x.example.org/index.html", page=True) is None
    page = html_to_text('<html><head><link rel="canonical" href="/relative/1.html">'
                        '<meta property="og:url" content="javascript:alert(1)"></head>'
                        "<body><p>正文</p></body></html>")
    assert page.url is None
    assert address_url("来源:某某县应急管理局\n") is None  # a publisher, not an address
    assert address_url("来源:某某网 http://www.x.example.org/a/b.html。\n") == \
        "http://www.x.example.org/a/b.html"
    assert address_url("正文提到 https://www.x.example.org/a.html 一个网址\n") is None


def test_canonical_source_is_pure_and_never_absolute(tmp_path, monkeypatch):
    cases = {
        "samples/01.txt": "samples/01.txt", "./samples/01.txt": "samples/01.txt",
        "samples\\sub\\01.txt": "samples/sub/01.txt",
        "/home/someone/work/samples/01.txt": "samples/01.txt",
        "C:\\Users\\someone\\samples\\01.txt": "samples/01.txt",
        "HTTPS://WWW.Example.gov.cn/A/1.html#top": "https://www.example.gov.cn/A/1.html",
        "upload://Report.txt": "upload://Report.txt",
    }
    for given, want in cases.items():
        assert ids.canonical_source(given) == want, given
    before = ids.document_id("samples/01.txt")
    monkeypatch.chdir(tmp_path)
    assert ids.document_id("samples/01.txt") == before  # no working directory in an id
    assert path_source(tmp_path / "x" / "a.txt", tmp_path / "x" / "a.txt") == "x/a.txt"


def test_the_spark_engine_names_local_files_like_the_local_engine(tmp_path):
    from kg.spark import local_roots

    folder = make_corpus(tmp_path)
    roots = local_roots([str(folder), (folder / "sub" / "luhe.txt").as_uri(),
                         "hdfs://nn/notices/"])
    assert [(r.is_dir, r.label) for r in roots] == [(False, "sub/luhe.txt"), (True, "corpus_a")]
    assert all(os.path.isabs(r.path) for r in roots)  # what Spark lists under, not stored


# --- uploads -------------------------------------------------------------------------------


def test_an_upload_is_named_by_its_file_name_or_its_pages_url(tmp_path):
    from api.upload_worker import _without_folder
    from api.uploads import upload_source
    from ingest.extract import extract_raw
    from ingest.read import Skipped, read_file

    private = tmp_path / "anquan-kg-upload-x1y2"
    private.mkdir()
    txt = private / "luhe.txt"
    txt.write_text(TOUR, encoding="utf-8")
    html = private / "jiangning.html"
    html.write_text(_html(MEETING, f'<link rel="canonical" href="{PAGE_URL}">'), encoding="utf-8")
    plain = _without_folder(extract_raw(read_file(txt), use_ner=False), txt)
    assert plain.source == "luhe.txt" and upload_source(plain, "luhe.txt") == "upload://luhe.txt"
    page = _without_folder(extract_raw(read_file(html), use_ner=False), html)
    assert upload_source(page, "jiangning.html") == PAGE_URL
    skipped = _without_folder(Skipped(txt, f"failed in {private}/luhe.txt"), txt)
    assert str(private) not in skipped.reason


# --- the graph -----------------------------------------------------------------------------


def _documents(graph, db) -> dict[str, str]:
    rows, _, _ = graph.execute_query("MATCH (d:Document) RETURN d.id AS id, d.source AS s",
                                     database_=db)
    return {r["id"]: r["s"] for r in rows}


def test_no_node_property_holds_an_absolute_path_of_this_machine(graph, neo4j_settings, tmp_path):
    db = neo4j_settings.neo4j_database
    folder = make_corpus(tmp_path)
    (folder / "plain.txt").write_text(LETTER.replace("浦口区", "栖霞区"), encoding="utf-8")
    report = ingest_paths([folder], driver=graph, database=db)
    assert report.read == 4 and not report.skipped
    machine = {str(tmp_path), str(tmp_path.resolve()), os.getcwd(), str(Path.home()),
               str(Path(__file__).resolve().parent.parent)}
    rows, _, _ = graph.execute_query("MATCH (n) RETURN properties(n) AS p", database_=db)
    rels, _, _ = graph.execute_query("MATCH ()-[r]->() RETURN properties(r) AS p", database_=db)
    assert len(rows) > 10 and len(rels) > 10
    for row in [*rows, *rels]:
        for key, value in row["p"].items():
            for text in _strings(value):
                assert not any(m in text for m in machine), (key, text)
                assert not (key == "source" and text.startswith("/")), text
    assert sorted(_documents(graph, db).values()) == sorted(
        [PAGE_URL, OG_URL, ADDRESS_URL, "corpus_a/plain.txt"])


def test_reingesting_from_another_working_directory_doubles_nothing(graph, neo4j_settings,
                                                                    tmp_path, monkeypatch):
    db = neo4j_settings.neo4j_database
    folder = make_corpus(tmp_path)
    (folder / "plain.txt").write_text(LETTER.replace("浦口区", "栖霞区"), encoding="utf-8")
    ingest_paths([folder], driver=graph, database=db)
    first = _documents(graph, db)
    monkeypatch.chdir(tmp_path)
    again = ingest_paths([Path("corpus_a")], driver=graph, database=db)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    third = ingest_paths([Path("../corpus_a")], driver=graph, database=db)
    assert again.unchanged == third.unchanged == 4 and again.added == third.added == 0
    assert _documents(graph, db) == first
    # the file alone is the Document its folder gave
    alone = ingest_paths([Path("../corpus_a/plain.txt")], driver=graph, database=db)
    assert alone.unchanged == 1 and _documents(graph, db) == first


def test_forget_finds_a_notice_by_file_name_relative_source_or_url(graph, neo4j_settings,
                                                                   tmp_path):
    db = neo4j_settings.neo4j_database
    folder = make_corpus(tmp_path)
    (folder / "plain.txt").write_text(LETTER.replace("浦口区", "栖霞区"), encoding="utf-8")
    (folder / "sub" / "other.txt").write_text(TOUR.replace("窦星河", "骆云帆"), encoding="utf-8")
    ingest_paths([folder], driver=graph, database=db)
    docs = _documents(graph, db)
    by_source = {s: i for i, s in docs.items()}
    assert find_document(graph, db, "plain.txt")[0] == by_source["corpus_a/plain.txt"]
    assert find_document(graph, db, "corpus_a/sub/other.txt")[0] == \
        by_source["corpus_a/sub/other.txt"]
    assert find_document(graph, db, str(folder / "plain.txt"))[0] == \
        by_source["corpus_a/plain.txt"]  # an absolute path of a file at the folder's top
    assert find_document(graph, db, PAGE_URL + "#top")[0] == by_source[PAGE_URL]
    rep = forget(graph, db, "corpus_a/plain.txt")
    assert rep.source == "corpus_a/plain.txt"
    assert by_source["corpus_a/plain.txt"] not in _documents(graph, db)


def test_kg_ingest_source_url_prefix_and_sources_file(graph, neo4j_settings, tmp_path):
    from kg.cli import app

    db = neo4j_settings.neo4j_database
    folder = make_corpus(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(folder), "--source-url-prefix",
                                 "https://mirror.example.org/yjj/"])
    assert result.exit_code == 0, result.output
    assert sorted(_documents(graph, db).values()) == [
        "https://mirror.example.org/yjj/jiangning.html",
        "https://mirror.example.org/yjj/pukou.html",
        "https://mirror.example.org/yjj/sub/luhe.txt"]
    mapping = tmp_path / "sources.json"
    mapping.write_text(json.dumps({"jiangning.html": "https://b.example.org/1.html"}),
                       encoding="utf-8")
    other = make_corpus(tmp_path, "corpus_b")
    result = runner.invoke(app, ["ingest", str(other), "--sources", str(mapping)])
    assert result.exit_code == 0, result.output
    rows, _, _ = graph.execute_query(  # the same texts: reposts, further sources of a Document
        "MATCH (d:Document) RETURN d.source AS s, coalesce(d.sources, []) AS more", database_=db)
    assert "https://b.example.org/1.html" in {x for r in rows for x in [r["s"], *r["more"]]}
    bad = runner.invoke(app, ["ingest", str(other), "--source-url-prefix", "javascript:x"])
    assert bad.exit_code != 0 and isinstance(bad.exception, UserError)


def test_kg_extract_output_keeps_the_sources_and_resumes_on_them(tmp_path):
    from kg import records_io
    from kg.cli import app

    folder = make_corpus(tmp_path)
    out = tmp_path / "records"
    args = ["extract", str(folder), "--output", str(out), "--source-url-prefix",
            "https://mirror.example.org/yjj"]
    runner = CliRunner()
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    sources = sorted(r.source for r in records_io.iter_records(out))
    assert sources == ["https://mirror.example.org/yjj/jiangning.html",
                       "https://mirror.example.org/yjj/pukou.html",
                       "https://mirror.example.org/yjj/sub/luhe.txt"]
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and len(list(records_io.iter_records(out))) == 3


def test_an_upload_stores_no_temporary_path(graph, neo4j_settings):
    from fastapi.testclient import TestClient

    from api.app import create_app

    key = "test-sources-key"
    settings = neo4j_settings.model_copy(update={"api_key": key})
    page = _html(MEETING, f'<link rel="canonical" href="{PAGE_URL}">').encode()
    with TestClient(create_app(settings)) as client:
        answer = client.post("/api/notices", headers={"X-API-Key": key}, files=[
            ("files", ("jiangning.html", page, "text/html")),
            ("files", ("luhe.txt", TOUR.encode(), "text/plain"))])
    assert answer.status_code == 200, answer.text
    assert len(answer.json()["documents"]) == 2
    assert sorted(_documents(graph, neo4j_settings.neo4j_database).values()) == [
        PAGE_URL, "upload://luhe.txt"]
    rows, _, _ = graph.execute_query("MATCH (n) RETURN properties(n) AS p",
                                     database_=neo4j_settings.neo4j_database)
    for row in rows:
        for key_, value in row["p"].items():
            assert not any("anquan-kg-upload-" in t or t.startswith("/") for t in _strings(value)), \
                (key_, value)
