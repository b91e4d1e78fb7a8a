"""The representative statement read from a stored payload without pydantic is the one
QuoteDocument.representative() chooses."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from search_index.index.records import QuoteDocument, Report, representative_gist
from search_index.models import DateBasis, Statement


def statement(number: int, said: date | None, published: date | None) -> Statement:
    return Statement(
        id=f"s{number:02d}", text=f"Words number {number}.", kind="direct" if number % 2 else
        "indirect", speaker=f"Speaker {number % 3}", speaker_mention="Speaker", cue="said",
        date=said, date_basis=DateBasis.STATED if said else DateBasis.ARTICLE,
        article_id=f"a{number}", file=f"a{number}.txt", title="T", published=published,
        paragraph=0, start=0, end=10)


DAYS = [None, date(2024, 2, 10), date(2023, 12, 31), date(2024, 2, 9)]


@pytest.mark.parametrize("count", [1, 2, 3])
def test_the_gist_is_the_representative_for_every_mix_of_dates(count):
    pairs = list(itertools.product(DAYS, DAYS))
    for combo in itertools.combinations(range(len(pairs)), count):
        reports = [Report(path=f"/c/{n}", statement=statement(n, *pairs[n])) for n in combo]
        doc = QuoteDocument(qkey="k", reports=reports)
        chosen = doc.representative()
        gist = representative_gist(doc.model_dump_json())
        assert (gist.id, gist.text, gist.kind, gist.speaker, gist.date) == (
            chosen.id, chosen.text, chosen.kind, chosen.speaker, chosen.date)

