"""The graph model, declared once.

Everything else reads this declaration instead of repeating it (the way
FollowTheMoney declares its schema): the Neo4j constraints and indexes
(`kg.schema`), the loader's per-type MERGE statements (`kg.load`), the RDF
mapping (`kg.rdf`), the API's label and relationship filters and the explorer's
legend (`api`). Adding a label or a relationship type here is the whole change
needed for it to get a constraint, a loader path, an RDF class and a colour.

Identity rules (what makes two mentions one node) are written next to each
label; `kg.ids` turns them into ids. Provenance is uniform: every relationship
carries `sources` (ids of the notices asserting it) and `evidence` (the
sentence in each of those notices, aligned with `sources`), so "why do we
believe this?" is `MATCH ()-[r]->() RETURN r.sources, r.evidence`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NodeType:
    label: str
    #: Prefix of the node's `id` (ids are readable: ``person:1409:韩钰成``).
    prefix: str
    #: How two mentions become one node.
    identity: str
    description: str
    #: Properties beyond `id` and `name` that the loader writes.
    properties: tuple[str, ...] = ()
    #: Explorer legend: colour and vis-network shape.
    color: str = "#97c2fc"
    shape: str = "dot"
    #: Included in the full-text name index (name + aliases).
    searchable: bool = True
    #: RDF class (CURIE, prefixes in kg.rdf).
    rdf_class: str = "kg:Thing"
    #: Properties with a range index besides `id` and `name` (what the loader looks up by).
    indexed: tuple[str, ...] = ()


@dataclass(frozen=True)
class RelType:
    type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    description: str
    #: Relationship properties beyond the provenance ones (`key`, `sources`, `evidence`).
    properties: tuple[str, ...] = ()
    #: Properties that, with the two endpoints, identify the relationship
    #: (a second HOLDS with another title is another relationship).
    key_properties: tuple[str, ...] = ()
    #: Whether the relationship is a fact extracted from a notice (has evidence)
    #: or a structural one from the gazetteer (PART_OF between localities).
    extracted: bool = True
    rdf_property: str = "kg:related"


#: Provenance lists on every extracted relationship, aligned per index with `sources`
#: (the ids of the Documents asserting it): the sentence as the notice wrote it, its
#: character offsets in that Document's stored `text`, and the offsets of the mention
#: (the person's name, the body, the place) in the same text. -1 is "no position"
#: (a gazetteer fact, or evidence taken from the title). So for index i,
#: ``substring(d.text, r.sentence_start[i], r.sentence_end[i] - r.sentence_start[i])``
#: is ``r.evidence[i]``.
EVIDENCE_LISTS = ("evidence", "sentence_start", "sentence_end", "mention_start", "mention_end")
PROVENANCE_LISTS = ("sources", *EVIDENCE_LISTS)
PROVENANCE_PROPERTIES = ("key", *PROVENANCE_LISTS)

NODE_TYPES: tuple[NodeType, ...] = (
    NodeType(
        "Document", "doc",
        "one notice, wherever it was found: the id is a hash of the first source (path or "
        "URL) it was loaded from, so an edited notice keeps its id and replaces what it "
        "asserted; reposts (the same text at other sources, in Traditional, with other "
        "furniture, or shortened) join it as further `sources`, found by MinHash containment "
        "(kg.dedupe), and its facts count once",
        "a notice (通知, 通报, 会议纪要, news item) as ingested",
        ("source", "title", "date", "publisher", "jurisdiction", "text", "content_hash",
         "complete", "asserts", "sources", "source_ids", "source_dates", "source_publishers",
         "source_hashes", "minhash", "shingles", "repost_block"),
        color="#b0b0b0", shape="box", searchable=True, rdf_class="foaf:Document",
    ),
    NodeType(
        "Person", "person",
        "a name within a jurisdiction line: the anchor is the place the person's titles "
        "belong to (省/市/区/县…), defaulting to the notice's prefecture; national leaders "
        "anchor at the country. Two 张伟 of different prefectures are two people",
        "an official or other named individual",
        ("aliases", "anchor", "titles"),
        color="#e8684a", shape="dot", rdf_class="foaf:Person",
    ),
    NodeType(
        "Organization", "org",
        "canonical name within its locality: relative names (区委, 市政府) are resolved "
        "against the notice's jurisdiction (中共忻府区委员会, 滦州市人民政府); surface forms "
        "are kept as aliases",
        "a party committee, government, congress, CPPCC, safety committee, bureau, brigade, "
        "enterprise or group of units",
        ("aliases", "kind"),
        color="#5b8ff9", shape="square", rdf_class="org:Organization",
    ),
    NodeType(
        "Locality", "loc",
        "the GB/T 2260 administrative code where the gazetteer knows the place, else the name "
        "under its parent",
        "an administrative division or named zone (开发区)",
        ("aliases", "level", "code"),
        color="#5ad8a6", shape="triangle", rdf_class="kg:Locality",
    ),
    NodeType(
        "Meeting", "meeting",
        "one per reported event: a notice's meeting is another notice's when both give the "
        "same date and place, share participants and have titles of the same words "
        "(kg.dedupe.same_meeting); the id comes from the first notice",
        "a meeting, conference or televised session reported by a notice",
        ("date", "title"),
        color="#f6bd16", shape="diamond", rdf_class="kg:Meeting", indexed=("date",),
    ),
    NodeType(
        "Directive", "directive",
        "the document title, whitespace and brackets removed",
        "a circular, plan, law, regulation or decision named in a notice",
        ("kind",),
        color="#9270ca", shape="ellipse", rdf_class="kg:Directive",
    ),
    NodeType(
        "ResponsibilityLetter", "letter",
        "the letter as written within one notice (one signing event)",
        "a responsibility or commitment letter (责任书, 责任状, 承诺书) signed or issued",
        ("date",),
        color="#ff9d4d", shape="star", rdf_class="kg:ResponsibilityLetter",
    ),
    NodeType(
        "Site", "site",
        "the site as written, within the notice's locality",
        "a place or unit that was inspected (工地, 企业, 加油站…)",
        (),
        color="#6dc8ec", shape="hexagon", rdf_class="kg:Site",
    ),
    NodeType(
        "Principle", "principle",
        "the slogan's text",
        "a principle or slogan invoked (党政同责, 一岗双责, 齐抓共管, 失职追责…)",
        (),
        color="#ff99c3", shape="dot", rdf_class="kg:Principle",
    ),
    # Identity verdicts (kg.identity): an analyst's accept or reject of a same-as pair.
    NodeType(
        "Verdict", "verdict",
        "the sorted pair of person ids it judges (`verdict:<lower id>|<higher id>`): not "
        "linked to either person, so it outlives a re-ingest that deletes and recreates them",
        "an analyst's decision that two persons are one official (accept) or two (reject)",
        ("pair", "a", "b", "verdict", "by", "at", "why", "survivor", "merged", "score",
         "reasons"),
        color="#c0c0c0", shape="text", searchable=False, rdf_class="kg:Verdict",
    ),
)

REL_TYPES: tuple[RelType, ...] = (
    RelType("HOLDS", ("Person",), ("Organization",),
            "the person held a post in the body, as of the notice's date",
            ("title", "role", "as_of"), key_properties=("title", "as_of"),
            rdf_property="org:hasMembership"),
    RelType("PART_OF", ("Organization", "Locality"), ("Organization", "Locality"),
            "structural nesting: a body within a body, a place within a place",
            (), extracted=False, rdf_property="org:subOrganizationOf"),
    RelType("IN", ("Organization", "Meeting", "Site"), ("Locality",),
            "the body, meeting or site belongs to the locality", (), extracted=False,
            rdf_property="schema:location"),
    RelType("CHAIRED", ("Person",), ("Meeting",), "chaired the meeting (主持)",
            rdf_property="kg:chaired"),
    RelType("SPOKE_AT", ("Person",), ("Meeting",),
            "spoke at the meeting or gave instructions on the tour (讲话, 强调, 部署…)",
            rdf_property="kg:spokeAt"),
    RelType("ATTENDED", ("Person",), ("Meeting",),
            "attended (出席, 参加, 列席, 陪同)", rdf_property="kg:attended"),
    RelType("READ_OUT", ("Person",), ("Directive",), "read the document out (宣读)",
            ("date",), rdf_property="kg:readOut"),
    RelType("SIGNED", ("Person", "Organization"), ("ResponsibilityLetter",),
            "signed, issued or handed over the letter (签订, 签署, 颁发, 递交)",
            ("on_behalf_of", "date"), rdf_property="kg:signed"),
    RelType("WITH", ("ResponsibilityLetter",), ("Organization",),
            "the counterparty of a responsibility letter", rdf_property="kg:counterparty"),
    RelType("INSPECTED", ("Person",), ("Site", "Locality", "Organization"),
            "led an inspection or guided work at the site (检查, 督导, 调研, 指导)",
            ("date",), rdf_property="kg:inspected"),
    RelType("REPORTS", ("Document",), ("Meeting",), "the notice reports the meeting",
            rdf_property="kg:reports"),
    RelType("ABOUT", ("Document",), ("Locality",),
            "the notice's own jurisdiction (from its header, title or text)",
            rdf_property="dcterms:spatial"),
    RelType("MENTIONS", ("Document",),
            ("Person", "Organization", "Locality", "Directive"),
            "the notice names the entity", rdf_property="schema:mentions"),
    RelType("INVOKES", ("Document",), ("Principle",), "the notice invokes the principle",
            rdf_property="kg:invokes"),
    # Identity candidates (kg.identity): computed, not extracted; no key, so not in RDF.
    RelType("SAME_AS_CANDIDATE", ("Person",), ("Person",),
            "the two persons may be one official (same name within one jurisdiction chain, "
            "compatible posts and dates); stored once, lower id → higher id",
            ("score", "reasons", "notices", "pair"), extracted=False,
            rdf_property="kg:sameAsCandidate"),
)

NODES: dict[str, NodeType] = {n.label: n for n in NODE_TYPES}
_LABEL_BY_PREFIX: dict[str, str] = {n.prefix: n.label for n in NODE_TYPES}
RELS: dict[str, RelType] = {r.type: r for r in REL_TYPES}
LABELS: tuple[str, ...] = tuple(NODES)
REL_NAMES: tuple[str, ...] = tuple(RELS)
#: Extraction predicates (FORMAT.md) and the relationship type each becomes.
PREDICATE_TO_REL: dict[str, str] = {
    "chaired": "CHAIRED",
    "spoke": "SPOKE_AT",
    "attended": "ATTENDED",
    "read_out": "READ_OUT",
    "signed_letter": "SIGNED",
    "inspected": "INSPECTED",
}


def label_for_prefix(node_id: str) -> str:
    """The label of a node from its id's prefix (``person:…`` → Person). A dict lookup:
    the loader asks twice per relationship row (a million times in 10,000 notices)."""
    label = _LABEL_BY_PREFIX.get(node_id.partition(":")[0])
    if label is None:
        raise ValueError(f"unknown id prefix in {node_id!r}")
    return label


@dataclass
class ModelSummary:
    """A JSON-friendly view of the model (served by the API, drawn in the legend)."""

    labels: list[dict] = field(default_factory=list)
    relationships: list[dict] = field(default_factory=list)


def summary() -> ModelSummary:
    return ModelSummary(
        labels=[
            {"label": n.label, "description": n.description, "identity": n.identity,
             "color": n.color, "shape": n.shape}
            for n in NODE_TYPES
        ],
        relationships=[
            {"type": r.type, "from": list(r.sources), "to": list(r.targets),
             "description": r.description, "properties": list(r.properties)}
            for r in REL_TYPES
        ],
    )
