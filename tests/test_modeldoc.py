"""docs/MODEL.md stays generated from kg/model.py."""

from kg.model import NODE_TYPES, REL_TYPES
from kg.modeldoc import DOC, render, tables


def test_model_doc_tables_match_the_model_declaration():
    text = DOC.read_text(encoding="utf-8")
    assert render(text) == text, "run `python -m kg.modeldoc --write`"


def test_tables_list_every_label_and_relationship_type():
    t = tables()
    assert all(f"| `{n.label}` |" in t for n in NODE_TYPES)
    assert all(f"| `{r.type}` |" in t for r in REL_TYPES)
