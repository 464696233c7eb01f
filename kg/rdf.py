"""RDF export with rdflib: the graph in standard vocabularies.

Why these vocabularies: analysts outside Neo4j should be able to read the graph
with tools that already know W3C ORG (bodies, posts), FOAF (persons), DCTERMS
(documents), PROV-O (where a fact comes from) and Web Annotation (the quoted
sentence). What has no standard term lives in one project namespace,
``https://w3id.org/anquan-kg/ns#`` (prefix ``kg:``), documented in docs/MODEL.md.

Mapping (classes and properties per label and type come from `kg.model`'s
`rdf_class` / `rdf_property`):
- every node → ``<https://w3id.org/anquan-kg/id/<percent-encoded id>>`` (stable:
  node ids are stable), typed with its class, ``rdfs:label`` its name;
- every relationship → the direct triple ``s <rdf_property> o`` plus a statement
  resource ``…/id/rel/<key>`` (an ``rdf:Statement``; for HOLDS an
  ``org:Membership`` with ``org:member``, ``org:organization``, ``org:role`` and
  ``org:memberDuring`` a ``time:Interval`` that contains the ``as_of`` date), with
  ``prov:wasDerivedFrom`` each asserting Document;
- every (relationship, source) pair with a sentence → a W3C Web Annotation
  (``oa:Annotation``, ``oa:hasBody`` the statement, ``oa:hasTarget`` an
  ``oa:SpecificResource`` whose ``oa:hasSource`` is the Document) with two
  selectors of the same sentence, which the Web Annotation model reads as
  alternatives: an ``oa:TextPositionSelector`` (``oa:start``/``oa:end`` = the
  sentence's offsets in the Document's text, ``dcterms:description``: Unicode
  code points, end exclusive, as the model's `sentence_start`/`sentence_end`) and
  an ``oa:TextQuoteSelector`` (``oa:exact`` = the sentence as the notice wrote it).
  The mention (the person's name, the body, the place) is an ``oa:refinedBy`` of
  both: a TextPositionSelector whose offsets count from the sentence's start, as
  the model defines refinement (applied to what the refined selector selected),
  so a consumer that found the sentence by its quote finds the mention too.
  Evidence without a position (-1: gazetteer facts, the title) gets the quote
  selector alone.

Streaming: each relationship carries its own evidence lists, so a relationship's
annotations are written with it and nothing is looked up across chunks (which is
also why the quote has no ``oa:prefix``/``oa:suffix``: they would need the
Document's text at hand for every relationship).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from neo4j import Driver
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SKOS, TIME

from kg.errors import UserError
from kg.model import EVIDENCE_LISTS, NODES, RELS

KG = Namespace("https://w3id.org/anquan-kg/ns#")
ID = Namespace("https://w3id.org/anquan-kg/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")

PREFIXES: dict[str, Namespace] = {
    "kg": KG, "org": ORG, "foaf": FOAF, "prov": PROV, "dcterms": DCTERMS, "oa": OA,
    "schema": SCHEMA, "time": TIME, "skos": SKOS, "rdfs": Namespace(str(RDFS)),
}

#: Output formats: the CLI's name → rdflib's.
FORMATS = {"turtle": "turtle", "json-ld": "json-ld", "nt": "nt"}

#: Node properties with a standard term; the rest become kg:<property>.
NODE_PROPERTY_TERMS: dict[str, URIRef] = {
    "title": DCTERMS.title, "date": DCTERMS.date, "source": DCTERMS.source,
    "publisher": DCTERMS.publisher, "aliases": SKOS.altLabel, "text": DCTERMS.description,
}
#: Bookkeeping that means nothing outside the loader.
#: Bookkeeping, not statements: the retraction list and the repost fingerprint (kg.dedupe).
SKIPPED_PROPERTIES = {"asserts", "complete", "id", "name", "minhash", "shingles", "repost_block"}


def curie(value: str) -> URIRef:
    prefix, _, local = value.partition(":")
    if prefix not in PREFIXES:
        raise ValueError(f"unknown prefix in {value!r}")
    return PREFIXES[prefix][local]


def node_iri(node_id: str) -> URIRef:
    """Stable IRI of a node: its id, percent-encoded, under the project's id space."""
    return ID[quote(node_id, safe="")]


def statement_iri(key: str) -> URIRef:
    return ID[f"rel/{key}"]


def _literal(value: Any, prop: str) -> Literal:
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int | float):
        return Literal(value)
    text = str(value)
    if prop in ("date", "as_of") and len(text) == 10 and text[4] == "-":
        return Literal(text, datatype=XSD.date)
    return Literal(text)


