"""Extraction records as Parquet: the file between `kg extract --output` and `kg load`.

Why a file between the two steps: extraction (spaCy, CPU-bound, embarrassingly
parallel) and loading (Neo4j, one writer) scale differently. Writing the loader's
full records lets extraction run anywhere (one process, `--workers`, Spark) and
loading run later, transactionally or as a bulk import, from the same folder.

Layout of an output folder:

- `part-NNNNN.parquet` (local engine) or Spark's `part-…​.parquet` files: one row per
  notice, the whole `NoticeRecord` (persons with titles and evidence offsets,
  bodies, places, documents, principles, relations, dates, text) plus three
  bookkeeping columns: `file_sha1` (sha1 of the file's bytes: what resume compares),
  `content_hash` (sha1 of the cleaned text, as the Document node stores it) and
  `doc_id`.
- `manifest.json`: the ordered list of parts with their row counts. Loading follows
  it, so a folder loads in the order it was extracted (the order `kg ingest` uses).

Parts are bounded (`part_rows`); a part is written under a temporary name and
renamed when complete, and the manifest is rewritten after each part, so an
interrupted run leaves only whole parts and a re-run skips the notices they hold.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ingest.records import Evidence, Mention, NoticeRecord, Person, Relation, Title
from kg import ids
from kg.errors import UserError

FORMAT = "anquan-kg-records"
VERSION = 2  # 2: evidence carries the mention's offsets
MANIFEST = "manifest.json"
#: Notices per local part: about 10–25 MB of Parquet for notices of 2,500 characters.
DEFAULT_PART_ROWS = 2000
#: Notices per row group inside a part (what one read of a part holds in memory).
ROW_GROUP = 250

# --- the Arrow schema ----------------------------------------------------------------------

EVIDENCE = pa.struct([("sentence", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
                      ("original", pa.string()), ("mention_start", pa.int64()),
                      ("mention_end", pa.int64())])
TITLE = pa.struct([("text", pa.string()), ("body", pa.string()), ("role", pa.string())])
PERSON = pa.struct([("name", pa.string()), ("titles", pa.list_(TITLE)),
                    ("aliases", pa.list_(pa.string())), ("evidence", EVIDENCE),
                    ("confidence", pa.float64())])
MENTION = pa.struct([("text", pa.string()), ("evidence", EVIDENCE), ("code", pa.string())])
RELATION = pa.struct([("s", pa.string()), ("p", pa.string()), ("o", pa.string()),
                      ("with_", pa.list_(pa.string())), ("on_behalf_of", pa.string()),
                      ("s_kind", pa.string()), ("date", pa.string()), ("evidence", EVIDENCE),
                      ("confidence", pa.float64())])

SCHEMA = pa.schema([
    ("file_sha1", pa.string()),
    ("content_hash", pa.string()),
    ("doc_id", pa.string()),
    ("doc", pa.string()),
    ("source", pa.string()),
    ("title", pa.string()),
    ("date", pa.string()),
    ("event_date", pa.string()),
    ("publisher", pa.string()),
    ("jurisdiction", pa.list_(pa.string())),
    ("jurisdiction_code", pa.string()),
    ("text", pa.string()),
    ("original_text", pa.string()),
    ("persons", pa.list_(PERSON)),
    ("organizations", pa.list_(MENTION)),
    ("localities", pa.list_(MENTION)),
    ("documents", pa.list_(MENTION)),
    ("principles", pa.list_(MENTION)),
    ("relations", pa.list_(RELATION)),
    ("event_title", pa.string()),
])

#: The columns a resume needs (read without the heavy text columns).
KEY_COLUMNS = ["source", "file_sha1"]


def file_sha1(data: bytes) -> str:
    """The resume key of a notice file: its bytes, not its path's mtime (copies and
    re-crawls of an unchanged page are recognised)."""
    return hashlib.sha1(data).hexdigest()


# --- record <-> row ------------------------------------------------------------------------


def record_row(record: NoticeRecord, sha1_of_file: str) -> dict[str, Any]:
    """One Parquet row: the record's fields plus the bookkeeping columns."""
    row = record.to_dict()
    row["file_sha1"] = sha1_of_file
    row["content_hash"] = ids.content_hash(record.text)
    row["doc_id"] = ids.document_id(record.source or record.doc)
    return row


