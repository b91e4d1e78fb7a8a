import json

from bot.cli import main


def test_parse_prints_title_date_and_paragraphs(seeds_dir, capsys):
    (path,) = seeds_dir.glob("002_*.txt")
    assert main(["parse", str(path)]) == 0
    out = capsys.readouterr().out
    assert "title:     \"Expect continuation of healthy military-to-military" in out
    assert "published: 2022-04-13 (published-line, confidence 0.95)" in out
    assert "Comments are closed" not in out


def test_parse_json_and_a_bad_file(tmp_path, seeds_dir, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    (good,) = seeds_dir.glob("004_*.txt")
    assert main(["parse", "--json", str(good), str(bad)]) == 1
    out_lines = capsys.readouterr().out.strip().splitlines()
    record = json.loads(out_lines[0])
    assert record["byline"] == "Azaz Syed"
    assert "text" not in record
    assert out_lines[1] == "onrecord parse: empty.txt: the file is empty"
