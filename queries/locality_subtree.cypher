// Everything recorded in a locality and every place under it (via PART_OF): the notices about each place, the bodies, meetings and sites in it, and the people holding posts in those bodies.
// @param locality: str = 忻州市 — the root place (name or GB/T 2260 code)
// @param label: label = Organization — only entities with this label (Document, Organization, Meeting, Site, Person, Locality)
// @param limit: int = 500 — at most this many rows
// @column locality — the place the entity is recorded in (the root or a place under it)
// @column locality_code — its GB/T 2260 code where known
// @column depth — how many PART_OF steps the place is below the root (0 = the root)
// @column label — the entity's label
// @column id — the entity's node id
// @column name — the entity's name (a notice's title)
// @column via — how the entity belongs to the place (IN, ABOUT, HOLDS a post in a body IN it, PART_OF)
MATCH (root:Locality) WHERE root.name = $locality OR root.code = $locality
MATCH path = (l:Locality)-[:PART_OF*0..]->(root)
WITH DISTINCT l, min(length(path)) AS depth
CALL (l) {
  MATCH (x)-[:IN]->(l) RETURN x, 'IN' AS via
  UNION
  MATCH (x:Document)-[:ABOUT]->(l) RETURN x, 'ABOUT' AS via
  UNION
  MATCH (x:Person)-[:HOLDS]->(:Organization)-[:IN]->(l) RETURN DISTINCT x, 'HOLDS' AS via
  UNION
  MATCH (x:Locality)-[:PART_OF]->(l) RETURN x, 'PART_OF' AS via
}
WITH l, depth, x, via, head(labels(x)) AS label
WHERE $label IS NULL OR $label IN labels(x)
RETURN l.name AS locality, l.code AS locality_code, depth, label, x.id AS id,
       coalesce(x.title, x.name) AS name, via
ORDER BY depth, locality, label, name
LIMIT CASE WHEN $limit IS NULL THEN 500 ELSE $limit END
