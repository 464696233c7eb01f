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

from fastapi import APIRouter, File, Request, Security, UploadFile
from fastapi.security import APIKeyHeader
from pydantic import WithJsonSchema

from api import uploads
from api.db import get_settings
from api.errors import NotFound, Unauthorized, responses
from api.models import IngestAnswer

router = APIRouter(prefix="/api", tags=["notices"])


def check_key(request: Request, given: str | None, action: str = "Uploading notices",
              feature: str = "Uploading notices is") -> None:
    """The rule for every write the API key guards: 401 without a key (whether or not the
    server has one), 404 when the server has none (the feature is off), 401 for a wrong
    one, compared in constant time. `action` and `feature` name the write in the message."""
    expected = get_settings(request).api_key
    if not given:
        raise Unauthorized(f"{action} needs the server's API key in the X-API-Key header; it "
                           "was missing" + ("." if expected else
                                            ", and this server has none: set KG_API_KEY to "
                                            "turn it on."))
    if not expected:
        raise NotFound(f"{feature} off on this server: set KG_API_KEY in its environment to "
                       "turn it on, then send the key as X-API-Key.")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise Unauthorized(f"{action} needs the server's API key in the X-API-Key header; the "
                           "key was wrong.")


#: A file part: any bytes (`format: binary`, what client generators read as "a file").
NoticeFile = Annotated[UploadFile, WithJsonSchema(
    {"type": "string", "format": "binary", "contentMediaType": "application/octet-stream"})]
#: The upload's credential, declared as an OpenAPI security scheme so generated clients
#: know to send it; the route checks it itself (`check_key`), so it is not auto-refused.
API_KEY = APIKeyHeader(name="X-API-Key", auto_error=False, scheme_name="ApiKey",
                       description="The server's KG_API_KEY (uploads are off without one).")


@router.post("/notices", response_model=IngestAnswer, summary="Upload and ingest notices",
             responses=responses(400, 401, 404, 422, 503, why={
                 400: "The body is not valid multipart/form-data",
                 404: "Uploads are off (no KG_API_KEY on the server)",
                 422: "No file, a file without a usable name, or a file over the size limit"},
                 examples={400: "Invalid multipart data.",
                           404: "Uploading notices is off on this server: set KG_API_KEY in "
                                "its environment to turn it on, then send the key as "
                                "X-API-Key.",
                           422: "Parameter 'files': '.env' is not a usable file name."}))
def upload_notices(
    request: Request,
    files: Annotated[list[NoticeFile], File(
        min_length=1, max_length=uploads.MAX_FILES, description=(
            f"Notice files (.txt, .html, .htm), 1 to {uploads.MAX_FILES}, each with its own "
            f"name, at most {uploads.MAX_BYTES // 2**20} MiB each and "
            f"{uploads.MAX_TOTAL_BYTES // 2**20} MiB together."))],
    x_api_key: Annotated[str | None, Security(API_KEY)] = None,
) -> IngestAnswer:
    """Read, extract, resolve and load the uploaded notices (idempotent: the same file
    again changes nothing); unreadable files are reported in `skipped`."""
    check_key(request, x_api_key)
    return uploads.ingest_uploads(request, files)
