"""Reading notice files: encodings, HTML text, and every reason to skip a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import read
from ingest.read import RawNotice, ReadError, Skipped, iter_notices, read_file

NOTICE = "青石县召开安全生产工作会议\n县委书记林海川主持会议并讲话,强调压实责任。\n"
TRADITIONAL = "青石縣召開安全生產工作會議\n縣長陳國榮出席會議並講話,強調壓實責任。\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_file_is_read_as_utf8(tmp_path):
    raw = read_file(_write(tmp_path, "a.txt", NOTICE.encode("utf-8")))
    assert raw.text == NOTICE and raw.encoding == "utf_8" and not raw.is_html


def test_utf8_bom_is_stripped(tmp_path):
    raw = read_file(_write(tmp_path, "a.txt", b"\xef\xbb\xbf" + NOTICE.encode("utf-8")))
    assert raw.text == NOTICE
    assert not raw.text.startswith("\ufeff")


def test_gbk_file_decodes_as_gb18030(tmp_path):
    raw = read_file(_write(tmp_path, "gbk.txt", NOTICE.encode("gbk")))
    assert raw.encoding == "gb18030"
    assert raw.text == NOTICE


def test_big5_file_decodes_as_big5(tmp_path):
    raw = read_file(_write(tmp_path, "big5.txt", TRADITIONAL.encode("big5")))
    assert raw.encoding == "big5"
    assert raw.text == TRADITIONAL


def test_short_gbk_and_big5_titles_decode(tmp_path):
    assert read_file(_write(tmp_path, "g.txt", "安全生产".encode("gbk"))).text == "安全生产"
    assert read_file(_write(tmp_path, "b.txt", "安全生產".encode("big5"))).text == "安全生產"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.txt", b"PK\x03\x04\x00\x00\x10\x00" * 20, "binary"),
        ("undecodable.txt", b"\x81\xff" * 50, "undecodable"),
        ("notice.pdf", NOTICE.encode("utf-8"), "unsupported suffix"),
    ],
)
def test_bad_file_raises_read_error_with_reason(tmp_path, name, data, reason):
    path = _write(tmp_path, name, data)
    with pytest.raises(ReadError, match=reason) as info:
        read_file(path)
    assert str(path) in str(info.value)


def test_missing_file_raises_read_error(tmp_path):
    with pytest.raises(ReadError, match="missing"):
        read_file(tmp_path / "nowhere.txt")


def test_too_large_file_raises_read_error(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_BYTES", 100)
    path = _write(tmp_path, "big.txt", NOTICE.encode("utf-8") * 10)
    with pytest.raises(ReadError, match="too large"):
        read_file(path)


def test_read_error_is_a_user_error():
    from kg.errors import UserError

    assert issubclass(ReadError, UserError)


def test_iter_notices_skips_each_bad_file_with_its_reason_and_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_BYTES", 1000)
    _write(tmp_path, "a_good.txt", NOTICE.encode("utf-8"))
    _write(tmp_path, "b_empty.txt", b"")
    _write(tmp_path, "c_binary.txt", b"\x00\x01\x02" * 10)
    _write(tmp_path, "d_undecodable.txt", b"\x81\xff" * 50)
    _write(tmp_path, "e_large.txt", b"a" * 2000)
    _write(tmp_path, "f_good_gbk.txt", NOTICE.encode("gbk"))
    pdf = _write(tmp_path, "g.pdf", b"%PDF-1.4")
    items = list(iter_notices([tmp_path, pdf, tmp_path / "missing.txt"]))
    read_ok = [i.path.name for i in items if isinstance(i, RawNotice)]
    skipped = {i.path.name: i.reason for i in items if isinstance(i, Skipped)}
    assert read_ok == ["a_good.txt", "f_good_gbk.txt"]
    assert "empty" in skipped["b_empty.txt"]
    assert "binary" in skipped["c_binary.txt"]
    assert "undecodable" in skipped["d_undecodable.txt"]
    assert "too large" in skipped["e_large.txt"]
    assert "unsupported suffix" in skipped["g.pdf"]
    assert "missing" in skipped["missing.txt"]


def test_folders_yield_only_supported_suffixes_recursively_in_sorted_order(tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    _write(tmp_path, "b.txt", NOTICE.encode("utf-8"))
    _write(sub, "a.htm", b"<html><body><p>\xe5\xae\x89\xe5\x85\xa8</p></body></html>")
    _write(tmp_path, "notes.md", b"# not a notice")
    _write(tmp_path, "a.html", b"<html><body><p>\xe5\xae\x89\xe5\x85\xa8</p></body></html>")
    names = [i.path.relative_to(tmp_path).as_posix() for i in iter_notices([tmp_path])]
    assert names == ["a.html", "b.txt", "sub/a.htm"]


HTML = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>青石县召开安全生产工作会议 - 青石县人民政府</title>
<meta name="PubDate" content="2024-05-06 09:30">
<style>p {color: red}</style><script>var x = "县长";</script></head>
<body><nav>首页 | 政务公开 | 新闻中心</nav><header>青石县人民政府门户网站</header>
<h1>青石县召开安全生产工作会议</h1>
<div class="content"><p>5月5日,县委书记<span>林海川</span>主持会议。</p>
<p>副县长周明宣读通报。<br>县长陈国荣讲话。</p>
<table><tr><td>出席</td><td>王立</td></tr></table></div>
<footer>版权所有 青石县人民政府</footer></body></html>"""


