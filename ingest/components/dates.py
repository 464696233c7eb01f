"""The date of the reported event: the first month-day near an event word,
with the year from the text or from the publication date."""

from __future__ import annotations

import re

from ingest.components.shared import sentences

# --- dates -----------------------------------------------------------------------------------

MONTH_DAY = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")


EVENT_WORDS = re.compile(r"召开|举行|召集|主持|检查|调研|督导|签订|出席|会议|座谈|开展|来到|深入")


def event_date(text: str, published: str | None) -> str | None:
    """The reported event's date: a 3月21日-style date in an opening sentence that
    reports an event (召开, 检查…), its year from the publication date (the
    previous year when the month is later than the publication month). Dates
    further down are usually quoted events (another meeting, an accident)."""
    for s0, e0 in sentences(text[:800])[:6]:
        sent = text[s0:e0]
        m = MONTH_DAY.search(sent)
        if not m or not EVENT_WORDS.search(sent):
            continue
        year_s, month_s, day_s = m.groups()
        month, day = int(month_s), int(day_s)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        if year_s:
            year = int(year_s)
        elif published:
            py, pm = int(published[:4]), int(published[5:7])
            year = py if month <= pm else py - 1
        else:
            return None
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None
