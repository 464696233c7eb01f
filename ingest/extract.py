"""Extraction: notice files in, `NoticeRecord`s out (read → clean → spaCy pipeline).

Public entry points:
- `extract_text(text, ...)`: one notice given as a string;
- `iter_extract(paths, workers)`: records and skipped files as they come, for the
  loader, which streams them into Neo4j;
- `extract_paths(paths, workers)`: the same, collected;
- `run_cli(...)`: what `kg extract` runs.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from spacy.tokens import Doc

from ingest.clean import CleanNotice, clean
from ingest.components.dates import event_date
from ingest.components.events import WATCHED_MEETING, WATCHED_VENUE, drop_watched_speakers
from ingest.components.shared import sentences
from ingest.read import RawNotice, Skipped, SourceOptions, iter_notices
from ingest.records import Evidence, Mention, NoticeRecord, Person, Relation, Title


def _evidence(cleaned: CleanNotice, span: tuple[int, int],
              mention: tuple[int, int] | None = None) -> Evidence:
    """The sentence at `span`, its offsets narrowed to the stripped sentence so that
    ``text[start:end]`` is exactly `sentence`, and the mention's offsets when given."""
    s, e = span
    raw = cleaned.text[s:e]
    s += len(raw) - len(raw.lstrip())
    e -= len(raw) - len(raw.rstrip())
    e = max(e, s)
    ms, me = mention if mention is not None else (-1, -1)
    return Evidence(sentence=cleaned.text[s:e], start=s, end=e,
                    original=cleaned.original[s:e] if cleaned.original else "",
                    mention_start=ms, mention_end=me)


def _find_in(text: str, span: tuple[int, int], names: Iterable[str]) -> tuple[int, int] | None:
    """Where the first of `names` (a fact's subject, then its other forms) stands in
    the sentence at `span`: the mention the fact's evidence points at."""
    s, e = span
    for name in names:
        if name:
            at = text.find(name, s, e)
            if at >= 0:
                return (at, at + len(name))
    return None


