"""The query API against the real test Neo4j loaded with the project's sample notices.

The samples are ingested once for the module through the real pipeline
(`kg.load.ingest_paths`), so these tests check what a user of the API would see:
the officials of 武侯区 and 曲靖市, their posts, meetings and letters, and the
sentences of the notices behind each.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import samples_ingested
from fastapi.testclient import TestClient

from api.app import create_app
from api.models import EntityDetail
from kg.model import LABELS, REL_NAMES

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
WEI = "person:510107:魏成舟"  # 武侯区 区长, chairs the 安委会 meeting (01_wuhou_anweihui.txt)
JIANG = "person:530300:蒋黎明"  # 曲靖市 常务副市长, signs the letters (02_qujing_zerenshu.txt)


@pytest.fixture(scope="module")
def driver(neo4j_settings):
    with samples_ingested(neo4j_settings) as drv:
        yield drv


@pytest.fixture(scope="module")
def client(driver, neo4j_settings):
    with TestClient(create_app(neo4j_settings)) as c:
        yield c


def graph_counts(driver) -> tuple[int, int, list[str]]:
    recs, _, _ = driver.execute_query(
        "CALL () { MATCH (n) RETURN count(n) AS n } CALL () { MATCH ()-[r]->() RETURN count(r) AS r } "
        "CALL db.labels() YIELD label RETURN n, r, collect(label) AS labels")
    return recs[0]["n"], recs[0]["r"], sorted(recs[0]["labels"])


# --- lookups --------------------------------------------------------------------------------


def test_persons_list_finds_an_official_by_name_with_titles(client):
    r = client.get("/api/persons", params={"q": "魏成舟"})
    assert r.status_code == 200
    page = r.json()
    assert page["total"] == 1
    wei = page["items"][0]
    assert wei["id"] == WEI and wei["label"] == "Person"
    assert {"区委副书记", "区政府区长", "区安委会主任"} <= set(wei["properties"]["titles"])


def test_lists_page_with_limit_and_offset_without_overlap(client):
    first = client.get("/api/persons", params={"limit": 3, "offset": 0}).json()
    second = client.get("/api/persons", params={"limit": 3, "offset": 3}).json()
    assert first["total"] == second["total"] >= 6
    ids = [p["id"] for p in first["items"] + second["items"]]
    assert len(ids) == 6 and len(set(ids)) == 6


def test_documents_list_has_the_sample_notices_without_their_full_text(client):
    page = client.get("/api/documents", params={"q": "曲靖市"}).json()
    titles = [d["name"] for d in page["items"]]
    assert "曲靖市召开2024年安全生产工作会议暨目标责任书签订仪式" in titles
    assert all("text" not in d["properties"] for d in page["items"])
    assert client.get("/api/documents").json()["total"] >= 9


@pytest.mark.parametrize("segment,label", [
    ("organizations", "Organization"), ("localities", "Locality"), ("letters", "ResponsibilityLetter"),
    ("meetings", "Meeting")])
def test_each_collection_lists_its_own_label(client, segment, label):
    page = client.get(f"/api/{segment}").json()
    assert page["total"] > 0
    assert {item["label"] for item in page["items"]} == {label}


def test_organization_found_by_its_relative_alias(client):
    names = [o["name"] for o in client.get("/api/organizations", params={"q": "区安委会"}).json()["items"]]
    assert "武侯区安全生产委员会" in names


def test_list_limit_out_of_range_is_422_naming_limit(client):
    r = client.get("/api/persons", params={"limit": 0})
    assert r.status_code == 422
    assert "'limit'" in r.json()["detail"]


# --- one entity -----------------------------------------------------------------------------


def test_entity_groups_relationships_with_other_end_and_evidence(client):
    r = client.get(f"/api/entities/{WEI}")
    assert r.status_code == 200
    wei = r.json()
    assert wei["name"] == "魏成舟" and wei["label"] == "Person"
    groups = {g["type"]: g for g in wei["relationships"]}
    assert {"HOLDS", "CHAIRED", "SPOKE_AT"} <= set(groups)
    bodies = {i["other"]["name"]: i for i in groups["HOLDS"]["items"]}
    assert {"中共武侯区委员会", "武侯区人民政府", "武侯区安全生产委员会"} <= set(bodies)
    post = bodies["武侯区人民政府"]
    assert post["direction"] == "out" and post["properties"]["role"] == "区长"
    evidence = post["evidence"][0]
    assert evidence["sentence"] == "区委副书记、区政府区长、区安委会主任魏成舟主持会议并讲话。"
    assert evidence["notice"]["title"] == "武侯区召开区安委会2024年第一次全体(扩大)会议"
    assert evidence["notice"]["source"].endswith("01_wuhou_anweihui.txt")
    chaired = groups["CHAIRED"]["items"][0]
    assert chaired["other"]["label"] == "Meeting" and chaired["key"]
    assert EntityDetail.model_validate(wei).relationships  # the documented shape


def test_entity_of_a_notice_lists_what_it_reports_and_mentions(client):
    doc = client.get("/api/documents", params={"q": "武侯区召开"}).json()["items"][0]
    r = client.get(f"/api/entities/{doc['id']}").json()
    assert "魏成舟主持会议" in r["properties"]["text"]
    types = {g["type"] for g in r["relationships"]}
    assert {"REPORTS", "INVOKES", "ABOUT"} <= types


def test_unknown_entity_is_404_naming_the_id(client):
    r = client.get("/api/entities/person:510107:无此人")
    assert r.status_code == 404
    assert "person:510107:无此人" in r.json()["detail"]
    r = client.get("/api/entities/nonsense")
    assert r.status_code == 404 and "ids start with one of" in r.json()["detail"]


# --- search ---------------------------------------------------------------------------------


def test_search_finds_a_person_by_full_name_through_the_fulltext_index(client):
    r = client.get("/api/search", params={"q": "蒋黎明"}).json()
    assert r["method"] == "fulltext"
    assert r["hits"][0]["id"] == JIANG


def test_search_converts_traditional_input_to_simplified(client):
    r = client.get("/api/search", params={"q": "羅志鵬"}).json()
    assert r["query"] == "罗志鹏"
    assert [h["name"] for h in r["hits"]][:1] == ["罗志鹏"]


def test_one_character_search_falls_back_to_names_starting_with_it(client):
    r = client.get("/api/search", params={"q": "蒋", "labels": "Person"}).json()
    assert r["method"] == "prefix"
    assert JIANG in [h["id"] for h in r["hits"]]
    assert all(h["name"].startswith("蒋") for h in r["hits"])


def test_search_finds_a_body_by_its_relative_alias(client):
    r = client.get("/api/search", params={"q": "区安委会", "labels": "Organization"}).json()
    assert "武侯区安全生产委员会" in [h["name"] for h in r["hits"]]


def test_search_with_an_unknown_label_is_422_naming_labels(client):
    r = client.get("/api/search", params={"q": "蒋黎明", "labels": "Nope"})
    assert r.status_code == 422 and "'labels'" in r.json()["detail"]


# --- model, named queries -------------------------------------------------------------------


def test_model_serves_kg_model_labels_and_relationships(client):
    m = client.get("/api/model").json()
    assert [x["label"] for x in m["labels"]] == list(LABELS)
    assert [x["type"] for x in m["relationships"]] == list(REL_NAMES)


def test_queries_list_every_question_with_typed_params_and_columns(client):
    queries = {q["name"]: q for q in client.get("/api/queries").json()}
    assert {"meetings", "person_posts", "title_holders", "directives_read", "principle_localities",
            "co_appearance", "locality_subtree", "provenance", "responsibility_letters"} <= set(queries)
    locality = {p["name"]: p for p in queries["locality_subtree"]["params"]}["locality"]
    assert locality["required"] and locality["type"] == "str"
    assert "evidence" in [c["name"] for c in queries["meetings"]["columns"]]


def test_meetings_query_gives_the_roles_of_a_person_with_evidence(client):
    r = client.get("/api/queries/meetings", params={"person": "魏成舟"}).json()
    roles = {row["role"]: row for row in r["rows"]}
    assert set(roles) == {"CHAIRED", "SPOKE_AT"}
    chaired = roles["CHAIRED"]
    assert chaired["meeting"] == "武侯区召开区安委会2024年第一次全体(扩大)会议"
    assert chaired["place"] == "武侯区"
    assert chaired["evidence"] == ["区委副书记、区政府区长、区安委会主任魏成舟主持会议并讲话。"]


def test_meetings_query_lists_who_else_attended(client):
    r = client.get("/api/queries/meetings", params={"meeting": "武侯区召开区安委会"}).json()
    attended = {row["person"] for row in r["rows"] if row["role"] == "ATTENDED"}
    assert {"蔺秋华", "康德远", "庞嘉树"} <= attended


def test_person_posts_query_lists_three_posts_from_one_sentence(client):
    r = client.get("/api/queries/person_posts", params={"person_id": WEI}).json()
    assert [(row["title"], row["organization"]) for row in r["rows"]] == [
        ("区委副书记", "中共武侯区委员会"), ("区政府区长", "武侯区人民政府"),
        ("区安委会主任", "武侯区安全生产委员会")] or len(r["rows"]) == 3
    assert {row["organization"] for row in r["rows"]} == {
        "中共武侯区委员会", "武侯区人民政府", "武侯区安全生产委员会"}


def test_title_holders_query_finds_the_district_head_not_deputies(client):
    r = client.get("/api/queries/title_holders", params={"title": "区长", "locality": "武侯区"}).json()
    holders = {row["person"] for row in r["rows"]}
    assert "魏成舟" in holders
    assert all(not row["title"].endswith("副区长") for row in r["rows"])


def test_letters_query_names_signer_body_and_counterparties(client):
    r = client.get("/api/queries/responsibility_letters", params={"person": "蒋黎明"}).json()
    assert len(r["rows"]) == 1
    row = r["rows"][0]
    assert row["on_behalf_of"] == "曲靖市人民政府"
    assert {"麒麟区", "沾益区", "宣威市"} <= set(row["counterparties"])
    assert "签订了2024年度安全生产目标责任书" in row["evidence"][0]


def test_directives_read_query_names_the_reader_and_the_place(client):
    r = client.get("/api/queries/directives_read", params={"person": "钱永安"}).json()
    assert len(r["rows"]) == 1
    row = r["rows"][0]
    assert "表彰2023年度全市安全生产工作先进集体和先进个人的决定" in row["directive"]
    assert row["places"] == ["曲靖市"]


def test_principle_localities_query_counts_notices_per_place(client):
    r = client.get("/api/queries/principle_localities", params={"principle": "党政同责"}).json()
    by_place = {row["locality"]: row for row in r["rows"]}
    assert by_place["武侯区"]["notices"] == 1
    assert "党政同责" in by_place["武侯区"]["evidence"][0]


def test_co_appearance_query_pairs_officials_of_the_same_meeting(client):
    r = client.get("/api/queries/co_appearance", params={"person": "魏成舟"}).json()
    others = {row["other"]: row["meetings"] for row in r["rows"]}
    assert others["蔺秋华"] == 1 and others["康德远"] == 1


def test_locality_subtree_query_includes_places_under_the_root(client):
    r = client.get("/api/queries/locality_subtree", params={"locality": "成都市"}).json()
    rows = r["rows"]
    assert any(row["locality"] == "武侯区" and row["depth"] == 1 for row in rows)
    assert any(row["name"] == "武侯区安全生产委员会" and row["via"] == "IN" for row in rows)


def test_provenance_query_gives_the_sentence_behind_a_post(client):
    r = client.get("/api/queries/provenance", params={"node": WEI, "type": "HOLDS"}).json()
    assert len(r["rows"]) == 3
    assert {row["sentence"] for row in r["rows"]} == {
        "区委副书记、区政府区长、区安委会主任魏成舟主持会议并讲话。"}
    key = r["rows"][0]["key"]
    by_key = client.get("/api/queries/provenance", params={"key": key}).json()
    assert len(by_key["rows"]) == 1 and by_key["rows"][0]["from_id"] == WEI


def test_every_named_query_runs_with_its_required_examples_and_declared_columns(client):
    for q in client.get("/api/queries").json():
        params = {p["name"]: p["example"] for p in q["params"] if p["required"]}
        r = client.get(f"/api/queries/{q['name']}", params=params)
        assert r.status_code == 200, (q["name"], r.text)
        assert r.json()["columns"] == [c["name"] for c in q["columns"]], q["name"]


def test_named_query_with_a_bad_value_is_422_naming_the_parameter(client):
    r = client.get("/api/queries/meetings", params={"year": "last year"})
    assert r.status_code == 422 and "'year'" in r.json()["detail"]
    r = client.get("/api/queries/meetings", params={"colour": "red"})
    assert r.status_code == 422 and "'colour'" in r.json()["detail"]
    r = client.get("/api/queries/locality_subtree")
    assert r.status_code == 422 and "'locality'" in r.json()["detail"]


def test_unknown_named_query_is_404_listing_the_names(client):
    r = client.get("/api/queries/no_such_question")
    assert r.status_code == 404 and "meetings" in r.json()["detail"]


# --- analysts' Cypher -----------------------------------------------------------------------


def test_cypher_answers_with_columns_and_rows_like_named_queries(client):
    r = client.post("/api/cypher", json={
        "query": "MATCH (p:Person {name: $name})-[:HOLDS]->(o) RETURN p.name AS person, "
                 "o.name AS body ORDER BY body", "params": {"name": "魏成舟"}})
    assert r.status_code == 200
    body = r.json()
    assert body["columns"] == ["person", "body"] and body["truncated"] is False
    assert [row["body"] for row in body["rows"]] == sorted(
        ["中共武侯区委员会", "武侯区人民政府", "武侯区安全生产委员会"])


def test_cypher_returns_nodes_and_paths_as_json(client):
    r = client.post("/api/cypher", json={
        "query": "MATCH path = (p:Person {id: $id})-[:CHAIRED]->(m) RETURN p, path",
        "params": {"id": WEI}}).json()
    row = r["rows"][0]
    assert row["p"]["name"] == "魏成舟" and row["p"]["labels"] == ["Person"]
    assert row["path"]["relationships"][0]["type"] == "CHAIRED"


WRITES = [
    "CREATE (x:Intruder {name: 'x'}) RETURN x",
    "MERGE (x:Intruder {name: 'x'}) RETURN x",
    "MATCH (p:Person) DETACH DELETE p",
    "MATCH (p:Person) SET p.name = 'x'",
    "MATCH (p:Person) REMOVE p.name",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "LOAD CSV FROM 'https://example.org/x.csv' AS row CREATE (:Intruder {v: row[0]})",
    "CALL db.createLabel('Intruder')",
    "CALL apoc.create.node(['Intruder'], {name: 'x'}) YIELD node RETURN node",
    "CREATE INDEX intruder FOR (n:Intruder) ON (n.name)",
    "MATCH (p:Person) CALL { WITH p SET p.x = 1 } IN TRANSACTIONS RETURN count(*)",
]


@pytest.mark.parametrize("query", WRITES)
def test_cypher_refuses_writes_with_403_and_writes_nothing(client, driver, query):
    before = graph_counts(driver)
    r = client.post("/api/cypher", json={"query": query})
    assert r.status_code == 403, r.text
    assert "not allowed" in r.json()["detail"] or "read-only" in r.json()["detail"]
    assert graph_counts(driver) == before
    assert "Intruder" not in graph_counts(driver)[2]


def test_cypher_syntax_error_is_400_with_neo4j_message_at_the_analysts_position(client):
    r = client.post("/api/cypher", json={"query": "MATCH (n RETURN n"})
    assert r.status_code == 400
    detail = r.json()["detail"]
    assert detail.startswith("Cypher syntax error: Invalid input 'RETURN'")
    assert "column 10 (offset: 9)" in detail and "EXPLAIN" not in detail


def test_cypher_missing_parameter_is_400_naming_it(client):
    r = client.post("/api/cypher", json={"query": "RETURN $who AS who"})
    assert r.status_code == 400 and "who" in r.json()["detail"]


def test_cypher_row_limit_cuts_the_answer_and_says_so(neo4j_settings, driver):
    settings = neo4j_settings.model_copy(update={"cypher_row_limit": 5})
    with TestClient(create_app(settings)) as c:
        r = c.post("/api/cypher", json={"query": "UNWIND range(1, 100) AS i RETURN i"}).json()
    assert [row["i"] for row in r["rows"]] == [1, 2, 3, 4, 5]
    assert r["truncated"] is True and "5 rows" in r["note"]


def test_cypher_timeout_stops_a_long_query_with_504(neo4j_settings, driver):
    settings = neo4j_settings.model_copy(update={"cypher_timeout_s": 0.5})
    with TestClient(create_app(settings)) as c:
        r = c.post("/api/cypher", json={
            "query": "UNWIND range(1, 2000000000) AS i WITH i WHERE i % 7 = 99 RETURN count(i)"})
    assert r.status_code == 504
    assert "0.5 s" in r.json()["detail"]


def test_empty_cypher_is_422_naming_query(client):
    r = client.post("/api/cypher", json={"query": ""})
    assert r.status_code == 422 and "'query'" in r.json()["detail"]


# --- graph ----------------------------------------------------------------------------------


def test_graph_returns_vis_network_nodes_and_edges_around_a_person(client):
    r = client.get("/api/graph", params={"ids": WEI, "depth": 1})
    assert r.status_code == 200
    g = r.json()
    nodes = {n["id"]: n for n in g["nodes"]}
    assert nodes[WEI]["label"] == "魏成舟" and nodes[WEI]["group"] == "Person"
    assert nodes[WEI]["color"] and nodes[WEI]["shape"]
    assert "org:510107:武侯区人民政府" in nodes
    holds = [e for e in g["edges"] if e["type"] == "HOLDS"]
    assert len(holds) == 3 and all(e["from"] == WEI for e in holds)
    assert all(e["to"] in nodes for e in g["edges"])
    assert g["truncated"] is False


def test_graph_filters_by_relationship_type_and_label(client):
    g = client.get("/api/graph", params={"ids": WEI, "rel_types": "HOLDS",
                                         "labels": "Organization"}).json()
    assert {n["group"] for n in g["nodes"]} == {"Person", "Organization"}
    assert {e["type"] for e in g["edges"]} == {"HOLDS"}


def test_graph_limit_truncates_and_says_so(client):
    g = client.get("/api/graph", params={"ids": WEI, "depth": 2, "limit": 4}).json()
    assert len(g["nodes"]) == 4 and g["truncated"] is True


def test_graph_with_unknown_relationship_type_is_422_naming_it(client):
    r = client.get("/api/graph", params={"ids": WEI, "rel_types": "LOVES"})
    assert r.status_code == 422 and "'rel_types'" in r.json()["detail"] and "LOVES" in r.json()["detail"]
    r = client.get("/api/graph", params={"ids": WEI, "depth": 9})
    assert r.status_code == 422 and "'depth'" in r.json()["detail"]


def test_graph_of_an_unknown_id_is_404(client):
    r = client.get("/api/graph", params={"ids": "person:510107:无此人"})
    assert r.status_code == 404 and "person:510107:无此人" in r.json()["detail"]


# --- health ---------------------------------------------------------------------------------


def test_healthz_says_neo4j_is_up(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json()["neo4j"] == "up"


def test_openapi_documents_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/entities/{entity_id}", "/api/search", "/api/cypher", "/api/graph",
            "/healthz"} <= set(paths)
    assert client.get("/docs").status_code == 200


def test_openapi_has_one_operation_per_named_query_with_its_parameters(client):
    paths = client.get("/openapi.json").json()["paths"]
    for q in client.get("/api/queries").json():
        op = paths[f"/api/queries/{q['name']}"]["get"]
        declared = {p["name"]: p["required"] for p in op["parameters"]}
        assert declared == {p["name"]: p["required"] for p in q["params"]}, q["name"]
        assert f"/api/queries/{q['name']}/viz" in paths
    holders = paths["/api/queries/title_holders"]["get"]
    assert holders["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/TitleHoldersAnswer")


def test_named_query_refuses_a_missing_required_parameter_naming_it(client):
    r = client.get("/api/queries/title_holders")
    assert r.status_code == 422 and "'title'" in r.json()["detail"]


def test_lists_refuse_an_offset_past_the_documented_maximum(client):
    r = client.get("/api/persons", params={"offset": 10**20})
    assert r.status_code == 422 and "'offset'" in r.json()["detail"]
    assert client.get("/api/persons", params={"offset": 1_000_000}).json()["items"] == []


def test_integer_parameters_are_whole_numbers_in_digits(client):
    for params in ({"offset": "1.0"}, {"limit": "1e1"}):
        r = client.get("/api/persons", params=params)
        assert r.status_code == 422 and "whole number" in r.json()["detail"], params
    r = client.get("/api/queries/meetings", params={"year": "2024.0"})
    assert r.status_code == 422 and "'year'" in r.json()["detail"]


def test_graph_refuses_ids_that_are_only_commas_and_spaces(client):
    r = client.get("/api/graph", params={"ids": " , "})
    assert r.status_code == 422 and "'ids'" in r.json()["detail"]
