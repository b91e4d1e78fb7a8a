"""Ingest on a temporary index: incremental, idempotent, exact removal, bad files, locking."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from statement_factory import fake_extractor, fake_loader, write_article

from search_index.errors import IndexBusy
from search_index.index.ingest import ingest, ingest_lock
from search_index.search.service import SearchService

MILLER = "Matthew Miller"
PROBE = "Claims of interference or fraud should be fully investigated."
RESTRICTIONS = "These elections included undue restrictions on freedom of expression."


def run(corpus: Path, index_dir: Path, **kwargs):
    return ingest([corpus], index_dir, loader=fake_loader, extractor=fake_extractor, **kwargs)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_article(
        folder,
        "ledger.txt",
        [
            {"text": PROBE, "speaker": MILLER, "date": "2024-02-10"},
            {"text": RESTRICTIONS, "speaker": MILLER, "date": "2024-02-10"},
        ],
        title="US urges probe into vote claims",
        outlet="Daily Ledger",
    )
    write_article(
        folder,
        "courier.txt",
        [{"text": PROBE.replace(".", ","), "speaker": MILLER, "date": "2024-02-10"}],
        title="Washington reacts to the vote",
        outlet="Evening Courier",
        published="2024-02-12",
    )
    return folder


def test_first_run_adds_every_file_and_merges_the_same_quote(corpus, tmp_path):
    index_dir = tmp_path / "index"
    report = run(corpus, index_dir)
    assert sorted(Path(p).name for p in report.added) == ["courier.txt", "ledger.txt"]
    assert report.statements == 3
    service = SearchService(index_dir)
    result = service.search("fraud")
    assert result.total == 1  # one quote reported twice is one statement
    outlets = [source.outlet for source in result.hits[0].sources]
    assert outlets == ["Daily Ledger", "Evening Courier"]
    assert service.stats().statements == 2


def test_second_run_changes_nothing(corpus, tmp_path):
    index_dir = tmp_path / "index"
    run(corpus, index_dir)
    generation = SearchService(index_dir).stats()
    report = run(corpus, index_dir)
    assert not report.changed
    assert len(report.unchanged) == 2
    assert SearchService(index_dir).stats() == generation


def test_touched_file_with_same_content_is_unchanged(corpus, tmp_path):
    index_dir = tmp_path / "index"
    run(corpus, index_dir)
    os.utime(corpus / "ledger.txt", ns=(1, 1))
    report = run(corpus, index_dir)
    assert not report.changed and len(report.unchanged) == 2


def test_changed_file_replaces_its_statements(corpus, tmp_path):
    index_dir = tmp_path / "index"
    run(corpus, index_dir)
    write_article(
        corpus,
        "ledger.txt",
        [{"text": "We look forward to working with the new government.", "speaker": MILLER}],
        outlet="Daily Ledger",
    )
    report = run(corpus, index_dir)
    assert [Path(p).name for p in report.updated] == ["ledger.txt"]
    service = SearchService(index_dir)
    assert service.search("restrictions").total == 0
    assert service.search("government").total == 1
    # The shared quote keeps only the source that still reports it.
    probe = service.search("fraud").hits[0]
    assert [s.outlet for s in probe.sources] == ["Evening Courier"]


def test_removed_file_leaves_the_index(corpus, tmp_path):
    index_dir = tmp_path / "index"
    run(corpus, index_dir)
    (corpus / "courier.txt").unlink()
    report = run(corpus, index_dir)
    assert [Path(p).name for p in report.removed] == ["courier.txt"]
    service = SearchService(index_dir)
    assert [s.outlet for s in service.search("fraud").hits[0].sources] == ["Daily Ledger"]
    assert [s.file for s in service.sources()] == ["ledger.txt"]
    assert service.outlets() == ["Daily Ledger"]
    (corpus / "ledger.txt").unlink()
    run(corpus, index_dir)
    service.refresh()
    assert service.search("fraud").total == 0
    assert service.stats().statements == 0
    assert service.speakers("Miller") == []


def test_files_outside_the_given_paths_stay(corpus, tmp_path):
    index_dir = tmp_path / "index"
    run(corpus, index_dir)
    other = tmp_path / "other"
    other.mkdir()
    write_article(
        other, "extra.txt", [{"text": "Talks will resume in spring.", "speaker": "Ana Ruiz"}]
    )
    report = run(other, index_dir)
    assert report.removed == [] and len(report.added) == 1
    assert SearchService(index_dir).stats().articles == 3


def test_bad_files_are_skipped_in_one_line_and_the_rest_is_indexed(corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (corpus / "notes.txt").write_text("this is not an article", encoding="utf-8")
    write_article(corpus, "boom.txt", [{"text": "x", "speaker": "Y Z"}])
    boom = corpus / "boom.txt"
    boom.write_text(boom.read_text().replace('"title"', '"explode": true, "title"'))
    report = run(corpus, tmp_path / "index")
    reasons = {Path(file).name: reason for file, reason in report.skipped}
    assert set(reasons) == {"empty.txt", "binary.txt", "notes.txt", "boom.txt"}
    assert all("\n" not in reason for reason in reasons.values())
    assert "empty" in reasons["empty.txt"]
    assert "RuntimeError" in reasons["boom.txt"]
    assert len(report.added) == 2


def test_a_missing_path_is_reported(tmp_path):
    report = ingest([tmp_path / "nowhere"], tmp_path / "index", loader=fake_loader,
                    extractor=fake_extractor)
    assert [reason for _, reason in report.skipped] == ["no such file or folder"]


def test_progress_reports_every_file(corpus, tmp_path):
    seen: list[tuple[int, int, str]] = []
    run(corpus, tmp_path / "index", progress=lambda done, total, label: seen.append(
        (done, total, label)))
    extraction = [entry for entry in seen if entry[1] == 2]
    assert extraction[0][0] == 0 and extraction[-1][0] == 2


def test_second_ingest_while_one_runs_raises_index_busy(corpus, tmp_path):
    index_dir = tmp_path / "index"
    holding = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with ingest_lock(index_dir):
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(5)
        with pytest.raises(IndexBusy, match="another `onrecord index`"):
            run(corpus, index_dir, lock_timeout=0.2)
    finally:
        release.set()
        holder.join()
    assert len(run(corpus, index_dir).added) == 2


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from statement_factory import fake_extractor, fake_loader
    from search_index.index.ingest import ingest

    def progress(done, total, label):
        if label == "writing statements":
            os.kill(os.getpid(), signal.SIGKILL)  # killed mid-write, before the commit

    ingest([Path({corpus!r})], Path({index!r}), progress, loader=fake_loader,
           extractor=fake_extractor)
    """
)


