"""A cluster's URIs: `neo4j://` gives the routing driver, writes go to the leader and reads to
readers, and the loader's managed transactions retry transient errors.

A single Neo4j 5 server answers the routing protocol with itself as router, reader and
writer, so this runs against the test server; on a cluster or Aura (`neo4j+s://`) the same
code reaches the leader for `kg load` and readers for the API."""

from __future__ import annotations

from pathlib import Path

from neo4j import GraphDatabase, RoutingControl

from kg import db, records_io
from kg.bulk import graph_digest
from kg.settings import Settings

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def test_a_neo4j_uri_routes_loads_to_the_writer_and_reads_to_readers(graph, neo4j_settings,
                                                                       tmp_path: Path):
    database = neo4j_settings.neo4j_database
    routed = neo4j_settings.neo4j_uri.replace("bolt://", "neo4j://")
    settings = Settings(NEO4J_URI=routed, NEO4J_USERNAME=neo4j_settings.neo4j_username,
                        NEO4J_PASSWORD=neo4j_settings.neo4j_password, NEO4J_DATABASE=database)
    drv = db.driver(settings)
    try:
        assert type(drv).__name__ == "Neo4jDriver"  # the routing driver, not a direct one
        records_io.extract_to_folder([SAMPLES], tmp_path / "out")
        report = records_io.load_folder(tmp_path / "out", drv, database)  # execute_write
        assert report.added > 10
        table = drv._pool.get_routing_table(database)  # what the driver learnt from ROUTE
        assert table.writers and table.readers
        recs, _, _ = drv.execute_query("MATCH (d:Document) RETURN count(d) AS n",
                                       database_=database, routing_=RoutingControl.READ)
        assert recs[0]["n"] == report.added
    finally:
        drv.close()
    with GraphDatabase.driver(neo4j_settings.neo4j_uri,
                              auth=(neo4j_settings.neo4j_username,
                                    neo4j_settings.neo4j_password)) as direct:
        assert graph_digest(direct, database)[0] > report.added
