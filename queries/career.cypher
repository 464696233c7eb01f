// A person's career across the merged identity: every post (HOLDS) and role (chaired, spoke at, attended, read out, signed, inspected) in time order, with the body, the place, the date and the notice that states it; one row per fact and notice.
// @param person_id: str = person:140900:柏怀远 — the person's node id, or an id merged into it (kg resolve --accept): the survivor's career either way
// @param person: str = 柏怀远 — the person's name (every person of that name), when no id is given
// @column person — the person's name
// @column person_id — the person's node id (the survivor of any merge)
// @column date — the date of the post (as_of) or of the event, else the notice's date
// @column kind — post for a HOLDS, else the relationship type (CHAIRED, SPOKE_AT, ATTENDED, READ_OUT, SIGNED, INSPECTED)
// @column title — the title as written for a post; the meeting, directive, letter or site otherwise
// @column role — the post within the body (posts only)
// @column body — the body of the post, or the body a letter was signed on behalf of
// @column place — the body's, meeting's or site's locality (or the inspected place)
// @column notice — the title of the notice that states it
// @column notice_id — that notice's Document id
// @column evidence — the sentence in that notice
// The person first, as an index seek: by id; by an id merged into it (kept in merged_ids of
// the survivor, which has the same name, or named by the accept verdict); or by name.
CALL () {
  MATCH (p:Person) WHERE $person_id IS NOT NULL AND p.id = $person_id RETURN p
  UNION
  MATCH (p:Person) WHERE $person_id IS NOT NULL AND p.name = last(split($person_id, ':'))
    AND $person_id IN coalesce(p.merged_ids, []) RETURN p
  UNION
  MATCH (v:Verdict {verdict: 'accept'}) WHERE $person_id IS NOT NULL AND v.merged = $person_id
  MATCH (p:Person {id: v.survivor}) RETURN p
  UNION
  MATCH (p:Person) WHERE $person_id IS NULL AND NOT ($person IS NULL) AND p.name = $person
  RETURN p
}
CALL (p) {
  MATCH (p)-[h:HOLDS]->(o:Organization)
  OPTIONAL MATCH (o)-[:IN]->(l:Locality)
  UNWIND range(0, size(h.sources) - 1) AS i
  RETURN h.as_of AS date, 'post' AS kind, h.title AS title, h.role AS role, o.name AS body,
         l.name AS place, h.sources[i] AS notice_id, h.evidence[i] AS evidence
  UNION ALL
  MATCH (p)-[r:CHAIRED|SPOKE_AT|ATTENDED]->(m:Meeting)
  OPTIONAL MATCH (m)-[:IN]->(l:Locality)
  UNWIND range(0, size(r.sources) - 1) AS i
  RETURN m.date AS date, type(r) AS kind, m.title AS title, null AS role, null AS body,
         l.name AS place, r.sources[i] AS notice_id, r.evidence[i] AS evidence
  UNION ALL
  MATCH (p)-[r:READ_OUT|SIGNED|INSPECTED]->(x)
  OPTIONAL MATCH (x)-[:IN]->(l:Locality)
  UNWIND range(0, size(r.sources) - 1) AS i
  RETURN r.date AS date, type(r) AS kind, x.name AS title, null AS role,
         r.on_behalf_of AS body, coalesce(l.name, CASE WHEN x:Locality THEN x.name END) AS place,
         r.sources[i] AS notice_id, r.evidence[i] AS evidence
}
OPTIONAL MATCH (d:Document {id: notice_id})
RETURN p.name AS person, p.id AS person_id, coalesce(date, d.date) AS date, kind, title, role,
       body, place, d.title AS notice, notice_id, evidence
ORDER BY person_id, date, kind, title, notice_id
