import pytest
from paragraph_helpers import paragraphs_of

from search_index.articles.parse import parse_article
from search_index.extraction.pipeline import extract_article
from search_index.extraction.transcripts import answer_turns, is_transcript
from search_index.models import Article

BRIEFING = """Department Press Briefing with Spokesperson Jane Harlow

MS. HARLOW: Good afternoon. We remain concerned about the fighting and urge both sides
to return to talks.

QUESTION: Do you have a response to the ceasefire violations?

MS. HARLOW: We have seen those reports and we are in touch with both governments about them.

QUESTION: Thanks.

MS. HARLOW: Next question.
"""

FO_STYLE = """Weekly briefing by the Spokesperson Imran Qadir

Question
Will the minister visit Kabul next month?

Answer
No visit has been finalised yet and we will announce it when the dates are agreed.
"""


def test_detects_transcripts_and_not_stories():
    assert is_transcript(paragraphs_of(BRIEFING))
    assert not is_transcript(paragraphs_of("Lopez said the talks went well.\nShe left."))


def test_answer_turns_skip_questions_and_procedural_turns():
    turns = answer_turns(BRIEFING, paragraphs_of(BRIEFING))
    texts = [BRIEFING[t.start:t.end] for t in turns]
    assert len(texts) == 2
    assert texts[0].startswith("We remain concerned")  # the greeting is trimmed
    assert all(t.surname == "Harlow" for t in turns)


def test_label_surname_resolves_to_full_name_in_text():
    article = Article(id="t1", path="t1.txt", file="t1.txt", text=BRIEFING,
                      paragraphs=paragraphs_of(BRIEFING))
    statements = extract_article(article)
    assert {s.speaker for s in statements} == {"Jane Harlow"}
    assert all(s.kind == "direct" for s in statements)


def test_question_answer_lines_give_the_spokesperson():
    article = Article(id="t2", path="t2.txt", file="t2.txt", text=FO_STYLE,
                      paragraphs=paragraphs_of(FO_STYLE))
    [statement] = extract_article(article)
    assert statement.speaker == "Imran Qadir"
    assert statement.text.startswith("No visit has been finalised")


HOUSE_BRIEFING = """MS. LANE: Good afternoon, everybody. Okay. I have a couple of things at the
top, and then I'll turn it over to my colleague.

Today the President is meeting mayors from both parties to talk about road repairs in their cities.

With that, Tom Reyes is here to talk about the trip. Admiral.

Q: Will the President travel to Lahore?

MS. LANE: Thank you, Admiral. Go ahead, Steve.

Q: Thanks. Any update on the visit?

MS. LANE: I don't have a date to announce. We will share the schedule when it is final.

(The briefing was concluded at 2:14 p.m.)
"""

SPOKESPERSON_BRIEFING = """Spokesperson: Assalam o Alaikum. Welcome to the weekly press briefing.

The minister will travel to Brussels next week for the strategic dialogue with the Union.

Question
Is the visit confirmed?

Answer
Yes, the visit is confirmed and the programme will be shared with the media.
"""


def test_greetings_and_hand_overs_are_trimmed_and_procedural_turns_dropped():
    turns = answer_turns(HOUSE_BRIEFING, paragraphs_of(HOUSE_BRIEFING))
    texts = [HOUSE_BRIEFING[t.start:t.end] for t in turns]
    assert texts == [
        "Today the President is meeting mayors from both parties to talk about road repairs in "
        "their cities.",
        "I don't have a date to announce. We will share the schedule when it is final.",
    ]
    assert {t.surname for t in turns} == {"Lane"}


def test_a_bare_spokesperson_label_and_answer_lines_are_turns():
    paragraphs = paragraphs_of(SPOKESPERSON_BRIEFING)
    assert is_transcript(paragraphs)
    turns = answer_turns(SPOKESPERSON_BRIEFING, paragraphs)
    texts = [SPOKESPERSON_BRIEFING[t.start:t.end] for t in turns]
    assert texts[0].startswith("The minister will travel to Brussels")
    assert texts[1].startswith("Yes, the visit is confirmed")
    assert all(t.surname is None for t in turns)


_RHODES = (
    "Press Briefing by Deputy National Security Advisor Ben Rhodes\n\nMarch 3, 2015\n\n"
    "{first}Good afternoon, everybody. The President will travel to the region next week to "
    "meet the leaders there.\n\n"
    "{question}Will he meet the prime minister?\n\n"
    "{second}Yes, he will meet the prime minister on Tuesday and discuss trade and security.\n"
)


@pytest.mark.parametrize(("first", "question", "second"), [
    ("MR. RHODES:  ", "Q:  ", "MR. RHODES:  "),  # two spaces after the colon
    ("MR. RHODES:\t", "Q:\t", "MR. RHODES:\t\t"),
    ("MR. RHODES:\xa0", "Q:\xa0", "MR. RHODES:\xa0\xa0"),
    ("MR. RHODES:  \n", "Q:\n", "MR. RHODES:\t\n"),  # the label alone on its line
    ("*** MR. RHODES: *** ", "Q: ", "[MR. RHODES:] "),  # a banner around it
    ("**MR. RHODES:** ", "**Q:** ", "**MR. RHODES:** "),
    ("BEN RHODES, DEPUTY NATIONAL SECURITY ADVISOR:\xa0", "QUESTION:\xa0", "RHODES:\xa0"),
])
def test_labels_with_spaces_tabs_or_a_banner_are_still_labels(first, question, second):
    text = _RHODES.format(first=first, question=question, second=second)
    statements = extract_article(parse_article(text, "rhodes.txt"))
    assert [(s.speaker, s.text.split()[0]) for s in statements] == [
        ("Ben Rhodes", "The"), ("Ben Rhodes", "Yes,")]
