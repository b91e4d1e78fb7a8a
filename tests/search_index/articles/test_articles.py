"""Article files -> Article: the seeds, short texts for each kind of furniture, bad files."""

import hashlib
import json
import logging
import random
from datetime import date
from pathlib import Path

import pytest

from search_index.articles.files import MAX_ARTICLE_BYTES, ArticleMeta
from search_index.articles.loading import load_article
from search_index.articles.parse import parse_article
from search_index.errors import ArticleError
from search_index.models import Article, DateBasis
from search_index.text import dates


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch):
    # "December 18, Monday" means the latest such Monday not after today: pin today.
    monkeypatch.setattr(dates, "current_date", lambda: date(2026, 11, 23))


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


# --- short texts of our own, one furniture form each ------------------------------------------


def _parse(text: str) -> Article:
    return parse_article(text, "sample.txt")


BODY = (
    "ISLAMABAD: The finance minister said on Tuesday that talks with the lender would resume "
    "next month.\n\n"
    "“We are close to an agreement,” he told reporters after a cabinet meeting.\n"
)


def test_parse_article_offsets_id_and_names():
    article = _parse(BODY)
    assert article.file == "sample.txt"
    assert article.path == "sample.txt"
    assert article.id == hashlib.sha256(BODY.encode()).hexdigest()[:16]
    assert [p.text[:9] for p in article.paragraphs] == ["ISLAMABAD", "“We are c"]
    for p in article.paragraphs:
        assert article.text[p.start:p.end] == p.text


def test_crlf_and_bom_are_normalised_before_hashing():
    plain = _parse(BODY)
    windows = _parse("\ufeff" + BODY.replace("\n", "\r\n"))
    assert windows.text == BODY
    assert windows.id == plain.id
    assert [p.text for p in windows.paragraphs] == [p.text for p in plain.paragraphs]


def test_section_label_masthead_and_headline():
    text = (
        "World\n\nMonday, March 4, 2024\n\n"
        "Minister says talks with lender will resume next month\n\n" + BODY
    )
    article = _parse(text)
    assert article.title == "Minister says talks with lender will resume next month"
    # the page's date above the headline is not the story's: kept as the page's, trusted not
    assert article.published == date(2024, 3, 4)
    assert article.published_basis == DateBasis.MASTHEAD
    assert article.published_confidence == 0
    assert article.paragraphs[0].text.startswith("ISLAMABAD:")


def test_ap_style_header_byline_updated_line_and_dateline():
    text = (
        "Flood waters recede in southern province as aid arrives\n"
        "By SARAH KHAN and TOM REILLY\n"
        "Updated 3:14 PM GMT+5, August 30, 2022\n"
        "Share\n"
        "Villagers wade through a flooded road. (AP Photo/Ali Raza)\n"
        "KARACHI, Pakistan (AP) — Flood waters began to recede on Tuesday, officials said, as "
        "the first aid convoys reached villages cut off for a week.\n"
        "“The worst is behind us,” the provincial relief chief told reporters.\n"
        "Associated Press writer Omar Baig in Lahore contributed to this report.\n"
    )
    article = _parse(text)
    assert article.title == "Flood waters recede in southern province as aid arrives"
    assert article.byline == "SARAH KHAN and TOM REILLY"
    assert article.published == date(2022, 8, 30)
    assert article.published_basis == DateBasis.PUBLISHED_LINE
    assert article.dateline == "KARACHI"
    # the dateline credits the wire; the page does not say who published it
    assert article.outlet is None
    assert article.via == "Associated Press"  # the credit "AP" named in full
    texts = [p.text for p in article.paragraphs]
    assert len(texts) == 2
    assert not any("AP Photo" in t or "contributed" in t for t in texts)


def test_reuters_dateline_with_yearless_date_and_reporting_credit():
    text = (
        "Central bank holds rates steady\n\n"
        "ISLAMABAD, June 10 (Reuters) - The central bank kept its policy rate unchanged on "
        "Monday, saying inflation was easing faster than expected.\n\n"
        "Reporting by Asif Shah; Editing by Jane Doe\n\n"
        "Our Standards: The Thomson Reuters Trust Principles.\n"
    )
    article = _parse(text)
    assert article.dateline == "ISLAMABAD"
    assert article.outlet is None
    assert article.via == "Reuters"
    # June 10 of which year? Nothing on the page says, and today's year would be a guess
    assert article.published is None
    assert [p.text[:9] for p in article.paragraphs] == ["ISLAMABAD"]


