// Who signed which responsibility letter (责任书), with whom, on behalf of which body, when, and from which notice, with the sentence that says so.
// @param person: str = 秦向东 — only letters signed by the person of this name
// @param body: str = 滦州市人民政府 — only letters signed on behalf of, or by, the body of this name (part of the name is enough)
// @param locality: str = 忻府区 — only letters from notices about this place or a place within it (name or GB/T 2260 code)
// @param year: int = 2018 — only letters signed in this year
// @column signer — the person or body that signed, issued or handed over the letter
// @column signer_id — the signer's node id
// @column on_behalf_of — the body the signer acted for
// @column letter — the letter as the notice names it
// @column counterparties — the bodies or groups the letter was signed with
// @column date — the date of the signing (the event's date, else the notice's)
// @column notices — titles of the notices that report the signing
// @column sources — ids of those notices (Document nodes)
// @column evidence — the sentence in each notice, aligned with sources
MATCH (s)-[sg:SIGNED]->(l:ResponsibilityLetter)
WHERE ($person IS NULL OR (s:Person AND s.name = $person))
  AND ($body IS NULL OR sg.on_behalf_of CONTAINS $body OR (s:Organization AND s.name CONTAINS $body))
  AND ($year IS NULL OR coalesce(sg.date, l.date) STARTS WITH toString($year))
  AND ($locality IS NULL OR EXISTS {
        MATCH (d:Document)-[:ABOUT]->(:Locality)-[:PART_OF*0..]->(x:Locality)
        WHERE d.id IN sg.sources AND (x.name = $locality OR x.code = $locality)
      })
OPTIONAL MATCH (l)-[:WITH]->(w:Organization)
WITH s, sg, l, collect(DISTINCT w.name) AS counterparties
OPTIONAL MATCH (d:Document) WHERE d.id IN sg.sources
WITH s, sg, l, counterparties, collect(d.title) AS notices
RETURN s.name AS signer, s.id AS signer_id, sg.on_behalf_of AS on_behalf_of, l.name AS letter,
       counterparties, coalesce(sg.date, l.date) AS date, notices, sg.sources AS sources,
       sg.evidence AS evidence
ORDER BY date, signer, letter
