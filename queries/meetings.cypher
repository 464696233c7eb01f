// Who chaired, spoke at and attended each meeting (one row per person and role), or the meetings one person took part in, with the notices and sentences that say so.
// @param person: str = 秦向东 — only meetings this person (by name) chaired, spoke at or attended
// @param person_id: str = person:1409:秦向东 — only meetings of the person with this node id
// @param meeting: str = 安全生产工作会议 — only meetings whose name contains this text
// @param locality: str = 忻府区 — only meetings held in this place or a place within it (name or GB/T 2260 code)
// @param year: int = 2018 — only meetings held in this year
// @column meeting — the meeting as the notice names it
// @column meeting_id — the Meeting node's id
// @column date — the meeting's date
// @column place — the locality the meeting was held in
// @column role — CHAIRED, SPOKE_AT or ATTENDED
// @column person — the person's name
// @column person_id — the person's node id
// @column notices — titles of the notices that report the role
// @column sources — ids of those notices (Document nodes)
// @column evidence — the sentence in each notice, aligned with sources
// The persons first, so that a given id or name is an index seek, not a scan of every role.
CALL () {
  MATCH (p:Person) WHERE $person_id IS NOT NULL AND p.id = $person_id RETURN p
  UNION
  MATCH (p:Person) WHERE $person_id IS NULL AND $person IS NOT NULL AND p.name = $person RETURN p
  UNION
  MATCH (p:Person) WHERE $person_id IS NULL AND $person IS NULL RETURN p
}
MATCH (p)-[r:CHAIRED|SPOKE_AT|ATTENDED]->(m:Meeting)
WHERE ($person IS NULL OR p.name = $person)
  AND ($meeting IS NULL OR m.name CONTAINS $meeting)
  AND ($year IS NULL OR m.date STARTS WITH toString($year))
  AND ($locality IS NULL OR EXISTS {
        MATCH (m)-[:IN]->(:Locality)-[:PART_OF*0..]->(x:Locality)
        WHERE x.name = $locality OR x.code = $locality
      })
OPTIONAL MATCH (m)-[:IN]->(place:Locality)
WITH p, r, m, head(collect(place.name)) AS place
OPTIONAL MATCH (d:Document) WHERE d.id IN r.sources
WITH p, r, m, place, collect(d.title) AS notices
RETURN m.name AS meeting, m.id AS meeting_id, m.date AS date, place, type(r) AS role,
       p.name AS person, p.id AS person_id, notices, r.sources AS sources, r.evidence AS evidence
ORDER BY date, meeting_id,
         CASE role WHEN 'CHAIRED' THEN 0 WHEN 'SPOKE_AT' THEN 1 ELSE 2 END, person
