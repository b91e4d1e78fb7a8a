"""Whose words: the subject of the cue, not a word that happens to stand near the quote."""

from __future__ import annotations

from search_index.articles.parse import parse_article
from search_index.extraction.pipeline import extract_article
from search_index.extraction.tokens import sentences, tokenise


def _speakers(body: str) -> dict[str, str | None]:
    article = parse_article("Lawmakers trade blows over the farm bill\n\n"
                            "WASHINGTON — The House spent a long week on the farm bill.\n\n" + body)
    return {s.text: s.speaker for s in extract_article(article)
            if s.kind in ("direct", "partial")}


def test_a_bracketed_party_tag_neither_ends_the_sentence_nor_names_the_speaker() -> None:
    text = 'Sen. Nora Eklund (D-Ore.) said the bill was "a gift to the grain traders."'
    quote = text.index('"')
    tokens = tokenise(text, 0, [(quote, len(text), 0)])
    assert sentences(tokens, [text[quote:]]) == [(0, len(tokens))]
    speakers = _speakers(text + "\n\nRep. Carl Mott (R-Neb.) said the levy would hurt farmers, "
                         'and called the plan "a raid on the heartland."\n')
    assert speakers["a gift to the grain traders."] == "Nora Eklund"
    assert speakers["a raid on the heartland."] == "Carl Mott"


def test_a_possessive_after_the_cue_opens_what_was_said_not_its_speaker() -> None:
    speakers = _speakers(
        "Judge Alma Ruiz, writing for the majority of the panel, said Kansas's shorter window "
        '"is still quite generous."\n\n'
        "Lena Ortiz, an economist at the bank, said Dole's levy "
        '"would fall hardest on the smallest farms."\n')
    assert speakers["is still quite generous."] == "Alma Ruiz"
    assert speakers["would fall hardest on the smallest farms."] == "Lena Ortiz"


def test_an_opening_adjunct_is_skipped_to_reach_the_subject() -> None:
    speakers = _speakers(
        "Farm groups lobbied Senator Tom Hale for weeks.\n\n"
        'Hours later, Mark Devlin answered them, telling a radio host, "We heard you loud '
        'and clear, and we will fix it."\n\n'
        "Like Hale, Paula Grant rejected the idea, arguing that there is "
        '"no room for another subsidy" in the budget.\n')
    assert speakers["We heard you loud and clear, and we will fix it."] == "Mark Devlin"
    assert speakers["no room for another subsidy"] == "Paula Grant"


def test_a_definite_description_is_the_person_speaking_just_then() -> None:
    statements = {s.text.split(" … ")[0]: s for s in extract_article(parse_article(
        "Donor praises the front-runner\n\n"
        "MACAU — Casino owner Harold Vance said on Friday that his talk with the front-runner "
        'went "better than expected."\n\n'
        '"It was a warm meeting," the gambling tycoon told a news agency. '
        '"He was very charming."\n'))}
    tycoon = statements["It was a warm meeting,"]
    assert tycoon.speaker == "Harold Vance"
    assert "tycoon" in (tycoon.speaker_mention or "")