def test_dateline_with_full_date():
    article = _parse(
        "WASHINGTON, March 3, 2023 (AP) — The State Department said it was watching events "
        "closely.\n"
    )
    assert article.dateline == "WASHINGTON"
    assert article.published == date(2023, 3, 3)
    assert article.published_basis == DateBasis.DATELINE


def test_dawn_style_name_published_updated_and_footer():
    text = (
        "Govt, opposition agree on new talks\n\n"
        "Nadia Rahim Published November 8, 2024 Updated November 9, 2024\n\n"
        "ISLAMABAD: The government and the opposition agreed on Thursday to hold a fresh "
        "round of talks, a senior official said.\n\n"
        "Read more: Opposition sets conditions for talks\n\n"
        "“Dialogue is the only way forward,” the official said.\n\n"
        "Published in Dawn, November 8th, 2024\n"
    )
    article = _parse(text)
    assert article.title == "Govt, opposition agree on new talks"
    assert article.byline == "Nadia Rahim"
    assert article.published == date(2024, 11, 8)
    assert article.published_basis == DateBasis.PUBLISHED_LINE
    assert article.outlet == "Dawn"
    texts = [p.text for p in article.paragraphs]
    assert len(texts) == 2
    assert texts[1] == "“Dialogue is the only way forward,” the official said."


def test_byline_name_over_date_line_without_by():
    text = (
        "Senate passes budget after long debate\n"
        "Omar Farooq\n"
        "June 28, 2023\n"
        "ISLAMABAD: The Senate passed the budget late on Wednesday after a debate that ran for "
        "nine days.\n"
    )
    article = _parse(text)
    assert article.byline == "Omar Farooq"
    assert article.published == date(2023, 6, 28)
    assert article.published_basis == DateBasis.PUBLISHED_LINE


def test_briefing_page_title_date_and_transcript_labels():
    text = (
        "Department Press Briefing – December 18, 2023\n"
        "Washington, D.C.\n"
        "1:19 p.m. EST\n\n"
        "MR MILLER: Good afternoon, everyone. I have one announcement at the top.\n\n"
        "QUESTION: Thank you. Can you say anything about the elections?\n"
    )
    article = _parse(text)
    assert article.title == "Department Press Briefing – December 18, 2023"
    assert article.published == date(2023, 12, 18)
    assert article.dateline is None  # "MR MILLER" is a speaker, not a place
    assert article.paragraphs[0].text.startswith("MR MILLER: Good afternoon")


def test_caption_repeated_twice_without_credit_is_not_body():
    caption = "The minister speaks at a news conference in Lahore on January 5, 2024."
    text = (
        "Minister promises relief on power bills\n\n"
        f"{caption}\n{caption}\n\n"
        "LAHORE: The energy minister promised on Friday to cut power bills for small "
        "consumers from next month.\n"
    )
    article = _parse(text)
    assert [p.text[:6] for p in article.paragraphs] == ["LAHORE"]
    assert article.published == date(2024, 1, 5)  # the caption's day, trusted less
    assert article.published_confidence == pytest.approx(0.7)


def test_bullets_standfirst_and_byline_over_lines_stay_out_of_body():
    text = (
        "Talks end without deal\n\n"
        "Both sides say they will meet again, says ministry\n\n"
        "By\nNews Desk\n|\n\n"
        "  • Delegations met for six hours.\n"
        "  • Next round due in March.\n\n"
        "The two delegations ended their talks on Sunday without reaching a deal, the foreign "
        "ministry said.\n"
    )
    article = _parse(text)
    assert article.byline == "News Desk"
    assert article.title == "Talks end without deal"
    texts = [p.text for p in article.paragraphs]
    assert len(texts) == 1 and texts[0].startswith("The two delegations")


def test_related_headline_subhead_and_share_lines_dropped_but_quotes_kept():
    text = (
        "The committee met on Monday to review the new rules, its chairman said.\n\n"
        "Share on Facebook\n\n"
        "Court adjourns hearing in graft case\n\n"
        "“We will not accept any delay,” he said.\n\n"
        "“The rules are clear and they apply to everyone\n\n"
        "Of course, we will listen to every side,” he added.\n\n"
        "Yes.\n\n"
        "Subscribe to our newsletter\n"
    )
    texts = [p.text for p in _parse(text).paragraphs]
    assert texts == [
        "The committee met on Monday to review the new rules, its chairman said.",
        "“We will not accept any delay,” he said.",
        "“The rules are clear and they apply to everyone",
        "Of course, we will listen to every side,” he added.",
    ]


