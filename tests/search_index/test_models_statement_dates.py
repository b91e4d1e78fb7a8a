"""Statement has a field named `date`; its annotations must still resolve to the date type."""

from datetime import date

import pytest
from pydantic import ValidationError

from search_index.models import Statement


def _statement(**changes: object) -> Statement:
    fields: dict[str, object] = {
        "id": "s1",
        "text": "We will reopen the bridge in May.",
        "kind": "direct",
        "speaker": "Clara Voss",
        "speaker_mention": "Voss",
        "article_id": "a1",
        "file": "bridge.txt",
        "paragraph": 0,
        "start": 1,
        "end": 33,
    }
    fields.update(changes)
    return Statement(**fields)


def test_statement_dates_parse_as_dates() -> None:
    statement = _statement(date="2024-03-14", published="2024-03-15")
    assert statement.date == date(2024, 3, 14)
    assert statement.published == date(2024, 3, 15)


def test_statement_rejects_a_date_that_is_not_one() -> None:
    with pytest.raises(ValidationError):
        _statement(date="the fourteenth")