def _add_props(g: Graph, subject: URIRef, props: dict[str, Any]) -> None:
    for prop, value in props.items():
        if prop in SKIPPED_PROPERTIES or value is None:
            continue
        term = NODE_PROPERTY_TERMS.get(prop, KG[prop])
        for v in value if isinstance(value, list) else [value]:
            g.add((subject, term, _literal(v, prop)))
    for source in [props.get("source"), *(props.get("sources") or [])]:
        url = _followable(source)
        if url is not None:  # a source a reader can follow is also a link (schema:url)
            g.add((subject, SCHEMA.url, URIRef(url)))


def _followable(source: Any) -> str | None:
    """An http(s) source as an IRI, or None (a path, upload://, anything doubtful)."""
    from ingest.read import clean_url

    return clean_url(source) if isinstance(source, str) else None


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    return g


def add_node(g: Graph, labels: list[str], props: dict[str, Any]) -> None:
    node_id = props["id"]
    subject = node_iri(node_id)
    for label in labels:
        if label in NODES:
            g.add((subject, RDF.type, curie(NODES[label].rdf_class)))
    name = props.get("name")
    if name:
        g.add((subject, RDFS.label, Literal(name)))
        if "Person" in labels:
            g.add((subject, FOAF.name, Literal(name)))
    g.add((subject, KG.id, Literal(node_id)))
    _add_props(g, subject, props)


def _as_of_interval(g: Graph, statement: URIRef, as_of: str) -> None:
    """A dated post: the membership lasted over an interval that contains `as_of`."""
    interval = BNode()
    instant = BNode()
    g.add((statement, ORG.memberDuring, interval))
    g.add((interval, RDF.type, TIME.Interval))
    g.add((interval, TIME.inside, instant))
    g.add((instant, RDF.type, TIME.Instant))
    g.add((instant, TIME.inXSDDate, _literal(as_of, "date")))


def add_relationship(g: Graph, rel_type: str, from_id: str, to_id: str,
                     props: dict[str, Any]) -> None:
    s, o = node_iri(from_id), node_iri(to_id)
    spec = RELS[rel_type]
    predicate = curie(spec.rdf_property)
    statement = statement_iri(props["key"])
    if rel_type == "HOLDS":
        g.add((s, ORG.hasMembership, statement))
        g.add((statement, RDF.type, ORG.Membership))
        g.add((statement, ORG.member, s))
        g.add((statement, ORG.organization, o))
        role = props.get("role") or props.get("title")
        if role:
            role_iri = ID[f"role/{quote(role, safe='')}"]
            g.add((statement, ORG.role, role_iri))
            g.add((role_iri, RDF.type, ORG.Role))
            g.add((role_iri, RDFS.label, Literal(role)))
        if props.get("title"):
            g.add((statement, KG.title, Literal(props["title"])))
        if props.get("as_of"):
            _as_of_interval(g, statement, props["as_of"])
    else:
        g.add((s, predicate, o))
        g.add((statement, RDF.type, RDF.Statement))
        g.add((statement, RDF.subject, s))
        g.add((statement, RDF.predicate, predicate))
        g.add((statement, RDF.object, o))
        for prop in spec.properties:
            value = props.get(prop)
            if value is not None:
                term = DCTERMS.date if prop == "date" else KG[_camel(prop)]
                g.add((statement, term, _literal(value, prop)))
    g.add((statement, KG.relationshipType, Literal(rel_type)))
    sources = props.get("sources") or []
    lists = {name: list(props.get(name) or []) for name in EVIDENCE_LISTS}
    seen: set[str] = set()
    for i, doc_id in enumerate(sources):
        doc = node_iri(doc_id)
        g.add((statement, PROV.wasDerivedFrom, doc))
        sentence = _entry(lists["evidence"], i)
        if not isinstance(sentence, str) or not sentence:
            continue
        suffix = f"/{i}" if doc_id in seen else ""
        seen.add(doc_id)
        ann = ID[f"evidence/{props['key']}/{quote(doc_id, safe='')}{suffix}"]
        add_annotation(g, ann, statement, doc, sentence,
                       _span(lists, i, "sentence_start", "sentence_end"),
                       _span(lists, i, "mention_start", "mention_end"))


def _entry(values: list[Any], i: int) -> Any:
    return values[i] if 0 <= i < len(values) else None


