// The notices and sentences behind relationships: give a relationship's key, or one or two endpoint ids (either direction), optionally a relationship type; one row per relationship and notice.
// @param key: str = 3f2a9c… — the relationship's `key` property
// @param node: str = person:1409:秦向东 — relationships at this node (either end)
// @param other: str = org:140902:中共忻府区委员会 — relationships whose other end is this node
// @param type: reltype = HOLDS — only relationships of this type
// @param limit: int = 1000 — at most this many rows
// @column type — the relationship type
// @column from — the start node's name
// @column from_id — the start node's id
// @column to — the end node's name
// @column to_id — the end node's id
// @column key — the relationship's key
// @column notice_id — the notice (Document) asserting it
// @column notice_title — the notice's title
// @column notice_source — the notice's file or URL
// @column notice_date — the notice's date
// @column sentence — the sentence in that notice that asserts it
// With a node, start from it (its relationships only), not from every relationship.
CALL () {
  MATCH (a)-[r]->(b) WHERE $node IS NOT NULL AND a.id = $node RETURN a, r, b
  UNION
  MATCH (a)-[r]->(b) WHERE $node IS NOT NULL AND b.id = $node RETURN a, r, b
  UNION
  MATCH (a)-[r]->(b) WHERE $node IS NULL RETURN a, r, b
}
WITH a, r, b
WHERE ($key IS NULL OR r.key = $key)
  AND ($other IS NULL OR a.id = $other OR b.id = $other)
  AND ($type IS NULL OR type(r) = $type)
  AND r.sources IS NOT NULL
UNWIND range(0, size(r.sources) - 1) AS k
OPTIONAL MATCH (d:Document {id: r.sources[k]})
RETURN type(r) AS type, a.name AS from, a.id AS from_id, b.name AS to, b.id AS to_id,
       r.key AS key, r.sources[k] AS notice_id, d.title AS notice_title,
       d.source AS notice_source, d.date AS notice_date, r.evidence[k] AS sentence
ORDER BY type, from_id, to_id, notice_date
LIMIT CASE WHEN $limit IS NULL THEN 1000 ELSE $limit END
