"""Readable, stable node ids and relationship keys.

Why readable: analysts type ids into Cypher and the API (``person:140902:韩钰成``),
so an id should say what it names. Why stable: the loader MERGEs on them, so the
same entity from two notices (or two runs) must get the same id, and an edited
notice must keep its Document id so that it can replace what it asserted.
Prefixes come from `kg.model` (never repeated here).
"""

from __future__ import annotations

import hashlib
import re

from kg.model import NODES, RELS

_SPACE = re.compile(r"\s+")
_BRACKETS = str.maketrans("", "", "《》〈〉<>「」『』\"“”")


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _p(label: str) -> str:
    return NODES[label].prefix


def normalise(text: str) -> str:
    """Whitespace and title brackets removed: the part of a name that identifies it."""
    return _SPACE.sub("", text or "").translate(_BRACKETS).strip()


_URL = re.compile(r"^([a-z][a-z0-9+.-]*)://([^/?#]*)([^#]*)", re.I)
_WINDOWS_DRIVE = re.compile(r"^[a-z]:[\\/]", re.I)


def canonical_source(source: str) -> str:
    """The one spelling of a notice's source, so that one notice is one Document.

    Sources are decided when a notice is read (`ingest.read.decide_source`): a URL,
    or a path relative to the folder given (`samples/01_x.txt`). This function is
    pure (it never looks at the disk or the working directory: a Document's id must
    not depend on where `kg ingest` ran):
    - an http(s) URL keeps its path and query; its scheme and host are lower-cased
      and a #fragment dropped (the same page either way); other URLs (`upload://`,
      `hdfs://`) stay as given;
    - a relative path gets "/" between its parts, without "./" or a leading "/";
    - an absolute path (an older record, or `kg forget /home/…/samples/01_x.txt`)
      becomes its parent folder's name and its own, the source `kg ingest` gives a
      file at the top of the folder it was given, so no absolute path of the
      machine reaches the graph."""
    s = (source or "").strip()
    m = _URL.match(s)
    if m and m.group(1).lower() in ("http", "https"):
        return f"{m.group(1).lower()}://{m.group(2).lower()}{m.group(3)}"
    if m:  # upload://, hdfs://, s3a://: as given
        return s
    p = s.replace("\\", "/")
    absolute = p.startswith("/") or bool(_WINDOWS_DRIVE.match(s)) or p.startswith("~")
    parts = [x for x in p.split("/") if x not in ("", ".", "~")]
    if _WINDOWS_DRIVE.match(s) and parts:
        parts = parts[1:]
    if absolute:
        parts = [x for x in parts if x != ".."][-2:]
    else:
        while parts and parts[0] == "..":
            parts = parts[1:]
    return "/".join(parts)


def document_id(source: str) -> str:
    """`doc:` and 16 hex digits of the sha1 of the canonical source."""
    return f"{_p('Document')}:{sha1(canonical_source(source))[:16]}"


def content_hash(text: str) -> str:
    return sha1(text or "")


def doc_hash(doc_id: str) -> str:
    """The hash part of a Document id, used inside ids of per-notice nodes."""
    return doc_id.split(":", 1)[1]


def locality_id(code: str | None, name: str = "", parent_code: str | None = None) -> str:
    """`loc:<GB/T 2260 code>`; a place the gazetteer does not know is named under its
    parent (`loc:140902:开发区`) or, without one, under ``unknown``."""
    if code:
        return f"{_p('Locality')}:{code}"
    return f"{_p('Locality')}:{parent_code or 'unknown'}:{normalise(name)}"


def organization_id(scope: str | None, canonical_name: str) -> str:
    """`org:<locality code or name>:<canonical name>`; scope may be empty for
    bodies with no place (国务院)."""
    return f"{_p('Organization')}:{scope or 'CN'}:{normalise(canonical_name)}"


def person_id(anchor: str | None, name: str) -> str:
    return f"{_p('Person')}:{anchor or 'unknown'}:{normalise(name)}"


def meeting_id(doc_id: str, n: int = 1) -> str:
    return f"{_p('Meeting')}:{doc_hash(doc_id)}:{n}"


def letter_id(doc_id: str, letter: str) -> str:
    return f"{_p('ResponsibilityLetter')}:{doc_hash(doc_id)}:{normalise(letter)}"


def directive_id(title: str) -> str:
    return f"{_p('Directive')}:{normalise(title)}"


def site_id(scope: str | None, name: str) -> str:
    return f"{_p('Site')}:{scope or 'unknown'}:{normalise(name)}"


def principle_id(text: str) -> str:
    return f"{_p('Principle')}:{normalise(text)}"


def rel_key(rel_type: str, from_id: str, to_id: str, props: dict | None = None) -> str:
    """sha1 over type, endpoints and the type's key properties (`RelType.key_properties`):
    the same fact from two notices gets the same key, so MERGE on it collapses them."""
    props = props or {}
    parts = [rel_type, from_id, to_id]
    parts += [f"{k}={props.get(k) or ''}" for k in RELS[rel_type].key_properties]
    return sha1("\x1f".join(parts))
