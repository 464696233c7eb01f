"""Request parameters declared as they are checked: bounds, value sets, non-blank text.

Why here: the OpenAPI document is what other tools generate clients from, so every
check a route makes on a parameter must be visible in it. The bounds and patterns
below are used both in the route signatures (FastAPI validates them and writes them
into /openapi.json) and, for the comma-separated lists, by the parsing the routes
do themselves, so the document and the check cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from api.errors import BadParameter

#: The largest `offset` a list accepts. Neo4j's SKIP + LIMIT must fit a 64-bit
#: integer, and a client pages past a million entities only by mistake: `total` says
#: how many there are.
MAX_OFFSET = 1_000_000
#: Neo4j's integers are signed 64-bit.
NEO4J_INT_MIN = -(2**63)
NEO4J_INT_MAX = 2**63 - 1

#: Exactly the characters `str.strip()` removes, so a pattern built from them refuses
#: what the routes would strip to nothing.
SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())  # the last is U+3000


def _char_class(chars: str) -> str:
    """Characters as \\uXXXX escapes, which JSON Schema (ECMA), Python and Rust regexes
    all read the same way."""
    return "".join(f"\\u{ord(c):04x}" for c in chars)


#: Text with at least one character that is not white space.
NOT_BLANK = f"[^{_char_class(SPACES)}]"
#: A comma-separated list with at least one item that is not white space.
NOT_BLANK_LIST = f"[^,{_char_class(SPACES)}]"


_INTEGER_TEXT = re.compile(r"-?[0-9]+")


def _integer_text(value: Any) -> Any:
    """A query-string integer must be written as one: pydantic alone would also take
    "0.0" or "1e3", which the document (type integer) does not allow."""
    if isinstance(value, str) and not _INTEGER_TEXT.fullmatch(value):
        raise PydanticCustomError("whole_number",
                                  "Input should be a whole number written in digits, such as 20")
    return value


#: After the `Query(...)` of an integer parameter (`Annotated[int, Query(ge=…), DIGITS]`;
#: placed before it, pydantic would write the bounds into the schema as unknown keys):
#: the value is parsed only from digits.
DIGITS = BeforeValidator(_integer_text)


def csv_param(name: str, allowed: Sequence[str], description: str) -> dict[str, Any]:
    """The OpenAPI declaration of a comma-separated list of values from `allowed`
    (`?labels=Person,Meeting`: an array serialised with style form, explode false)."""
    return {
        "name": name, "in": "query", "required": False, "style": "form", "explode": False,
        "description": f"{description} Comma-separated, any of: {', '.join(allowed)}.",
        "schema": {"type": "array", "minItems": 1,
                   "items": {"type": "string", "enum": list(allowed)}},
    }


def parse_csv(name: str, raw: str | None, allowed: Sequence[str]) -> list[str] | None:
    """The items of a comma-separated list parameter, each one of `allowed`; None when
    the parameter is absent. Anything else is a 422 naming the parameter."""
    if raw is None:
        return None
    items = raw.split(",")
    unknown = next((x for x in items if x not in allowed), None)
    if unknown is not None:
        raise BadParameter(f"Parameter {name!r}: {unknown!r} is not one of its values; use "
                           f"any of {', '.join(allowed)}, comma-separated.")
    return items