def test_html_text_keeps_blocks_as_lines_and_drops_furniture(tmp_path):
    raw = read_file(_write(tmp_path, "page.html", HTML.encode("utf-8")))
    assert raw.is_html
    lines = raw.text.split("\n")
    assert "5月5日,县委书记林海川主持会议。" in lines
    assert "副县长周明宣读通报。" in lines and "县长陈国荣讲话。" in lines
    assert "var x" not in raw.text and "color" not in raw.text
    assert "首页" not in raw.text and "版权所有" not in raw.text and "门户网站" not in raw.text


def test_html_title_and_meta_date_are_kept(tmp_path):
    raw = read_file(_write(tmp_path, "page.html", HTML.encode("utf-8")))
    assert raw.title_hint == "青石县召开安全生产工作会议"
    assert raw.date_hint == "2024-05-06"


def test_gbk_html_with_declared_charset_decodes(tmp_path):
    page = HTML.replace('charset="utf-8"', 'charset="gb2312"')
    raw = read_file(_write(tmp_path, "page.htm", page.encode("gbk")))
    assert raw.encoding == "gb18030"
    assert "县委书记林海川主持会议" in raw.text


def test_related_link_lists_are_dropped_from_html(tmp_path):
    page = ("<html><body><h1>青石县召开会议</h1><p>县长陈国荣讲话。</p><ul>"
            + "".join(f"<li><a href='/{i}'>白沙县第{i}次会议召开</a></li>" for i in range(5))
            + "</ul></body></html>")
    raw = read_file(_write(tmp_path, "p.html", page.encode("utf-8")))
    assert "白沙县" not in raw.text
    assert "县长陈国荣讲话。" in raw.text


def test_utf16_with_bom_is_read(tmp_path):
    raw = read_file(_write(tmp_path, "u16.txt", NOTICE.encode("utf-16")))
    assert raw.text == NOTICE and raw.encoding == "utf_16"


def test_hidden_folders_are_not_searched(tmp_path):
    hidden = tmp_path / ".cache"
    hidden.mkdir()
    _write(hidden, "old.txt", NOTICE.encode("utf-8"))
    _write(tmp_path, "a.txt", NOTICE.encode("utf-8"))
    assert [i.path.name for i in iter_notices([tmp_path])] == ["a.txt"]


def test_missing_folder_is_reported_missing(tmp_path):
    (item,) = iter_notices([tmp_path / "no_such_folder"])
    assert isinstance(item, Skipped) and "missing" in item.reason


def test_skipped_reason_is_the_why_without_the_path(tmp_path):
    (item,) = iter_notices([_write(tmp_path, "empty.txt", b"")])
    assert item.reason == "empty file"
