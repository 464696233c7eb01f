"""The word segmenter of the extraction pipeline: jieba's algorithm and
dictionary, run by `rjieba` (the Python binding of the Rust port jieba-rs).

spaCy's own Chinese tokenizer runs the pure-Python jieba, with the HMM that
guesses unknown words: about 360,000 characters per second here, which alone
would take half the time budget of a notice. rjieba segments the same way at
over ten million characters per second (about 3.4 million including building
the spaCy Doc), and the HMM is left off because the rules read characters and
lexicons, not tokens; tokens are there to inspect a Doc and to hold spans
(doc.spans["officials"] …).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab


class JiebaTokenizer:
    def __init__(self, vocab: Vocab, hmm: bool = False) -> None:
        import rjieba

        self._cut = rjieba.cut
        self.vocab = vocab
        self.hmm = hmm

    def __call__(self, text: str) -> Doc:
        words = [w for w in self._cut(text, self.hmm) if w]
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        # the components read the text, not the tokens: keep the string we were
        # given, so nobody rebuilds it from tens of thousands of tokens (doc.text)
        doc.user_data["kg_text"] = text
        return doc

    # spaCy serialises the tokenizer with the pipeline; the dictionary ships with
    # rjieba, so there is nothing of ours to save.
    def to_bytes(self, **_: Any) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: Any) -> JiebaTokenizer:
        return self

    def to_disk(self, path: str | Path, **_: Any) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, _path: str | Path, **_: Any) -> JiebaTokenizer:
        return self


@spacy.registry.tokenizers("kg.JiebaTokenizer.v1")
def create_tokenizer(hmm: bool = False):  # noqa: ANN201 - spaCy's factory protocol
    def make(nlp: Any) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab, hmm=hmm)

    return make
