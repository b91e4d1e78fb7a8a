"""/timeline: statements per month (or week) as a chart, with the first and latest listed
and the busiest periods named."""

from __future__ import annotations

from datetime import date

from bot.answers import Answer, AnswerField, AnswerKind, count_text, quote_item
from bot.commands.inputs import (
    check_range,
    check_topic,
    clip,
    collapse_spaces,
    parse_date_option,
    resolve_speaker,
)
from bot.commands.refusals import BadInput, answers_errors
from search_index.search.interface import SearchBackend
from search_index.search.timeline import period_label

CHART_FILENAME = "timeline.png"


@answers_errors
def timeline(
    service: SearchBackend,
    speaker: str | None = None,
    topic: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
) -> Answer:
    """Statements per month (or week) as a chart, the first and latest listed, the busiest
    periods named; an empty timeline says so in words, with no chart."""
    speaker_text = collapse_spaces(speaker)
    topic_text = check_topic(topic)
    if not speaker_text and not topic_text:
        raise BadInput("Name a speaker, a topic, or both.",
                       "For example: /timeline speaker:Matthew Miller, "
                       "or /timeline topic:elections")
    since_date = parse_date_option(since, "since")
    until_date = parse_date_option(until, "until", end=True)
    check_range(since_date, until_date)
    person = resolve_speaker(service, speaker_text) if speaker_text else None
    counted = service.timeline(speaker=person.name if person else None,
                               topic=topic_text or None, since=since_date, until=until_date)
    about = f"“{clip(topic_text, 60)}”" if topic_text else ""
    subject = " on ".join(part for part in (person.name if person else "", about) if part)
    window = _window_text(since_date, until_date)
    undated = (f"{_statements(counted.undated, 'undated ')} left out: the text gives no "
               "date for them, so they are not charted under another." if counted.undated
               else None)
    if counted.is_empty:
        lines = [f"No dated statements from {subject}{window}, so there is nothing to chart."]
        if undated:
            lines.append(undated)
        lines.append("Try a wider date range, another spelling, or /quote to search words.")
        return Answer(kind=AnswerKind.NO_RESULTS, title=f"Nothing to chart for {subject}",
                      lines=lines, private=True, timeline=counted)

    from bot.timeline_chart import draw_timeline_png  # matplotlib: loaded on first chart only

    title = f"Statements over time: {subject}"
    png = draw_timeline_png(counted, title)
    buckets = counted.buckets
    first_period = period_label(buckets[0].start, counted.granularity)
    last_period = period_label(buckets[-1].start, counted.granularity)
    the = "the " if counted.granularity == "week" else ""  # "from the week of 18 Dec 2023"
    lines = [f"{_statements(counted.dated, 'dated ')}, counted per {counted.granularity} "
             f"from {the}{first_period} to {the}{last_period}{window}."]
    if undated:
        lines.append(undated)
    hits = [counted.first]
    if counted.latest is not None and counted.latest.statement.id != counted.first.statement.id:
        hits.append(counted.latest)
    lines.append("1 is the first statement on the chart" + (", 2 the latest." if len(hits) > 1
                                                            else ", and the latest."))
    busiest = AnswerField(name="Busiest periods", lines=[
        f"{counted.busy_label(bucket)}: {_statements(bucket.count)}" for bucket in counted.busiest
    ])
    return Answer(
        kind=AnswerKind.RESULTS,
        title=title,
        lines=lines,
        items=[quote_item(hit, number) for number, hit in enumerate(hits, start=1)],
        fields=[busiest],
        total=counted.dated,
        chart_png=png,
        chart_filename=CHART_FILENAME,
        timeline=counted,
    )


def _statements(count: int, adjective: str = "") -> str:
    return count_text(count, f"{adjective}statement")


def _window_text(since: date | None, until: date | None) -> str:
    if since and until:
        return f" between {since} and {until}"
    if since:
        return f" since {since}"
    return f" until {until}" if until else ""
