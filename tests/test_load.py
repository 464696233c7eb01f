"""Loading into the real test Neo4j: idempotence, replacement, forget, crash + rerun, provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factories import ev, luanzhou_notice, title, xinfu_notice

from bench.bench_load import synthetic_records
from ingest.records import Person
from kg.errors import UserError
from kg.load import forget, ingest_paths, load_records

# the user's real sample notices live beside the checkout, in ../shared (as in CI)
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture
def db(neo4j_settings):
    return neo4j_settings.neo4j_database


def counts(driver, database) -> tuple[int, int]:
    recs, _, _ = driver.execute_query(
        "CALL () { MATCH (n) RETURN count(n) AS n } CALL () { MATCH ()-[r]->() RETURN count(r) AS r } "
        "RETURN n, r", database_=database)
    return recs[0]["n"], recs[0]["r"]


def dump(driver, database) -> tuple[list, list]:
    """The graph in a canonical order, to compare two graphs exactly."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS l, properties(n) AS p ORDER BY n.id", database_=database)
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS a, b.id AS b, properties(r) AS p "
        "ORDER BY t, a, b, r.key", database_=database)
    norm = lambda p: sorted((k, str(v)) for k, v in p.items())  # noqa: E731
    return ([(r["l"], norm(r["p"])) for r in nodes],
            [(r["t"], r["a"], r["b"], norm(r["p"])) for r in rels])


def sources_of(driver, database, cypher: str, **params) -> list[list[str]]:
    recs, _, _ = driver.execute_query(cypher, params, database_=database)
    return [r["sources"] for r in recs]


def test_ingesting_the_same_notices_again_creates_nothing(graph, db):
    first = load_records([xinfu_notice(), luanzhou_notice()], graph, db)
    before = counts(graph, db)
    second = load_records([xinfu_notice(), luanzhou_notice()], graph, db)
    assert first.added == 2 and first.relationships_created > 20
    assert second.unchanged == 2 and second.relationships_created == 0 and second.nodes_created == 0
    assert counts(graph, db) == before


def test_every_relationship_has_aligned_sources_and_evidence(graph, db):
    load_records([xinfu_notice(), luanzhou_notice(), xinfu_notice("/corpus/copy.txt")], graph, db)
    recs, _, _ = graph.execute_query(
        "MATCH ()-[r]->() RETURN r.key AS key, r.sources AS s, r.evidence AS e", database_=db)
    assert recs
    for r in recs:
        assert r["key"] and len(r["s"]) >= 1 and len(r["s"]) == len(r["e"])
        assert all(isinstance(x, str) and x for x in r["e"])


#: A second notice (another text) stating the same facts: not a repost of the first.
OTHER_TEXT = "另一份通知的全文"


def test_shared_fact_lists_both_notices_with_their_sentences(graph, db):
    load_records([xinfu_notice("/corpus/a.txt"), xinfu_notice("/corpus/b.txt", text=OTHER_TEXT)],
                 graph, db)
    recs, _, _ = graph.execute_query(
        "MATCH (:Person {name: '秦向东'})-[r:HOLDS {title: '区政府区长'}]->(o) "
        "RETURN r.sources AS s, r.evidence AS e, o.name AS o", database_=db)
    assert len(recs) == 1 and recs[0]["o"] == "忻府区人民政府"
    assert len(recs[0]["s"]) == 2 and len(set(recs[0]["e"])) == 1


def test_xinfu_sits_under_xinzhou_under_shanxi(graph, db):
    load_records([xinfu_notice()], graph, db)
    recs, _, _ = graph.execute_query(
        "MATCH p = (:Locality {name: '忻府区'})-[:PART_OF]->(:Locality {name: '忻州市'})"
        "-[:PART_OF]->(s:Locality {name: '山西省'}) RETURN s.code AS code, "
        "[r IN relationships(p) | r.evidence[0]] AS ev", database_=db)
    assert recs[0]["code"] == "140000"
    assert recs[0]["ev"] == ["gazetteer: GB/T 2260", "gazetteer: GB/T 2260"]


