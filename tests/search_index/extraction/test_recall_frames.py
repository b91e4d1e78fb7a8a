"""Issue 10, recall: frames around a quote that left it with no speaker, and pieces the
reporter keeps apart. Every sentence here is written for the test."""

from pathlib import Path

from search_index.articles.parse import parse_article
from search_index.extraction.pipeline import extract_article
from search_index.models import Statement

HEADER = "Harbour board weighs the pier repairs\n\nBy Jane Roe\n\nPORTSMOUTH — The harbour " \
         "board met on Tuesday to weigh the cost of the pier repairs.\n\n"


def statements(body: str, tmp_path: Path) -> list[Statement]:
    return [s for s in extract_article(parse_article(HEADER + body, tmp_path / "story.txt"))
            if s.kind != "indirect"]


def by_text(found: list[Statement], start: str) -> Statement:
    return next(s for s in found if s.text.startswith(start))


def test_a_party_tag_between_the_name_and_the_cue(tmp_path):
    found = statements(
        '"The pier will not last the winter," Sen. Ann Marlow (R-Maine) said Tuesday night.\n\n'
        '"We have the money," said Rep. Carl Mays (D-Maine).\n\n'
        'Gov. Rita Vance (R-Maine), said, "Nobody asked the fishermen."\n', tmp_path)
    assert by_text(found, "The pier will not").speaker == "Ann Marlow"
    assert by_text(found, "We have the money").speaker == "Carl Mays"
    assert by_text(found, "Nobody asked").speaker == "Rita Vance"


def test_said_of_is_a_verb_of_speech(tmp_path):
    found = statements('"They never listen," Rita Vance, the chair of the county board, said of '
                       'the harbour master.\n', tmp_path)
    assert [(s.speaker, s.kind) for s in found] == [("Rita Vance", "direct")]


def test_verbs_that_only_frame_speech(tmp_path):
    found = statements(
        'Tom Ellery spoke after the vote.\n\n'
        '"Who will pay for the pilings?" he wondered.\n\n'
        '"We waited ten years for this," Ellery lamented.\n', tmp_path)
    assert by_text(found, "Who will pay").speaker == "Tom Ellery"
    assert by_text(found, "We waited").speaker == "Tom Ellery"


def test_a_front_runner_named_in_a_sentence_without_a_cue_is_the_he_that_follows(tmp_path):
    found = statements(
        'Republican front-runner Tom Ellery took the stage to answer his critics.\n\n'
        '"I have no problem with hard questions," he said.\n', tmp_path)
    assert found[0].speaker == "Tom Ellery"


def test_a_second_verb_of_speech_after_the_attribution_keeps_the_quotes_apart(tmp_path):
    found = statements(
        '"He stands up for the pier," Dana Ruiz said, adding that Ellery is "the most honest of '
        'them."\n\n'
        '"She has two chances," said Megan Greene, an economist at Harbor Bank. "And the board '
        'knows it." Greene added that the board wants to finish early. "They do not like to '
        'talk about it."\n', tmp_path)
    texts = [s.text for s in found]
    assert "He stands up for the pier," in texts and "the most honest of them." in texts
    assert "She has two chances, … And the board knows it." in texts
    assert "They do not like to talk about it." in texts


def test_one_verb_of_speech_still_joins_the_pieces(tmp_path):
    found = statements(
        '"The pier is old," said Tom Ellery, who wrote the report. "It must be rebuilt."\n\n'
        '"We will vote," Ellery said, "before the winter."\n\n'
        '"We need steady hands," Ellen Tovey told the board, referring to the engineer. "Not a '
        'man who changes his mind daily."\n', tmp_path)
    assert [s.text for s in found] == [
        "The pier is old, … It must be rebuilt.", "We will vote, … before the winter.",
        "We need steady hands, … Not a man who changes his mind daily."]


def test_a_name_and_a_verb_after_a_quotes_own_stop_attribute_it(tmp_path):
    found = statements(
        'Ellen Tovey spoke after the vote.\n\n'
        '"Sometimes we just need a win!" Tovey told reporters.\n\n'
        '"Send the money before the storms come." Sen. Carl Mays said on Tuesday.\n', tmp_path)
    assert by_text(found, "Sometimes we just").speaker == "Ellen Tovey"
    assert by_text(found, "Send the money").speaker == "Carl Mays"


def test_a_first_person_narrator_is_the_bylined_author(tmp_path):
    found = statements(
        'I went to the hearing alone. "Okay," I said, trying to start again. "I was seventeen '
        'when I first saw this harbour."\n', tmp_path)
    assert [(s.speaker, s.speaker_kind) for s in found] == [("Jane Roe", "person")]


def test_a_first_person_narrator_without_a_byline_is_the_author_unnamed(tmp_path):
    page = ("Notes from the pier\n\nI went to the hearing alone. \"Okay,\" I said, trying to "
            "start again.\n")
    found = [s for s in extract_article(parse_article(page, tmp_path / "essay.txt"))
             if s.kind != "indirect"]
    assert [(s.speaker, s.speaker_kind) for s in found] == [("the author", "unnamed")]


def test_the_subject_of_a_sentence_with_a_cue_is_the_she_that_follows(tmp_path):
    found = statements(
        'Harbour front-runner Ellen Tovey stretched the truth on Saturday, when she claimed '
        'that the pier had been sold.\n\n'
        '"They are selling it off piece by piece," she said.\n', tmp_path)
    assert by_text(found, "They are selling").speaker == "Ellen Tovey"


def test_a_document_read_out_after_its_words_is_their_source(tmp_path):
    found = statements(
        '"Friend, the pier cannot wait another winter," read the email.\n\n'
        'The letter continues: "Please explain why the repairs were delayed."\n', tmp_path)
    assert (by_text(found, "Friend, the pier").speaker_kind,
            by_text(found, "Please explain").speaker_kind) == ("document", "document")