def test_killed_ingest_leaves_the_previous_index_searchable(corpus, tmp_path):
    index_dir = tmp_path / "index"
    run(corpus, index_dir)
    write_article(corpus, "wire.txt", [{"text": "The border will reopen on Monday.",
                                         "speaker": "Ana Ruiz"}])
    script = KILLER.format(
        tests=str(Path(__file__).resolve().parents[2]), corpus=str(corpus), index=str(index_dir)
    )
    repo = Path(__file__).resolve().parents[3]
    killed = subprocess.run([sys.executable, "-c", script], cwd=repo, capture_output=True)
    assert killed.returncode == -9
    service = SearchService(index_dir)
    assert service.search("fraud").total == 1
    assert service.search("border").total == 0
    report = run(corpus, index_dir)  # the lock died with the process; the next run completes
    assert [Path(p).name for p in report.added] == ["wire.txt"]
    service.refresh()
    assert service.search("border").total == 1


def test_rebuild_starts_from_an_empty_index(corpus, tmp_path):
    index_dir = tmp_path / "index"
    run(corpus, index_dir)
    report = run(corpus, index_dir, rebuild=True)
    assert len(report.added) == 2
    assert SearchService(index_dir).stats().statements == 2


def test_registry_learning_a_full_name_refiles_earlier_surname_statements(tmp_path):
    pytest.importorskip("search_index.extraction.speakers")
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_article(folder, "a_early.txt", [{"text": PROBE, "speaker": "Miller"}])

    def observing(article, registry):
        statements = fake_extractor(article)
        for statement in statements:
            registry.observe(statement.speaker, statement=True)
        return statements

    index_dir = tmp_path / "index"
    ingest([folder], index_dir, loader=fake_loader, extractor=observing)
    write_article(folder, "b_later.txt", [{"text": RESTRICTIONS, "speaker": MILLER}])
    ingest([folder], index_dir, loader=fake_loader, extractor=observing)
    service = SearchService(index_dir)
    assert {h.statement.speaker for h in service.search("fraud").hits} == {MILLER}
    assert [s.name for s in service.speakers("miller")] == [MILLER]
    assert service.speakers("miller")[0].statements == 2
    assert (index_dir / "speakers.json").exists()
