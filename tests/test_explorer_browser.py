"""The explorer in a real headless Chromium (Debian's), against the real app and
a real Neo4j loaded with the sample notices.

Fails on any console error and on any request to a host other than 127.0.0.1.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from neo4j import GraphDatabase

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(neo4j_settings) -> Iterator[str]:
    """The app on a free loopback port, over the test Neo4j loaded with data/samples."""
    from kg.load import ingest_paths
    from tests.conftest import app_served, wipe

    drv = GraphDatabase.driver(neo4j_settings.neo4j_uri,
                               auth=(neo4j_settings.neo4j_username, neo4j_settings.neo4j_password))
    wipe(drv)
    ingest_paths([ROOT / "data" / "samples"], driver=drv, database="neo4j")
    drv.close()
    with app_served(neo4j_settings) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A page that records console errors and any request leaving 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.console_errors = []
    pg.foreign_requests = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))

    def check(request):
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname != "127.0.0.1":
            pg.foreign_requests.append(request.url)

    pg.on("request", check)
    yield pg
    context.close()


def _isolate(page, node_id: str) -> None:
    """Move a node to an empty spot right of everything, so a click there hits it."""
    page.evaluate(
        """(id) => { const n = window.kg.network; n.stopSimulation();
                     const pos = Object.values(n.getPositions());
                     const x = Math.max(...pos.map(p => p.x)) + 200;
                     const y = pos.reduce((a, p) => a + p.y, 0) / pos.length;
                     n.moveNode(id, x, y); n.fit({animation: false}); }""", node_id)


def _node_point(page, node_id: str) -> tuple[float, float]:
    """Where a node is drawn, in page coordinates."""
    box = page.locator("#graph canvas").bounding_box()
    pos = page.evaluate(
        """(id) => { const n = window.kg.network; const p = n.getPositions([id])[id];
                     return n.canvasToDOM(p); }""", node_id)
    return box["x"] + pos["x"], box["y"] + pos["y"]


def test_explorer_search_panel_expand_filter_and_question(app_url, page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(app_url + "/")
    page.wait_for_selector("body[data-ready='1']")
    legend = page.locator("#legend .item").all_inner_texts()
    assert "Person" in legend and "Organization" in legend

    # search with a Traditional spelling, pick the suggestion
    page.fill("#search", "魏成")
    page.wait_for_selector("#suggestions li[data-id]")
    assert "魏成舟" in page.locator("#suggestions").inner_text()
    page.locator("#suggestions li[data-id]", has_text="魏成舟").first.click()

    # the side panel shows his posts with the evidence sentence and a link to the notice
    page.wait_for_selector("#panel .evidence")
    panel = page.locator("#panel").inner_text()
    assert "魏成舟" in panel and "HOLDS" in panel
    sentence = page.locator("#panel .evidence").first.inner_text()
    assert "魏成舟" in sentence
    page.wait_for_function("window.kg.nodes.length > 3")
    # docs/explorer.png, the README's picture, is a copy of this one
    page.screenshot(path=str(SHOTS / "explorer-search.png"))

    # the evidence link opens the notice with the sentence highlighted
    href = page.locator("#panel .evidence a").first.get_attribute("href")
    notice = page.context.new_page()
    notice.goto(app_url + href)
    assert "魏成舟" in notice.locator("mark#hl").inner_text()
    notice.close()

    # double-click a neighbour (a meeting) to expand it
    person = page.evaluate("window.kg.nodes.get().find(n => n.label === '魏成舟').id")
    meeting = page.evaluate("window.kg.nodes.get().find(n => n.group === 'Meeting').id")
    before = page.evaluate("window.kg.nodes.length")
    # hold the layout still, and the node apart, so the node is where the test clicks
    page.evaluate("window.kg.network.setOptions({physics: {enabled: false}})")
    _isolate(page, meeting)
    x, y = _node_point(page, meeting)
    page.mouse.dblclick(x, y)
    page.wait_for_function(f"window.kg.nodes.length > {before}")
    assert page.evaluate("window.kg.nodes.length") > before
    assert page.evaluate(f"window.kg.nodes.get('{person}') !== null")

    # click a node: the panel follows it
    _isolate(page, meeting)
    x, y = _node_point(page, meeting)
    page.mouse.click(x, y)
    page.wait_for_function("(id) => document.getElementById('panel-id')?.textContent === id",
                           arg=meeting)

    # filter the Person label away: no person is drawn any more
    visible = "window.kg.network.body.data.nodes.get().filter(n => n.group === 'Person').length"
    assert page.evaluate(visible) > 0
    page.locator("#label-filters input[data-value='Person']").uncheck()
    assert page.evaluate(visible) == 0
    page.locator("#label-filters input[data-value='Person']").check()
    assert page.evaluate(visible) > 0

    # physics switch
    page.locator("#physics").uncheck()
    assert page.evaluate("window.kg.network.physics.options.enabled") is False

    # a named question: the table and the graph
    page.click("#tab-questions")
    page.select_option("#question", "meetings")
    page.fill("#question-params input[name='person']", "魏成舟")
    page.click("#run-question")
    page.wait_for_selector("#question-result table tbody tr")
    assert "魏成舟" in page.locator("#question-result").inner_text()
    page.screenshot(path=str(SHOTS / "explorer-question.png"))
    page.click("#draw-question")
    page.wait_for_function("window.kg.nodes.length > 0 && !document.getElementById('graph-view').hidden")
    page.screenshot(path=str(SHOTS / "explorer-question-graph.png"))

    assert page.console_errors == []
    assert page.foreign_requests == []


def test_kg_viz_file_draws_offline_with_the_right_node_count(app_url, browser, tmp_path, neo4j_settings):
    out = tmp_path / "view.html"
    kg = Path(sys.executable).with_name("kg")
    done = subprocess.run([str(kg), "viz", "--entity", "魏成舟", "--output", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert "<script src=" not in html and "http://" not in html.split("vis-network")[0]

    context = browser.new_context()
    requests: list[str] = []
    context.route("**/*", lambda route: (requests.append(route.request.url),
                                         route.continue_() if route.request.url.startswith("file:")
                                         else route.abort()))
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(out.as_uri())
    pg.wait_for_function("window.kgView && window.kgView.drawn === true")
    count = pg.evaluate("window.kgView.nodeCount")
    embedded = pg.evaluate("JSON.parse(document.getElementById('graph-data').textContent).nodes.length")
    assert count == embedded > 1
    assert pg.locator("canvas").count() == 1
    assert all(u.startswith("file:") for u in requests) and errors == []
    pg.screenshot(path=str(SHOTS / "kg-viz.png"))
    context.close()


def test_api_viz_returns_the_same_standalone_view(app_url):
    import httpx

    page = httpx.get(app_url + "/api/viz", params={"entity": "魏成舟"}, timeout=30)
    assert page.status_code == 200 and "window.kgView" in page.text and "魏成舟" in page.text
    missing = httpx.get(app_url + "/api/viz", params={"entity": "没有这个人"}, timeout=30)
    assert missing.status_code == 404 and "No entity" in missing.json()["detail"]
