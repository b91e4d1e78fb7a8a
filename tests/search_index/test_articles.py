"""The five seed articles: title, byline, dateline, date and body as a careful reader sees them."""

from datetime import date
from pathlib import Path

import pytest

from search_index.articles import load_article
from search_index.models import Article, DateBasis


def _seed(seeds_dir: Path, prefix: str) -> Article:
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    return load_article(path)


def _body(article: Article) -> str:
    return "\n".join(p.text for p in article.paragraphs)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_paragraph_offsets_point_into_the_text(seeds_dir, prefix):
    article = _seed(seeds_dir, prefix)
    assert article.paragraphs
    for index, para in enumerate(article.paragraphs):
        assert para.index == index
        assert article.text[para.start:para.end] == para.text
        assert para.text == para.text.strip()


def test_seed_000_furniture_and_caption_date(seeds_dir):
    article = _seed(seeds_dir, "000")
    assert article.title == "US reiterates support to free, fair elections in Pakistan"
    assert article.byline == "Web Desk"
    assert article.dateline == "WASHINGTON"
    assert article.published == date(2023, 12, 18)
    assert article.published_basis in (DateBasis.DAY_WEEKDAY, DateBasis.STATED)
    assert article.paragraphs[0].text.startswith("WASHINGTON: The United States has reiterated")
    body = _body(article)
    assert "Screengrab" not in body
    assert "Spox says" not in body
    assert "says State Department" not in body
    assert len(article.paragraphs) == 14


def test_seed_001_leading_date_is_not_body(seeds_dir):
    article = _seed(seeds_dir, "001")
    assert article.published == date(2024, 2, 10)
    assert article.published_basis == DateBasis.STATED
    assert article.paragraphs[0].text.startswith("In a statement issued today")
    # the first quoted paragraph lacks its opening mark and must stay
    assert article.paragraphs[1].text.startswith("Millions of Pakistanis")


def test_seed_002_section_label_related_headline_and_comments(seeds_dir):
    article = _seed(seeds_dir, "002")
    assert article.title == (
        "Expect continuation of healthy military-to-military relations with Pakistani armed "
        "forces: Pentagon"
    )
    assert article.published == date(2022, 4, 13)
    assert article.published_basis == DateBasis.PUBLISHED_LINE
    texts = [p.text for p in article.paragraphs]
    assert "US values long-standing cooperation with Pakistan: White House" not in texts
    assert "Comments" not in texts
    assert "Comments are closed." not in texts
    assert not any("John Kirby says US has" in t for t in texts)
    # the two paragraphs of Psaki's quote are both kept
    assert any(t.startswith("“Obviously, those are assessments") for t in texts)
    assert any(t.startswith("Of course, we have a long, strong") for t in texts)


def test_seed_003_masthead_is_not_trusted(seeds_dir):
    article = _seed(seeds_dir, "003")
    assert article.published is None or article.published_confidence <= 0.2
    assert article.published_basis in (DateBasis.MASTHEAD, DateBasis.UNKNOWN)
    assert article.title == "Partnership with Pakistan Key to Regional Stability: US"
    assert article.dateline == "KABUL"
    texts = [p.text for p in article.paragraphs]
    assert article.title not in texts
    assert not any("Editor in Chief" in t for t in texts)
    assert texts[-1].endswith("planned and carried out.")
    assert "(Pahwok)" not in texts[-1]
    assert len(texts) == 15  # one paragraph a line


def test_seed_004_byline_and_published_line(seeds_dir):
    article = _seed(seeds_dir, "004")
    assert article.byline == "Azaz Syed"
    assert article.published == date(2024, 11, 7)
    assert article.published_basis == DateBasis.PUBLISHED_LINE
    assert article.title == (
        "Pakistan stresses ties with US based on 'mutual respect, non-interference'"
    )
    assert article.dateline == "ISLAMABAD"
    body = _body(article)
    assert "Screengrab" not in body
    assert "looking forward to further broaden ties" not in body
    assert article.paragraphs[0].text.startswith("ISLAMABAD: Pakistan has stressed")
