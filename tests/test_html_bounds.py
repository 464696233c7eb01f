"""HTML built to be slow is read in seconds (issue 11), at any depth or width.

A page nested 100,000 `<div>`s deep, and one with 100,000 sibling paragraphs, are
read through the same path as `kg extract` and `kg ingest` (`ingest.read` then
extraction) and must finish, extracted or skipped with a reason, well inside ten
seconds; before, the deep page ran for half an hour (quadratic in the depth).
Times are this process's CPU seconds (`time.process_time`): the work a page costs,
whatever else the machine is doing (a shared machine's wall clock counts other
processes too).
"""

from __future__ import annotations

import time
from pathlib import Path

from ingest.extract import extract_paths
from ingest.read import html_to_text, read_file

NOTICE = "区委副书记、区政府区长柏秋实主持会议并讲话。"


def deep_page(depth: int) -> str:
    return ("<html><head><title>青羊区召开安全生产工作会议</title></head><body>"
            + "<div>" * depth + NOTICE + "</div>" * depth + "</body></html>")


def test_a_page_100000_divs_deep_is_extracted_in_seconds(tmp_path: Path):
    page = tmp_path / "deep.html"
    page.write_text(deep_page(100_000), encoding="utf-8")
    t = time.process_time()
    records, skipped = extract_paths([page])
    took = time.process_time() - t
    assert took < 10, took
    assert len(records) + len(skipped) == 1
    if records:
        assert "柏秋实" in {p.name for p in records[0].persons}
    else:
        assert skipped[0].reason


def test_reading_is_linear_in_the_depth():
    """Ten times deeper costs about ten times as much, not a hundred."""
    def cost(depth: int) -> float:
        t = time.process_time()
        assert NOTICE in html_to_text(deep_page(depth)).text
        return time.process_time() - t

    small, large = cost(5_000), cost(50_000)
    assert large < 25 * max(small, 0.01), (small, large)


def test_a_wide_page_near_the_size_limit_is_read_in_seconds(tmp_path: Path):
    """50,000 sibling paragraphs with line breaks, 4.4 MB (the limit is 5 MiB)."""
    page = tmp_path / "wide.html"
    body = "".join(f"<p>第{i}段<br>{NOTICE}</p>" for i in range(50_000))
    page.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    t = time.process_time()
    raw = read_file(page)
    assert time.process_time() - t < 10
    assert raw.text.count(NOTICE) == 50_000


def test_link_lists_are_still_dropped_at_any_depth():
    links = "".join(f"<li><a href='/{i}'>其他通知标题{i}</a></li>" for i in range(5))
    html = ("<html><body>" + "<div>" * 3000 + f"<p>{NOTICE * 4}</p><ul>{links}</ul>"
            + "</div>" * 3000 + "</body></html>")
    text = html_to_text(html).text
    assert NOTICE in text and "其他通知标题" not in text
