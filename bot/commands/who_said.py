"""/whosaid: the statements holding a phrase (or the closest wording), each with everyone who
said the same words and every article that reported them, earliest first."""

from __future__ import annotations

from bot.answers import Answer, AnswerKind, quote_item
from bot.commands.inputs import MAX_QUERY_CHARS, clip, collapse_spaces
from bot.commands.refusals import BadInput, answers_errors
from bot.source_line import report_line
from search_index.models import Hit
from search_index.search.interface import SearchBackend

WHOSAID_GROUPS = 5  # distinct wordings; each lists everyone who said it
WHOSAID_ITEMS = 8  # statements shown in all, so every source line fits in one embed
MATCH_TEXT = {"phrase": "these exact words", "all-words": "every word",
              "most-words": "most of the words"}


@answers_errors
def whosaid(service: SearchBackend, phrase: str) -> Answer:
    """Statements holding the phrase (or the closest), each with everyone who said the same
    words and every article that reported them, earliest first."""
    text = collapse_spaces((phrase or "").replace('"', " "))
    if not text:
        raise BadInput("Type the words you remember.",
                       "For example: /whosaid major non-NATO ally")
    if len(text) > MAX_QUERY_CHARS:
        raise BadInput(f"That phrase is too long ({len(text)} characters; the limit is "
                       f"{MAX_QUERY_CHARS}).", "The few words you remember best work better.")
    result = service.whosaid(text, limit=WHOSAID_GROUPS)
    if not result.groups:
        lines = []
        if result.suggestion and result.suggestion.casefold() != text.casefold():
            lines.append(f"Did you mean “{result.suggestion}”?")
        lines.append("No statement holds those words or most of them. Try fewer words, "
                     "or the ones you remember best.")
        return Answer(kind=AnswerKind.NO_RESULTS, lines=lines, private=True,
                      title=f"Nobody on record said “{clip(text, 80)}”")

    items = []
    lines = []
    for group in result.groups:
        hits = group.hits[: max(0, WHOSAID_ITEMS - len(items))]
        if not hits:
            break
        first = len(items) + 1
        for hit in hits:
            item = quote_item(hit, len(items) + 1)
            items.append(item.model_copy(update={"reports": _report_lines(hit)}))
        numbers = f"{first}" if len(hits) == 1 else f"{first}-{first + len(hits) - 1}"
        said = f" (said by {len(hits)} people, earliest first)" if len(hits) > 1 else ""
        lines.append(f"{numbers}: {MATCH_TEXT[group.match]}{said}")
    if result.groups[0].match != "phrase":
        lines.insert(0, "No statement holds these exact words; the closest are below.")
    return Answer(
        kind=AnswerKind.RESULTS,
        title=f"Who said “{clip(text, 80)}”",
        lines=lines,
        items=items,
        total=len(items),
    )


def _report_lines(hit: Hit) -> list[str]:
    return [report_line(source) for source in hit.sources]
