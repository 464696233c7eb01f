"""The model's tables for docs/MODEL.md, generated from `kg.model`.

Why generated: the declaration in kg/model.py is the single source of truth; the
documentation analysts read must not drift from it. `python -m kg.modeldoc`
prints the tables; `python -m kg.modeldoc --write` replaces the generated block
of docs/MODEL.md (between the BEGIN/END markers), and a test checks they agree.
"""

from __future__ import annotations

import sys

from kg.model import NODE_TYPES, PROVENANCE_PROPERTIES, REL_TYPES
from kg.settings import PROJECT_ROOT

DOC = PROJECT_ROOT / "docs" / "MODEL.md"
BEGIN = "<!-- BEGIN GENERATED: python -m kg.modeldoc --write -->"
END = "<!-- END GENERATED -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def tables() -> str:
    lines = ["### Node labels", "",
             "| Label | id prefix | Properties (besides `id`, `name`) | Identity rule | RDF class |",
             "|---|---|---|---|---|"]
    for n in NODE_TYPES:
        props = ", ".join(f"`{p}`" for p in n.properties) or "–"
        lines.append(f"| `{n.label}` | `{n.prefix}:` | {props} | {_cell(n.identity)} | "
                     f"`{n.rdf_class}` |")
    prov = ", ".join(f"`{p}`" for p in PROVENANCE_PROPERTIES)
    lines += ["", "### Relationship types", "",
              f"Every relationship also carries {prov}.", "",
              "| Type | From | To | Properties | Key properties | Meaning | Kind | RDF property |",
              "|---|---|---|---|---|---|---|---|"]
    for r in REL_TYPES:
        props = ", ".join(f"`{p}`" for p in r.properties) or "–"
        keys = ", ".join(f"`{p}`" for p in r.key_properties) or "–"
        kind = "extracted" if r.extracted else "structural"
        lines.append(f"| `{r.type}` | {', '.join(r.sources)} | {', '.join(r.targets)} | {props} | "
                     f"{keys} | {_cell(r.description)} | {kind} | `{r.rdf_property}` |")
    return "\n".join(lines)


def render(document: str) -> str:
    """The document with its generated block replaced by the current tables."""
    head, _, rest = document.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{tables()}\n{END}{tail}"


def main(argv: list[str]) -> None:
    if "--write" in argv:
        DOC.write_text(render(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(tables())


if __name__ == "__main__":
    main(sys.argv[1:])
