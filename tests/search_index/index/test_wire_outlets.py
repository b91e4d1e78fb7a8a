"""A wire service a page credits is an outlet one can filter and autocomplete by: the story a
site ran from the AP is found with `outlet:Associated Press`, and the site's own name still
finds it too."""

from __future__ import annotations

import pytest

from search_index.index.ingest import ingest
from search_index.search.service import SearchService

STORY = """Kabul governor resigns over security row

KABUL (AP) — The governor of Kabul province resigned on Monday, March 9, 2015.

"I could not work under these conditions," Governor Abdul Sattar Murad told reporters.

© 2015 The Frontier Post. All rights reserved.
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> SearchService:
    root = tmp_path_factory.mktemp("wire")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "governor.txt").write_text(STORY, encoding="utf-8")
    ingest([corpus], root / "index")
    return SearchService(root / "index")


def test_the_wire_credited_is_an_outlet_filter(service: SearchService) -> None:
    hits = service.search("conditions", outlet="Associated Press").hits
    assert [hit.statement.via for hit in hits] == ["Associated Press"]
    assert service.search("conditions", outlet="The Frontier Post").hits
    assert not service.search("conditions", outlet="Reuters").hits


def test_the_wire_credited_is_offered_as_an_outlet(service: SearchService) -> None:
    assert "Associated Press" in service.outlets("assoc")
