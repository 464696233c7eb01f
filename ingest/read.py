"""Reading notice files: bytes on disk → decoded text, or a reason to skip.

Government sites publish in UTF-8 (with or without a BOM), in GBK/GB18030 and,
in Hong Kong, Macao and Taiwan, in Big5. We detect the encoding with
charset-normalizer rather than by hand, but restrict it to the encodings such
notices actually use: left free, it happily calls a short GBK page "cp1250".
GBK and GB2312 are decoded as GB18030 (a strict superset, so no character is
lost), and Big5 variants as Big5 (HKSCS when plain Big5 cannot decode).
UTF-16 with a BOM (what Notepad calls "Unicode") is read too; any other file
with NUL bytes is binary.

HTML pages are reduced to text here, keeping block structure as line breaks,
so that `ingest.clean` sees the same line-oriented shape as a plain-text notice.

A file that cannot be read is never fatal: `iter_notices` yields a `Skipped`
with the path and the reason, and the run goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.errors import UserError

#: Largest notice file we read. Real notices are 2–30 KB; a 5 MiB file is a
#: dump or a mistake, and decoding + extracting it would stall a worker.
MAX_BYTES = 5 * 1024 * 1024

#: Suffixes read from folders; any other file named explicitly is skipped.
SUFFIXES = frozenset({".txt", ".html", ".htm"})
HTML_SUFFIXES = frozenset({".html", ".htm"})

#: Encodings charset-normalizer may choose from (Python codec names).
_CANDIDATES = ["utf_8", "gb18030", "big5", "big5hkscs"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
_LOOKS_HTML = re.compile(r"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<div|<p[\s>])", re.I)
#: Control characters that do not occur in text (all C0 but tab, LF, FF, CR, ESC-free).
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


class ReadError(UserError):
    """A notice file that cannot be read; the message names the file and why,
    and `reason` holds the why alone (for a `Skipped` listed under its path)."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


@dataclass
class RawNotice:
    """A decoded notice. For HTML, `text` is the page's text with block
    structure as line breaks; `title_hint` and `date_hint` carry the page's
    <title>/<h1> and a <meta> publication date (ISO yyyy-mm-dd) when present."""

    path: Path
    text: str
    encoding: str
    is_html: bool
    title_hint: str = ""
    date_hint: str | None = None


@dataclass
class Skipped:
    """A file that was not read, and why (one sentence for the user)."""

    path: Path
    reason: str


def _normalise_codec(name: str) -> str:
    """Map detector/declared names onto the codecs we decode with: GBK and
    GB2312 are subsets of GB18030, so GB18030 never loses a character."""
    n = name.lower().replace("-", "_")
    if n in {"gb2312", "gbk", "gb18030", "cp936", "hz", "euc_cn", "x_gbk"}:
        return "gb18030"
    if n in {"big5", "cp950", "big5_tw", "csbig5"}:
        return "big5"
    if n in {"big5hkscs", "big5_hkscs"}:
        return "big5hkscs"
    if n in {"utf_8", "utf8", "utf_8_sig"}:
        return "utf_8"
    return n


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Decode notice bytes and return (text, codec).

    Order: a UTF-8 BOM or strict UTF-8 wins (most pages are UTF-8 and a strict
    decode almost never succeeds by accident); then an HTML <meta charset> that
    decodes strictly; then charset-normalizer among GB18030/Big5. Raises
    ReadError when nothing decodes."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = _strict(data[3:], "utf_8")
        if text is not None:
            return text, "utf_8"
    text = _strict(data, "utf_8")
    if text is not None:
        return text, "utf_8"
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        codec = _normalise_codec(declared.group(1).decode("ascii", "ignore"))
        text = _strict(data, codec)
        if text is not None:
            return text, codec
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CANDIDATES[1:]).best()
    if best is not None:
        codec = _normalise_codec(best.encoding)
        text = _strict(data, codec)
        if text is not None:
            return text, codec
    for codec in _CANDIDATES[1:]:
        text = _strict(data, codec)
        if text is not None:
            return text, codec
    raise ReadError(path, "undecodable: not UTF-8, GB18030 or Big5 text")


