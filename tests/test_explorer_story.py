"""The story views in a real headless Chromium (Debian's), against the real app and a
real Neo4j loaded with the sample notices: the overview the explorer opens on, the
letters table, a person's timeline, the responsibility chain, and a notice read with
its facts marked.

Every test fails on any console error and on any request to a host other than
127.0.0.1 (the `page` fixture of test_explorer_browser records both). The screenshots
land in tests/screenshots/; docs/overview.png, docs/timeline.png, docs/chain.png and
docs/notice.png (the README's pictures) are copies of them.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from test_explorer_browser import SHOTS, app_url, browser, page  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

KUNMING_LEADER = "person:530000:杭嘉树"  # 17_kunming_fushengzhang: a dated notice


def _clean(pg) -> None:
    assert pg.console_errors == []
    assert pg.foreign_requests == []


def _shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / name))


def test_overview_counts_and_letters_table(app_url, page):  # noqa: F811
    page.goto(app_url + "/")
    page.wait_for_selector("body[data-overview='1']")
    assert not page.locator("#overview-view").is_hidden()
    counts = {row.get_attribute("data-name"): row.locator("td.num").inner_text()
              for row in page.locator("#counts-labels tr.count").all()}
    assert int(counts["Document"]) >= 18 and int(counts["Person"]) > 0
    assert int(counts["ResponsibilityLetter"]) > 0
    assert page.locator("#latest-notices li").count() > 0
    assert "杭嘉树" in page.locator("#active-officials").inner_text()
    assert page.locator("#top-places li").count() > 0
    _shot(page, "overview.png")

    # the headline question, one click away
    page.click("#ask-letters")
    page.wait_for_selector("#letters-table tbody tr.letter-row")
    table = page.locator("#letters-table").inner_text()
    assert "蒋黎明" in table and "曲靖市人民政府" in table and "麒麟区" in table
    assert "2024年度安全生产目标责任书" in table
    _shot(page, "letters.png")

    # a notice cell opens the notice with the signing's sentence highlighted
    row = page.locator("#letters-table tbody tr", has_text="蒋黎明").first
    href = row.locator("a.notice-link").first.get_attribute("href")
    assert "?fact=" in href
    notice = page.context.new_page()
    notice.goto(app_url + href)
    assert "签订" in notice.locator("mark#hl").inner_text()
    notice.close()

    # a signer opens the entity in the graph with its side panel
    row.locator("a.entity", has_text="蒋黎明").first.click()
    page.wait_for_function("document.getElementById('panel-id')?.textContent.startsWith('person:')")
    assert "蒋黎明" in page.locator("#panel").inner_text()
    assert not page.locator("#graph-view").is_hidden()
    _clean(page)


def test_person_timeline_draws_items_that_open_their_notice(app_url, page):  # noqa: F811
    page.goto(app_url + f"/?view=timeline&person={quote(KUNMING_LEADER)}")
    page.wait_for_selector("#timeline .vis-item.vis-box")
    drawn = page.locator("#timeline .vis-item.vis-box").count()
    assert drawn >= 4  # a post, a meeting and inspections
    text = page.locator("#timeline").inner_text()
    assert "inspected" in text and "副省长" in text
    assert page.evaluate("window.kg.timeline.drawn") == drawn
    _shot(page, "timeline.png")

    # an item opens its notice, the fact's sentence highlighted
    page.locator("#timeline .vis-item.vis-box", has_text="inspected").first.click()
    page.wait_for_url("**/notices/**fact=**")
    assert page.locator("mark#hl").count() == 1
    _clean(page)


def test_responsibility_chain_draws_two_levels_and_more(app_url, page):  # noqa: F811
    page.goto(app_url + "/?view=chain&body=" + quote("曲靖市"))
    page.wait_for_selector("body[data-chain-drawn='1']")
    assert page.evaluate("window.kg.chain.levels") >= 2
    levels = page.evaluate(
        "new Set(window.kg.chain.rows.map(r => r.level)).size")
    assert levels >= 2
    # drawn as a hierarchy: the town signing under the district under the city
    node_levels = page.evaluate(
        "(() => { const n = window.kg.chain.network; return Object.values(n.body.nodes)"
        ".filter(x => x.options && x.options.level !== undefined).map(x => x.options.level); })()")
    assert max(node_levels) >= 4
    rows = page.locator("#chain-table tbody").inner_text()
    assert "麒麟区人民政府" in rows and "越州镇人民政府" in rows
    assert page.locator("#chain canvas").count() == 1
    _shot(page, "chain.png")
    _clean(page)


def test_notice_marks_facts_and_a_mark_opens_the_entity(app_url, page):  # noqa: F811
    import httpx

    docs = httpx.get(app_url + "/api/documents", params={"q": "武侯区", "limit": 5}).json()
    doc = next(d for d in docs["items"] if d["properties"].get("name") == "01_wuhou_anweihui.txt")
    page.goto(app_url + f"/notices/{quote(doc['id'])}")
    page.wait_for_selector("body[data-ready='1']")
    kinds = set(page.eval_on_selector_all("#text a.mk", "ms => ms.map(m => m.dataset.kind)"))
    assert {"Person", "Title", "Event"} <= kinds
    assert kinds & {"Organization", "Locality", "Directive"}
    assert page.locator("#text a.mk").count() >= 10
    assert page.locator("#facts li.fact").count() >= 5
    _shot(page, "notice.png")

    # ?fact= highlights that fact's sentence and lights its row
    key = page.locator("#facts li.fact", has_text="CHAIRED").first.get_attribute("data-key")
    page.goto(app_url + f"/notices/{quote(doc['id'])}?fact={key}")
    assert "魏成舟" in page.locator("mark#hl").inner_text()
    assert page.locator(f"#facts li.fact.on[data-key='{key}']").count() == 1
    assert page.locator("#text a.mk.on").count() >= 1

    # a click on a person's mark opens the entity in the explorer
    mark = page.locator("#text a.mk[data-kind='Person']", has_text="魏成舟").first
    entity = mark.get_attribute("data-id")
    mark.click()
    page.wait_for_function("(id) => document.getElementById('panel-id')?.textContent === id",
                           arg=entity)
    _clean(page)


EVIL = '<img src=x onerror="window.__xss=1">'


def test_names_from_the_graph_are_shown_as_text_never_as_markup(app_url, page, neo4j_settings):  # noqa: F811
    from neo4j import GraphDatabase

    drv = GraphDatabase.driver(neo4j_settings.neo4j_uri,
                               auth=(neo4j_settings.neo4j_username, neo4j_settings.neo4j_password))
    person = "person:XSS:" + EVIL
    try:
        drv.execute_query(
            # ten letters: the most active official of the samples, first in the overview
            "CREATE (p:Person {id: $pid, name: $evil, titles: [$evil]}) WITH p "
            "UNWIND range(1, 10) AS i "
            "CREATE (p)-[:SIGNED {key: 'xss-signed-' + i, sources: ['doc:xss'], evidence: [$script],"
            "                     on_behalf_of: $evil, date: '2024-01-02'}]->"
            "(:ResponsibilityLetter {id: 'letter:xss:' + i + $evil, name: $evil, date: '2024-01-02'})",
            pid=person, evil=EVIL, script="<script>window.__xss=2</script>", database_="neo4j")
        page.goto(app_url + "/")
        page.wait_for_selector("body[data-overview='1']")
        assert EVIL in page.locator("#active-officials").inner_text()
        page.click("#ask-letters")
        page.wait_for_selector("#letters-table tbody tr.letter-row")
        assert EVIL in page.locator("#letters-table").inner_text()
        assert "<script>window.__xss=2</script>" in page.locator("#letters-table").inner_text()
        page.goto(app_url + f"/?view=timeline&person={quote(person)}")
        page.wait_for_selector("#timeline .vis-item.vis-box")
        assert EVIL in page.locator("#timeline").inner_text()
        assert page.evaluate("window.__xss") is None
        assert page.locator("#letters-view img, #overview-view img, #timeline img").count() == 0
        _clean(page)
    finally:
        drv.execute_query("MATCH (p:Person {id: $pid})-[:SIGNED]->(l) DETACH DELETE p, l",
                          pid=person, database_="neo4j")
        drv.close()
