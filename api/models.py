"""Pydantic response models: the API's contract, and what /docs shows.

Why explicit models instead of returning whatever Neo4j gives: the JSON shape is
what other tools and the explorer code against, so it is declared once here and
validated on the way out (a query change that breaks the shape fails a test, not
a client).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from typing_extensions import TypeAliasType


class ErrorBody(BaseModel):
    """Every error answer: one sentence saying what went wrong and what to do."""

    detail: str = Field(description="What went wrong, and what to do about it.")


class NodeRef(BaseModel):
    """A node as a reference: enough to show it and to fetch it."""

    id: str
    label: str
    name: str | None = None


class EntitySummary(NodeRef):
    """A node in a list: its id, label, name and stored properties (a notice's full
    text and bookkeeping left out; fetch /api/entities/{id} for everything)."""

    properties: dict[str, Any] = Field(default_factory=dict)


class EntityPage(BaseModel):
    items: list[EntitySummary]
    total: int = Field(description="How many entities match, across all pages.")
    limit: int
    offset: int


class NoticeRef(BaseModel):
    """The notice (Document node) a piece of evidence comes from."""

    id: str
    title: str | None = None
    source: str | None = None
    date: str | None = None


class Evidence(BaseModel):
    sentence: str | None
    notice: NoticeRef


class RelationshipView(BaseModel):
    """One relationship seen from the entity: the other end and why we believe it."""

    key: str | None = None
    direction: Literal["out", "in"] = Field(
        description="out: the entity is the start node; in: the entity is the end node.")
    properties: dict[str, Any] = Field(default_factory=dict)
    other: NodeRef
    evidence: list[Evidence] = Field(default_factory=list)


class RelationshipGroup(BaseModel):
    type: str
    total: int = Field(description="How many relationships of this type the entity has.")
    items: list[RelationshipView] = Field(
        description="The relationships, up to the per-type limit (see `total`).")


class EntityDetail(NodeRef):
    properties: dict[str, Any]
    relationships: list[RelationshipGroup]


class SearchHit(EntitySummary):
    score: float | None = Field(None, description="Full-text relevance (null for the "
                                                  "one-character fallback).")


class SearchAnswer(BaseModel):
    query: str = Field(description="The query as searched (Traditional converted to Simplified).")
    method: Literal["fulltext", "prefix", "contains"] = Field(
        description="fulltext: the `names` index; prefix: one-character (surname) fallback; "
                    "contains: the index is missing or found nothing, names were scanned.")
    hits: list[SearchHit]


class ParamView(BaseModel):
    name: str
    type: str
    required: bool
    example: str | None = None
    description: str


class ColumnView(BaseModel):
    name: str
    description: str


class QueryView(BaseModel):
    name: str
    description: str
    params: list[ParamView]
    columns: list[ColumnView]
    cypher: str


class QueryAnswer(BaseModel):
    """The answer of a named query or of /api/cypher: columns and rows, as `kg query` prints."""

    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = Field(False, description="True when the row limit cut the answer.")
    note: str | None = Field(None, description="Why the answer was cut, when it was.")


#: A Cypher parameter value: JSON, with integers in Neo4j's signed 64-bit range (a larger
#: integer cannot be sent to Neo4j; as a JSON number it is taken as a float).
CypherInt = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]
CypherValue = TypeAliasType(
    "CypherValue",
    "None | bool | CypherInt | float | str | list[CypherValue] | dict[str, CypherValue]")


class CypherRequest(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "query": "MATCH (p:Person)-[:CHAIRED]->(m:Meeting) RETURN p.name, m.name LIMIT $n",
        "params": {"n": 5}}]})

    query: str = Field(min_length=1, description=(
        "A read-only Cypher query, at most KG_CYPHER_MAX_CHARS characters (10,000 unless the "
        "server says otherwise); text Neo4j does not compile is a 400 with its message."))
    params: dict[str, CypherValue] = Field(default_factory=dict,
                                           description="Query parameters.")


class GraphNode(BaseModel):
    """A node as vis-network takes it (`label` is the text drawn, `group` the Neo4j label)."""

    id: str
    label: str
    group: str
    title: str = Field(description="Tooltip text.")
    color: str | None = None
    shape: str | None = None


class GraphEdge(BaseModel):
    id: str
    from_: str = Field(alias="from", serialization_alias="from")
    to: str
    type: str
    label: str
    title: str | None = Field(None, description="Tooltip: the first evidence sentence.")

    model_config = ConfigDict(populate_by_name=True)


class GraphAnswer(BaseModel):
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = Field(description="True when the node limit stopped the expansion.")


class SkippedFile(BaseModel):
    file: str
    reason: str


class IngestAnswer(BaseModel):
    files: list[str]
    read: int
    added: int
    replaced: int
    unchanged: int
    skipped: list[SkippedFile]
    nodes_created: int
    relationships_created: int
    documents: list[NodeRef] = Field(description="The Document nodes of the uploaded files.")


class Health(BaseModel):
    neo4j: Literal["up", "down"]
    detail: str | None = None


class LabelView(BaseModel):
    label: str
    description: str
    identity: str = Field(description="What makes two nodes of this label the same node.")
    color: str
    shape: str


class RelTypeView(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    type: str
    from_: list[str] = Field(alias="from", description="Labels of the start node.")
    to: list[str] = Field(description="Labels of the end node.")
    description: str
    properties: list[str]


class ModelView(BaseModel):
    labels: list[LabelView]
    relationships: list[RelTypeView]
