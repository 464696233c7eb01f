"""What `POST /api/notices` does with the files once the key is checked.

Why it is shaped this way (issue 11):
- The whole request is checked before anything is written: every name reduced to
  a safe, bounded form (or refused with 422), no two files with one name, each file
  within the reader's size limit and the request within a total. A refused request
  leaves nothing behind.
- Files go into a private folder made for this request (`tempfile.mkdtemp`, mode
  0700), never a fixed shared path where a planted symlink could redirect a write;
  each is created with O_CREAT | O_EXCL | O_NOFOLLOW, and the folder is removed
  when the request ends, whatever happened.
- Reading and extraction run in a worker process with a time limit per notice
  (`api.upload_worker`), so a crafted notice is skipped with the reason instead
  of pinning the server.
- A Document's id is a hash of its source, so each upload is named
  `upload://<file name>` rather than by its temporary path (which would name this
  server's folders, and a new one each time): uploading the same file again finds
  the same Document (unchanged, or replaced when its text changed), as re-running
  `kg ingest` on a folder does. A page that declares its own http(s) URL (canonical
  link, og:url, an address line; `ingest.read.decide_source`) is named by that URL,
  as `kg ingest` names it, so an upload of a page already ingested from a crawl is
  the same Document.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from fastapi import Request, UploadFile

from api.db import get_driver, get_settings
from api.errors import ApiError, BadParameter
from api.models import IngestAnswer, NodeRef, SkippedFile
from api.routes.entities import display_name
from api.upload_worker import worker_pool
from ingest.read import MAX_BYTES, Skipped
from ingest.records import NoticeRecord
from kg import ids
from kg.load import LoadReport, load_records
from kg.model import label_for_prefix

#: Longest file name kept, in UTF-8 bytes (file systems stop at 255).
MAX_NAME_BYTES = 180
#: Files in one request, and their total size.
MAX_FILES = 100
MAX_TOTAL_BYTES = 50 * 1024 * 1024
#: Characters a stored name keeps; anything else becomes "_".
_UNSAFE = re.compile(r"[^\w.\-()（）+ ]", re.UNICODE)
SOURCE_SCHEME = "upload://"


class StoreFailed(ApiError):
    status = 500


def safe_name(filename: str | None) -> str:
    """The file's own name, without any folder part, in a form safe on any disk: NFC,
    no control characters, separators or shell specials, no leading dot, at most
    MAX_NAME_BYTES bytes; a name that cannot be made so is refused (422)."""
    raw = filename or ""
    name = re.split(r"[\\/]", raw)[-1]
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE.sub("_", re.sub(r"[\x00-\x1f\x7f]", "", name)).strip(" ")
    if not name or name.startswith(".") or set(name) <= {"_", "."}:
        raise BadParameter(f"Parameter 'files': {raw[:80]!r} is not a usable file name.")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise BadParameter(f"Parameter 'files': the file name {raw[:40]!r}… is "
                           f"{len(name.encode('utf-8'))} bytes long; the limit is "
                           f"{MAX_NAME_BYTES}.")
    return name


def receive(files: list[UploadFile]) -> list[tuple[str, bytes]]:
    """Every file's safe name and bytes, the whole request checked before anything is
    written (422 for the first problem found)."""
    if len(files) > MAX_FILES:
        raise BadParameter(f"Parameter 'files': {len(files)} files; the limit is {MAX_FILES} "
                           "per request.")
    out: list[tuple[str, bytes]] = []
    seen: set[str] = set()
    total = 0
    for f in files:
        name = safe_name(f.filename)
        if name.casefold() in seen:
            raise BadParameter(f"Parameter 'files': two files are named {name!r}.")
        seen.add(name.casefold())
        data = f.file.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise BadParameter(f"Parameter 'files': {name!r} is larger than "
                               f"{MAX_BYTES // (1024 * 1024)} MiB, the limit for one notice.")
        total += len(data)
        if total > MAX_TOTAL_BYTES:
            raise BadParameter(f"Parameter 'files': the files add up to more than "
                               f"{MAX_TOTAL_BYTES // (1024 * 1024)} MiB, the limit per request.")
        out.append((name, data))
    return out


def write_private(folder: Path, name: str, data: bytes) -> Path:
    """Create `folder/name` for this request alone: never through a symlink, never over
    an existing file."""
    path = folder / name
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return path


def upload_source(record: NoticeRecord, name: str) -> str:
    """The source an uploaded notice is known by: the http(s) URL the page declared,
    else `upload://<file name>`; never the temporary folder it was read from."""
    declared = record.source if re.match(r"^https?://", record.source or "", re.I) else None
    return declared or SOURCE_SCHEME + name


def _as_upload(item: NoticeRecord | Skipped, name: str) -> NoticeRecord | Skipped:
    """The record named by its upload rather than by the temporary path it was read from."""
    if isinstance(item, NoticeRecord):
        item.doc = name
        item.source = upload_source(item, name)
    return item


def ingest_uploads(request: Request, files: list[UploadFile]) -> IngestAnswer:
    """Check, store privately, extract with a time limit per notice, load, clean up."""
    received = receive(files)
    settings = get_settings(request)
    driver = get_driver(request)
    folder = Path(tempfile.mkdtemp(prefix="anquan-kg-upload-"))
    try:
        try:
            paths = [write_private(folder, name, data) for name, data in received]
        except OSError as exc:
            raise StoreFailed(f"The upload could not be stored safely ({exc.strerror or exc}); "
                              "nothing was ingested. Retry; if it persists, look at the "
                              "server's temporary folder.") from None
        with worker_pool(settings.upload_workers).worker() as worker:
            items = worker.extract(paths, settings.upload_notice_timeout_s)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    names = [name for name, _ in received]
    records = [_as_upload(it, n) for it, n in zip(items, names, strict=True)
               if isinstance(it, NoticeRecord)]
    skipped = [SkippedFile(file=n, reason=it.reason) for it, n in zip(items, names, strict=True)
               if isinstance(it, Skipped)]
    report: LoadReport = load_records(records, driver=driver, database=settings.neo4j_database)
    doc_ids = [ids.document_id(r.source) for r in records]
    found, _, _ = driver.execute_query(
        "MATCH (d:Document) WHERE d.id IN $ids RETURN d.id AS id, d.title AS title, "
        "d.name AS name", {"ids": doc_ids}, database_=settings.neo4j_database)
    by_id: dict[str, Any] = {r["id"]: r for r in found}
    documents = [NodeRef(id=i, label=label_for_prefix(i), name=display_name(dict(by_id[i])))
                 for i in doc_ids if i in by_id]
    return IngestAnswer(
        files=names, read=report.read, added=report.added, replaced=report.replaced,
        unchanged=report.unchanged, skipped=skipped, nodes_created=report.nodes_created,
        relationships_created=report.relationships_created, documents=documents)