def _evidence(d: dict[str, Any] | None) -> Evidence | None:
    if d is None:
        return None
    ms, me = d.get("mention_start"), d.get("mention_end")
    return Evidence(sentence=d["sentence"] or "", start=d["start"] or 0, end=d["end"] or 0,
                    original=d["original"] or "",
                    mention_start=-1 if ms is None else ms, mention_end=-1 if me is None else me)


def _mentions(items: list[dict[str, Any]] | None) -> list[Mention]:
    return [Mention(m["text"], _evidence(m["evidence"]), m["code"]) for m in items or []]


def row_record(row: dict[str, Any]) -> NoticeRecord:
    """A row read back as the `NoticeRecord` it was written from (exactly: the tests
    compare them field by field)."""
    persons = [Person(name=p["name"],
                      titles=[Title(t["text"], t["body"] or "", t["role"] or "")
                              for t in p["titles"] or []],
                      aliases=list(p["aliases"] or []), evidence=_evidence(p["evidence"]),
                      confidence=p["confidence"])
               for p in row["persons"] or []]
    relations = [Relation(s=r["s"], p=r["p"], o=r["o"], with_=list(r["with_"] or []),
                          on_behalf_of=r["on_behalf_of"], s_kind=r["s_kind"], date=r["date"],
                          evidence=_evidence(r["evidence"]), confidence=r["confidence"])
                 for r in row["relations"] or []]
    return NoticeRecord(
        doc=row["doc"], source=row["source"] or "", title=row["title"] or "",
        date=row["date"], event_date=row["event_date"], publisher=row["publisher"] or "",
        jurisdiction=list(row["jurisdiction"] or []), jurisdiction_code=row["jurisdiction_code"],
        text=row["text"] or "", original_text=row["original_text"] or "", persons=persons,
        organizations=_mentions(row["organizations"]), localities=_mentions(row["localities"]),
        documents=_mentions(row["documents"]), principles=_mentions(row["principles"]),
        relations=relations, event_title=row["event_title"] or "",
    )


def rows_batch(rows: list[dict[str, Any]]) -> pa.RecordBatch:
    """Rows as one Arrow batch of `SCHEMA` (what both engines write)."""
    return pa.RecordBatch.from_pylist(rows, schema=SCHEMA)


# --- the manifest --------------------------------------------------------------------------


@dataclass
class Manifest:
    """The ordered parts of an output folder; `kg load` reads them in this order."""

    parts: list[dict[str, Any]] = field(default_factory=list)
    engine: str = "local"

    @property
    def records(self) -> int:
        return sum(int(p["rows"]) for p in self.parts)

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "version": VERSION, "engine": self.engine,
                           "records": self.records, "parts": self.parts,
                           "updated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
                          ensure_ascii=False, indent=1)


def read_manifest(folder: Path) -> Manifest:
    """The folder's manifest, with any complete part it does not list yet appended (a run
    killed between renaming a part and rewriting the manifest loses nothing)."""
    path = folder / MANIFEST
    manifest = Manifest()
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UserError(f"{path} is not a records manifest ({exc}); remove it to rebuild it "
                            "from the parts.") from None
        if data.get("format") != FORMAT:
            raise UserError(f"{path} is not an anquan-kg records manifest.")
        if data.get("version") != VERSION:
            raise UserError(f"{path} has version {data.get('version')}; this kg reads version "
                            f"{VERSION}: extract again into a new folder.")
        manifest = Manifest(parts=list(data["parts"]), engine=data.get("engine", "local"))
    listed = {p["file"] for p in manifest.parts}
    for part in sorted(folder.rglob("*.parquet")):
        rel = part.relative_to(folder).as_posix()
        if rel in listed or any(s.startswith((".", "_")) for s in part.relative_to(folder).parts):
            continue
        try:
            rows = pq.ParquetFile(part).metadata.num_rows
        except (OSError, pa.ArrowInvalid):
            continue  # not a complete Parquet file: a part being written when the run died
        manifest.parts.append({"file": rel, "rows": rows, "bytes": part.stat().st_size})
    return manifest