def test_changed_notice_replaces_its_facts_while_shared_facts_stay(graph, db):
    load_records([xinfu_notice("/corpus/a.txt"), xinfu_notice("/corpus/b.txt", text=OTHER_TEXT)],
                 graph, db)
    edited = xinfu_notice("/corpus/a.txt", text="修改后的全文", extra_persons=[
        Person("何冬英", [title("副区长", "", "副区长")], evidence=ev("副区长何冬英出席。"))])
    edited.relations = [r for r in edited.relations if r.p != "inspected"]
    report = load_records([edited], graph, db)
    assert report.replaced == 1
    docs, _, _ = graph.execute_query("MATCH (d:Document) RETURN d.id AS id, d.source AS s",
                                     database_=db)
    a_id = next(r["id"] for r in docs if r["s"].endswith("a.txt"))
    b_id = next(r["id"] for r in docs if r["s"].endswith("b.txt"))
    # the inspection only b asserts now
    assert sources_of(graph, db, "MATCH ()-[r:INSPECTED]->() RETURN r.sources AS sources") == [
        [b_id]]
    # the new fact is there, from a only
    assert sources_of(graph, db, "MATCH (:Person {name: '何冬英'})-[r:HOLDS]->() "
                                 "RETURN r.sources AS sources") == [[a_id]]
    # the shared post keeps both notices
    shared = sources_of(graph, db, "MATCH (:Person {name: '秦向东'})-[r:HOLDS {title: '区委副书记'}]"
                                   "->() RETURN r.sources AS sources")
    assert len(shared) == 1 and sorted(shared[0]) == sorted([a_id, b_id])
    text, _, _ = graph.execute_query("MATCH (d:Document {id: $id}) RETURN d.text AS t", id=a_id,
                                     database_=db)
    assert text[0]["t"] == "修改后的全文"


def test_changed_notice_alone_leaves_no_stale_nodes(graph, db):
    load_records([xinfu_notice("/corpus/a.txt")], graph, db)
    edited = xinfu_notice("/corpus/a.txt", text="改")
    edited.relations = [r for r in edited.relations if r.p != "inspected"]
    load_records([edited], graph, db)
    sites, _, _ = graph.execute_query("MATCH (s:Site) RETURN count(s) AS n", database_=db)
    assert sites[0]["n"] == 0
    fresh_graph_counts = counts(graph, db)
    graph.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    load_records([edited], graph, db)
    assert counts(graph, db) == fresh_graph_counts


def test_forget_removes_a_notice_and_only_its_facts(graph, db):
    load_records([xinfu_notice("/corpus/a.txt"), xinfu_notice("/corpus/b.txt"), luanzhou_notice()],
                 graph, db)
    with_both = counts(graph, db)
    rep = forget(graph, db, "luanzhou_letters.txt")
    assert rep.source.endswith("luanzhou_letters.txt") and rep.relationships_deleted > 0
    names, _, _ = graph.execute_query("MATCH (p:Person) RETURN collect(p.name) AS n", database_=db)
    assert "章雪川" not in names[0]["n"] and "秦向东" in names[0]["n"]
    graph_without_luanzhou = counts(graph, db)
    assert graph_without_luanzhou < with_both
    forget(graph, db, "/corpus/a.txt")
    holds = sources_of(graph, db, "MATCH (:Person {name: '秦向东'})-[r:HOLDS]->() "
                                  "RETURN r.sources AS sources")
    assert holds and all(len(s) == 1 for s in holds)
    docs, _, _ = graph.execute_query("MATCH (d:Document) RETURN count(d) AS n", database_=db)
    assert docs[0]["n"] == 1


def test_forgetting_an_unknown_notice_is_a_user_error(graph, db):
    with pytest.raises(UserError, match="No notice"):
        forget(graph, db, "doc:0000000000000000")


class Killed(Exception):
    pass


def test_a_run_killed_half_way_and_rerun_ends_in_the_same_graph(graph, db):
    records = synthetic_records(40, seed=7)
    load_records(records, graph, db, batch_size=8)
    reference = dump(graph, db)
    graph.execute_query("MATCH (n) DETACH DELETE n", database_=db)

    def die(n, report):
        if n == 2:
            raise Killed

    with pytest.raises(Killed):
        load_records(synthetic_records(40, seed=7), graph, db, batch_size=8, on_batch=die)
    partial = counts(graph, db)
    assert 0 < partial[1] < sum(1 for _ in reference[1])
    rerun = load_records(synthetic_records(40, seed=7), graph, db, batch_size=8)
    assert rerun.unchanged == 16 and rerun.added == 24
    assert dump(graph, db) == reference


def test_a_fact_many_notices_share_in_one_batch_is_stored_as_when_loaded_one_by_one(graph, db):
    """The loader gathers a batch's rows of one relationship into one MERGE row
    (`kg.load._rel_params`): sources and evidence must come out in the same order, each
    notice once, as when every notice is its own batch."""
    records = synthetic_records(60, seed=11, counties_used=2)
    load_records(records, graph, db, batch_size=1)
    one_by_one = dump(graph, db)
    shared, _, _ = graph.execute_query(
        "MATCH ()-[r]->() WHERE size(r.sources) > 5 RETURN count(r) AS n", database_=db)
    assert shared[0]["n"] > 0  # the corpus has facts many notices of one batch assert
    graph.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    load_records(synthetic_records(60, seed=11, counties_used=2), graph, db, batch_size=60)
    assert dump(graph, db) == one_by_one