def test_one_paragraph_a_line_without_blank_lines():
    text = (
        "The minister arrived in Kabul on Sunday for two days of talks.\n"
        "He met the acting foreign minister and discussed trade and border crossings.\n"
        "“We want open borders and more trade,” he said after the meeting.\n"
    )
    assert len(_parse(text).paragraphs) == 3


def test_hard_wrapped_paragraphs_are_joined():
    text = (
        "The minister arrived in Kabul on Sunday for two days of talks with the\n"
        "acting government, officials said, and was expected to sign a transit\n"
        "agreement before leaving.\n"
        "\n"
        "He met the acting foreign minister and discussed trade and border\n"
        "crossings, the ministry said in a statement.\n"
    )
    article = _parse(text)
    assert len(article.paragraphs) == 2
    assert article.paragraphs[0].text.endswith("before leaving.")
    assert "\n" in article.paragraphs[0].text  # offsets still cover the original lines


def test_trailing_credit_stripped_and_copyright_outlet():
    text = (
        "The talks will continue next week, the spokesman said. (APP)\n"
    )
    article = _parse(text)
    assert article.paragraphs[0].text == "The talks will continue next week, the spokesman said."
    assert article.outlet is None
    assert article.via == "Associated Press of Pakistan"
    other = _parse("The talks will continue next week, the spokesman said.\n\n© 2024 Daily Post\n")
    assert other.outlet == "Daily Post"
    assert len(other.paragraphs) == 1


def test_no_date_at_all_is_unknown():
    article = _parse("The talks will continue next week, the spokesman said on Monday.\n")
    assert article.published is None
    assert article.published_basis == DateBasis.UNKNOWN
    assert article.published_confidence == 0.0


def test_published_line_beats_caption_and_masthead():
    text = (
        "Saturday, May 4, 2024\n\n"
        "Officials promise faster visas for students\n\n"
        "Published May 2, 2024\n\n"
        "Officials at a briefing on April 30, 2024. — Photo: Ministry\n\n"
        "Officials said on Tuesday they would process student visas within two weeks.\n"
    )
    article = _parse(text)
    assert article.published == date(2024, 5, 2)
    assert article.published_basis == DateBasis.PUBLISHED_LINE
    assert article.published_confidence == pytest.approx(0.95)


def test_text_without_prose_is_an_article_error():
    with pytest.raises(ArticleError, match="no paragraphs of prose"):
        _parse("Home\nWorld\nShare\nComments\n")
    with pytest.raises(ArticleError, match="empty"):
        _parse("  \n\t\n")


# --- files: decoding, sidecars, bad input ------------------------------------------------------


def test_load_windows_1252_bytes(tmp_path):
    path = tmp_path / "cp.txt"
    path.write_bytes(b"\x93We will not back down,\x94 the minister said on Monday.\r\n")
    article = load_article(path)
    assert article.paragraphs[0].text == "“We will not back down,” the minister said on Monday."


def test_load_bom_and_crlf(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHeadline of the day is here\r\n\r\nThe minister said it.\r\n".encode())
    article = load_article(path)
    assert article.text == "Headline of the day is here\n\nThe minister said it.\n"
    assert article.title == "Headline of the day is here"
    assert [p.text for p in article.paragraphs] == ["The minister said it."]


def test_lone_cr_newlines(tmp_path):
    path = tmp_path / "mac.txt"
    path.write_bytes(b"The minister said it.\rThe secretary agreed with him.\r")
    assert len(load_article(path).paragraphs) == 2


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n\t  \r\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "PNG image"),
        (b"\x00\x01\x02 not text \x00" * 50, "binary"),
        (bytes(range(1, 9)) * 200, "binary"),
        (b"Home\nShare\n", "no paragraphs of prose"),
    ],
)
def test_bad_files_raise_article_error_with_a_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=reason) as info:
        load_article(path)
    assert "\n" not in str(info.value)
    assert "bad.txt" in str(info.value)


