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
             "纪要", "细则", "规划", "计划", "条例", "法", "名单", "责任清单", "清单", "预案", "公告", "要点")


@lru_cache(maxsize=1)
def _unbracketed_doc_re() -> re.Pattern[str]:
    kinds = _alternation(DOC_KINDS)
    return re.compile(
        rf"(?:宣读|印发|学习|传达|下发|出台|制定|发布|审议|通过)(?:贯彻|落实|领会)*了?"
        # the issuer written before 关于 is part of the title (党中央、国务院关于…的意见)
        rf"((?:[^,，。;；:：《》“”\n关]{{1,16}}?(?:中央|国务院|政府|委员会|委|办公厅|办|部|厅|局))?"
        rf"关于[^,，。;；:：《》“”\n]{{2,70}}?的(?:{kinds})|"
        rf"\d{{4}}年度?[^,，。;；:：《》“”\n的]{{2,30}}?(?:{kinds}))"
    )


@lru_cache(maxsize=1)
def _read_out_doc_re() -> re.Pattern[str]:
    """宣读了某公司关于开展某某活动的文件 / 宣读了公司年度安全生产工作意见: what is read out
    is a document when the whole object ends in a document's kind."""
    kinds = _alternation((*DOC_KINDS, "文件"))
    return re.compile(
        rf"宣读了?[“\"]?((?:[^,，。;；:：《》“”\n]{{1,12}}?)?关于[^,，。;；:：《》\n]{{2,70}}?(?:{kinds})|"
        rf"[^,，。;；:：《》“”\n关][^,，。;；:：《》\n关]{{3,40}}?(?:{kinds}))[”\"]?(?=[,，。;；:：\n]|$)"
    )


#: A title read out without brackets names its issuer or its year (公司年度…意见,
#: 2024年…方案); 近期典型事故报告 describes, it does not name.
ISSUED = re.compile(r"(?:\d{4}年|[^,，。]{0,10}?(?:公司|集团|局|委|政府|办|厂|矿|中心|部|院|所|队|会)[^,，。]{0,4}?年度?)")


#: Inner brackets in a title (《关于废止<某某办法>等规章的决定》).
INNER = re.compile(r"[<〈＜《]([^<>〈〉＜＞《》]{1,60})[>〉＞》]")
NESTED = re.compile(r"《([^《》]{0,60}《[^《》]{1,60}》[^《》]{0,60})》")


def find_documents(text: str) -> list[tuple[int, int, str]]:
    """Titles in 《》 and 关于…的通报/决定 after 宣读, 印发, 学习 (without brackets)."""
    out: list[tuple[int, int, str]] = []
    seen: set[str] = set()

    def add(s: int, e: int, title: str) -> None:
        if title and title not in seen:
            seen.add(title)
            out.append((s, e, title))

    nested = []
    for m in NESTED.finditer(text):
        # 《关于印发《某某方案》的通知》: the outer title and the inner one
        nested.append((m.start(), m.end()))
        add(m.start(1), m.end(1), INNER.sub(r"\1", m.group(1)).strip())
    for m in BRACKETED.finditer(text):
        title = m.group(0)[1:-1].strip()
        if re.search(r"(?:日报|晚报|时报|杂志|报)$", title) and len(title) <= 8:
            continue
        if any(s < m.start() and m.end() < e for s, e in nested):
            add(m.start() + 1, m.end() - 1, title)
            continue
        inner = list(INNER.finditer(title))
        if inner:
            # 《关于废止<某某细则>等规章的决定》: the title without its inner brackets,
            # and the inner title
            add(m.start() + 1, m.end() - 1, INNER.sub(r"\1", title).strip())
            for im in inner:
                add(m.start() + 1 + im.start(1), m.start() + 1 + im.end(1), im.group(1).strip())
            continue
        add(m.start() + 1, m.end() - 1, title)
    brackets = [(m.start(), m.end()) for m in BRACKETED.finditer(text)]
    for m in _unbracketed_doc_re().finditer(text):
        if any(s <= m.start(1) < e for s, e in brackets):
            continue  # 《某委关于印发某某要点的通知》: inside a title, not a title of its own
        add(m.start(1), m.end(1), m.group(1))
    for m in _read_out_doc_re().finditer(text):
        title = m.group(1).strip()
        if any(s <= m.start(1) < e for s, e, _ in out):
            continue
        if "关于" in title or ISSUED.match(title):
            add(m.start(1), m.end(1), title)
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
