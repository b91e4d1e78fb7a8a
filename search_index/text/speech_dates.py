"""The date of the words a sentence reports: of the date expressions around a quote or a
reported statement, the one tied to the act of speaking ("said on Tuesday", "On Monday,
Miller said"), not to an event the speaker talks about or a deadline.
"""

from __future__ import annotations

import datetime
import re

from search_index.models import DateBasis
from search_index.text.dates import DateResolution, find_date_expressions


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Words that name an act of speaking, or an occasion where people speak on the record.
_SPEECH_CUE = _rx(
    r"\b(?:said|says|say|saying|told|tells|telling|stated|states|added|adds|remarked|noted"
    r"|asserted|insisted|maintained|claimed|announced|declared|reiterated|stressed|emphasi[sz]ed"
    r"|underscored|urged|warned|affirmed|highlighted|commented|responded|responding|replied"
    r"|explained|tweeted|posted|wrote|speaking|spoke|speech|address(?:ed|ing)?|remarks|comments"
    r"|statement|release|briefing|briefed|conference|presser|interview|talk\s+show|transmission"
    r"|programme|program|podcast|hearing|session|meeting|met|talks|summit|call|visit|event"
    r"|ceremony|rally|gathering|forum|seminar|webinar|according\s+to|quoted|issued|broadcast"
    r"|televised|asked|questions?|reporters|journalists|media|testified|testimony|posted"
    # verbs of an official reaction: "confirmed on Wednesday that", "dismissed on Friday"
    r"|confirm(?:ed|s)|den(?:ied|ies)|reject(?:ed|s)|dismiss(?:ed|es)|clarified|condemn(?:ed|s)"
    r"|welcom(?:ed|es)|termed|acknowledged|disclosed|revealed|informed|assured|cautioned"
    r"|tweet)\b"
)
# Occasions that get dated in news copy but are not anybody speaking.
_EVENT_CUE = _rx(
    r"\b(?:elections?|polls?|vote|voting|ballot|slated|scheduled|due|expected|take\s+place"
    r"|polling|deadline|born|died|killed|attack|attacks|blast|explosion|anniversary"
    r"|since|until|till|victory|won|triumphed|arrested|released|launched|signed|sworn|inaugurated"
    r"|clashes|protests?|strike|strikes|crash|earthquake|floods?|took\s+office|resigned"
    r"|holiday|voted)\b"
)
# "Shah, who met the prime minister on Tuesday, said": a day inside a relative clause about a
# person dates what the clause tells of them, not the words of the main clause. ("The meeting,
# which took place on Tuesday, was useful, the minister said" keeps its day: that clause is
# about the occasion of the words.)
# "today's announcement", "Tuesday's vote": a day that fixes a noun ("Monday's briefing" is
# still an occasion of speech)
_POSSESSIVE = re.compile(r"['’]s\s+(?P<noun>[\w-]+(?:\s+[\w-]+){0,2})")
_RELATIVE_OPEN = re.compile(r",\s*(?:who|whom|whose)\b[^,]*$", re.IGNORECASE)
# A clause of its own after the verb of speech, in the future or before the past: "said England
# would make changes for the match on Sunday", "said the mission had been granted access on
# Wednesday evening" date the match and the access, not the words. ("admitted fraud and was
# sentenced on Tuesday" keeps its day: the hearing is where the words were said.)
_CLAUSE_VERB = _rx(r"\b(?:will|would|shall|won't|wouldn't|going\s+to|due\s+to|had)\b"
                   r"|['’]ll\b")
# A period, !, ? or ; that ends a sentence (not an initial or a common abbreviation).
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bGen)(?<!\bMrs)(?<!\bNo)"
    r"(?<!\b[A-Z][a-z]{2})[.!?;][\"”’)]*\s+"
)
_PREPOSITIONAL = re.compile(r"^(?:on|in|during|at)\b", re.IGNORECASE)
_DEADLINE_BEFORE = re.compile(r"\b(?:by|until|till|no\s+later\s+than|ahead\s+of)\s+(?:the\s+)?$",
                              re.IGNORECASE)
_WORD = re.compile(r"[\w’'-]+")
_NEAR_WORDS = 4  # a prepositional date binds to a cue at most this many words before it
_ADVERBIAL_NEAR_WORDS = 2  # "the protest this week": only the words right before bind a period
_AFTER_WORDS = 6  # "On Monday, Miller said": a cue this many words after still counts


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left, right = 0, len(text)
    for m in _SENTENCE_END.finditer(text):
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start()
            break
    return left, right