def write_manifest(folder: Path, manifest: Manifest) -> None:
    """Atomically: write beside, then rename (a reader never sees half a manifest)."""
    tmp = folder / f".{MANIFEST}.tmp"
    tmp.write_text(manifest.to_json(), encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)


def done_keys(folder: Path) -> set[tuple[str, str]]:
    """(source, file sha1) of every notice already written: what a re-run skips."""
    out: set[tuple[str, str]] = set()
    if not folder.exists():
        return out
    for part in read_manifest(folder).parts:
        table = pq.read_table(folder / part["file"], columns=KEY_COLUMNS)
        out.update(zip(table.column("source").to_pylist(), table.column("file_sha1").to_pylist(),
                       strict=True))
    return out


# --- writing -------------------------------------------------------------------------------


class PartWriter:
    """Writes rows into bounded parts, each complete or absent; keeps the manifest current."""

    def __init__(self, folder: Path, part_rows: int = DEFAULT_PART_ROWS,
                 engine: str = "local") -> None:
        if part_rows < 1:
            raise UserError("--part-rows must be at least 1.")
        self.folder = folder
        self.part_rows = part_rows
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob(".part-*.tmp"):  # a part a killed run did not finish
            stale.unlink()
        self.manifest = read_manifest(folder)
        self.manifest.engine = engine
        self._next = self._first_free_index()
        self._rows: list[dict[str, Any]] = []
        self._writer: pq.ParquetWriter | None = None
        self._in_part = 0
        self.written = 0

    def _first_free_index(self) -> int:
        taken = [int(p["file"][5:10]) for p in self.manifest.parts
                 if p["file"].startswith("part-") and p["file"][5:10].isdigit()]
        return max(taken, default=-1) + 1

    def _tmp(self) -> Path:
        return self.folder / f".part-{self._next:05d}.parquet.tmp"

    def add(self, row: dict[str, Any]) -> None:
        self._rows.append(row)
        if len(self._rows) >= ROW_GROUP or self._in_part + len(self._rows) >= self.part_rows:
            self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        if self._writer is None:
            self._writer = pq.ParquetWriter(self._tmp(), SCHEMA, compression="zstd")
        self._writer.write_batch(rows_batch(self._rows))
        self._in_part += len(self._rows)
        self._rows = []
        if self._in_part >= self.part_rows:
            self._close_part()

    def _close_part(self) -> None:
        if self._writer is None:
            return
        self._writer.close()
        name = f"part-{self._next:05d}.parquet"
        os.replace(self._tmp(), self.folder / name)
        self.manifest.parts.append({"file": name, "rows": self._in_part,
                                    "bytes": (self.folder / name).stat().st_size})
        write_manifest(self.folder, self.manifest)
        self.written += self._in_part
        self._writer, self._in_part = None, 0
        self._next += 1

    def close(self) -> None:
        """Finish the last part and write the manifest (also when nothing was new)."""
        self._flush()
        self._close_part()
        write_manifest(self.folder, self.manifest)


# --- reading -------------------------------------------------------------------------------


def require_folder(folder: Path) -> Manifest:
    """The manifest of a folder that holds records, else a sentence saying what to run."""
    if not folder.is_dir():
        raise UserError(f"No records folder {folder}: write one with "
                        f"`kg extract PATH... --output {folder}`.")
    manifest = read_manifest(folder)
    if not manifest.parts:
        raise UserError(f"{folder} holds no records (no Parquet parts): write them with "
                        f"`kg extract PATH... --output {folder}`.")
    return manifest


