"""One speaker, one name (issue 10, item 7): spellings of one person, institutions named with
whose they are, and a speaker that is always a name."""

from search_index.articles.parse import parse_article
from search_index.extraction.pipeline import extract_article, extract_paths
from search_index.extraction.speakers import SpeakerRegistry, spelling_key


def _speakers(body: str) -> list[str]:
    text = f"Ministry rejects the charge\n\nPublished November 29, 2024\n\n{body}"
    return [s.speaker for s in extract_article(parse_article(text, "story.txt"))]


def test_the_foreign_office_of_an_islamabad_story_is_pakistan_s():
    speakers = _speakers(
        "ISLAMABAD: The Foreign Office (FO) on Friday said that Pakistan would not accept "
        "pressure from any capital.\n\n“We have made our position clear,” the FO said.\n"
    )
    assert speakers and set(speakers) == {"Pakistan Foreign Office"}


def test_an_unowned_foreign_office_stays_as_written_without_a_dateline():
    speakers = _speakers(
        "The Foreign Office on Friday said that the talks would go on.\n"
    )
    assert speakers == ["Foreign Office"]


def test_the_embassy_of_a_pakistani_story_about_the_us():
    speakers = _speakers(
        "ISLAMABAD: US officials met Pakistani ministers on Thursday, and the US envoy "
        "praised the US aid programme.\n\n"
        "The embassy said on Friday that the visa section would reopen next week.\n"
    )
    assert "US Embassy in Islamabad" in speakers


def test_a_country_speaker_is_named_not_abbreviated():
    speakers = _speakers("KABUL: The US on Tuesday said that it was watching events closely.\n")
    assert speakers == ["United States"]


def test_spellings_of_one_given_name_are_one_speaker():
    assert spelling_key("Dr Mohammad Faisal") == spelling_key("Muhammad Faisal")
    assert spelling_key("Muhammad Faisal") != spelling_key("Muhammad Asif")
    registry = SpeakerRegistry()
    registry.observe("Mohammed Faisal")
    assert registry.resolve("Mohd Faisal") == "Mohammed Faisal"
    assert registry.resolve("Zabiullah Mujahid") is None


def test_two_spellings_across_articles_give_one_speaker(tmp_path):
    (tmp_path / "a.txt").write_text(
        "FO rejects charge\n\nPublished November 29, 2024\n\n"
        "ISLAMABAD: Foreign Office spokesperson Dr Mohammad Faisal said on Thursday that "
        "the talks would go on.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "FO welcomes talks\n\nPublished December 6, 2024\n\n"
        "ISLAMABAD: Foreign Office spokesperson Dr Muhammad Faisal said on Thursday that "
        "the country welcomed the talks.\n", encoding="utf-8")
    registry = SpeakerRegistry()
    speakers = {s.speaker for o in extract_paths([tmp_path], registry) for s in o.statements}
    assert len(speakers) == 1


def test_a_country_s_reported_words_are_its_spokesperson_s_when_the_article_names_one():
    speakers = _speakers(
        "ISLAMABAD: Pakistan has stressed that ties with its neighbours rest on mutual respect.\n\n"
        "Foreign Office Spokesperson Amna Qadir said at the weekly briefing on Thursday that "
        "the country wanted calm borders.\n"
    )
    assert speakers == ["Amna Qadir", "Amna Qadir"]


def test_a_speaker_carries_no_piece_of_the_sentence():
    from search_index.extraction.institutions import without_pieces

    assert without_pieces("Foreign Office (FO) on Friday") == "Foreign Office"
    assert without_pieces("Amna Qadir on Thursday") == "Amna Qadir"
    assert without_pieces("Sunday Times") == "Sunday Times"
    assert without_pieces("Ned Price") == "Ned Price"
