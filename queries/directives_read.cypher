// Which circulars, plans and other documents were read out or conveyed (宣读, 传达), by whom, when, at which meeting and where, with the notices and sentences that say so.
// @param directive: str = 通报 — only documents whose name contains this text
// @param person: str = 葛小林 — only documents read out by the person of this name
// @param locality: str = 忻州市 — only readings reported by notices about this place or a place within it (name or GB/T 2260 code)
// @param year: int = 2018 — only readings in this year
// @column directive — the document read out, as named
// @column directive_id — the Directive node's id
// @column reader — who read it out
// @column reader_id — the reader's node id
// @column date — when (the event's date, else the notice's)
// @column meetings — the meetings the reporting notices report
// @column places — the localities the reporting notices are about
// @column notices — titles of the reporting notices
// @column sources — ids of those notices (Document nodes)
// @column evidence — the sentence in each notice, aligned with sources
MATCH (p:Person)-[r:READ_OUT]->(dir:Directive)
WHERE ($directive IS NULL OR dir.name CONTAINS $directive)
  AND ($person IS NULL OR p.name = $person)
  AND ($year IS NULL OR r.date STARTS WITH toString($year))
  AND ($locality IS NULL OR EXISTS {
        MATCH (d:Document)-[:ABOUT]->(:Locality)-[:PART_OF*0..]->(x:Locality)
        WHERE d.id IN r.sources AND (x.name = $locality OR x.code = $locality)
      })
OPTIONAL MATCH (d:Document) WHERE d.id IN r.sources
OPTIONAL MATCH (d)-[:REPORTS]->(m:Meeting)
OPTIONAL MATCH (d)-[:ABOUT]->(l:Locality)
WITH p, r, dir, collect(DISTINCT d.title) AS notices, collect(DISTINCT m.name) AS meetings,
     collect(DISTINCT l.name) AS places
RETURN dir.name AS directive, dir.id AS directive_id, p.name AS reader, p.id AS reader_id,
       r.date AS date, meetings, places, notices, r.sources AS sources, r.evidence AS evidence
ORDER BY date, directive, reader
