"""RDF export: standard vocabularies, stable IRIs, and SPARQL agreeing with Cypher."""

from __future__ import annotations

import pytest
from factories import luanzhou_notice, xinfu_notice
from rdflib import Graph

from kg.errors import UserError
from kg.load import load_records
from kg.query import run_query
from kg.rdf import check_format, node_iri, to_graph

PREFIXES = """
PREFIX kg: <https://w3id.org/anquan-kg/ns#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@pytest.fixture
def exported(graph, neo4j_settings):
    db = neo4j_settings.neo4j_database
    load_records([xinfu_notice(), luanzhou_notice()], graph, db)
    return graph, db, to_graph(graph, db)


def _reparsed(g: Graph, fmt: str) -> Graph:
    return Graph().parse(data=g.serialize(format=fmt), format=fmt)


def test_sparql_on_the_parsed_export_answers_who_signed_like_cypher(exported):
    graph, db, g = exported
    back = _reparsed(g, "turtle")
    sparql = {
        (str(r.signer), str(r.letter), str(r.body))
        for r in back.query(PREFIXES + """
            SELECT ?signer ?letter ?body WHERE {
              ?s kg:signed ?l . ?s rdfs:label ?signer . ?l rdfs:label ?letter .
              ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate kg:signed ; rdf:object ?l ;
                  kg:onBehalfOf ?body .
            }""")
    }
    cypher = {(r["signer"], r["letter"], r["on_behalf_of"])
              for r in run_query("responsibility_letters", {}, graph, db).rows}
    assert sparql == cypher and len(cypher) == 2


def test_posts_are_dated_org_memberships(exported):
    _, _, g = exported
    rows = list(g.query(PREFIXES + """
        SELECT ?org ?role ?date WHERE {
          ?m a org:Membership ; org:member ?p ; org:organization ?o ; org:role ?r ;
             org:memberDuring ?i ; kg:title "区政府区长" .
          ?p foaf:name "秦向东" . ?o rdfs:label ?org . ?r rdfs:label ?role .
          ?i a time:Interval ; time:inside ?t . ?t time:inXSDDate ?date .
        }"""))
    assert [(str(a), str(b), str(c)) for a, b, c in rows] == [("忻府区人民政府", "区长", "2018-03-01")]


def test_evidence_is_a_text_quote_annotation_on_the_document(exported):
    _, _, g = exported
    rows = list(g.query(PREFIXES + """
        SELECT ?exact ?title WHERE {
          ?st rdf:predicate kg:signed ; prov:wasDerivedFrom ?doc .
          ?a a oa:Annotation ; oa:hasBody ?st ; oa:hasTarget ?t .
          ?t oa:hasSource ?doc ; oa:hasSelector ?sel . ?sel a oa:TextQuoteSelector ; oa:exact ?exact .
          ?doc dcterms:title ?title .
        }"""))
    assert ("章雪川代表市政府与镇街、成员单位签订安全生产责任书。", "滦州市签订安全生产责任书") in {
        (str(a), str(b)) for a, b in rows}


def test_locality_nesting_uses_sub_organization_of(exported):
    _, _, g = exported
    preds = {str(p) for _, p, _ in g.triples((node_iri("loc:140902"), None, node_iri("loc:140900")))}
    assert preds == {"http://www.w3.org/ns/org#subOrganizationOf"}


def test_iris_are_stable_across_exports(exported):
    graph, db, g = exported
    again = to_graph(graph, db)
    subjects = {s for s in g.subjects() if not s.__class__.__name__ == "BNode"}
    assert subjects == {s for s in again.subjects() if not s.__class__.__name__ == "BNode"}
    assert node_iri("person:140902:秦向东") in subjects


@pytest.mark.parametrize("fmt", ["turtle", "json-ld", "nt"])
def test_each_format_parses_back_to_the_same_number_of_triples(exported, fmt):
    _, _, g = exported
    assert len(_reparsed(g, fmt)) == len(g) > 100


def test_unknown_format_is_a_user_error():
    with pytest.raises(UserError, match="turtle, json-ld or nt"):
        check_format("rdfxml")
