"""Lookups: lists of entities by kind (with search and paging) and one entity with
its relationships and the evidence behind each.

Why the label goes into the Cypher text: Neo4j cannot take a label as a
parameter, and a labelled MATCH on `id` is what makes the lookup use the unique
constraint's index (the latency target). The label always comes from
`kg.model` (chosen by the route or by the id's prefix), never from the request;
every value the request carries is a parameter.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse

from api.db import read
from api.errors import NotFound, responses
from api.models import (
    EntityDetail,
    EntityPage,
    EntitySummary,
)
from api.params import DIGITS, MAX_OFFSET
from api.text import simplified
from kg import identity
from kg.model import NODES, label_for_prefix

router = APIRouter(prefix="/api", tags=["entities"])

#: Properties left out of lists (long or bookkeeping); the entity view drops only `asserts`.
#: A Document's repost fingerprint (kg.dedupe) is bookkeeping in both.
FINGERPRINT = ["minhash", "shingles", "repost_block"]
HIDDEN_IN_LISTS = ["text", "asserts", "content_hash", "complete", *FINGERPRINT]
HIDDEN_IN_DETAIL = ["asserts", *FINGERPRINT]
#: Relationships shown per type in an entity view (`total` says how many there are).
PER_TYPE = 50

#: The list endpoints: URL segment → label (checked against the model at import).
COLLECTIONS: dict[str, str] = {
    "persons": "Person",
    "organizations": "Organization",
    "localities": "Locality",
    "documents": "Document",
    "letters": "ResponsibilityLetter",
    "meetings": "Meeting",
}
assert all(label in NODES for label in COLLECTIONS.values()), "COLLECTIONS out of step with kg.model"


def quoted(label: str) -> str:
    """A label from kg.model, backtick-quoted for the Cypher text."""
    if label not in NODES:
        raise ValueError(f"not a label of the model: {label!r}")
    return "`" + label + "`"


def display_name(props: dict[str, Any]) -> str | None:
    """What to call a node: a notice by its title, anything else by its name."""
    return props.get("title") or props.get("name")


def _filter(hidden: list[str]) -> str:
    return "[k IN keys(n) WHERE NOT k IN " + repr(hidden) + " | [k, n[k]]]"


def list_entities(request: Request, label: str, q: str | None, limit: int,
                  offset: int) -> EntityPage:
    """One page of the nodes of a label, optionally those whose name, alias or title
    contains `q` (Traditional input converted to Simplified first)."""
    text = simplified(q.strip()) if q and q.strip() else None
    where = ("WHERE $q IS NULL OR n.name CONTAINS $q OR n.title CONTAINS $q "
             "OR any(a IN coalesce(n.aliases, []) WHERE a CONTAINS $q)")
    match = f"MATCH (n:{quoted(label)}) {where}"
    total = read(request, f"{match} RETURN count(n) AS total", {"q": text})[0]["total"]
    records = read(
        request,
        f"{match} WITH n ORDER BY coalesce(n.date, '') DESC, n.name, n.id "
        f"SKIP $offset LIMIT $limit RETURN n.id AS id, {_filter(HIDDEN_IN_LISTS)} AS props",
        {"q": text, "offset": offset, "limit": limit})
    items = []
    for r in records:
        props = dict(r["props"])
        items.append(EntitySummary(id=r["id"], label=label, name=display_name(props),
                                   properties=props))
    return EntityPage(items=items, total=total, limit=limit, offset=offset)


def _collection_route(segment: str, label: str) -> None:
    def endpoint(
        request: Request,
        q: Annotated[str | None, Query(description="Text the name, an alias or the title "
                                                   "contains (Simplified or Traditional).")] = None,
        limit: Annotated[int, Query(ge=1, le=500, description="Items per page."), DIGITS] = 50,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description=(
            f"Items to skip, at most {MAX_OFFSET:,}; `total` says how many there are.")), DIGITS] = 0,
    ) -> EntityPage:
        return list_entities(request, label, q, limit, offset)

    endpoint.__name__ = f"list_{segment}"
    endpoint.__doc__ = (f"{NODES[label].description.capitalize()}: the {label} nodes, "
                        "newest first where they carry a date, then by name.")
    router.add_api_route(f"/{segment}", endpoint, methods=["GET"], response_model=EntityPage,
                         summary=f"List {segment}", responses=responses(422, 503))


for _segment, _label in COLLECTIONS.items():
    _collection_route(_segment, _label)


ENTITY_CYPHER = """
MATCH (n:{label} {{id: $id}})
CALL (n) {{
  MATCH (n)-[r]-(m)
  WITH type(r) AS type, startNode(r) = n AS out, r, m
  ORDER BY type, coalesce(r.as_of, r.date, m.date, '') DESC, m.name
  WITH type, count(*) AS total,
       collect({{out: out, props: properties(r), id: m.id, labels: labels(m),
                name: coalesce(m.title, m.name)}})[..$per_type] AS items
  RETURN collect({{type: type, total: total, items: items}}) AS groups
}}
CALL (groups) {{
  UNWIND groups AS g UNWIND g.items AS item UNWIND item.props.sources AS doc
  WITH DISTINCT doc
  MATCH (d:Document {{id: doc}})
  RETURN collect(d {{.id, .title, .source, .date}}) AS notices
}}
RETURN n.id AS id, labels(n) AS labels, {props} AS props, groups, notices
"""


def _label_of(entity_id: str) -> str:
    try:
        return label_for_prefix(entity_id)
    except ValueError:
        prefixes = ", ".join(f"{n.prefix}:" for n in NODES.values())
        raise NotFound(f"No entity with id {entity_id!r}: ids start with one of {prefixes}") from None


def _evidence(props: dict[str, Any], notices: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    sources = props.get("sources") or []
    sentences = props.get("evidence") or []
    return [{"sentence": sentences[i] if i < len(sentences) else None,
             "notice": notices.get(doc) or {"id": doc, "title": None, "source": None,
                                            "date": None}}
            for i, doc in enumerate(sources)]


def get_entity(request: Request, entity_id: str) -> dict[str, Any]:
    """One node, its properties, and its relationships grouped by type with evidence,
    as the JSON of `EntityDetail`.

    Built as plain dicts and sent without re-validation (the route returns a
    JSONResponse): this is the hot path of the explorer, and validating a few dozen
    nested models per request cost more than the Cypher itself at 8 concurrent
    clients. `tests/test_api.py` checks the shape against `EntityDetail`."""
    label = _label_of(entity_id)
    cypher = ENTITY_CYPHER.format(label=quoted(label), props=_filter(HIDDEN_IN_DETAIL))
    records = read(request, cypher, {"id": entity_id, "per_type": PER_TYPE})
    if not records and label == "Person":  # an id merged into another person: the survivor
        survivor = read(request, identity.SURVIVOR_CYPHER, {"id": entity_id})
        if survivor:
            records = read(request, cypher, {"id": survivor[0]["id"], "per_type": PER_TYPE})
    if not records:
        raise NotFound(f"No {label} with id {entity_id!r} in the graph; search for it with "
                       "/api/search?q=<name>.")
    rec = records[0]
    props = dict(rec["props"])
    notices = {d["id"]: d for d in rec["notices"]}
    groups = []
    for g in sorted(rec["groups"], key=lambda g: g["type"]):
        items = []
        for item in g["items"]:
            rprops = dict(item["props"])
            evidence = _evidence(rprops, notices)
            key = rprops.pop("key", None)
            rprops.pop("sources", None)
            rprops.pop("evidence", None)
            other_label = next((lb for lb in item["labels"] if lb in NODES), item["labels"][0])
            items.append({"key": key, "direction": "out" if item["out"] else "in",
                          "properties": rprops,
                          "other": {"id": item["id"], "label": other_label, "name": item["name"]},
                          "evidence": evidence})
        groups.append({"type": g["type"], "total": g["total"], "items": items})
    return {"id": rec["id"], "label": label, "name": display_name(props), "properties": props,
            "relationships": groups}


@router.get("/entities/{entity_id:path}", response_model=EntityDetail, summary="One entity",
            responses=responses(404, 422, 503, why={404: "No entity with this id"}))
def entity(
    request: Request,
    entity_id: Annotated[str, Path(description="The node id, e.g. person:510107:魏成舟.",
                                   examples=["person:510107:魏成舟"])],
) -> JSONResponse:
    """An entity with all its properties and its relationships grouped by type: the
    other end of each, its properties, and the evidence (sentence + notice) behind it."""
    return JSONResponse(get_entity(request, entity_id))
