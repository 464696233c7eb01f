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

Sources (what a notice's `source`, and so its Document id, is): see `decide_source`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from hashlib import sha1
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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
    <title>/<h1> and a <meta> publication date (ISO yyyy-mm-dd) when present.

    `source` is what the notice will be known by (a URL, or a path relative to the
    folder given: never an absolute path of this machine, see `decide_source`);
    `location` is that relative path whatever the source, `page_url` the URL the
    file itself declares (canonical link, og:url or an address line), and
    `file_sha1` the sha1 of the file's bytes (the resume key of `kg extract
    --output`)."""

    path: Path
    text: str
    encoding: str
    is_html: bool
    title_hint: str = ""
    date_hint: str | None = None
    source: str = ""
    location: str = ""
    page_url: str | None = None
    file_sha1: str = ""


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
    digest = sha1(data).hexdigest()
    if is_html:
        page = html_to_text(text)
        raw = RawNotice(path, page.text, codec, True, page.title, page.date,
                        page_url=page.url or address_url(page.text), file_sha1=digest)
    else:
        raw = RawNotice(path, text, codec, False, page_url=address_url(text), file_sha1=digest)
    raw.location = path_source(path, path)
    raw.source = decide_source(raw, raw.location, raw.location)
    return raw


def iter_notices(paths: Iterable[Path],
                 sources: SourceOptions | None = None) -> Iterator[RawNotice | Skipped]:
    """Every notice under `paths` (files or folders, recursively), sorted for
    determinism. Folders contribute only files with a supported suffix; a file
    named explicitly with another suffix, or one that cannot be read, is
    yielded as `Skipped` with its reason. Each notice's `source` is decided
    against the folder (or file) it was found under, with `sources` (the
    user's --source-url-prefix and --sources mapping) first."""
    options = sources or SourceOptions()
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
                raw = read_file(file)
            except ReadError as exc:
                yield Skipped(file, exc.reason)
                continue
            raw.location = path_source(file, given)
            raw.source = decide_source(raw, raw.location, _relative(file, given), options)
            yield raw


# --------------------------------------------------------------------------- sources

#: Longest URL kept as a source. Browsers and servers cope with about 2,000
#: characters; anything longer in a page is not an address a user follows.
MAX_URL = 2048
#: Paths that name a site's home page rather than a notice: many site templates
#: declare the home page as every page's canonical link or og:url, which would
#: make every notice of the site one Document.
_HOME_PATHS = re.compile(r"^/?(?:(?:index|default|home|main)\.(?:s?html?|php|jsp|aspx?))?$", re.I)
#: An address line: a label, a colon and an http(s) URL, the URL ending the line
#: (trailing punctuation aside). 来源 alone usually names a publisher; only a
#: URL after it counts.
_ADDRESS_LINE = re.compile(
    r"^[\s【\[(（]*(?:原文链接|原文地址|原文网址|本文链接|本文地址|本文网址|文章链接|文章地址|"
    r"页面地址|网页地址|链接地址|网址|链接|信息来源|文章来源|稿件来源|来源|URL|url)"
    r"[\s】\])）]*[:：]\s*(?:[^\s:：]{0,30}?\s*)?(https?://[^\s<>\"'，。；）)】\]]+)"
    r"[\s，。；）)】\].]*$", re.M)


#: Characters no IRI holds (RFC 3987): a URL with one is malformed, and an RDF writer
#: would put it into the export as it is.
_NOT_IN_IRI = re.compile(r"[\s\x00-\x1f\x7f<>\"{}|\\^`]")


