"""Errors a user can act on (the base, `UserError`, is `ingest.errors`'s).

Anything raised as `UserError` reaches the user as one sentence saying what to
do (the CLI prints it and exits 2; the API maps it to a status code), never as a
stack trace.
"""

from __future__ import annotations

from ingest.errors import UserError

__all__ = ["UserError", "Neo4jUnavailable", "NotFoundError"]


class Neo4jUnavailable(UserError):
    """Neo4j did not answer at the configured URI."""


class NotFoundError(UserError):
    """Something the user named does not exist (the API answers 404)."""

    status = 404
