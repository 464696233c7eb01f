"""Uploading notices: files in, the same pipeline as `kg ingest`, a load report out.

Why an API key and "off" by default: this is the only route that writes, and an
API usually runs where analysts can reach it; without `KG_API_KEY` set on the
server the route answers 404 with a sentence saying how to turn it on.

Why files are kept under one upload folder by their own name: a Document's id is
a hash of its source path, so uploading the same file again finds the same
Document (unchanged, or replaced when its text changed), as re-running
`kg ingest` on a folder does. Uploads are serialised so two requests never
write the same file at once.
"""

from __future__ import annotations

import hmac
import re
import tempfile
import threading
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Header, Request, UploadFile

from api.db import get_driver, get_settings
from api.errors import BadParameter, NotFound, Unauthorized
from api.models import IngestAnswer, NodeRef, SkippedFile
from api.routes.entities import display_name
from kg import ids
from kg.load import ingest_paths
from kg.model import label_for_prefix

router = APIRouter(prefix="/api", tags=["notices"])

UPLOAD_DIR = Path(tempfile.gettempdir()) / "anquan-kg-uploads"
MAX_BYTES = 20 * 1024 * 1024
_lock = threading.Lock()


def safe_name(filename: str | None) -> str:
    """The file's own name, without any folder part, usable on disk."""
    name = re.split(r"[\\/]", filename or "")[-1].strip()
    name = re.sub(r"[\x00-\x1f]", "", name)
    if not name or name.startswith("."):
        raise BadParameter(f"Parameter 'files': {filename!r} is not a usable file name.")
    return name


def check_key(request: Request, given: str | None) -> None:
    expected = get_settings(request).api_key
    if not expected:
        raise NotFound("Uploading notices is off on this server: set KG_API_KEY in its "
                       "environment to turn it on, then send the key as X-API-Key.")
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise Unauthorized("Uploading notices needs the server's API key in the X-API-Key "
                           "header; the key was missing or wrong.")


@router.post("/notices", response_model=IngestAnswer, summary="Upload and ingest notices",
             responses={401: {"description": "Missing or wrong X-API-Key"},
                        404: {"description": "Uploads are off (no KG_API_KEY on the server)"}})
def upload_notices(
    request: Request,
    files: Annotated[list[UploadFile], File(description="Notice files (.txt, .html, .htm).")],
    x_api_key: Annotated[str | None, Header(description="The server's KG_API_KEY.")] = None,
) -> IngestAnswer:
    """Read, extract, resolve and load the uploaded notices (idempotent: the same file
    again changes nothing); unreadable files are reported in `skipped`."""
    check_key(request, x_api_key)
    settings = get_settings(request)
    with _lock:
        UPLOAD_DIR.mkdir(parents=True, exist_ok=True)
        saved: list[Path] = []
        for f in files:
            data = f.file.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise BadParameter(f"Parameter 'files': {f.filename!r} is larger than "
                                   f"{MAX_BYTES // (1024 * 1024)} MB.")
            path = UPLOAD_DIR / safe_name(f.filename)
            path.write_bytes(data)
            saved.append(path)
        report = ingest_paths(saved, driver=get_driver(request),
                              database=settings.neo4j_database)
    doc_ids = [ids.document_id(str(p)) for p in saved]
    records, _, _ = get_driver(request).execute_query(
        "MATCH (d:Document) WHERE d.id IN $ids RETURN d.id AS id, d.title AS title, "
        "d.name AS name", {"ids": doc_ids}, database_=settings.neo4j_database)
    by_id = {r["id"]: r for r in records}
    documents = [NodeRef(id=i, label=label_for_prefix(i), name=display_name(dict(by_id[i])))
                 for i in doc_ids if i in by_id]
    return IngestAnswer(
        files=[p.name for p in saved], read=report.read, added=report.added,
        replaced=report.replaced, unchanged=report.unchanged,
        skipped=[SkippedFile(file=Path(p).name, reason=why) for p, why in report.skipped],
        nodes_created=report.nodes_created, relationships_created=report.relationships_created,
        documents=documents)