def _sentence_of(sent_spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in sent_spans:
        if s <= pos < e:
            return (s, e)
    return (pos, pos)


def record_from_clean(cleaned: CleanNotice, doc_name: str, source: str = "",
                      use_ner: bool = True, doc: Doc | None = None) -> NoticeRecord:
    """Run the pipeline over a cleaned notice (or take the `doc` it already gave)
    and build its record."""
    from ingest import gazetteer, pipeline

    text = cleaned.text
    if doc is None:
        doc = pipeline.get(use_ner)(text)
    sents = sentences(text)

    persons: list[Person] = []
    forms: dict[str, list[str]] = {}
    for name, entry in sorted((doc._.kg_persons or {}).items(), key=lambda kv: kv[1]["first"]):
        titles = [Title(text=t.text, body=t.body, role=t.role) for t in entry["titles"]]
        first = entry["first"]
        span = _sentence_of(sents, first)
        at = (first, first + len(name)) if text.startswith(name, first) else _find_in(
            text, span, [name, *entry["aliases"]])
        forms[name] = [name, *entry["aliases"]]
        persons.append(Person(name=name, titles=titles, aliases=list(entry["aliases"]),
                              evidence=_evidence(cleaned, span, at),
                              confidence=0.7 if entry["kind"] == "ner" else 0.95))

    def mentions(items: Iterable[tuple[int, int, str]]) -> list[Mention]:
        seen: set[str] = set()
        out = []
        for s, e, name in items:
            if name in seen:
                continue
            seen.add(name)
            out.append(Mention(name, _evidence(cleaned, _sentence_of(sents, s), (s, e))))
        return out

    localities: list[Mention] = []
    seen_places: set[str] = set()
    for name in cleaned.header_places:
        if name not in seen_places:
            seen_places.add(name)
            place = gazetteer.lookup(name)
            localities.append(Mention(name, None, getattr(place, "code", None)))
    for s, e, name, code in doc._.kg_places or []:
        if name not in seen_places:
            seen_places.add(name)
            localities.append(Mention(name, _evidence(cleaned, _sentence_of(sents, s), (s, e)),
                                      code))

    chain = gazetteer.infer_jurisdiction(cleaned.header_places, cleaned.title, text)
    facts = doc._.kg_facts or []
    if WATCHED_MEETING.search(text) and WATCHED_VENUE.search(text):
        titles = {n: v["titles"] for n, v in (doc._.kg_persons or {}).items()}
        facts = drop_watched_speakers(facts, titles, [p.name for p in chain])
    relations = []
    for f in facts:
        at = _find_in(text, f.sentence, forms.get(f.s, [f.s]))
        relations.append(Relation(s=f.s, p=f.p, o=f.o, with_=list(f.with_), on_behalf_of=f.on_behalf_of,
                                  s_kind=f.s_kind, evidence=_evidence(cleaned, f.sentence, at),
                                  confidence=0.9))
    date = cleaned.date
    return NoticeRecord(
        doc=doc_name,
        source=source,
        title=cleaned.title,
        date=date,
        event_date=event_date(text, date) or date,
        publisher=cleaned.publisher,
        jurisdiction=[p.name for p in chain],
        jurisdiction_code=chain[-1].code if chain else None,
        text=text,
        original_text=cleaned.original,
        persons=persons,
        organizations=mentions(doc._.kg_orgs or []),
        localities=localities,
        documents=mentions(doc._.kg_documents or []),
        principles=mentions(doc._.kg_principles or []),
        relations=relations,
        event_title=cleaned.title,
    )


def extract_text(text: str, doc_name: str = "notice.txt", source: str = "", *, is_html: bool = False,
                 title_hint: str = "", date_hint: str | None = None,
                 use_ner: bool = True) -> NoticeRecord:
    """Extract one notice given as text (already decoded)."""
    cleaned = clean(text, is_html=is_html, title_hint=title_hint, date_hint=date_hint)
    return record_from_clean(cleaned, doc_name, source or doc_name, use_ner)


def _source(raw: RawNotice) -> str:
    """The source `ingest.read` decided (a URL or a path relative to the folder
    given); never the absolute path the file was read from."""
    return raw.source or raw.location or raw.path.name


def extract_raw(raw: RawNotice, use_ner: bool = True) -> NoticeRecord:
    """Extract one file as read; HTML pages pass their <title> and <meta> date on,
    and the notice keeps the source `ingest.read` decided for it."""
    return extract_text(raw.text, raw.path.name, _source(raw), is_html=raw.is_html,
                        title_hint=raw.title_hint, date_hint=raw.date_hint, use_ner=use_ner)


#: Seconds one notice may take before it is skipped with the reason. A real
#: notice takes milliseconds; the budget is for what is not one (a dump of
#: megabytes on one line). `KG_NOTICE_SECONDS` sets it; 0 turns it off.
NOTICE_SECONDS = 5.0


#: After the budget, how soon the timer fires again if its exception was swallowed.
RETRY_SECONDS = 0.05


class NoticeTimeout(Exception):
    """A notice ran past its time budget."""


@contextmanager
def time_budget(seconds: float | None = None) -> Iterator[None]:
    """Raise NoticeTimeout in the block after `seconds` of wall time.

    A SIGALRM timer: it interrupts pure-Python rule loops (the pipeline's
    time), needs no thread or process per notice, and is available in the main
    thread of each process, which is where `kg extract`, `kg ingest` and their
    worker processes run notices. Elsewhere (a thread of a server) the block runs
    without a budget: such callers bound the work themselves."""
    if seconds is None:
        seconds = float(os.environ.get("KG_NOTICE_SECONDS", NOTICE_SECONDS))
    usable = (seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise NoticeTimeout(f"took longer than {seconds:g} s (KG_NOTICE_SECONDS raises the budget)")

    previous = signal.signal(signal.SIGALRM, expire)
    # Raised where the signal lands; if that is a place Python cannot raise from (a gc
    # callback, a __del__), the exception is dropped there, so after the budget the timer
    # goes on firing every RETRY_SECONDS until one lands in the block's own code.
    signal.setitimer(signal.ITIMER_REAL, seconds, RETRY_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


#: Notices go through the pipeline in chunks of up to this many notices and
#: characters, so the recogniser makes one model call for many of them.
CHUNK_NOTICES = 32
CHUNK_CHARS = 100_000


def _chunks(items: Iterable[RawNotice | Skipped]) -> Iterator[list[RawNotice] | Skipped]:
    """Consecutive readable notices grouped into chunks; a skipped file passes
    through in its place, so the order of paths is kept."""
    chunk: list[RawNotice] = []
    size = 0
    for item in items:
        if isinstance(item, Skipped):
            if chunk:
                yield chunk
                chunk, size = [], 0
            yield item
            continue
        if chunk and (len(chunk) >= CHUNK_NOTICES or size + len(item.text) > CHUNK_CHARS):
            yield chunk
            chunk, size = [], 0
        chunk.append(item)
        size += len(item.text)
    if chunk:
        yield chunk


def _work_chunk(raws: list[RawNotice]) -> list[NoticeRecord | Skipped]:
    """A chunk of notices through one `nlp.pipe`, within one notice's time
    budget; if the chunk fails or runs past it, each notice is run again alone
    with its own budget, so only the notice at fault is skipped (with its reason)."""
    from ingest import pipeline

    if len(raws) > 1:
        try:
            with time_budget():
                cleaned = [clean(r.text, is_html=r.is_html, title_hint=r.title_hint,
                                 date_hint=r.date_hint) for r in raws]
                docs = pipeline.get().pipe(c.text for c in cleaned)
                return [record_from_clean(c, r.path.name, _source(r), doc=d)
                        for r, c, d in zip(raws, cleaned, docs, strict=True)]
        except Exception:  # noqa: BLE001 - NoticeTimeout included: retried one by one
            pass
    return [_work(r) for r in raws]


def _work(raw: RawNotice) -> NoticeRecord | Skipped:
    try:
        with time_budget():
            return extract_raw(raw)
    except NoticeTimeout as exc:
        return Skipped(raw.path, f"extraction stopped: the notice {exc}")
    except Exception as exc:  # noqa: BLE001 - one bad notice must not stop a run
        return Skipped(raw.path, f"extraction failed: {type(exc).__name__}: {exc}")


def extract_bytes(name: str, source: str, data: bytes, scratch: Path, *,
                  user_given: bool = False) -> NoticeRecord | Skipped:
    """Extract one notice given as (file name, bytes), as a Spark executor holds it.

    Why through a scratch file: `ingest.read.read_file` is the one definition of how a
    notice file is read (size limit, UTF-16/NUL checks, encoding detection, HTML by
    suffix or content), so the distributed engine writes the bytes under the same file
    name into `scratch` and reads them exactly as the local engine does; `source`
    (the path relative to the input root, or the URL the cluster read, kg/spark.py)
    then names the notice, unless the file declares its own URL (canonical link,
    og:url, an address line), which names it as it does in the local engine; a
    source the user gave (`user_given`: --source-url-prefix, --sources) wins over
    what the file declares, as `ingest.read.decide_source` orders them."""
    from ingest.read import ReadError, read_file

    tmp = Path(scratch) / Path(name).name
    try:
        tmp.write_bytes(data)
        try:
            raw = read_file(tmp)
        except ReadError as exc:
            return Skipped(Path(source), exc.reason)
        try:
            with time_budget():
                named = source if user_given else raw.page_url or source
                return extract_text(raw.text, Path(name).name, named,
                                    is_html=raw.is_html,
                                    title_hint=raw.title_hint, date_hint=raw.date_hint)
        except NoticeTimeout as exc:
            return Skipped(Path(source), f"extraction stopped: the notice {exc}")
        except Exception as exc:  # noqa: BLE001 - one bad notice must not stop a run
            return Skipped(Path(source), f"extraction failed: {type(exc).__name__}: {exc}")
    finally:
        tmp.unlink(missing_ok=True)


def iter_extract(paths: Iterable[Path], workers: int = 1, *,
                 sources: SourceOptions | None = None,
                 skip: Callable[[RawNotice], bool] | None = None,
                 ) -> Iterator[NoticeRecord | Skipped]:
    """Records (and skipped files) in path order; `workers` > 1 spreads the
    pipeline over processes (0 = one per core). `sources` is what the user said
    about where the notices come from (--source-url-prefix, --sources; see
    `ingest.read.decide_source`); `skip`, when given, is asked about each notice
    once it is read and before it is extracted (a resumed `kg extract --output`
    leaves out the (source, file sha1) pairs it already wrote)."""
    notices = iter_notices(paths, sources)
    if skip is not None:
        notices = (n for n in notices if isinstance(n, Skipped) or not skip(n))
    items = _chunks(notices)
    if workers == 0:
        workers = os.cpu_count() or 1
    if workers <= 1:
        for item in items:
            if isinstance(item, Skipped):
                yield item
            else:
                yield from _work_chunk(item)
        return
    ctx = mp.get_context("fork") if sys.platform != "win32" else mp.get_context()
    with ctx.Pool(workers) as pool:
        pending: list = []
        for item in items:
            pending.append(item if isinstance(item, Skipped) else pool.apply_async(_work_chunk, (item,)))
            while len(pending) > workers * 2:
                first = pending.pop(0)
                if isinstance(first, Skipped):
                    yield first
                else:
                    yield from first.get()
        for first in pending:
            if isinstance(first, Skipped):
                yield first
            else:
                yield from first.get()


def extract_paths(paths: Iterable[Path], workers: int = 1, *,
                  sources: SourceOptions | None = None,
                  ) -> tuple[list[NoticeRecord], list[Skipped]]:
    records: list[NoticeRecord] = []
    skipped: list[Skipped] = []
    for item in iter_extract(paths, workers, sources=sources):
        (skipped if isinstance(item, Skipped) else records).append(item)
    return records, skipped


def summary(record: NoticeRecord) -> str:
    """A readable account of one notice: persons with titles, events, letters."""
    lines = [f"[bold]{record.doc}[/]  {record.title or ''}",
             f"  date {record.date or '?'}  event {record.event_date or '?'}  "
             f"jurisdiction {' > '.join(record.jurisdiction) or '?'}"]
    for p in record.persons:
        titles = "、".join(t.text for t in p.titles)
        lines.append(f"  person  {p.name}" + (f"  ({titles})" if titles else ""))
    for r in record.relations:
        extra = ""
        if r.o:
            extra += f" → {r.o}"
        if r.with_:
            extra += f" with {'、'.join(r.with_)}"
        if r.on_behalf_of:
            extra += f" for {r.on_behalf_of}"
        lines.append(f"  {r.p:<14}{r.s}{extra}")
    if record.documents:
        lines.append("  documents  " + "; ".join(d.text for d in record.documents))
    if record.localities:
        lines.append("  places  " + "、".join(m.text for m in record.localities))
    if record.organizations:
        lines.append("  bodies  " + "、".join(m.text for m in record.organizations))
    return "\n".join(lines)


def run_cli(paths: list[Path], jsonl: bool = False, workers: int = 1,
            sources: SourceOptions | None = None) -> None:
    err = Console(stderr=True)
    out = Console(highlight=False)
    read = skipped = 0
    for item in iter_extract(paths, workers, sources=sources):
        if isinstance(item, Skipped):
            skipped += 1
            err.print(f"skipped {item.path}: {item.reason}", highlight=False)
            continue
        read += 1
        if jsonl:
            sys.stdout.write(json.dumps(item.to_eval(), ensure_ascii=False) + "\n")
        else:
            out.print(summary(item))
            out.print()
    sys.stdout.flush()
    err.print(f"{read} notices read, {skipped} skipped", highlight=False)
