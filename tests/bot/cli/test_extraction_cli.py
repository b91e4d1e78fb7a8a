import json

from bot.cli import main


def test_extract_json_and_bad_files_do_not_stop_the_batch(tmp_path, seeds_dir, capsys):
    (tmp_path / "x.bin").write_bytes(b"\x00\x01\x02\xff" * 10)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code = main(["extract", "--json", str(tmp_path / "x.bin"), str(tmp_path / "empty.txt"),
                 str(seeds_dir / "002_a7ad65b3a87e5598.txt")])
    out, err = capsys.readouterr()
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert records and all(r["file"] == "002_a7ad65b3a87e5598.txt" for r in records)
    assert {"text", "kind", "speaker", "speaker_mention", "role", "date", "date_basis",
            "confidence", "start", "end", "title", "outlet"} <= set(records[0])
    assert "onrecord: skipped x.bin" in err and "onrecord: skipped empty.txt" in err
    assert "Traceback" not in err


def test_extract_nothing_readable_exits_1(tmp_path, capsys):
    (tmp_path / "x.bin").write_bytes(b"\x00\x01\x02")
    assert main(["extract", str(tmp_path / "x.bin")]) == 1
    assert capsys.readouterr().err.count("\n") >= 1


def test_extract_listing_groups_by_article(seeds_dir, capsys):
    assert main(["extract", str(seeds_dir)]) == 0
    out = capsys.readouterr().out
    assert out.count("== ") == 5 and "Matthew Miller" in out


def test_evaluate_prints_scores(gold_path, seeds_dir, capsys):
    assert main(["evaluate", str(gold_path), "--articles", str(seeds_dir)]) == 0
    out = capsys.readouterr().out
    assert "precision:" in out and "speaker accuracy:" in out and "date accuracy:" in out
    quoted, reported = out.split("reported speech (indirect):", 1)
    assert quoted.startswith("quoted (direct and partial):")
    assert "F1:" in reported and "invented dates:" in reported


def test_evaluate_json_carries_both_lines(gold_path, seeds_dir, capsys):
    import json

    assert main(["evaluate", str(gold_path), "--articles", str(seeds_dir), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["reported"]["scored"] and report["reported"]["gold"] > 0
    assert report["gold"] > 0 and "invented_dates" in report


def test_evaluate_leaves_reported_speech_unscored_when_the_gold_has_none(tmp_path, seeds_dir,
                                                                       gold_path, capsys):
    import json

    quoted_only = [line for line in gold_path.read_text(encoding="utf-8").splitlines()
                   if line.strip() and json.loads(line)["kind"] != "indirect"]
    (tmp_path / "gold.jsonl").write_text("\n".join(quoted_only) + "\n", encoding="utf-8")
    assert main(["evaluate", str(tmp_path / "gold.jsonl"), "--articles", str(seeds_dir)]) == 0
    assert "not scored: the gold holds no reported speech" in capsys.readouterr().out


def test_evaluate_missing_gold_is_one_line(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path / "none.jsonl")]) == 1
    assert capsys.readouterr().err.startswith("onrecord: no gold file")
