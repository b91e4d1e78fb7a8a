"""The speaker directory lists people and organisations only: a source the article does not
name ("a senior official"), a document and a group stay searchable under the words as written,
but never become one directory entry that folds strangers from different articles together."""

from __future__ import annotations

import pytest

from search_index.index.directory import Facts
from search_index.index.ingest import ingest
from search_index.search.service import SearchService

TRADE = """Trade talks resume in Islamabad

ISLAMABAD, March 4, 2024: Trade talks between the two countries resumed on Monday.

"We expect a deal within weeks," a senior official told reporters on Monday.

"The tariffs are not sustainable," the report says.

"We are ready to sign," the State Department said in a statement.

"Jobs come first," Commerce Minister Amina Qureshi said.
"""

VISA = """Visa rules eased for students

ISLAMABAD, March 8, 2024: New visa rules were announced on Friday.

"The backlog will be cleared by summer," a senior official said on Friday.
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> SearchService:
    root = tmp_path_factory.mktemp("kinds")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "trade.txt").write_text(TRADE, encoding="utf-8")
    (corpus / "visa.txt").write_text(VISA, encoding="utf-8")
    ingest([corpus], root / "index")
    return SearchService(root / "index")


def test_named_people_and_organisations_are_listed(service: SearchService) -> None:
    names = {speaker.name for speaker in service.speakers(limit=100)}
    assert "Amina Qureshi" in names
    assert any("State Department" in name for name in names)


def test_unnamed_sources_and_documents_are_not_listed(service: SearchService) -> None:
    names = {speaker.name.lower() for speaker in service.speakers(limit=100)}
    assert "a senior official" not in names
    assert "the report" not in names
    assert service.resolve_speaker("a senior official") is None


def test_their_words_stay_searchable_with_their_kind(service: SearchService) -> None:
    hits = service.search("backlog").hits + service.search("tariffs").hits
    kinds = {hit.statement.speaker_kind for hit in hits}
    assert kinds == {"unnamed", "document"}


def test_facts_of_an_older_index_read_as_people() -> None:
    old = '["Spokesperson", "Foreign Office", 19800, ["Baloch"]]'
    facts = Facts.from_json(old)
    assert facts.kind == "person" and facts.listed
    assert Facts.from_json(Facts("r", None, 1, (), "unnamed").to_json()).listed is False

