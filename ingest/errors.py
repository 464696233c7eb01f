"""The one error base of the project, kept in the lowest layer.

Anything raised as `UserError` reaches the user as one sentence saying what to
do (the CLI prints it and exits 2; the API maps it to a status code), never as a
stack trace. It lives here, not in `kg`, because the flow's dependencies point one
way: `ingest` (read → clean → extract) knows nothing of the graph, and `kg`
re-exports this class with its own subclasses (`kg.errors`).
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; the message says how."""

    exit_code = 2