def read_file(path: Path) -> RawNotice:
    """Read and decode one notice file; raise ReadError saying why it cannot be read."""
    path = Path(path)
    if not path.exists():
        raise ReadError(path, "missing: no such file or folder")
    if path.suffix.lower() not in SUFFIXES:
        raise ReadError(path, f"unsupported suffix {path.suffix or '(none)'!r}; "
                        f"expected one of {', '.join(sorted(SUFFIXES))}")
    if not path.is_file():
        raise ReadError(path, "not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise ReadError(path, "empty file")
    if size > MAX_BYTES:
        raise ReadError(path, f"too large ({size} bytes; the limit is {MAX_BYTES} bytes)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, f"cannot be opened ({exc.strerror or exc})") from None
    text16 = _strict(data, "utf_16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else None
    if text16 is not None:  # UTF-16 with a BOM (Notepad's "Unicode"): its NULs are not binary
        text, codec = text16.lstrip("\ufeff"), "utf_16"
    elif b"\x00" in data:
        raise ReadError(path, "binary: contains NUL bytes, not a text file")
    else:
        text, codec = decode_bytes(data, path)
    if len(_CONTROL.findall(text[:20000])) > max(3, len(text[:20000]) // 100):
        raise ReadError(path, "binary: too many control characters for a text file")
    if not text.strip():
        raise ReadError(path, "empty file (only whitespace)")
    is_html = path.suffix.lower() in HTML_SUFFIXES or bool(_LOOKS_HTML.match(text[:2000]))
    if is_html:
        page = html_to_text(text)
        return RawNotice(path, page.text, codec, True, page.title, page.date)
    return RawNotice(path, text, codec, False)


def iter_notices(paths: Iterable[Path]) -> Iterator[RawNotice | Skipped]:
    """Every notice under `paths` (files or folders, recursively), sorted for
    determinism. Folders contribute only files with a supported suffix; a file
    named explicitly with another suffix, or one that cannot be read, is
    yielded as `Skipped` with its reason."""
    for given in paths:
        given = Path(given)
        if given.is_dir():
            try:
                files = sorted(
                    p for p in given.rglob("*")
                    if p.is_file() and p.suffix.lower() in SUFFIXES
                    and not any(part.startswith(".") for part in p.relative_to(given).parts))
            except OSError as exc:  # an unreadable folder is reported like an unreadable file
                yield Skipped(given, f"folder cannot be listed ({exc.strerror or exc})")
                continue
        else:
            files = [given]
        for file in files:
            try:
                yield read_file(file)
            except ReadError as exc:
                yield Skipped(file, exc.reason)


# --------------------------------------------------------------------------- HTML


@dataclass
class PageText:
    """Text of an HTML page with its title and <meta> publication date."""

    text: str
    title: str = ""
    date: str | None = None


#: Elements whose content is page furniture, never notice text.
_DROP = ("script", "style", "noscript", "nav", "header", "footer", "iframe", "template",
         "svg", "form", "select", "button", "object")
#: Elements that start and end a line.
_BLOCK = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
          "section", "article", "blockquote", "pre", "dd", "dt", "dl", "center", "title",
          "figcaption", "figure", "aside", "main", "tbody", "thead", "hr", "address")
#: <meta name|property> values that carry a publication date.
_DATE_META = {"pubdate", "publishdate", "publish_date", "publishtime", "pubtime",
              "article:published_time", "og:published_time", "articlepublishtime",
              "firstpublishedtime", "dc.date", "dc.date.issued", "dcterms.issued", "date",
              "publishedtime", "lastmodifiedtime"}
_ISO_DATE = re.compile(r"((?:19|20)\d\d)\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})")


def iso_date(text: str) -> str | None:
    """The first yyyy-mm-dd date written in `text` (2018-3-23, 2018年3月23日, 2018/03/23)."""
    m = _ISO_DATE.search(text)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


#: Elements that may be a link list (`_drop_link_lists`).
_LINK_LIST_CANDIDATES = frozenset(("ul", "ol", "dl", "table", "div", "td", "p", "span"))


def _text_strings(node: Any) -> bool:
    """Whether a node is text as `get_text` counts it (not a comment, doctype or script)."""
    from bs4 import CData, NavigableString

    return type(node) is NavigableString or type(node) is CData


def _drop_link_lists(soup: Any) -> None:
    """Remove link-dense blocks (related-news lists, site menus, 上一篇/下一篇):
    three or more links that make up most of the block's text. Their lines are
    other notices' titles and would lend this notice persons and places.

    Why in three passes over the tree instead of asking each block for its links
    and text: that asked every block for its whole subtree, quadratic in the
    nesting (a page 100,000 `<div>`s deep ran for half an hour). Here each node is
    visited a fixed number of times: text lengths go to the parent, sums go up in
    reverse document order, and the outermost qualifying block is removed (what
    removing blocks in document order did, since a removed block takes its inner
    blocks with it)."""
    from bs4 import Tag

    tags: list[Any] = []
    total: dict[int, int] = {}
    links: dict[int, int] = {}
    linked: dict[int, int] = {}
    for node in soup.descendants:
        if isinstance(node, Tag):
            tags.append(node)
            total[id(node)] = links[id(node)] = linked[id(node)] = 0
        elif _text_strings(node) and node.parent is not None and id(node.parent) in total:
            total[id(node.parent)] += len(node.strip())
    for tag in reversed(tags):
        parent = tag.parent
        if parent is None or id(parent) not in total:
            continue
        k, p = id(tag), id(parent)
        total[p] += total[k]
        is_link = tag.name == "a"
        links[p] += links[k] + is_link
        linked[p] += linked[k] + (total[k] if is_link else 0)
    gone: set[int] = set()  # removed, or inside a removed block
    doomed: list[Any] = []
    for tag in tags:
        k = id(tag)
        if tag.parent is not None and id(tag.parent) in gone:
            gone.add(k)
            continue
        if (tag.name in _LINK_LIST_CANDIDATES and links[k] >= 3 and total[k]
                and linked[k] / total[k] > 0.6):
            gone.add(k)
            doomed.append(tag)
    for tag in doomed:
        tag.decompose()


def _block_text(root: Any) -> str:
    """The text under `root` with a line break around every block element and at
    every <br>, and a space after each table cell; inline elements stay in their line.

    Why a walk with an explicit stack rather than inserting "\n" strings into the
    tree and calling `get_text`: each insertion looks its element up among its
    siblings (quadratic on a wide page), and the walk cannot overflow on a deep one."""
    from bs4 import Tag

    out: list[str] = []
    stack: list[Any] = [iter(root.contents)]
    closers: list[str] = [""]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            out.append(closers.pop())
            continue
        if isinstance(node, Tag):
            if node.name == "br":
                out.append("\n")
                continue
            if node.name in _BLOCK:
                out.append("\n")
                closers.append("\n")
            else:
                closers.append(" " if node.name in ("td", "th") else "")
            stack.append(iter(node.contents))
        elif _text_strings(node):
            out.append(str(node))
    return "".join(out)


def html_to_text(html: str) -> PageText:
    """Text of an HTML page, one block element per line.

    Script, style, nav, header and footer elements are dropped (navigation and
    copyright furniture); <br> and block elements become line breaks while
    inline elements (span, a, strong) stay inside their line, so a name split
    across <span>s is not cut in two. The <title> (or the first <h1> when there
    is no title) is kept as the title candidate."""
    from bs4 import BeautifulSoup, Tag

    soup = BeautifulSoup(html, "lxml")
    # One pass finds what `soup.title`, `find("h1")`, `find_all("meta")` and
    # `find_all(_DROP)` would, each of which is a walk over the whole tree.
    first: dict[str, Any] = {}
    metas: list[Any] = []
    drops: list[Any] = []
    for node in soup.descendants:
        if not isinstance(node, Tag):
            continue
        name = node.name
        if name in ("title", "h1"):
            first.setdefault(name, node)
        elif name == "meta":
            metas.append(node)
        if name in _DROP:
            drops.append(node)
    title = ""
    if "title" in first and first["title"].get_text(strip=True):
        title = first["title"].get_text(" ", strip=True)
    h1_text = first["h1"].get_text(" ", strip=True) if "h1" in first else ""
    date = None
    for meta in metas:
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
        if key in _DATE_META and meta.get("content"):
            date = iso_date(meta["content"])
            if date:
                break
    for tag in drops:
        tag.decompose()
    _drop_link_lists(soup)
    if soup.head:
        soup.head.decompose()
    text = _block_text(soup.body or soup)
    lines = [re.sub(r"[ \t\r\f\v\xa0]+", " ", ln).strip() for ln in text.split("\n")]
    text = "\n".join(ln for ln in lines if ln)
    # A <title> often reads "Notice title - Site name"; the <h1> is the notice's own.
    if h1_text and (not title or h1_text in title):
        title = h1_text
    return PageText(text=text, title=title, date=date)
