"""Errors a user can act on.

Anything raised as `UserError` reaches the user as one sentence saying what to
do (the CLI prints it and exits 2; the API maps it to a status code), never as a
stack trace.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; the message says how."""

    exit_code = 2


class Neo4jUnavailable(UserError):
    """Neo4j did not answer at the configured URI."""


class NotFoundError(UserError):
    """Something the user named does not exist (the API answers 404)."""

    status = 404
