"""Hostile inputs: FIFOs, unreadable files and folders, UTF-16 text (issue 12, items 4-6).

Unreadable-file tests run the command in a child process without the capabilities that
let root read anything (``setpriv``), so they mean the same as root or as a user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from selon.errors import InputError
from selon.ingest.reading import decode
from selon.ingest.sources import iter_inputs
from selon.model import Article, Failure
from selon.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
TEXT = ("Le ministre a déclaré mardi que les négociations reprendraient la semaine prochaine "
        "à Genève, selon un communiqué publié par son cabinet.\n"
        "« Nous sommes prêts à discuter », a-t-il ajouté devant les journalistes.\n")


def unprivileged() -> list[str]:
    """A command prefix that drops root's right to read any file (empty for a user)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot make a file unreadable")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", "--"]


def run_bounded(args: list[str], settings: Settings, seconds: float = 20
                ) -> list[Article | Failure]:
    """iter_inputs(args) in a thread; fails the test if it does not finish in time."""
    out: list[Article | Failure] = []
    done = threading.Event()

    def work() -> None:
        out.extend(iter_inputs(args, settings))
        done.set()

    threading.Thread(target=work, daemon=True).start()
    finished = done.wait(seconds)
    assert finished, "iter_inputs hung (blocked opening a FIFO?)"
    return out


@pytest.fixture
def fifos(tmp_path: Path) -> Iterator[list[Path]]:
    made: list[Path] = []
    yield made
    for fifo in made:  # unblock a reader stuck in open() before the fix, if any
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            continue
        os.close(fd)


def test_a_fifo_among_the_inputs_is_reported_and_skipped(tmp_path: Path,
                                                         fifos: list[Path]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    for name in ("b.txt", "feed.xml", "c.jsonl", "d.warc"):
        os.mkfifo(folder / name)
        fifos.append(folder / name)
    lone = tmp_path / "lone"
    os.mkfifo(lone)
    fifos.append(lone)
    items = run_bounded([str(folder), str(lone)], Settings())
    articles = [i for i in items if isinstance(i, Article)]
    failed = {Path(f.input).name: f.reason for f in items if isinstance(f, Failure)}
    assert [a.source for a in articles] == [str(folder / "a.txt")]
    assert set(failed) == {"b.txt", "feed.xml", "c.jsonl", "d.warc", "lone"}
    assert all("named pipe" in why and "skipped" in why for why in failed.values())


def test_an_unreadable_file_is_one_failure_line_in_analyze(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(TEXT, encoding="utf-8")
    locked.chmod(0)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [*unprivileged(), sys.executable, "-m", "selon", "analyze", "--published",
         "2024-05-02", str(locked), str(good)],
        capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("selon: error:")]
    assert errors == [f"selon: error: {locked}: cannot read the file: Permission denied"]
    assert "1 of 2 input(s) failed" in proc.stderr
    assert str(good) in proc.stdout and "attributions (" in proc.stdout  # the batch went on


def test_an_unreadable_subfolder_is_reported_by_ingest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "ok").mkdir(parents=True)
    (folder / "ok" / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "shut").mkdir()
    (folder / "shut" / "b.txt").write_text(TEXT, encoding="utf-8")
    (folder / "shut").chmod(0)
    script = ("import sys\nfrom selon.ingest.sources import iter_inputs\n"
              "from selon.settings import Settings\n"
              "for item in iter_inputs([sys.argv[1]], Settings()):\n"
              "    print(type(item).__name__, getattr(item, 'input', None) or item.source,"
              " getattr(item, 'reason', ''), sep='\\t')\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    try:
        proc = subprocess.run([*unprivileged(), sys.executable, "-c", script, str(folder)],
                              capture_output=True, text=True, timeout=120, env=env)
    finally:
        (folder / "shut").chmod(0o755)
    assert proc.returncode == 0, proc.stderr
    rows = [ln.split("\t") for ln in proc.stdout.splitlines()]
    assert ["Article", str(folder / "ok" / "a.txt"), ""] in rows
    failures = [r for r in rows if r[0] == "Failure"]
    assert len(failures) == 1
    assert failures[0][1] == str(folder / "shut")
    assert "cannot read this folder" in failures[0][2] and "skipped" in failures[0][2]


@pytest.mark.parametrize("encoding,bom", [
    ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b""),
    ("utf-16-be", b""), ("utf-32-le", b"\xff\xfe\x00\x00"),
])
def test_utf16_and_utf32_text_is_decoded_not_refused(encoding: str, bom: bytes) -> None:
    data = bom + TEXT.encode(encoding)
    text, warning = decode(data, "wide.txt")
    assert text == TEXT
    assert warning is not None and encoding.upper() in warning


def test_binary_with_zero_bytes_is_still_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    with pytest.raises(InputError, match="binary"):
        decode(png, "photo.txt")
    sparse = bytes([7, 0, 200, 0, 3, 0, 0, 1, 0, 0, 250, 9] * 200)
    with pytest.raises(InputError, match="binary"):
        decode(b"\x00\xff" * 100, "wide-garbage.txt")
    with pytest.raises(InputError, match="binary"):
        decode(sparse, "blob.txt")
