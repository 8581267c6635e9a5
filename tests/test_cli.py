"""The command line: report, selon/1 JSON, JSON Lines, bad inputs and exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from selon.cli import main

TEXT = ("Le maire a annoncé lundi la fermeture du pont, selon le quotidien régional.\n"
        "« Nous n'avons pas le choix », a déclaré le maire, Jean Dupont, devant la presse.\n"
        "Avec AFP\n")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_json_is_selon_1_with_exact_text(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    code, out, _ = run("analyze", "--json", "--published", "2024-03-04", "--outlet", "Essai",
                       str(p))
    assert code == 0
    rec = json.loads(out)
    assert rec["schema"] == "selon/1"
    assert rec["article"]["text"] == TEXT
    assert rec["article"]["published"] == "2024-03-04"
    assert rec["article"]["outlet"] == "Essai"
    assert rec["article"]["credit"] == "AFP"
    for key in ("body", "entities", "attributions", "quantities", "times"):
        assert isinstance(rec[key], list)
    for start, end in rec["body"]:
        assert 0 <= start < end <= len(TEXT)


def test_several_files_give_json_lines_and_bad_ones_do_not_stop_the_batch(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\xff" * 100)
    code, out, err = run("analyze", "--json", str(empty), str(good), str(binary), str(good))
    assert code == 2
    lines = out.strip().splitlines()
    assert len(lines) == 2 and all(json.loads(x)["schema"] == "selon/1" for x in lines)
    assert f"{empty}: the input is empty" in err
    assert f"{binary}: this looks like a binary file" in err
    assert "2 of 4 input(s) failed" in err


def test_plain_report_when_piped(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    code, out, err = run("analyze", str(p))
    assert code == 0
    assert "attributions (" in out and "entities (" in out
    assert "credit: AFP" in out
    assert "no publication date found" in err


def test_bad_flag_is_a_usage_error(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    code, _, err = run("analyze", "--published", "hier", str(p))
    assert code == 2 and "--published must be a date" in err


def test_module_entry_point_exit_status(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    proc = subprocess.run([sys.executable, "-m", "selon", "analyze", str(missing)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[0] == f"selon: error: {missing}: no such file"


def test_help_lists_commands() -> None:
    code, out, _ = run("--help")
    assert code == 0 and "analyze" in out and "eval" in out
