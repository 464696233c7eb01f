"""The schema follows the model and applying it twice changes nothing."""

from __future__ import annotations

from kg import schema
from kg.model import NODE_TYPES, REL_TYPES


def test_schema_has_an_id_constraint_per_label_and_a_key_index_per_relationship(graph):
    names = {name for _, name in schema.describe(graph, "neo4j")}
    assert {f"{n.label.lower()}_id" for n in NODE_TYPES} <= names
    assert {f"rel_{r.type.lower()}_key" for r in REL_TYPES} <= names
    assert schema.FULLTEXT_INDEX in names


def test_applying_the_schema_twice_changes_nothing(graph):
    before = schema.describe(graph, "neo4j")
    schema.apply(graph, "neo4j")
    assert schema.describe(graph, "neo4j") == before


def test_fulltext_index_uses_the_cjk_analyzer_and_finds_chinese_names(graph):
    rows, _, _ = graph.execute_query(
        "SHOW FULLTEXT INDEXES YIELD name, options WHERE name = $name RETURN options", name="names")
    assert rows[0]["options"]["indexConfig"]["fulltext.analyzer"] == "cjk"
    graph.execute_query("CREATE (:Person {id: 'person:t:周立新', name: '周立新', aliases: ['周县长']})")
    graph.execute_query("CALL db.awaitIndexes()")
    hits, _, _ = graph.execute_query(
        "CALL db.index.fulltext.queryNodes('names', $q) YIELD node RETURN node.name AS n", q="立新")
    assert [h["n"] for h in hits] == ["周立新"]


def test_duplicate_ids_are_refused(graph):
    import pytest
    from neo4j.exceptions import ConstraintError

    graph.execute_query("CREATE (:Person {id: 'person:t:x', name: 'x'})")
    with pytest.raises(ConstraintError):
        graph.execute_query("CREATE (:Person {id: 'person:t:x', name: 'y'})")
