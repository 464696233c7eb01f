"""Constraints and indexes, derived from the graph model (`kg.model`).

One uniqueness constraint on `id` per node label, a range index on `name` per
label, a range index on `key` per relationship type (the loader finds
relationships by key), and one full-text index `names` over the names and
aliases of the searchable labels, with Lucene's `cjk` analyzer so Chinese text
is indexed as overlapping character pairs. Everything is IF NOT EXISTS:
applying the schema twice changes nothing.
"""

from __future__ import annotations

from neo4j import Driver

from kg import db
from kg.model import NODE_TYPES, REL_TYPES
from kg.settings import Settings, get_settings

FULLTEXT_INDEX = "names"


def _q(name: str) -> str:
    """Backquote a label or type taken from the model (never user input)."""
    return "`" + name.replace("`", "``") + "`"


def statements() -> list[str]:
    out: list[str] = []
    for n in NODE_TYPES:
        out.append(f"CREATE CONSTRAINT {n.label.lower()}_id IF NOT EXISTS "
                   f"FOR (n:{_q(n.label)}) REQUIRE n.id IS UNIQUE")
        out.append(f"CREATE INDEX {n.label.lower()}_name IF NOT EXISTS FOR (n:{_q(n.label)}) ON (n.name)")
    for n in NODE_TYPES:
        for prop in n.indexed:
            out.append(f"CREATE INDEX {n.label.lower()}_{prop} IF NOT EXISTS "
                       f"FOR (n:{_q(n.label)}) ON (n.{prop})")
    for r in REL_TYPES:
        out.append(f"CREATE INDEX rel_{r.type.lower()}_key IF NOT EXISTS "
                   f"FOR ()-[r:{_q(r.type)}]-() ON (r.key)")
    labels = "|".join(_q(n.label) for n in NODE_TYPES if n.searchable)
    out.append(f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:{labels}) "
               "ON EACH [n.name, n.aliases] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}")
    return out


def apply(driver: Driver, database: str) -> int:
    """Create what is missing and wait until every index is online."""
    for statement in statements():
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    return len(statements())


def describe(driver: Driver, database: str) -> list[tuple[str, str]]:
    """The database's constraints and indexes as (kind, name), sorted: what a test compares."""
    cons, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name", database_=database)
    idx, _, _ = driver.execute_query("SHOW INDEXES YIELD name RETURN name", database_=database)
    return sorted([("constraint", r["name"]) for r in cons] + [("index", r["name"]) for r in idx])


def init(settings: Settings | None = None) -> int:
    """`kg init`: apply the schema to the configured database."""
    s = settings or get_settings()
    drv = db.driver(s)
    try:
        return apply(drv, s.neo4j_database)
    finally:
        drv.close()
