"""One utterance, one statement: the pieces of a quote the reporter cut are joined again.

`"A," he said, "B."`, `"A," said Smith, who chairs the committee. "B."` and a sentence with
two quoted fragments of one speaker (`did not find "ties of any consequence," aside from …
"casually"`) are one thing said. The joined statement's text is the pieces with " … " between
them, its span runs from the first piece to the last, and it keeps each piece's offsets.

Two statements are pieces of one utterance when, in the same paragraph and in this order:
they have the same speaker; nothing quoted stands between them; and the second is in the
first's sentence, or it is a quote standing as its own sentence whose speaker was carried over
from the first (`"A," he said. "B."`); and, after a direct quote, the words between are a bare
attribution: one verb of speech, no clause of its own.
"""

from __future__ import annotations

import re

from search_index.extraction.attributed import Attributed
from search_index.extraction.quotes import DOUBLE_MARKS
from search_index.text.lexicon import CUE_FORMS

JOINER = " … "
# The reporter's words between two pieces: a cue with a long description of the speaker at most.
_MAX_GAP_WORDS = 40
_QUOTE_MARK = re.compile(f"[{DOUBLE_MARKS}]")
# A sentence ending inside the attribution; not the stop of an initial or a title ("Lindsey
# O. Graham", "Sen. Ann Roe").
_STOP = re.compile(r"(\w*)[.!?]\s+(?![a-z(])")
_NOT_SENTENCE_STOPS = frozenset({"mr", "ms", "mrs", "dr", "st", "jr", "sr", "sen", "rep", "gov",
                                 "gen", "col", "lt", "u", "s"})


def _has_sentence_end(text: str) -> bool:
    return any(len(m.group(1)) > 1 and m.group(1).lower() not in _NOT_SENTENCE_STOPS
               for m in _STOP.finditer(text))




_RELATIVE_CLAUSE = re.compile(r"\b(?:who|whose|which)\b[^,;]*")


def _bare_attribution(gap: str) -> bool:
    """The reporter's words between two quotes are the speaker and one verb of speech and no
    more (`"A," he said, "B."`; `"A," said NAME, who chairs X. "B."`; `"A," he said,
    referring to the vote. "B."`). A second verb of speech (`he said, adding that …`) or a
    clause of its own after the verb (`NAME added that …`) reports something else between
    them: the quotes are two statements, as a careful reader counts them."""
    # a relative clause describes the speaker: "said NAME, who wrote the bill." is one verb
    words = re.findall(r"[a-z]+", _RELATIVE_CLAUSE.sub(" ", gap))
    cues = [n for n, word in enumerate(words) if word in CUE_FORMS]
    if len(cues) > 1:
        return False
    return not (cues and cues[0] + 1 < len(words) and words[cues[0] + 1] == "that")


def _spans(item: Attributed) -> list[tuple[int, int]]:
    return item.pieces or [(item.start, item.end)]


def _continues(source: str, first: Attributed, second: Attributed) -> bool:
    if first.kind == "indirect" or second.kind == "indirect":
        return False
    if first.paragraph != second.paragraph or first.display or second.display:
        return False
    if not first.speaker or first.speaker != second.speaker or second.start < first.end:
        return False
    gap = source[first.end:second.start]
    if len(gap.split()) > _MAX_GAP_WORDS or len(_QUOTE_MARK.findall(gap)) > 2:
        return False  # a closing and an opening mark at most: no other quote between
    words = re.findall(r"[a-z]+", gap)
    if any(word in CUE_FORMS for word in words) and first.kind != "direct":
        # `called her "weak" and said she had "zero support"`: two verbs, two statements
        return False
    if gap.rstrip(f" \n{DOUBLE_MARKS}").endswith(":"):
        return False  # `… but he gave a compliment: "…"`: a colon brings in a quote of its own
    if first.kind == "direct" and not _bare_attribution(gap):
        return False
    if second.sentence_start == first.sentence_start:
        return True
    # `"A," he said. "B."`: the gap is the attribution and nothing more, not a sentence of
    # the reporter's between (`"A," says X. She says Y. "B."`)
    inner = gap.strip(f" \n{DOUBLE_MARKS}")
    return (second.carried and first.kind == "direct" and second.kind == "direct"
            and not _has_sentence_end(inner))


def join_utterances(source: str, found: list[Attributed]) -> list[Attributed]:
    """The statements with the pieces of each utterance joined, in text order."""
    joined: list[Attributed] = []
    last: Attributed | None = None  # the last quote kept: reported speech may come between
    for item in found:
        if last is not None and _continues(source, last, item):
            last.pieces = [*_spans(last), (item.start, item.end)]
            last.end = item.end
            if item.kind == "direct":
                last.kind = "direct"
            continue
        joined.append(item)
        if item.kind != "indirect":
            last = item
    return joined


def utterance_text(source: str, item: Attributed) -> str:
    """The words said: the pieces joined with " … ", or the one span."""
    return JOINER.join(source[a:b] for a, b in _spans(item))
