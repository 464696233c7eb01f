// Which localities invoke a principle or slogan (党政同责, 一岗双责…), year by year: how many notices about each place invoke it, with the sentences.
// @param principle: str = 党政同责 — only principles whose text contains this
// @param locality: str = 山西省 — only notices about this place or a place within it (name or GB/T 2260 code)
// @param year: int = 2018 — only notices dated in this year
// @column principle — the slogan as invoked
// @column locality — the place the invoking notices are about
// @column locality_code — its GB/T 2260 code where known
// @column level — its level (province, city, county, town…)
// @column year — the year of the notices (null when the notices carry no date)
// @column notices — how many notices about the place invoke the principle that year
// @column first_date — the earliest such notice's date
// @column last_date — the latest such notice's date
// @column sources — ids of the notices (Document nodes)
// @column evidence — the invoking sentence in each notice, aligned with sources
MATCH (d:Document)-[i:INVOKES]->(pr:Principle)
WHERE ($principle IS NULL OR pr.name CONTAINS $principle)
  AND ($year IS NULL OR d.date STARTS WITH toString($year))
MATCH (d)-[:ABOUT]->(l:Locality)
WHERE $locality IS NULL OR EXISTS {
        MATCH (l)-[:PART_OF*0..]->(x:Locality) WHERE x.name = $locality OR x.code = $locality
      }
WITH pr, l, CASE WHEN d.date IS NULL THEN null ELSE substring(d.date, 0, 4) END AS year, d, i
ORDER BY d.date
WITH pr, l, year, collect(d) AS docs,
     collect(coalesce([k IN range(0, size(i.sources) - 1) WHERE i.sources[k] = d.id | i.evidence[k]][0],
                      i.evidence[0])) AS evidence
RETURN pr.name AS principle, l.name AS locality, l.code AS locality_code, l.level AS level,
       year, size(docs) AS notices, docs[0].date AS first_date, docs[-1].date AS last_date,
       [x IN docs | x.id] AS sources, evidence
ORDER BY principle, year, locality
