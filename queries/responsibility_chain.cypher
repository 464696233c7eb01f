// The responsibility chain (层层签订): the letters a body or place signed and with whom, then the letters those counterparties signed in turn, down to three levels, with dates and the notices that say so.
// @param body: str = 曲靖市 — the top of the chain: a body or place by name (曲靖市人民政府, or the place 曲靖市: every letter signed by or on behalf of a body whose name starts with it) or by node id (org:…, loc:…)
// @column level — 1 for the letters the top signed, 2 for those its counterparties signed, 3 below
// @column signer — the person or body that signed the letter
// @column signer_id — the signer's node id
// @column on_behalf_of — the body the signer acted for (the signer itself when a body signed)
// @column letter — the letter as the notice names it
// @column letter_id — the letter's node id
// @column date — the date of the signing (the event's date, else the notice's)
// @column counterparty — one body or group the letter was signed with (one row per counterparty)
// @column counterparty_id — the counterparty's node id
// @column parent_id — for levels 2 and 3: the counterparty of the level above that signed this letter in turn
// @column sources — ids of the notices that report the signing (Document nodes)
// @column evidence — the sentence in each notice, aligned with sources
// A counterparty signs "in turn" when a later letter is signed by it or on its behalf: the
// signer's body (on_behalf_of, else the signing body's name) starts with the counterparty's
// name (麒麟区 → 麒麟区人民政府). Sets of units (各村, 市直有关部门) sign nothing in turn.
OPTIONAL MATCH (o:Organization {id: $body})
OPTIONAL MATCH (x:Locality {id: $body})
WITH coalesce(o.name, x.name, trim($body)) AS top
WHERE size(top) >= 2
CALL (top) {
  MATCH (s1)-[g1:SIGNED]->(l1:ResponsibilityLetter)
  WHERE coalesce(g1.on_behalf_of, s1.name) STARTS WITH top OR s1.id = $body
  RETURN 1 AS level, l1 AS letter, null AS parent
  UNION
  MATCH (s1)-[g1:SIGNED]->(l1:ResponsibilityLetter)-[:WITH]->(c1:Organization)
  WHERE (coalesce(g1.on_behalf_of, s1.name) STARTS WITH top OR s1.id = $body)
    AND size(c1.name) >= 2 AND NOT c1.name STARTS WITH '各'
  MATCH (s2)-[g2:SIGNED]->(l2:ResponsibilityLetter)
  WHERE l2 <> l1 AND coalesce(g2.on_behalf_of, s2.name) STARTS WITH c1.name
  RETURN 2 AS level, l2 AS letter, c1 AS parent
  UNION
  MATCH (s1)-[g1:SIGNED]->(l1:ResponsibilityLetter)-[:WITH]->(c1:Organization)
  WHERE (coalesce(g1.on_behalf_of, s1.name) STARTS WITH top OR s1.id = $body)
    AND size(c1.name) >= 2 AND NOT c1.name STARTS WITH '各'
  MATCH (s2)-[g2:SIGNED]->(l2:ResponsibilityLetter)-[:WITH]->(c2:Organization)
  WHERE l2 <> l1 AND coalesce(g2.on_behalf_of, s2.name) STARTS WITH c1.name
    AND size(c2.name) >= 2 AND NOT c2.name STARTS WITH '各'
  MATCH (s3)-[g3:SIGNED]->(l3:ResponsibilityLetter)
  WHERE l3 <> l2 AND l3 <> l1 AND coalesce(g3.on_behalf_of, s3.name) STARTS WITH c2.name
  RETURN 3 AS level, l3 AS letter, c2 AS parent
}
WITH letter, min(level) AS level, collect(DISTINCT parent) AS parents
WITH letter, level, [p IN parents WHERE p IS NOT NULL][0] AS parent
MATCH (s)-[g:SIGNED]->(letter)
OPTIONAL MATCH (letter)-[:WITH]->(w:Organization)
RETURN level, s.name AS signer, s.id AS signer_id, coalesce(g.on_behalf_of, s.name) AS on_behalf_of,
       letter.name AS letter, letter.id AS letter_id, coalesce(g.date, letter.date) AS date,
       w.name AS counterparty, w.id AS counterparty_id, parent.id AS parent_id,
       g.sources AS sources, g.evidence AS evidence
ORDER BY level, date, on_behalf_of, letter, counterparty
