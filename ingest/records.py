"""The extraction record: what `extract` hands to `resolve` and `load`.

Two shapes live here. `NoticeRecord` is the rich internal record: character
offsets, the evidence sentence, a confidence, the notice's jurisdiction and
date. `NoticeRecord.to_eval()` flattens it into the contract record of
../shared/eval/FORMAT.md that `kg extract --jsonl` prints; keep that method
exactly in step with FORMAT.md, since the project is scored on it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Evidence:
    """Where a fact is stated: the sentence in the cleaned (Simplified) text, its
    offsets there, the same sentence as the original file wrote it, and the
    offsets of the mention (a person's name, a body, a place) the fact is about.

    `text` and `original_text` of a record are aligned character by character
    (ingest.clean), so one pair of offsets serves both: ``text[start:end]`` is
    `sentence` and ``original_text[start:end]`` is `original`. -1 is "no position"
    (a fact whose mention could not be placed in its sentence)."""

    sentence: str
    start: int = 0
    end: int = 0
    original: str = ""
    mention_start: int = -1
    mention_end: int = -1


@dataclass
class Title:
    """A post title as written without the name (区委副书记).

    `body` is the body prefix as written (区委, 区政府, 市应急管理局), `role` the
    post proper (副书记, 区长); either may be empty."""

    text: str
    body: str = ""
    role: str = ""


@dataclass
class Person:
    name: str
    titles: list[Title] = field(default_factory=list)
    #: Other surface forms that were resolved to this person (秦向 for 秦向东, 黄市长).
    aliases: list[str] = field(default_factory=list)
    evidence: Evidence | None = None
    confidence: float = 1.0


@dataclass
class Relation:
    """One fact of FORMAT.md's `relations`, with its evidence."""

    s: str
    p: str  # chaired | spoke | attended | read_out | signed_letter | inspected
    o: str | None = None
    with_: list[str] = field(default_factory=list)
    on_behalf_of: str | None = None
    #: "person" when `s` is a person's name, "organization" for a body or group.
    s_kind: str = "person"
    date: str | None = None
    evidence: Evidence | None = None
    confidence: float = 1.0

    def to_eval(self) -> dict[str, Any]:
        out: dict[str, Any] = {"s": self.s, "p": self.p}
        if self.o is not None:
            out["o"] = self.o
        if self.with_:
            out["with"] = list(self.with_)
        if self.on_behalf_of:
            out["on_behalf_of"] = self.on_behalf_of
        return out


@dataclass
class Mention:
    """A named organization, locality, document or principle with its evidence."""

    text: str
    evidence: Evidence | None = None
    #: For localities: the GB/T 2260 code when the gazetteer knows the place.
    code: str | None = None


@dataclass
class NoticeRecord:
    doc: str  # file name, as FORMAT.md's `doc`
    source: str = ""  # path or URL as given
    title: str = ""
    date: str | None = None  # publication date, ISO
    event_date: str | None = None  # the reported meeting's date, ISO, resolved against `date`
    publisher: str = ""  # 来源
    #: Jurisdiction chain from the header/title/text, outermost first: ["山西省", "忻州市", "忻府区"]
    jurisdiction: list[str] = field(default_factory=list)
    #: GB/T 2260 code of the innermost jurisdiction, when known.
    jurisdiction_code: str | None = None
    text: str = ""  # cleaned, Simplified
    original_text: str = ""  # cleaned, as written (Traditional stays Traditional)
    persons: list[Person] = field(default_factory=list)
    organizations: list[Mention] = field(default_factory=list)
    localities: list[Mention] = field(default_factory=list)
    documents: list[Mention] = field(default_factory=list)
    principles: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    #: A short name for the reported event (usually the notice title).
    event_title: str = ""

    def to_eval(self) -> dict[str, Any]:
        """The FORMAT.md record (the scoring contract)."""
        return {
            "doc": self.doc,
            "persons": [
                {"name": p.name, "titles": [t.text for t in p.titles]} for p in self.persons
            ],
            "organizations": [m.text for m in self.organizations],
            "localities": [m.text for m in self.localities],
            "documents": [m.text for m in self.documents],
            "relations": [r.to_eval() for r in self.relations],
        }

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
