// Who held a given title (区长, 书记, 局长…) in a given locality at a given date: for each body and person, the latest report of the post on or before the date.
// @param title: str = 区长 — the post: the role itself, or a written title ending with it (区政府区长), deputies (副区长) excluded
// @param locality: str = 忻府区 — only bodies in this place or a place within it (name or GB/T 2260 code)
// @param date: date = 2018-12-31 — only posts reported on or before this day (the latest such report is kept)
// @column person — the holder's name
// @column person_id — the holder's node id
// @column title — the title as written
// @column organization — the body the post is in
// @column organization_id — the body's node id
// @column place — the locality of the body
// @column as_of — the date of the latest report of the post on or before the date
// @column sources — ids of the notices stating the post (Document nodes)
// @column evidence — the sentence in each notice, aligned with sources
MATCH (p:Person)-[h:HOLDS]->(o:Organization)
WHERE (h.role = $title OR h.title = $title
       OR (h.title ENDS WITH $title AND NOT h.title ENDS WITH '副' + $title))
  AND ($date IS NULL OR h.as_of <= $date)
  AND ($locality IS NULL OR EXISTS {
        MATCH (o)-[:IN]->(:Locality)-[:PART_OF*0..]->(x:Locality)
        WHERE x.name = $locality OR x.code = $locality
      })
WITH p, o, h ORDER BY h.as_of DESC
WITH p, o, collect(h)[0] AS h
OPTIONAL MATCH (o)-[:IN]->(place:Locality)
RETURN p.name AS person, p.id AS person_id, h.title AS title, o.name AS organization,
       o.id AS organization_id, head(collect(place.name)) AS place, h.as_of AS as_of,
       h.sources AS sources, h.evidence AS evidence
ORDER BY as_of DESC, organization, person
