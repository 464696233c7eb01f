"""`kg load DIR --bulk`: neo4j-admin database import full gives the transactional graph.

The import needs a server it may stop and start, so this module runs one of its own
(home under the system temp folder, Bolt KG_TEST_BULK_BOLT_PORT 7704, HTTP
KG_TEST_BULK_HTTP_PORT 7505), borrowing the main home's jars, and stops it at the end.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT, TEST_PASSWORD
from neo4j import GraphDatabase

from bench.gen_corpus import generate
from kg import bulk, records_io, schema, server
from kg.errors import UserError
from kg.load import ingest_paths

SAMPLES = ROOT / "data" / "samples"


@pytest.fixture(scope="module")
def bulk_server():
    home = Path(os.environ.get("KG_TEST_BULK_HOME",
                               Path(tempfile.gettempdir()) / f"neo4j-bulk-{os.getuid()}"))
    config = server.ServerConfig(
        home=home, bolt_port=int(os.environ.get("KG_TEST_BULK_BOLT_PORT", "7704")),
        http_port=int(os.environ.get("KG_TEST_BULK_HTTP_PORT", "7505")), password=TEST_PASSWORD,
        heap="768m", pagecache="256m", jars_from=ROOT / ".neo4j")
    server.install(config, quiet=True)
    server.start(config, timeout=240, quiet=True)
    try:
        yield config
    finally:
        server.stop(config, quiet=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    """(first load, later notices): samples + 150 generated, then 40 more of the same
    counties and officials, so the later ones MERGE into what the first load made."""
    root = tmp_path_factory.mktemp("bulk")
    shutil.copytree(SAMPLES, root / "first" / "samples")
    generate(root / "first" / "generated", 150, seed=5)
    later = generate(root / "all", 190, seed=5)[150:]
    (root / "later").mkdir()
    for path in later:
        shutil.copy(path, root / "later" / path.name)
    return root / "first", root / "later"


def _driver(config: server.ServerConfig):
    return GraphDatabase.driver(config.uri, auth=("neo4j", config.password))


def test_bulk_import_gives_the_transactional_graph_and_takes_incremental_ingest(
        graph, neo4j_settings, bulk_server, corpus, tmp_path):
    first, later = corpus
    db = neo4j_settings.neo4j_database
    folder = tmp_path / "records"
    records_io.extract_to_folder([first], folder, part_rows=50)

    records_io.load_folder(folder, graph, db, batch_size=40)
    transactional = bulk.graph_digest(graph, db)

    with _driver(bulk_server) as drv:  # the bulk server may hold an earlier run's graph
        with drv.session(database=db) as s:
            s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
    # two workers and five buckets: the streamed merge across parts and buckets is
    # what gives the transactional graph
    report = bulk.bulk_load(folder, bulk_server, db, csv_dir=tmp_path / "csv", workers=2,
                            buckets=5)
    assert (report.nodes, report.relationships) == transactional[:2]
    assert report.dropped_relationships == 0
    assert transactional[1] > 2000  # a graph worth comparing
    with _driver(bulk_server) as drv:
        assert bulk.graph_digest(drv, db) == transactional  # ids, types, properties, provenance
        assert schema.describe(drv, db) == schema.describe(graph, db)  # schema made afterwards
        ingest_paths([later], driver=drv, database=db)  # then incremental loads as usual
        after_bulk = bulk.graph_digest(drv, db)
    ingest_paths([later], driver=graph, database=db)
    assert bulk.graph_digest(graph, db) == after_bulk
    assert after_bulk[1] > transactional[1]


def test_bulk_refuses_a_database_that_holds_data(bulk_server, tmp_path):
    folder = tmp_path / "records"
    records_io.extract_to_folder([SAMPLES], folder)
    with _driver(bulk_server) as drv:
        drv.execute_query("MERGE (:Principle {id: 'principle:test', name: 'test'})")
    with pytest.raises(UserError, match="without --bulk"):
        bulk.bulk_load(folder, bulk_server)


def test_the_csv_files_and_the_printed_command(tmp_path):
    folder = tmp_path / "records"
    records_io.extract_to_folder([SAMPLES], folder)
    report = bulk.BulkReport()
    csv = tmp_path / "csv"
    files = bulk.prepare(folder, csv, report, workers=1, buckets=2)
    args = bulk.import_args(files, "neo4j")
    assert args[:4] == ["database", "import", "full", "neo4j"]
    # one header file and one data file per label and type (the parts joined)
    assert f"--nodes=Person={csv / 'nodes_Person.header.csv'},{csv / 'nodes_Person.csv'}" in args
    assert (f"--relationships=HOLDS={csv / 'rels_HOLDS.header.csv'},{csv / 'rels_HOLDS.csv'}"
            in args)
    assert not list(csv.glob("*.part-*.csv"))
    assert "--array-delimiter=U+001F" in args
    assert "--multiline-fields=true" in args  # the notices' text spans lines
    assert f"--threads={2 * (os.cpu_count() or 1)}" in args  # it waits on the disk
    header = (csv / "rels_HOLDS.header.csv").read_text(encoding="utf-8").splitlines()
    assert len(header) == 1  # a header file alone: the parts hold the rows
    assert header[0].startswith('":START_ID",":END_ID","key","sources:string[]",'
                                '"evidence:string[]","sentence_start:long[]"')
    person = (csv / "nodes_Person.header.csv").read_text(encoding="utf-8")
    assert '"id:ID"' in person and '"titles:string[]"' in person
    assert not (csv / "spill").exists()  # the spill files go once merged


def _rows(csv: Path) -> dict[str, tuple[str, list[str]]]:
    """label or type → (header, sorted rows of all its parts)."""
    out = {}
    for header in csv.glob("*.header.csv"):
        group = header.name.removesuffix(".header.csv")
        rows = (csv / f"{group}.csv").read_text(encoding="utf-8").split("\n")
        out[group] = (header.read_text(encoding="utf-8"), sorted(r for r in rows if r))
    return out


def test_the_streamed_merge_does_not_depend_on_parts_buckets_or_workers(tmp_path):
    """One part, one bucket, one process against many small parts, seven buckets and two
    processes: the same rows (provenance lists in the same order, first properties,
    aliases and titles unioned in load order), whatever the bounds."""
    generate(tmp_path / "notices", 80, seed=11)
    shutil.copytree(SAMPLES, tmp_path / "notices" / "samples")
    whole, split = tmp_path / "whole", tmp_path / "split"
    records_io.extract_to_folder([tmp_path / "notices"], whole, part_rows=1000)
    records_io.extract_to_folder([tmp_path / "notices"], split, part_rows=9)
    assert len(records_io.read_manifest(split).parts) > 5
    one = bulk.prepare(whole, tmp_path / "csv1", bulk.BulkReport(), workers=1, buckets=1)
    many = bulk.prepare(split, tmp_path / "csv7", bulk.BulkReport(), workers=2, buckets=7)
    assert (one.node_count, one.rel_count, one.notices) == (many.node_count, many.rel_count,
                                                           many.notices)
    assert one.rel_count > 1000
    assert _rows(tmp_path / "csv1") == _rows(tmp_path / "csv7")
    def norm(empty):
        return {label: {k: sorted(v) for k, v in props.items()} for label, props in empty.items()}

    assert norm(one.empty_lists) == norm(many.empty_lists)
    assert norm(one.list_fixes) == norm(many.list_fixes)
