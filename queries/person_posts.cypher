// The posts a person held over time: each title in each body, as of the dates the notices give, with the notices and sentences that say so.
// @param person: str = 秦向东 — the person's name (every person of that name, in every jurisdiction)
// @param person_id: str = person:1409:秦向东 — the person's node id (one person), or an id merged into it
// @column person — the person's name
// @column person_id — the person's node id
// @column title — the title as written (区政府区长)
// @column role — the post within the body (区长)
// @column organization — the body the post is in (canonical name)
// @column organization_id — the body's node id
// @column as_of — the date the notice reports the post on
// @column notices — titles of the notices that state the post
// @column sources — ids of those notices (Document nodes)
// @column evidence — the sentence in each notice, aligned with sources
// The person first: a given id or name is an index seek, not a scan of every post. An id
// merged into another person (kg resolve --accept) finds the survivor: its merged_ids (same
// name) or the accept verdict.
CALL () {
  MATCH (p:Person) WHERE $person_id IS NOT NULL AND p.id = $person_id RETURN p
  UNION
  MATCH (p:Person) WHERE $person_id IS NOT NULL AND p.name = last(split($person_id, ':'))
    AND $person_id IN coalesce(p.merged_ids, []) RETURN p
  UNION
  MATCH (v:Verdict {verdict: 'accept'}) WHERE $person_id IS NOT NULL AND v.merged = $person_id
  MATCH (p:Person {id: v.survivor}) RETURN p
  UNION
  MATCH (p:Person) WHERE $person_id IS NULL AND $person IS NOT NULL AND p.name = $person RETURN p
  UNION
  MATCH (p:Person) WHERE $person_id IS NULL AND $person IS NULL RETURN p
}
MATCH (p)-[h:HOLDS]->(o:Organization)
WHERE ($person IS NULL OR p.name = $person)
OPTIONAL MATCH (d:Document) WHERE d.id IN h.sources
WITH p, h, o, collect(d.title) AS notices
RETURN p.name AS person, p.id AS person_id, h.title AS title, h.role AS role,
       o.name AS organization, o.id AS organization_id, h.as_of AS as_of, notices,
       h.sources AS sources, h.evidence AS evidence
ORDER BY person_id, as_of, organization, title