def _nearest_cue_before(before: str, max_words: int) -> str | None:
    """'speech', 'event' or None: the kind of the cue closest before a date, within reach."""
    words = list(_WORD.finditer(before))[-max_words:]
    if not words:
        return None
    window = before[words[0].start():]
    last: tuple[int, str] | None = None
    for kind, pattern in (("speech", _SPEECH_CUE), ("event", _EVENT_CUE)):
        for m in pattern.finditer(window):
            if last is None or m.start() > last[0]:
                last = (m.start(), kind)
    return last[1] if last else None


def _attachment(text: str, res: DateResolution) -> int:
    """+2 when the date follows a word of speech, +1 when it is in a clause with speech, -1
    when it is attached to another event, 0 when unclear."""
    left, right = _sentence_bounds(text, res.start, res.end)
    before = text[left:res.start]
    if _RELATIVE_OPEN.search(before):
        return -1
    # the weekday grammar takes the "'s" into its expression, "today" leaves it after
    owned = res.end - 2 if res.expression.endswith(("'s", "’s")) else res.end
    possessive = _POSSESSIVE.match(text, owned)
    if possessive and not _SPEECH_CUE.search(possessive.group("noun")):
        return -1  # "a preview of today's announcement": the day of the thing, not the words
    if _DEADLINE_BEFORE.search(before):
        return -1  # "asked the company to answer by October 4": a deadline, not the words
    after_words = list(_WORD.finditer(text, res.end, right))[:_AFTER_WORDS]
    after = text[res.end:after_words[-1].end()] if after_words else ""
    if _PREPOSITIONAL.match(res.expression) or res.basis in (
        DateBasis.MONTH_DAY, DateBasis.STATED, DateBasis.DAY_WEEKDAY
    ):
        # "the election on Wednesday", "a briefing on Tuesday": the noun just before decides.
        near = _nearest_cue_before(before, _NEAR_WORDS)
        if near == "speech":
            # "announced on Wednesday": bound to the verb itself, so it beats a date that is
            # only somewhere in a sentence with speech in it ("will resume on August 15")
            return 2
        if near == "event":
            return -1
    elif res.date is None and _nearest_cue_before(before, _ADVERBIAL_NEAR_WORDS) == "event":
        # "the protest this week, the spokesperson said": a period right after an event's
        # noun is the event's ("speaking on the election a day ago" still dates the speaking)
        return -1
    cues = list(_SPEECH_CUE.finditer(before))
    if cues and _CLAUSE_VERB.search(before, cues[-1].end()):
        return -1
    clause = before[before.rfind(",") + 1:] if "," in before else before
    if _SPEECH_CUE.search(before) or _SPEECH_CUE.search(after):
        # Adverbial dates ("a day ago", "yesterday") modify the verb of their clause.
        if _EVENT_CUE.search(clause) and not _SPEECH_CUE.search(clause + after):
            return -1
        return 1
    if _EVENT_CUE.search(clause):
        return -1
    return 0


def date_of_speech(
    text: str, anchor: datetime.date | None, anchor_confidence: float = 1.0
) -> DateResolution | None:
    """The expression in `text` that best dates the words reported in it, or None.

    `text` is the sentence that attributes a statement, perhaps with the one before it. Dates
    attached to speaking ("said on Tuesday", "at a news conference on Thursday", "told reporters
    Monday") win over other dates in the sentence (an election "on February 8"). A date that
    falls after the anchor is an event still to come, not speech. The result may have date None
    with a period (granularity "week"/"month"): the speech is dated only that far, and callers
    should not fall back to the article's date.
    """
    best: tuple[tuple[int, float, int], DateResolution] | None = None
    for res in find_date_expressions(text, anchor, anchor_confidence):
        if anchor is not None and res.date is not None and res.date > anchor + datetime.timedelta(
            days=1
        ):
            continue
        if res.period_start is not None and anchor is not None and res.period_start > anchor:
            continue
        attached = _attachment(text, res)
        if attached < 0:
            continue
        score = (attached, res.confidence if res.date is not None else -1.0, -res.start)
        if best is None or score > best[0]:
            best = (score, res)
    return best[1] if best else None