def test_too_large_file(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"The minister said it. " * (6 * 1024 * 1024 // 22 + 1))
    assert path.stat().st_size > MAX_ARTICLE_BYTES
    with pytest.raises(ArticleError, match="too large"):
        load_article(path)


def test_directory_missing_file_and_symlink_loop(tmp_path):
    with pytest.raises(ArticleError, match="folder"):
        load_article(tmp_path)
    with pytest.raises(ArticleError, match="no such file"):
        load_article(tmp_path / "absent.txt")
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(ArticleError, match="cannot be read"):
        load_article(loop)


def test_unreadable_file(tmp_path, monkeypatch):
    # Root reads any file whatever its mode (CI runs as root), so the refusal is simulated
    # where the loader opens the file.
    path = tmp_path / "secret.txt"
    path.write_text("The minister said it.")
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(ArticleError, match="permission denied") as caught:
        load_article(path)
    assert "\n" not in str(caught.value) and "secret.txt" in str(caught.value)


def test_sidecar_overrides_inferred_values(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Old headline of the page\n\nPublished May 2, 2024\n\nThe minister said it.\n")
    (tmp_path / "story.meta.json").write_text(json.dumps({
        "url": "https://example.org/story", "outlet": "Example News",
        "published": "2024-05-01", "title": "Better title", "extra": "ignored",
    }))
    article = load_article(path)
    assert article.title == "Better title"
    assert article.outlet == "Example News"
    assert article.url == "https://example.org/story"
    assert article.published == date(2024, 5, 1)
    assert article.published_basis == DateBasis.SIDECAR
    assert article.published_confidence == 1.0


def test_partial_sidecar_keeps_the_rest(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Old headline of the page\n\nPublished May 2, 2024\n\nThe minister said it.\n")
    (tmp_path / "story.meta.json").write_text('{"outlet": "Example News"}')
    article = load_article(path)
    assert article.outlet == "Example News"
    assert article.title == "Old headline of the page"
    assert article.published_basis == DateBasis.PUBLISHED_LINE


@pytest.mark.parametrize(
    "sidecar", ["{not json", "[1, 2]", '{"published": "yesterday"}', '{"title": 5}']
)
def test_broken_sidecar_is_ignored_with_a_warning(tmp_path, caplog, sidecar):
    path = tmp_path / "story.txt"
    path.write_text("The minister said it on March 3, 2021.\n")
    (tmp_path / "story.meta.json").write_text(sidecar)
    with caplog.at_level(logging.WARNING, logger="search_index.articles.parse"):
        article = load_article(path)
    assert article.paragraphs
    assert article.published_basis != DateBasis.SIDECAR
    assert "story.meta.json" in caplog.text


def test_parse_article_applies_meta():
    meta = ArticleMeta(published=date(2020, 1, 2), outlet="Wire")
    article = parse_article(BODY, "x.txt", meta)
    assert article.published == date(2020, 1, 2)
    assert article.published_basis == DateBasis.SIDECAR
    assert article.outlet == "Wire"


def test_dateline_alone_published_in_footer_and_social_plug():
    text = (
        "Pakistan\nWorld\n\n"
        "Pakistan, US agree to expand trade ties\n"
        "Officials say both sides will hold talks on market access next month\n"
        "Our Correspondent\n"
        "November 09, 2024\n"
        "Share\n\n"
        "The minister speaks to the media in Islamabad. PHOTO: APP\n\n"
        "ISLAMABAD:\n\n"
        "Pakistan and the United States on Friday agreed to expand trade ties, officials said.\n\n"
        "Also Read\nGovt to cut tariffs on raw materials\n\n"
        "\"We have agreed on a roadmap,\" the minister told reporters.\n\n"
        "Published in The Express Tribune, November 9th, 2024.\n\n"
        "Like Business on Facebook, follow @SomeDesk on Twitter to stay informed.\n"
    )
    article = _parse(text)
    assert article.title == "Pakistan, US agree to expand trade ties"
    assert article.byline == "Our Correspondent"
    assert article.dateline == "ISLAMABAD"
    assert article.outlet == "The Express Tribune"
    assert article.published == date(2024, 11, 9)
    assert [p.text[:12] for p in article.paragraphs] == ["Pakistan and", "\"We have agr"]


def test_bracket_caption_and_source_line():
    text = (
        "News|Politics\n"
        "US says it will work with the next government\n"
        "Washington says it is concerned about reports of irregularities in the vote.\n"
        "The spokesman speaks at a briefing in Washington [File: Jane Roe/Reuters]\n"
        "Published On 10 Feb 2024\n"
        "The United States said it would work with the next government, a spokesman said.\n"
        "“Claims of fraud should be investigated,” the spokesman said in a statement.\n"
        "Source: Al Jazeera and news agencies\n"
    )
    article = _parse(text)
    assert article.outlet == "Al Jazeera"
    assert article.published == date(2024, 2, 10)
    texts = [p.text for p in article.paragraphs]
    assert len(texts) == 2
    assert texts[0].startswith("The United States said")


def test_yearless_dateline_is_not_a_trusted_anchor():
    article = _parse(
        "ISLAMABAD, Nov 7 (APP): The spokesperson on Thursday said the country wanted good "
        "ties with its neighbours.\n"
    )
    assert article.dateline == "ISLAMABAD"
    assert article.via == "Associated Press of Pakistan"
    assert article.published is None  # the year is not on the page


def test_yearless_dateline_takes_the_year_the_page_gives():
    article = _parse(
        "date 2024-11-29 - Advertisement -\n\n"
        "ISLAMABAD, Nov 29 (APP): The spokesperson on Friday said the country wanted good "
        "ties with its neighbours.\n"
    )
    assert article.dateline == "ISLAMABAD"
    assert article.published == date(2024, 11, 29)
    assert article.published_confidence >= 0.9


def test_byline_with_the_date_after_the_name():
    article = _parse(
        "Council weighs new sanctions on the northern province\n\n"
        "By Margaret Besheer September 26, 2019\n\n"
        "UNITED NATIONS — The council met on Thursday, diplomats said, and the envoy told "
        "reporters the vote would be close.\n"
    )
    assert article.byline == "Margaret Besheer"
    assert article.published == date(2019, 9, 26)
    assert article.published_basis == DateBasis.PUBLISHED_LINE


_PIECES = [
    "By", "Web Desk", "|", "Share", "Comments", "Published April 13, 2022",
    "Sunday December 22, 2024",
    "  • A bullet point line.", "WASHINGTON: The minister said on Monday it was over.",
    "“We will not stop,” she said.", "“An open quote over two lines", "closing it now,” he added.",
    "Short headline without period here", "(Reuters)", "© 2024 Wire", "", "", "\xa0",
    "date 2024-02-10 ",
    "A photo of the event. — Screengrab/Ministry", "ISLAMABAD:", "Reporting by A; Editing by B",
    "The talks, which began on December 15, ended yesterday after two days, officials said.",
]


@pytest.mark.parametrize("seed", range(60))
def test_random_page_copies_parse_or_fail_cleanly(seed):
    rng = random.Random(seed)
    lines = [rng.choice(_PIECES) for _ in range(rng.randint(1, 25))]
    text = rng.choice(["\n", "\r\n", "\n\n"]).join(lines)
    try:
        article = parse_article(text, "random.txt")
    except ArticleError as error:
        assert "\n" not in str(error)
        return
    assert article.paragraphs
    for index, para in enumerate(article.paragraphs):
        assert para.index == index
        assert article.text[para.start:para.end] == para.text
        assert para.text.strip() == para.text
    assert 0.0 <= article.published_confidence <= 1.0


def test_question_headline_is_the_title_not_body():
    article = _parse(
        "Will talks with the lender resume next month?\n\n"
        "ISLAMABAD: The minister said on Monday that talks would resume.\n"
    )
    assert article.title == "Will talks with the lender resume next month?"
    assert [p.text[:9] for p in article.paragraphs] == ["ISLAMABAD"]


def test_utf16_with_bom_is_text(tmp_path):
    path = tmp_path / "notepad.txt"
    path.write_bytes("“We are ready,” the minister said on Monday.\r\n".encode("utf-16"))
    article = load_article(path)
    assert article.paragraphs[0].text == "“We are ready,” the minister said on Monday."


@pytest.mark.parametrize(
    ("content", "kind"),
    [(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"), (b"PK\x03\x04\x14\x00", "zip"),
     (b"\x1f\x8b\x08\x00", "gzip")],
)
def test_known_binary_formats_are_named(tmp_path, content, kind):
    path = tmp_path / "story.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=kind):
        load_article(path)


def test_saved_web_page_goes_to_the_page_reader(tmp_path):
    body = " ".join(["The minister said on Monday that talks with the lender would resume."] * 3)
    page = (
        "<!DOCTYPE html><html><head><title>Talks to resume, says minister</title>"
        '<meta property="article:published_time" content="2024-03-04T10:00:00Z"></head>'
        f"<body><article><h1>Talks to resume, says minister</h1><p>{body}</p>"
        "<p>“We are close to an agreement,” he told reporters after a long cabinet meeting "
        "in the capital.</p></article></body></html>"
    )
    path = tmp_path / "page.txt"  # HTML saved under a .txt name is still read as a page
    path.write_text(page)
    article = load_article(path)
    assert "<p>" not in article.text
    assert any("close to an agreement" in p.text for p in article.paragraphs)
    for p in article.paragraphs:
        assert article.text[p.start:p.end] == p.text


def test_breadcrumbs_are_not_the_title():
    article = _parse(
        "Home › World › Asia Pacific\n\n"
        "Talks to resume next month, says minister\n\n"
        "The minister said on Monday that talks with the lender would resume.\n"
    )
    assert article.title == "Talks to resume next month, says minister"


def test_labelled_date_line_is_the_published_date():
    article = _parse("Date: 2024-02-10\n\nThe spokesman said the vote had been fair.\n")
    assert article.published == date(2024, 2, 10)
    assert article.published_basis == DateBasis.PUBLISHED_LINE


def test_short_sentence_with_posted_and_a_date_stays_in_the_body():
    text = (
        "The minister said the talks had failed.\n\n"
        "Jane Roe posted on March 3, 2024 that the talks had failed.\n"
    )
    assert len(_parse(text).paragraphs) == 2


def test_a_date_led_line_with_updated_is_the_published_line():
    text = ("Pakistan to press ahead with pipeline | Reuters\n\n"
            "By Sara Ali\n\nMarch 22, 2024 5:41 PM GMT+5 Updated 2 hours ago\n\n"
            "ISLAMABAD (Reuters) - Pakistan will build the first stretch of the pipeline, "
            "the foreign ministry said on Friday.\n")
    article = parse_article(text)
    assert article.published == date(2024, 3, 22)
    assert article.published_basis == DateBasis.PUBLISHED_LINE
    assert article.outlet == "Reuters"  # the site's name after the headline
    assert article.title == "Pakistan to press ahead with pipeline"
    assert article.via is None  # "(Reuters)" in the dateline is the outlet's own copy


@pytest.mark.parametrize(("credit", "outlet", "via"), [
    # a wire's copyright under a story is the wire's copy, whoever printed the page
    ("Copyright 2023 The Associated Press. All rights reserved.", None, "Associated Press"),
    ("© 2024 AFP", None, "Agence France-Presse"),
    ("© Dawn Media Group", "Dawn Media Group", None),
    ("© 2024 Dawn", "Dawn", None),
    ("Source: Al Jazeera and news agencies", "Al Jazeera", None),
])
def test_credits_name_the_outlet_in_full(credit, outlet, via):
    text = ("Minister visits flood areas\n\nThe minister visited the flooded districts on "
            f"Monday and promised more aid to farmers.\n\n{credit}\n")
    article = parse_article(text)
    assert (article.outlet, article.via) == (outlet, via)


def test_a_briefing_title_dates_the_briefing_with_confidence():
    text = ("Ministry of Foreign Affairs\n\n"
            "Transcript of the Weekly Press Briefing by the Spokesperson on Friday, "
            "8 March 2024\n\n"
            "Spokesperson: Welcome. The minister will travel to Brussels next week for talks.\n\n"
            "Question\nWhat will the talks cover?\n\n"
            "Answer\nThe two sides will review trade, climate and migration.\n\n"
            "Question\nAnd the dates?\n\nAnswer\nThey will be announced in due course.\n")
    article = parse_article(text)
    assert article.title.startswith("Transcript of the Weekly Press Briefing")
    assert article.published == date(2024, 3, 8)
    assert article.published_confidence >= 0.9
    labels = [p.text for p in article.paragraphs if p.text in ("Question", "Answer")]
    assert labels == ["Question", "Answer", "Question", "Answer"]


def test_site_banners_and_menu_entries_are_not_the_title():
    article = _parse(
        "Skip to navigation\nThe Daily Ledger - Back to home\nNews\nOpinion\nSport\n\n"
        "Port workers end strike after pay deal\n\n"
        "Dock workers returned to work on Monday after the union accepted a new offer.\n"
    )
    assert article.title == "Port workers end strike after pay deal"
    welcomed = _parse(
        "Welcome to the Harbour Authority\nHarbour News\nSearch\nHome\n\n"
        "Ferry timetable to change in spring\n\n"
        "The authority said on Monday that sailings would move to an hourly timetable.\n"
    )
    assert welcomed.title == "Ferry timetable to change in spring"
    menu = _parse(
        "Sign In\nSend a Story\nNews\nProducts\nContact\n\n"
        "Grain Cooperative Signs Ten-Year Supply Deal With Mill\n\n"
        "The cooperative said on Monday that the agreement covers its whole wheat crop.\n"
    )
    assert menu.title == "Grain Cooperative Signs Ten-Year Supply Deal With Mill"


def test_a_long_headline_above_the_site_menu_stays_the_title():
    article = _parse(
        "Briefing by the Harbour Master on the Winter Storm Response and Ferry Closures\n"
        "The Harbour Office\nBriefing Room\nBriefings\n\n"
        "The harbour master said on Monday that the ferries would sail again on Thursday.\n"
    )
    assert article.title == ("Briefing by the Harbour Master on the Winter Storm Response and "
                             "Ferry Closures")


def test_a_date_and_section_line_dates_a_page_without_a_headline():
    article = _parse(
        "Welcome to the Harbour Authority\nHarbour News\nSearch\nHome\nTopics\n\n"
        "9 March 2023 Shipping\n\n"
        "Ferries will sail again from Thursday, the harbour master said on Monday.\n"
    )
    assert article.title is None
    assert article.published == date(2023, 3, 9)
    assert article.published_basis == DateBasis.PUBLISHED_LINE


def test_yearless_dateline_agreeing_with_the_page_date_above_the_title():
    article = _parse(
        "Source: Newswire\n\n2024-11-19 20:41:06\n\n"
        "Ministry ready to work with partners on dryland crops\n\n"
        "BEIJING, Nov. 19 (Newswire) -- The ministry is ready to deepen cooperation on dryland "
        "farming, its spokesperson said on Tuesday.\n"
    )
    assert article.published == date(2024, 11, 19)
    assert article.published_basis == DateBasis.DATELINE


def test_yearless_dateline_disagreeing_with_a_masthead_gets_no_year():
    article = _parse(
        "Editor in Chief: A. Rahim Tuesday, April 23rd, 2024\n\n"
        "Envoy says ties will improve\n\n"
        "KABUL, Oct 4 (Newswire) - The envoy said on Wednesday the two sides discussed trade.\n"
    )
    assert article.published_basis == DateBasis.MASTHEAD
    assert article.published_confidence == 0


def test_a_release_dated_only_at_its_foot():
    article = _parse(
        "Press Releases|\n\n"
        "Referring to reports in sections of the media about the closure of consulates, the "
        "Spokesperson said that the Ministry had issued no such advice.\n\n"
        "The Government has directed the agencies concerned to take the necessary precautions "
        "for the security of every mission in the capital.\n\n"
        "Missions have also been advised to be careful while moving around in the city.\n\n"
        "September 2, 2014\n\nClose Search Window\n"
    )
    assert len(article.paragraphs) == 3
    assert article.published == date(2014, 9, 2)


def test_a_date_under_another_storys_heading_below_the_body_does_not_date_the_page():
    article = _parse(
        "KARACHI: The port authority on Monday rejected a report on delays at the new berth, "
        "calling it baseless.\n\n"
        "The report had said that ships waited for a week before unloading at the terminal.\n\n"
        "Opinion\n\nEditorial\n\nHarbour dues\nUpdated 14 Feb, 2023\n\nHarbour dues\n"
    )
    assert article.published is None


def test_a_date_alone_under_a_teaser_at_the_top_dates_the_page():
    article = _parse(
        "KARACHI: The port authority rejected a report on delays at the new berth.\n"
        "Captain Sana Mirza, the harbour master of the...\n"
        "March 3, 2019\n"
        "KARACHI: The port authority rejected a report on delays at the new berth.\n"
        "Captain Sana Mirza, the harbour master of the port, said the report was baseless.\n"
    )
    assert article.published == date(2019, 3, 3)
