"""Named queries: header parsing, parameter checking, and the letters question on real Neo4j."""

from __future__ import annotations

import json

import pytest
from factories import luanzhou_notice, xinfu_notice

from kg.errors import UserError
from kg.load import load_records
from kg.query import bind_params, get_query, list_queries, run_cli, run_query


@pytest.fixture
def loaded(graph, neo4j_settings):
    load_records([xinfu_notice(), luanzhou_notice()], graph, neo4j_settings.neo4j_database)
    return graph, neo4j_settings.neo4j_database


def test_every_query_file_has_a_header_with_description_and_columns():
    queries = list_queries()
    assert "responsibility_letters" in [q.name for q in queries]
    for q in queries:
        assert q.description and q.columns and q.cypher.strip()


def test_letters_query_declares_optional_typed_filters():
    q = get_query("responsibility_letters")
    assert {p.name: (p.type, p.required) for p in q.params} == {
        "person": ("str", False), "body": ("str", False), "locality": ("str", False),
        "year": ("int", False)}


def test_unknown_query_is_a_user_error_listing_the_names():
    with pytest.raises(UserError, match="responsibility_letters"):
        get_query("no_such_question")


def test_bad_parameter_value_names_the_parameter():
    q = get_query("responsibility_letters")
    with pytest.raises(UserError, match="'year'"):
        bind_params(q, {"year": "last year"})
    with pytest.raises(UserError, match="'colour'"):
        bind_params(q, {"colour": "red"})


def test_label_and_relationship_type_parameters_take_only_the_models_names():
    subtree, provenance = get_query("locality_subtree"), get_query("provenance")
    assert bind_params(subtree, {"locality": "武侯区", "label": "Person"})["label"] == "Person"
    assert bind_params(provenance, {"type": "HOLDS"})["type"] == "HOLDS"
    with pytest.raises(UserError, match="'type' must be one of HOLDS"):
        bind_params(provenance, {"type": "LOVES"})
    with pytest.raises(UserError, match="'label' must be one of"):
        bind_params(subtree, {"locality": "武侯区", "label": "person"})


def test_letters_query_lists_signers_bodies_counterparties_and_evidence(loaded):
    graph, db = loaded
    res = run_query("responsibility_letters", {}, driver=graph, database=db)
    assert res.columns[:4] == ["signer", "signer_id", "on_behalf_of", "letter"]
    by_signer = {r["signer"]: r for r in res.rows}
    assert set(by_signer) == {"章雪川", "秦向东"}
    zhang = by_signer["章雪川"]
    assert zhang["on_behalf_of"] == "滦州市人民政府"
    assert set(zhang["counterparties"]) == {"镇街", "成员单位"}
    assert zhang["notices"] == ["滦州市签订安全生产责任书"]
    assert "签订安全生产责任书" in zhang["evidence"][0]
    assert by_signer["秦向东"]["on_behalf_of"] == "忻府区人民政府"


def test_letters_query_filters_by_person_body_locality_and_year(loaded):
    graph, db = loaded

    def signers(**params):
        return {r["signer"] for r in run_query("responsibility_letters", params, graph, db).rows}

    assert signers(person="秦向东") == {"秦向东"}
    assert signers(body="滦州市") == {"章雪川"}
    assert signers(locality="山西省") == {"秦向东"}
    assert signers(locality="130200") == {"章雪川"}
    assert signers(year="2019") == {"章雪川"}
    assert signers(year=2017) == set()


def test_cli_prints_json_rows(loaded, capsys, monkeypatch, neo4j_settings):
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.neo4j_uri)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.neo4j_password)
    monkeypatch.setenv("NEO4J_USERNAME", neo4j_settings.neo4j_username)
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_settings.neo4j_database)
    from kg.settings import get_settings

    get_settings.cache_clear()
    try:
        run_cli("responsibility_letters", ["person=章雪川"], "json", False)
    finally:
        get_settings.cache_clear()
    rows = json.loads(capsys.readouterr().out)
    assert [r["signer"] for r in rows] == ["章雪川"]


def test_cli_rejects_an_unknown_format():
    with pytest.raises(UserError, match="format"):
        run_cli("responsibility_letters", [], "yaml", False)


def test_cli_rejects_a_parameter_without_equals_sign():
    with pytest.raises(UserError, match="key=value"):
        run_cli("responsibility_letters", ["person"], "json", False)
