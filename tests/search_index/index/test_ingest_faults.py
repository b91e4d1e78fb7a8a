"""Ingest under faults: bad article files, a damaged index, SIGKILL mid-run, two runs at once.

Every test checks the same promise: a bad file is reported in one line and skipped, and nothing
the index already held is lost.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from search_index.index.ingest import ingest, open_index
from search_index.index.records import ArticleRecord, QuoteDocument
from search_index.index.schema import DOCTYPE_ARTICLE, DOCTYPE_STATEMENT
from search_index.search.service import SearchService

REPO = Path(__file__).resolve().parents[3]


def statements_by_article(index_dir: Path) -> dict[str, frozenset[str]]:
    """Each indexed article file and the statement texts the index holds for it."""
    ix = open_index(index_dir)
    found: dict[str, set[str]] = {}
    with ix.searcher() as searcher:
        for fields in searcher.documents(doctype=DOCTYPE_ARTICLE):
            record = ArticleRecord.model_validate_json(fields["record"])
            found.setdefault(record.path, set())
        for fields in searcher.documents(doctype=DOCTYPE_STATEMENT):
            doc = QuoteDocument.model_validate_json(fields["payload"])
            for report in doc.reports:
                found.setdefault(report.path, set()).add(report.statement.text)
    return {path: frozenset(texts) for path, texts in found.items()}


# ----- bad article files ----------------------------------------------------------------------


@pytest.fixture
def seeded(tmp_path: Path, seeds_dir: Path) -> tuple[Path, Path, dict[str, frozenset[str]]]:
    """A corpus folder holding the seeds, its index, and what the index held after the run."""
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    index_dir = tmp_path / "index"
    report = ingest([corpus], index_dir)
    assert len(report.added) == 5 and not report.skipped
    return corpus, index_dir, statements_by_article(index_dir)


def skipped_names(report) -> dict[str, str]:
    return {Path(file).name: reason for file, reason in report.skipped}


def test_bad_files_are_each_reported_and_nothing_indexed_is_lost(seeded, monkeypatch):
    corpus, index_dir, before = seeded
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (corpus / "latin1.txt").write_bytes(
        "Ministre des Finances: « Nous réduirons le déficit », a-t-il déclaré.".encode("cp1252")
        * 3
    )
    with (corpus / "huge.txt").open("wb") as handle:  # 20 MB: no article is that large
        handle.truncate(20 * 1024 * 1024)
    (corpus / "quote-marks.txt").write_text('"' * 50_000 + "\n\n" + "“”" * 20_000)
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "ping.txt").symlink_to(corpus / "pong.txt")
    (corpus / "pong.txt").symlink_to(corpus / "ping.txt")
    (corpus / "locked.txt").write_text(
        "Port talks resume\n\nThe harbour master said on Monday that talks would resume.\n"
    )
    real_open = Path.open

    def refuse_locked(path: Path, *args, **kwargs):  # we run as root: chmod 000 is no refusal
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse_locked)

    report = ingest([corpus], index_dir)

    skipped = skipped_names(report)
    for name in ("empty.txt", "binary.txt", "huge.txt", "loop.txt", "ping.txt", "pong.txt",
                 "locked.txt", "quote-marks.txt"):
        assert name in skipped, f"{name} was not reported: {report.skipped}"
        reason = skipped[name]
        assert reason and "\n" not in reason and len(reason) < 200, reason
    assert "loop" in skipped["loop.txt"]
    assert "permission" in skipped["locked.txt"].lower()
    assert "MB" in skipped["huge.txt"]
    # A legacy encoding is text, not an error: read and indexed (or skipped as no prose).
    assert "latin1.txt" in skipped or any(p.endswith("latin1.txt") for p in report.added)
    after = statements_by_article(index_dir)
    for path, texts in before.items():
        assert after.get(path) == texts, f"{path} lost statements"
    assert not report.removed and not report.updated


def test_the_same_article_under_two_names_is_one_statement_from_one_source(seeded):
    corpus, index_dir, before = seeded
    original = next(iter(sorted(corpus.glob("*.txt"))))
    shutil.copy(original, corpus / "copy-of-the-same-article.txt")

    report = ingest([corpus], index_dir)

    assert [Path(p).name for p in report.added] == ["copy-of-the-same-article.txt"]
    after = statements_by_article(index_dir)
    assert after[str((corpus / "copy-of-the-same-article.txt").resolve())] == after[
        str(original.resolve())
    ]
    for path, texts in before.items():
        assert after[path] == texts
    service = SearchService(index_dir)
    some_text = sorted(after[str(original.resolve())])[0]
    hits = service.search(f'"{some_text}"', per_page=50).hits
    copies = [hit for hit in hits if hit.statement.text == some_text]
    assert len(copies) == 1, "the same words from the same article are listed once"
    # Same content, same article: it is not counted as a second outlet reporting the words.
    assert len(copies[0].sources) == 1


def test_a_symbolic_link_loop_named_on_the_command_line_is_reported(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    report = ingest([loop], tmp_path / "index")
    assert report.skipped == [(str(loop), "a symbolic link loop, not a file")]


def test_extraction_work_grows_linearly_with_the_number_of_quote_marks(tmp_path):
    from search_index.articles.loading import load_article
    from search_index.extraction.pipeline import extract_article

    def calls_to_extract(marks: int) -> int:
        path = tmp_path / f"marks{marks}.txt"
        path.write_text("Quote marks\n\nThe minister said " + "“a” " * marks + "\n")
        article = load_article(path)
        counted = 0

        def count(frame, event, arg):  # every Python and C function call, deterministic
            nonlocal counted
            counted += 1

        sys.setprofile(count)
        try:
            extract_article(article)
        finally:
            sys.setprofile(None)
        return counted

    small, large = calls_to_extract(600), calls_to_extract(1200)
    assert large / small < 2.6, f"twice the quote marks cost {large / small:.1f} times the work"


# ----- a damaged or vanished index ------------------------------------------------------------


def test_an_index_with_garbage_files_is_rebuilt_by_the_next_ingest(seeded, caplog):
    corpus, index_dir, before = seeded
    for file in index_dir.iterdir():
        if file.suffix in (".toc", ".seg"):
            file.write_bytes(os.urandom(max(64, file.stat().st_size)))

    report = ingest([corpus], index_dir)

    assert len(report.added) == 5
    assert statements_by_article(index_dir) == before
    assert any("rebuilding it from the articles" in r.getMessage() for r in caplog.records)


# ----- SIGKILL at random points ---------------------------------------------------------------

PEOPLE = [
    ("Sara Malik", "Finance Minister"), ("Omar Haddad", "Interior Minister"),
    ("Laura Novak", "Mayor"), ("Peter Okafor", "Central Bank Governor"),
    ("Hana Suzuki", "Trade Minister"),
]
TOPICS = ["the port expansion", "grain exports", "the new rail line", "flood defences",
          "the budget deficit", "fuel prices", "school repairs", "the water tariff"]
ARTICLES = 100
KILLS = 20


def generated_article(number: int, version: int) -> str:
    """A short wire story; `version` changes some of its quotes, as a corrected story would."""
    rng = random.Random(number)
    (name, role), (other, other_role) = rng.sample(PEOPLE, 2)
    topic = rng.choice(TOPICS)
    word = ("first", "second")[version]
    return (
        f"Officials weigh {topic} in report {number}\n\n"
        f"CAPITAL CITY, March {1 + number % 27}, 2024 (Wire) - {role} {name} said on Tuesday "
        f"that {topic} would be reviewed in a {word} round of talks.\n\n"
        f"“We will publish the {word} assessment of {topic} within weeks,” {name} told "
        "reporters.\n\n"
        f"{other_role} {other} said the {word} plan for {topic} needed more money. "
        f"“The numbers for report {number} do not add up yet,” {other} said.\n"
    )


def write_version(corpus: Path, version: int) -> None:
    for number in range(ARTICLES):
        (corpus / f"report-{number:03}.txt").write_text(generated_article(number, version))


def index_command(corpus: Path, index_dir: Path) -> list[str]:
    """`onrecord index` as an operator runs it (its entry point, so no PATH is needed)."""
    entry = "import sys; from bot.cli import main; sys.exit(main(sys.argv[1:]))"
    return [sys.executable, "-c", entry, "index", str(corpus), "--index-dir", str(index_dir)]


@pytest.mark.slow  # twenty-odd `onrecord index` processes, most killed part-way
def test_sigkill_at_random_points_leaves_old_or_new_statements_for_every_article(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    index_dir = tmp_path / "index"
    write_version(corpus, 0)
    started = time.monotonic()
    subprocess.run([*index_command(corpus, index_dir)[:3], "--help"], cwd=REPO, check=True,
                   capture_output=True)
    startup = time.monotonic() - started  # a kill before the imports finish tests nothing
    started = time.monotonic()
    subprocess.run(index_command(corpus, index_dir), cwd=REPO, check=True, capture_output=True)
    full_run = time.monotonic() - started
    states = [statements_by_article(index_dir)]
    rng = random.Random(20241123)
    version = 0
    kills = 0
    for _ in range(KILLS):
        version = 1 - version
        write_version(corpus, version)
        process = subprocess.Popen(
            index_command(corpus, index_dir), cwd=REPO,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        try:
            process.wait(timeout=rng.uniform(startup * 0.8, full_run * 0.95))
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait()
        stderr = process.stderr.read().decode() if process.stderr else ""
        assert "Traceback" not in stderr, stderr
        state = statements_by_article(index_dir)  # opens, whatever point the kill hit
        states.append(state)
        assert SearchService(index_dir).stats().articles == len(state)
    # A busy machine makes run times vary; most runs must still have been cut short.
    assert kills >= KILLS // 4, f"only {kills} runs were killed: the delays are too long"

    # What each version holds when a run completes, for comparison.
    references = {}
    for final in (version, 1 - version):
        write_version(corpus, final)
        subprocess.run(index_command(corpus, index_dir), cwd=REPO, check=True,
                       capture_output=True)
        references[final] = statements_by_article(index_dir)
    assert len(references[0]) == ARTICLES
    assert all(references[0][path] != references[1][path] for path in references[0])
    for number, state in enumerate(states):
        assert set(state) == set(references[0]), f"state {number} lost or gained articles"
        for path, texts in state.items():
            assert texts in (references[0][path], references[1][path]), (
                f"after kill {number}, {Path(path).name} holds a mix: {sorted(texts)}"
            )


@pytest.mark.slow  # two `onrecord index` processes over 65 articles
def test_two_ingests_at_once_one_waits_or_refuses_in_one_line(tmp_path, seeds_dir):
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    for number in range(60):
        (corpus / f"report-{number:03}.txt").write_text(generated_article(number, 0))
    index_dir = tmp_path / "index"
    runs = [
        subprocess.Popen(index_command(corpus, index_dir), cwd=REPO,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outcomes = [(run.wait(timeout=120), run.stderr.read().decode()) for run in runs]  # type: ignore[union-attr]
    assert all(code in (0, 1) for code, _ in outcomes), outcomes
    assert 0 in [code for code, _ in outcomes], "one of the two finished the job"
    for code, stderr in outcomes:
        assert "Traceback" not in stderr, stderr
        if code == 1:
            lines = stderr.strip().splitlines()
            assert len(lines) == 1 and "another `onrecord index`" in lines[0], stderr
    held = statements_by_article(index_dir)
    assert len(held) == 65 and all(held.values())