def _span(lists: dict[str, list[Any]], i: int, start: str, end: str) -> tuple[int, int] | None:
    """Entry `i` of two offset lists, None for -1, a missing entry or a reversed pair."""
    s, e = _entry(lists[start], i), _entry(lists[end], i)
    if isinstance(s, bool) or isinstance(e, bool) or not isinstance(s, int) \
            or not isinstance(e, int) or s < 0 or e < s:
        return None
    return (s, e)


def _position_selector(g: Graph, start: int, end: int) -> BNode:
    selector = BNode()
    g.add((selector, RDF.type, OA.TextPositionSelector))
    g.add((selector, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((selector, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))
    return selector


def add_annotation(g: Graph, ann: URIRef, statement: URIRef, doc: URIRef, sentence: str,
                   sentence_span: tuple[int, int] | None,
                   mention_span: tuple[int, int] | None) -> None:
    """One evidence entry as a Web Annotation on the Document (see the module docstring)."""
    target, quote_selector = BNode(), BNode()
    g.add((ann, RDF.type, OA.Annotation))
    g.add((ann, OA.motivatedBy, OA.describing))
    g.add((ann, OA.hasBody, statement))
    g.add((ann, OA.hasTarget, target))
    g.add((target, RDF.type, OA.SpecificResource))
    g.add((target, OA.hasSource, doc))
    g.add((target, OA.hasSelector, quote_selector))
    g.add((quote_selector, RDF.type, OA.TextQuoteSelector))
    g.add((quote_selector, OA.exact, Literal(sentence)))
    if sentence_span is None:
        return
    start, end = sentence_span
    position = _position_selector(g, start, end)
    g.add((target, OA.hasSelector, position))
    if mention_span is not None and start <= mention_span[0] < mention_span[1] <= end:
        mention = _position_selector(g, mention_span[0] - start, mention_span[1] - start)
        g.add((position, OA.refinedBy, mention))
        g.add((quote_selector, OA.refinedBy, mention))


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


NODES_CYPHER = ("MATCH (n) WHERE n.id IS NOT NULL "
                "RETURN labels(n) AS labels, properties(n) AS props")
RELS_CYPHER = ("MATCH (a)-[r]->(b) WHERE r.key IS NOT NULL "
               "RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props")


def iter_graphs(driver: Driver, database: str, chunk: int = 5000) -> Iterator[Graph]:
    """The Neo4j graph as a series of small rdflib Graphs of about `chunk` nodes or
    relationships each: line-based and prefix-declaring formats (N-Triples,
    Turtle) can be written chunk by chunk, so an export of a large graph never
    holds all its triples in memory."""
    with driver.session(database=database) as session:
        g, n = new_graph(), 0
        for rec in session.run(NODES_CYPHER):
            add_node(g, rec["labels"], rec["props"])
            n += 1
            if n % chunk == 0:
                yield g
                g = new_graph()
        for rec in session.run(RELS_CYPHER):
            if rec["type"] in RELS:
                add_relationship(g, rec["type"], rec["a"], rec["b"], rec["props"])
                n += 1
                if n % chunk == 0:
                    yield g
                    g = new_graph()
        yield g


def to_graph(driver: Driver, database: str) -> Graph:
    """The whole Neo4j graph as one rdflib Graph."""
    whole = new_graph()
    for part in iter_graphs(driver, database):
        whole += part
    return whole


def check_format(format: str) -> str:
    if format not in FORMATS:
        raise UserError(f"Unknown RDF format {format!r}: use turtle, json-ld or nt.")
    return FORMATS[format]


def export_cli(format: str, output: Path | None) -> None:
    """`kg export`: serialise the graph to a file or stdout."""
    from kg import db
    from kg.settings import get_settings

    rdf_format = check_format(format)
    if output is not None and not output.parent.exists():
        raise UserError(f"Folder {output.parent} does not exist: create it or choose another "
                        "--output.")
    drv = db.driver()
    sink = sys.stdout if output is None else open(output, "w", encoding="utf-8")  # noqa: SIM115
    triples = 0
    try:
        database = get_settings().neo4j_database
        if rdf_format == "json-ld":  # one JSON document: built whole
            parts: Iterable[Graph] = [to_graph(drv, database)]
        else:  # N-Triples and Turtle concatenate: streamed chunk by chunk (rdflib's
            # Turtle writer slows down with graph size, so its chunks are small)
            parts = iter_graphs(drv, database, chunk=200 if rdf_format == "turtle" else 5000)
        for part in parts:
            triples += len(part)
            sink.write(part.serialize(format=rdf_format))
    finally:
        drv.close()
        if output is not None:
            sink.close()
    if output is not None:
        print(f"{triples} triples written to {output} (a triple shared by two chunks "
              "counts twice)", file=sys.stderr)
