"""/whosaid: the statements holding a phrase (or the closest wording), each with everyone who
said the same words and every article that reported them, earliest first."""

from __future__ import annotations

from bot.answers import Answer, AnswerKind, quote_item
from bot.commands.inputs import MAX_QUERY_CHARS, clip, collapse_spaces
from bot.commands.refusals import BadInput, answers_errors
from bot.source_line import report_line
from search_index.models import Hit, SaidGroup, WhoSaidMatch
from search_index.search.interface import SearchBackend

WHOSAID_GROUPS = 5  # distinct wordings; each lists everyone who said it
WHOSAID_ITEMS = 8  # statements shown in all, so every source line fits in one embed
# What a group of results holds, as the end of a sentence: (said of quotes, of paraphrase).
# "Exact words" is said only of quotes: a reporter's paraphrase holding the phrase is named so.
MATCH_TEXT: dict[WhoSaidMatch, tuple[str, str]] = {
    "phrase": ("these exact words",
               "these words, in the reporter's paraphrase, not in a quotation"),
    "all-words": ("every word, though not as this exact phrase",
                  "every word, in the reporter's paraphrase, not in a quotation"),
    "most-words": ("most of the words", "most of the words, in the reporter's paraphrase"),
}


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
        lines.append(group_sentence(group, first, len(hits)))
    if not any(group.match == "phrase" and not is_paraphrase(group) for group in result.groups):
        lines.insert(0, "Nobody is quoted saying these exact words; the closest are below.")
    return Answer(
        kind=AnswerKind.RESULTS,
        title=f"Who said “{clip(text, 80)}”",
        lines=lines,
        items=items,
        total=len(items),
    )


def is_paraphrase(group: SaidGroup) -> bool:
    """A group is all quotes or all paraphrase (search_index.search.whosaid.group_key)."""
    return any(hit.statement.kind == "indirect" for hit in group.hits)


def group_sentence(group: SaidGroup, first: int, count: int) -> str:
    """'Result 1 quotes these exact words.', 'Results 2-3, from 2 speakers (earliest first),
    hold every word, though not as this exact phrase.'"""
    quoted, paraphrased = MATCH_TEXT[group.match]
    if count == 1:
        subject, verb = f"Result {first}", "holds"
    else:
        subject = f"Results {first}-{first + count - 1}, from {count} speakers (earliest first),"
        verb = "hold"
    if is_paraphrase(group):
        return f"{subject} {verb} {paraphrased}."
    if group.match == "phrase":
        return f"{subject} {'quotes' if count == 1 else 'quote'} {quoted}."
    return f"{subject} {verb} {quoted}."


def _report_lines(hit: Hit) -> list[str]:
    return [report_line(source) for source in hit.sources]
