"""Result order: a statement's own words, then its speaker and role, then article titles."""

from __future__ import annotations

from pathlib import Path

import pytest
from statement_factory import fake_extractor, fake_loader, write_article
from whoosh import index as whoosh_index
from whoosh.fields import ID, TEXT, Schema

from search_index.errors import IndexUnavailable
from search_index.index.ingest import ingest
from search_index.search.service import SearchService


def build(tmp_path: Path, articles: list[tuple[str, str, list[dict]]]) -> SearchService:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, title, statements in articles:
        write_article(corpus, name, statements, title=title)
    report = ingest([corpus], tmp_path / "index", loader=fake_loader, extractor=fake_extractor)
    assert not report.skipped
    return SearchService(tmp_path / "index")


def texts(result) -> list[str]:
    return [hit.statement.text for hit in result.hits]


@pytest.fixture
def tiers(tmp_path: Path) -> SearchService:
    return build(tmp_path, [
        # The title says "tariffs"; its short statement does not.
        ("headline.txt", "Tariffs loom over the port talks", [
            {"text": "We will keep talking.", "speaker": "Lena Ortiz", "role": "Trade Minister"},
        ]),
        # A long statement that says "tariffs" once, under a title that does not.
        ("body.txt", "Minister visits the harbour", [
            {"text": "The ministry has studied every option for the harbour, including new "
                     "tariffs on imported steel, and will report to parliament next month.",
             "speaker": "Omar Haddad", "role": "Finance Minister"},
        ]),
        # The word is in the speaker's role, not in the statement or the title.
        ("role.txt", "Ferry service resumes", [
            {"text": "The ferries run again from Monday.", "speaker": "Ines Varga",
             "role": "Tariffs Commissioner"},
        ]),
    ])


def test_own_words_beat_speaker_role_beat_article_title(tiers):
    result = tiers.search("tariffs")
    assert result.total == 3
    assert texts(result) == [
        "The ministry has studied every option for the harbour, including new tariffs on "
        "imported steel, and will report to parliament next month.",
        "The ferries run again from Monday.",
        "We will keep talking.",
    ]


def test_highlights_mark_the_statement_words_only(tiers):
    first, by_role, by_title = tiers.search("tariffs").hits
    assert [run.text for run in first.highlight if run.match] == ["tariffs"]
    assert not any(run.match for run in by_role.highlight)
    assert not any(run.match for run in by_title.highlight)


def test_pages_run_across_the_tiers(tiers):
    pages = [tiers.search("tariffs", per_page=1, page=page) for page in (1, 2, 3, 4)]
    assert [len(page.hits) for page in pages] == [1, 1, 1, 0]
    assert [page.total for page in pages] == [3, 3, 3, 3]
    assert texts(pages[1]) == ["The ferries run again from Monday."]
    assert texts(pages[2]) == ["We will keep talking."]


def test_every_word_found_in_the_statement_beats_a_word_found_in_the_role(tiers):
    # "minister" is in two roles; "harbour" in one statement and one title.
    result = tiers.search("harbour minister")
    assert result.total == 1
    assert result.hits[0].statement.speaker == "Omar Haddad"
    both = tiers.search("steel ministry")
    assert texts(both) and both.hits[0].statement.speaker == "Omar Haddad"


def test_filters_keep_the_tier_order(tiers):
    result = tiers.search("tariffs", speaker="Lena Ortiz")
    assert texts(result) == ["We will keep talking."] and result.total == 1


def test_a_phrase_in_the_statement_beats_the_same_phrase_in_a_title(tmp_path):
    service = build(tmp_path, [
        ("title.txt", "Ceasefire talks stall", [
            {"text": "Nothing was agreed today.", "speaker": "Ana Ruiz"},
        ]),
        ("said.txt", "Envoy returns home", [
            {"text": "The ceasefire talks will resume after the holiday, and we hope for "
                     "progress on the prisoner exchange and the corridor.",
             "speaker": "Ben Cole"},
            {"text": "Talks about a ceasefire are not planned.", "speaker": "Ben Cole"},
        ]),
    ])
    result = service.search('"ceasefire talks"')
    assert [hit.statement.speaker for hit in result.hits] == ["Ben Cole", "Ana Ruiz"]
    assert result.total == 2  # the words apart ("Talks about a ceasefire") are no phrase


def test_loose_retry_ranks_statements_saying_more_of_the_words_first(tmp_path):
    service = build(tmp_path, [
        ("a.txt", "Budget day", [
            {"text": "Inflation is falling.", "speaker": "Ana Ruiz"},
            {"text": "Inflation and unemployment are both falling.", "speaker": "Ben Cole"},
        ]),
    ])
    result = service.search("inflation unemployment drought")
    assert result.total == 2
    assert result.hits[0].statement.speaker == "Ben Cole"


def test_within_a_tier_more_mentions_rank_first_and_titles_stay_last(tmp_path):
    statements = [{"text": f"Grain exports rose in week {n}.", "speaker": "Ana Ruiz"}
                  for n in range(120)]
    statements.append({"text": "Grain, grain and more grain left the port.",
                       "speaker": "Ben Cole"})
    service = build(tmp_path, [
        ("grain.txt", "Harvest report", statements),
        ("title.txt", "Grain deal signed", [{"text": "It is done.", "speaker": "Cy Tan"}]),
    ])
    first = service.search("grain")
    assert first.total == 122
    assert first.hits[0].statement.speaker == "Ben Cole"
    # Equal scores keep the order the statements were indexed in.
    assert [hit.statement.text for hit in first.hits[1:3]] == [
        "Grain exports rose in week 0.", "Grain exports rose in week 1."
    ]
    last = service.search("grain", per_page=5, page=first.pages)
    assert last.hits[-1].statement.text == "It is done."


def test_an_index_built_before_the_field_split_asks_for_a_rebuild(tmp_path):
    old = tmp_path / "old"
    old.mkdir()
    ix = whoosh_index.create_in(str(old), Schema(doctype=ID(), body=TEXT(stored=True)))
    writer = ix.writer()
    writer.add_document(doctype="statement", body="Rates will stay high.")
    writer.commit()
    with pytest.raises(IndexUnavailable, match="rebuild"):
        SearchService(old).search("rates")
