// Officials who appear at the same meetings (chairing, speaking or attending), with how many meetings they shared; the most frequent pairs first.
// @param person: str = 秦向东 — only pairs including the person of this name (that person comes first)
// @param person_id: str = person:1409:秦向东 — only pairs including the person with this node id
// @param min_meetings: int = 2 — only pairs that shared at least this many meetings
// @param limit: int = 50 — at most this many pairs
// @column person — the first official's name
// @column person_id — the first official's node id
// @column other — the second official's name
// @column other_id — the second official's node id
// @column meetings — how many meetings both took part in
// @column meeting_names — the names of those meetings (up to 10)
// @column meeting_ids — the ids of those meetings (up to 10)
// The person first: a given id or name is an index seek, not a scan of every pair.
CALL () {
  MATCH (a:Person) WHERE $person_id IS NOT NULL AND a.id = $person_id RETURN a
  UNION
  MATCH (a:Person) WHERE $person_id IS NULL AND $person IS NOT NULL AND a.name = $person RETURN a
  UNION
  MATCH (a:Person) WHERE $person_id IS NULL AND $person IS NULL RETURN a
}
MATCH (a)-[:CHAIRED|SPOKE_AT|ATTENDED]->(m:Meeting)<-[:CHAIRED|SPOKE_AT|ATTENDED]-(b:Person)
WHERE a <> b
  AND ($person IS NULL OR a.name = $person)
  AND (($person IS NOT NULL OR $person_id IS NOT NULL) OR a.id < b.id)
WITH a, b, collect(DISTINCT m) AS shared
WITH a, b, shared, size(shared) AS meetings
WHERE $min_meetings IS NULL OR meetings >= $min_meetings
RETURN a.name AS person, a.id AS person_id, b.name AS other, b.id AS other_id, meetings,
       [x IN shared[..10] | x.name] AS meeting_names, [x IN shared[..10] | x.id] AS meeting_ids
ORDER BY meetings DESC, person_id, other_id
LIMIT CASE WHEN $limit IS NULL THEN 50 ELSE $limit END
