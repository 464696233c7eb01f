"""Assemble the extraction pipeline from `config.cfg`.

`build()` returns a spaCy `Language` whose components are the factories of
`ingest.components`; `get()` caches one per process. `python -m ingest.pipeline --save DIR` writes the
pipeline so that `spacy.load(DIR)` gives the same thing.
"""

from __future__ import annotations

import argparse
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import load_config, load_model_from_config

import ingest.components  # noqa: F401  (registers the factories)
import ingest.tokenizer  # noqa: F401  (registers the tokenizer)

CONFIG = Path(__file__).with_name("config.cfg")


def build(overrides: dict | None = None) -> Language:
    """A fresh pipeline from config.cfg (dotted `overrides` like spaCy's CLI)."""
    config = load_config(CONFIG, overrides=overrides or {}, interpolate=True)
    return load_model_from_config(config, auto_fill=True, validate=True)


@lru_cache(maxsize=4)
def get(use_ner: bool = True) -> Language:
    """The process-wide pipeline."""
    return build({"components.kg_person_ner.enabled": use_ner})


def main() -> None:
    parser = argparse.ArgumentParser(description="Build or save the extraction pipeline.")
    parser.add_argument("--save", type=Path, help="write the pipeline to this folder")
    args = parser.parse_args()
    nlp = build()
    print("pipeline:", nlp.pipe_names)
    if args.save:
        nlp.to_disk(args.save)
        print("saved to", args.save, "- load it with spacy.load()")
        spacy.load(args.save)


if __name__ == "__main__":
    main()