def clean_url(url: str | None, *, page: bool = False) -> str | None:
    """`url` if it is an address a user can follow, else None.

    What a file says is hostile: only http and https, with a host, no user name
    or password, no spaces, control characters or others no IRI holds (<>"{}|\\^`),
    at most MAX_URL characters.
    With `page` (a URL the file declares about itself) a site's home page is
    refused too (see _HOME_PATHS)."""
    if not url:
        return None
    url = url.strip()
    if not url or len(url) > MAX_URL or _NOT_IN_IRI.search(url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    if parts.username is not None or parts.password is not None:
        return None
    if page and _HOME_PATHS.match(parts.path or "") and not parts.query:
        return None
    return url


def address_url(text: str) -> str | None:
    """The URL of the first address line of a notice's text (原文链接: https://…,
    来源: 某某网 https://…), where the notice says where it was published."""
    for m in _ADDRESS_LINE.finditer(text[:200_000]):
        url = clean_url(m.group(1).rstrip(".,;"), page=True)
        if url:
            return url
    return None


@dataclass(frozen=True)
class SourceOptions:
    """What the user says about where notices come from: `url_prefix` (the
    --source-url-prefix: a notice's URL is the prefix followed by its path
    relative to the folder given) and `mapping` (the --sources file: path → URL)."""

    url_prefix: str | None = None
    mapping: Mapping[str, str] = field(default_factory=dict)


def _relative(file: Path, given: Path) -> str:
    """`file`'s path relative to the folder given, with "/" (a file given alone: its name)."""
    if given.is_dir():
        try:
            return file.relative_to(given).as_posix()
        except ValueError:
            pass
    return file.name


def path_source(file: Path, given: Path) -> str:
    """The source of a file with no URL: its path relative to the folder given, led
    by that folder's own name (`samples/01_x.txt`, `samples/sub/02.html`).

    Why relative: the graph and the API are shared, and an absolute path names
    the ingesting machine's folders (a user name, a mount point) while helping
    no one else find the file; the folder's own name stays so that two folders'
    `a.txt` are two notices. Why the folder's name and not the path typed: the
    same folder ingested from another working directory (`kg ingest samples`,
    `kg ingest ../data/samples`) must give the same Document ids. A file given
    alone is named by its parent folder and its name (`samples/01_x.txt`), the
    source the same file gets when its folder is ingested, so ingesting a
    file and then its folder does not double it (and two saved `index.html` of
    two sites are not one notice)."""
    file = Path(file)
    given = Path(given)
    if given.is_dir():
        root = given.resolve()
        rel = _relative(file, given)
        return f"{root.name}/{rel}" if root.name else rel
    parent = file.resolve().parent.name
    return f"{parent}/{file.name}" if parent else file.name


_URL_UNSAFE = re.compile(r"[\s%#?\"<>\\^`{|}\x00-\x1f\x7f]")


def relative_key(path: str) -> str:
    """A relative path as the sources are written: "/" between parts, no "./"."""
    parts = [p for p in path.strip().replace("\\", "/").split("/") if p not in ("", ".")]
    return "/".join(parts)


def _prefixed(prefix: str, rel: str) -> str:
    """`prefix` followed by `rel`, one "/" between them, the path's spaces and
    URL delimiters percent-encoded (Han characters are kept: IRIs allow them)."""
    encoded = _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), rel)
    return prefix.rstrip("/") + "/" + encoded.lstrip("/")


def decide_source(raw: RawNotice, location: str, rel: str,
                  options: SourceOptions | None = None) -> str:
    """The notice's source: the first of

    1. the --sources mapping's URL for the file (looked up by `location`, then by
       its path relative to the folder given);
    2. --source-url-prefix followed by that relative path;
    3. the URL the file declares about itself (`page_url`: an HTML page's
       <link rel=canonical>, else its og:url, else an address line of the text);
    4. `location`, the path relative to the folder given (`path_source`).

    Why the user's word first: the user knows where a corpus was fetched from, and
    a page can claim any URL (a page claiming another notice's URL would take that
    notice's Document id); a URL a file declares beats a path because a user can
    follow it."""
    options = options or SourceOptions()
    mapped = options.mapping.get(location) or options.mapping.get(rel)
    if mapped:
        return mapped
    if options.url_prefix:
        return _prefixed(options.url_prefix, rel)
    return raw.page_url or location


