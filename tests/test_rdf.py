"""RDF export: standard vocabularies, stable IRIs, and SPARQL agreeing with Cypher."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from factories import luanzhou_notice, xinfu_notice
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS

from kg.errors import UserError
from kg.load import ingest_paths, load_records
from kg.query import run_query
from kg.rdf import check_format, iter_graphs, node_iri, to_graph

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


# --- evidence as Web Annotations with positions (issue 13 item 5) ----------------------------

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
OA = Namespace("http://www.w3.org/ns/oa#")


@dataclass
class Placed:
    """One annotation as a reader walks it: the Document's text, the quote, the
    sentence's position and the mention's (refined) position, None where absent."""

    ann: URIRef
    doc: URIRef
    text: str
    exact: str
    start: int | None
    end: int | None
    ms: int | None
    me: int | None


def annotations(g: Graph) -> list[Placed]:
    """Every oa:Annotation of `g`, walked with rdflib's graph API (SPARQL joins of this
    shape are slow in rdflib's engine)."""
    out = []
    for ann in g.subjects(RDF.type, OA.Annotation):
        target = g.value(ann, OA.hasTarget)
        doc = g.value(target, OA.hasSource)
        exact, start, end, ms, me = "", None, None, None, None
        for sel in g.objects(target, OA.hasSelector):
            kind = g.value(sel, RDF.type)
            if kind == OA.TextQuoteSelector:
                exact = str(g.value(sel, OA.exact))
            elif kind == OA.TextPositionSelector:
                start, end = int(g.value(sel, OA.start)), int(g.value(sel, OA.end))
                refined = g.value(sel, OA.refinedBy)
                if refined is not None:
                    ms, me = int(g.value(refined, OA.start)), int(g.value(refined, OA.end))
        text = g.value(doc, DCTERMS.description)
        out.append(Placed(ann, doc, str(text) if text is not None else "", exact, start, end,
                          ms, me))
    return out


@pytest.fixture
def samples_graph(graph, neo4j_settings):
    """A Simplified, a Traditional and an HTML sample, ingested as a user would."""
    db = neo4j_settings.neo4j_database
    ingest_paths([SAMPLES / "01_wuhou_anweihui.txt", SAMPLES / "08_daoli_fanti.txt",
                  SAMPLES / "03_gaoyao_jiancha.html"], driver=graph, database=db)
    return graph, db


def test_every_positioned_evidence_slices_the_document_text(samples_graph):
    graph, db = samples_graph
    back = _reparsed(to_graph(graph, db), "turtle")
    placed = annotations(back)
    positioned = [a for a in placed if a.start is not None]
    assert len(positioned) > 50 and all(a.exact for a in placed)  # every one has its quote
    mentions = traditional = 0
    for a in positioned:
        assert a.text[a.start:a.end] == a.exact, (str(a.ann), a.start, a.end)
        if a.ms is not None:
            assert 0 <= a.ms < a.me <= a.end - a.start
            assert a.text[a.start + a.ms:a.start + a.me] == a.exact[a.ms:a.me]
            mentions += 1
        traditional += "會議" in a.exact
    assert mentions > 20 and traditional > 0  # a Traditional notice is quoted in Traditional
    # the quote selector is refined by the same mention as the position selector
    for a in positioned:
        if a.ms is not None:
            target = back.value(a.ann, OA.hasTarget)
            refined = {back.value(sel, OA.refinedBy) for sel in back.objects(target, OA.hasSelector)}
            assert len(refined) == 1


def test_the_evidence_of_a_named_fact_points_at_its_sentence_and_mention(samples_graph):
    graph, db = samples_graph
    rows, _, _ = graph.execute_query(
        "MATCH (p:Person)-[r:CHAIRED]->(:Meeting) MATCH (d:Document) WHERE d.id IN r.sources "
        "AND d.text CONTAINS '會議' RETURN r.key AS key, d.id AS doc, p.name AS name",
        database_=db)
    assert rows
    key, doc, name = rows[0]["key"], rows[0]["doc"], rows[0]["name"]
    back = _reparsed(to_graph(graph, db), "nt")
    got = [a for a in annotations(back) if f"/evidence/{key}/" in str(a.ann)]
    assert len(got) == 1 and got[0].doc == node_iri(doc)
    a = got[0]
    mention = a.exact[a.ms:a.me]
    assert len(mention) == len(name) and mention != name  # 鄭博文 as written, not 郑博文


def test_streamed_chunks_keep_each_annotation_whole(samples_graph):
    graph, db = samples_graph
    whole = to_graph(graph, db)
    parts = list(iter_graphs(graph, db, chunk=7))
    assert len(parts) > 10
    union = Graph()
    for part in parts:
        back = _reparsed(part, "nt")  # each chunk stands alone, as the stream writes it
        for a in annotations(back):
            assert a.exact and (a.start is None) == (a.end is None)
        union += part
    assert len(union) == len(whole)


def test_a_url_source_is_also_a_link(graph, neo4j_settings, tmp_path):
    db = neo4j_settings.neo4j_database
    page = tmp_path / "page.html"
    page.write_text((SAMPLES / "03_gaoyao_jiancha.html").read_text(encoding="utf-8").replace(
        "<head>", '<head><link rel="canonical" href="https://www.example.gov.cn/a/1.html">'),
        encoding="utf-8")
    ingest_paths([page], driver=graph, database=db)
    g = to_graph(graph, db)
    docs = list(g.subjects(URIRef("https://schema.org/url"),
                           URIRef("https://www.example.gov.cn/a/1.html")))
    assert len(docs) == 1
