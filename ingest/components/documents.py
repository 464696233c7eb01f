"""Documents (《…》 titles, 关于…的通报 after 宣读/印发/学习) and slogans."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ingest.components.doc import doc_text, set_spans
from ingest.components.shared import BRACKETED
from ingest.lexicon import Lexicon, _alternation, load

DOC_KINDS = ("通报", "决定", "通知", "意见", "方案", "实施方案", "工作方案", "办法", "规定", "报告", "批复",
             "纪要", "细则", "规划", "计划", "条例", "法", "名单", "责任清单", "清单", "预案", "公告")


@lru_cache(maxsize=1)
def _unbracketed_doc_re() -> re.Pattern[str]:
    kinds = _alternation(DOC_KINDS)
    return re.compile(
        rf"(?:宣读|印发|学习|传达|下发|出台|制定|发布|审议|通过)了?"
        rf"(关于[^,，。;；:：《》“”\n]{{2,70}}?的(?:{kinds})|"
        rf"\d{{4}}年度?[^,，。;；:：《》“”\n的]{{2,30}}?(?:{kinds}))"
    )


def find_documents(text: str) -> list[tuple[int, int, str]]:
    """Titles in 《》 and 关于…的通报/决定 after 宣读, 印发, 学习 (without brackets)."""
    out: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for m in BRACKETED.finditer(text):
        title = m.group(0)[1:-1].strip()
        if re.search(r"(?:日报|晚报|时报|杂志|报)$", title) and len(title) <= 8:
            continue
        if title and title not in seen:
            seen.add(title)
            out.append((m.start() + 1, m.end() - 1, title))
    for m in _unbracketed_doc_re().finditer(text):
        title = m.group(1)
        if title not in seen:
            seen.add(title)
            out.append((m.start(1), m.end(1), title))
    out.sort()
    return out


def find_principles(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    seen: set[str] = set()
    out = []
    for m in lex.principle_re.finditer(text):
        if m.group(0) not in seen:
            seen.add(m.group(0))
            out.append((m.start(), m.end(), m.group(0)))
    return out




class Documents:
    """Document titles (《…》, 关于…的通报 after 宣读/印发/学习) and slogans (党政同责…)."""

    def __call__(self, doc: Doc) -> Doc:
        docs = find_documents(doc_text(doc))
        doc._.kg_documents = docs
        doc._.kg_principles = find_principles(doc_text(doc), load())
        set_spans(doc, "documents", [(s, e, "WORK_OF_ART") for s, e, _ in docs])
        return doc



@Language.factory("kg_documents")
def make_documents(nlp: Language, name: str) -> Documents:
    return Documents()