def load_source_map(path: Path) -> dict[str, str]:
    """A --sources file: relative path → URL, as TSV (path<TAB>URL), CSV (path,URL;
    a first row `path,url` is a header) or JSON (an object {path: URL}), by suffix.

    Paths are relative to the folder given to `kg ingest`/`kg extract`, with "/"
    (`sub/02.html`), or led by the folder's own name as the sources are
    (`samples/sub/02.html`, to tell two folders apart). Every URL must pass
    `clean_url`; a bad line is a UserError naming it."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".tsv", ".csv", ".txt"):
        raise UserError(f"--sources {path}: use a .tsv, .csv or .json file.")
    try:
        data = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UserError(f"--sources {path}: cannot be read ({exc.strerror or exc}).") from None
    except UnicodeDecodeError:
        raise UserError(f"--sources {path}: not UTF-8 text.") from None
    pairs: list[tuple[int, str, str]] = []
    if suffix == ".json":
        try:
            obj = json.loads(data)
        except json.JSONDecodeError as exc:
            raise UserError(f"--sources {path}: not JSON ({exc.msg}, line {exc.lineno}).") from None
        if not isinstance(obj, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                for k, v in obj.items()):
            raise UserError(f"--sources {path}: expected one JSON object of path → URL strings.")
        pairs = [(0, k, v) for k, v in obj.items()]
    else:
        rows = csv.reader(io.StringIO(data), delimiter="," if suffix == ".csv" else "\t")
        for n, row in enumerate(rows, 1):
            if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
                continue
            if len(row) < 2:
                raise UserError(f"--sources {path}, line {n}: expected a path and a URL.")
            if n == 1 and row[0].strip().lower() in ("path", "file") and \
                    row[1].strip().lower() in ("url", "source"):
                continue
            pairs.append((n, row[0], row[1]))
    out: dict[str, str] = {}
    for n, key, value in pairs:
        url = clean_url(value)
        where = f"line {n}" if n else repr(key)
        if url is None:
            raise UserError(f"--sources {path}, {where}: {value[:80]!r} is not an http(s) URL "
                            f"of at most {MAX_URL} characters.")
        out[relative_key(key)] = url
    return out


def source_options(url_prefix: str | None = None, sources_file: Path | str | None = None
                   ) -> SourceOptions | None:
    """The CLI's --source-url-prefix and --sources as SourceOptions (None when neither
    is given); a prefix that is not an http(s) URL is a UserError."""
    if not url_prefix and not sources_file:
        return None
    prefix = None
    if url_prefix:
        prefix = clean_url(url_prefix)
        if prefix is None:
            raise UserError(f"--source-url-prefix {url_prefix[:80]!r}: give an http(s) URL "
                            f"(at most {MAX_URL} characters), e.g. https://example.gov.cn/notices/.")
    mapping = load_source_map(Path(sources_file)) if sources_file else {}
    return SourceOptions(url_prefix=prefix, mapping=mapping)


# --------------------------------------------------------------------------- HTML


@dataclass
class PageText:
    """Text of an HTML page with its title, <meta> publication date and the URL the
    page declares for itself (<link rel=canonical>, else <meta property=og:url>)."""

    text: str
    title: str = ""
    date: str | None = None
    url: str | None = None


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
        elif name == "link" and "canonical" in _rel_values(node):
            first.setdefault("canonical", node)
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
    url = clean_url(_attr(first["canonical"], "href"), page=True) if "canonical" in first else None
    if url is None:
        og = next((m for m in metas if (m.get("property") or m.get("name") or "").lower()
                   == "og:url"), None)
        url = clean_url(_attr(og, "content"), page=True) if og is not None else None
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
    return PageText(text=text, title=title, date=date, url=url)


def _attr(tag: Any, name: str) -> str | None:
    """An attribute as one string (bs4 gives multi-valued ones as lists)."""
    value = tag.get(name)
    if isinstance(value, list):
        value = " ".join(value)
    return value if isinstance(value, str) else None


def _rel_values(tag: Any) -> list[str]:
    rel = tag.get("rel") or []
    return [r.lower() for r in (rel.split() if isinstance(rel, str) else rel)]