def test_rows_of_one_relationship_gather_with_each_notice_once():
    from kg.load import _rel_params
    from kg.resolve import Cite, RelRow

    def row(doc: str, sentence: str, start: int) -> RelRow:
        return RelRow("IN", "org:a", "loc:b", {"since": None}, doc,
                      Cite(sentence, start, start + len(sentence)))

    rows = [row("doc:1", "甲句。", 0), row("doc:2", "乙句。", 7), row("doc:1", "丙句。", 20)]
    (group,) = _rel_params(rows).values()
    assert len(group) == 1
    assert group[0]["docs"] == ["doc:1", "doc:2"]
    assert group[0]["ev"]["evidence"] == ["甲句。", "乙句。"]
    assert group[0]["ev"]["sentence_start"] == [0, 7]
    assert group[0]["props"] == {}


def test_ingesting_with_two_workers_gives_the_graph_of_one(graph, db):
    """With workers, the notices are resolved in a background thread one batch ahead of
    the loader (`kg.load._prefetched`): the graph must be the one-process graph."""
    ingest_paths([SEEDS], workers=1, batch_size=2, driver=graph, database=db)
    one = dump(graph, db)
    graph.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    report = ingest_paths([SEEDS], workers=2, batch_size=2, driver=graph, database=db)
    assert report.read == report.added + report.reposts > 0
    assert report.added == sum(1 for labels, _ in one[0] if labels == ["Document"])
    assert dump(graph, db) == one


def test_ingesting_the_seeds_twice_gives_identical_counts(graph, db, neo4j_settings):
    first = ingest_paths([SEEDS], driver=graph, database=db)
    after_first = counts(graph, db)
    second = ingest_paths([SEEDS], driver=graph, database=db)
    assert first.read == 5 and second.unchanged == 5
    assert counts(graph, db) == after_first
    recs, _, _ = graph.execute_query(
        "MATCH (p:Person)-[s:SIGNED]->(l:ResponsibilityLetter) RETURN collect(p.name) AS n",
        database_=db)
    # the signers the seeds' gold names (read from the gold, not written here)
    gold = SEEDS.parent / "eval" / "seeds.gold.jsonl"
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line]
    signers = {r["s"] for g in records for r in g["relations"] if r["p"] == "signed_letter"
               and r["s"] in {p["name"] for p in g["persons"]}}  # persons, not bodies
    assert signers and signers <= set(recs[0]["n"])


def test_a_failure_while_making_the_next_batch_is_raised_in_the_loaders_thread():
    from kg.load import _prefetched

    def batches():
        yield [1]
        raise ValueError("record 2 is unreadable")

    got = []
    with pytest.raises(ValueError, match="record 2"):
        for batch in _prefetched(batches()):
            got.append(batch)
    assert got == [[1]]


def test_a_loader_that_stops_early_stops_the_prefetching_thread():
    import threading

    from kg.load import _prefetched

    made = []

    def batches():
        for i in range(1000):
            made.append(i)
            yield [i]

    source = _prefetched(batches())
    assert next(source) == [0]
    source.close()
    for t in threading.enumerate():
        if t.name == "kg-load-prefetch":
            t.join(timeout=5)
            assert not t.is_alive()
    assert len(made) <= 3  # one batch ahead, not the whole source


def test_a_statements_rows_are_sent_then_released_and_print_short(graph, db):
    from kg.load import Rows, _write

    rows = [{"id": f"x{i}", "tags": [str(i)]} for i in range(500)]
    sent: list = []

    class Keeping:  # the transaction, noting what the driver was handed
        def __init__(self, tx):
            self.tx = tx

        def run(self, query, **params):
            sent.append(params["rows"])
            return self.tx.run(query, **params)

    with graph.session(database=db) as session:
        tx = session.begin_transaction()
        try:
            counters = _write(Keeping(tx), "UNWIND $rows AS row CREATE (n:ScratchRow "
                                           "{id: row.id, tags: row.tags})", rows)
            stored = tx.run("MATCH (n:ScratchRow) RETURN count(n) AS n").single()["n"]
        finally:
            tx.rollback()
    assert counters.nodes_created == 500 and stored == 500
    # what the driver holds is a copy, emptied once sent; the caller's rows are untouched
    assert len(sent) == 1 and isinstance(sent[0], Rows) and sent[0] == []
    assert len(rows) == 500
    assert repr(Rows(rows)) == "<500 rows>"