def iter_rows(folder: Path, columns: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Rows in manifest order, one row group at a time (memory stays flat)."""
    for part in require_folder(folder).parts:
        pf = pq.ParquetFile(folder / part["file"])
        for i in range(pf.num_row_groups):
            yield from pf.read_row_group(i, columns=columns).to_pylist()


def iter_records(folder: Path) -> Iterator[NoticeRecord]:
    """The folder's records, in the order they were extracted."""
    for row in iter_rows(folder):
        yield row_record(row)


# --- the local engine ----------------------------------------------------------------------


@dataclass
class ExtractReport:
    """What `kg extract --output` did."""

    written: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    parts: int = 0
    seconds: float = 0.0


def notice_files(paths: Iterable[Path]) -> list[Path]:
    """The files `ingest.read.iter_notices` would read, in its order: folders walked
    recursively and sorted, supported suffixes only, hidden folders and files left out;
    files named explicitly kept as given (read_file reports them if unsupported)."""
    from ingest.read import SUFFIXES

    out: list[Path] = []
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise UserError(f"No such file or folder: {', '.join(missing)}.")
    for given in map(Path, paths):
        if given.is_dir():
            out += sorted(p for p in given.rglob("*")
                          if p.is_file() and p.suffix.lower() in SUFFIXES
                          and not any(s.startswith(".") for s in p.relative_to(given).parts))
        else:
            out.append(given)
    return out


def extract_to_folder(paths: list[Path], folder: Path, workers: int = 1,
                      part_rows: int = DEFAULT_PART_ROWS,
                      on_record: Callable[[int], None] | None = None,
                      sources: Any = None) -> ExtractReport:
    """`kg extract PATH... --output DIR` on this machine (one process or `workers`).

    Notices whose (source, bytes) are already in the folder are not extracted again, so
    a re-run after an interruption does only what is missing, and never writes a
    notice twice."""
    from ingest.extract import iter_extract
    from ingest.read import RawNotice, Skipped

    start = time.perf_counter()
    report = ExtractReport()
    notice_files(paths)  # a path that does not exist is the user's mistake: say so first
    done = done_keys(folder)
    sha_by_source: dict[str, str] = {}

    def already_written(raw: RawNotice) -> bool:
        """Asked for each notice once read (so its source is the one the record will
        carry: a URL it declares, or its path relative to the folder given)."""
        try:
            sha = file_sha1(Path(raw.path).read_bytes())
        except OSError:
            return False  # extraction reports why it cannot be read
        if (raw.source, sha) in done:
            report.unchanged += 1
            return True
        sha_by_source[raw.source] = sha
        return False

    writer = PartWriter(folder, part_rows)
    for item in iter_extract(list(map(Path, paths)), workers, sources=sources,
                             skip=already_written):
        if isinstance(item, Skipped):
            report.skipped.append((str(item.path), item.reason))
            continue
        writer.add(record_row(item, sha_by_source[item.source]))
        report.written += 1
        if on_record is not None:
            on_record(report.written)
    writer.close()
    report.parts = len(writer.manifest.parts)
    report.seconds = time.perf_counter() - start
    return report


def run_cli(paths: list[Path], folder: Path, workers: int = 1,
            part_rows: int = DEFAULT_PART_ROWS, sources: Any = None) -> ExtractReport:
    """`kg extract --output DIR` (local engine): one closing summary on stderr. `sources`
    is what --source-url-prefix / --sources said (ingest.read.SourceOptions)."""
    from rich.console import Console

    report = extract_to_folder(paths, folder, workers=workers, part_rows=part_rows,
                               sources=sources)
    err = Console(stderr=True, highlight=False)
    for path, reason in report.skipped:
        err.print(f"skipped {path}: {reason}")
    err.print(f"{report.written} notices written, {report.unchanged} already in {folder}, "
              f"{len(report.skipped)} skipped; {report.parts} parts; {report.seconds:.1f} s")
    return report


def load_folder(folder: Path, driver: Any, database: str, batch_size: int | None = None) -> Any:
    """Load a records folder transactionally (`kg.load`: idempotent, into any graph)."""
    from kg import load

    require_folder(folder)
    return load.load_records(iter_records(folder), driver, database,
                             batch_size=batch_size or load.BATCH_SIZE)


def load_cli(folder: Path, batch_size: int | None = None) -> None:
    """`kg load DIR`: the loader's closing summary."""
    from rich.console import Console

    from kg import db, load
    from kg.settings import get_settings

    require_folder(folder)
    drv = db.driver()
    try:
        report = load_folder(folder, drv, get_settings().neo4j_database, batch_size)
    finally:
        drv.close()
    console = Console(highlight=False)
    for line in load.summary_lines(report):
        console.print(line)
