"""Uploading notices: files in, the same pipeline as `kg ingest`, a load report out.

Why an API key and "off" by default: this is the only route that writes, and an
API usually runs where analysts can reach it; without `KG_API_KEY` set on the
server the route answers 404 with a sentence saying how to turn it on.

Why the upload itself lives in `api.uploads`: checking the whole request first,
a private folder per request, files opened without following links, extraction
in a worker process with a time limit per notice, and the clean-up afterwards
are one procedure, documented there (and in docs/SECURITY.md).
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, File, Header, Request, UploadFile

from api import uploads
from api.db import get_settings
from api.errors import NotFound, Unauthorized
from api.models import IngestAnswer

router = APIRouter(prefix="/api", tags=["notices"])


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
    return uploads.ingest_uploads(request, files)
