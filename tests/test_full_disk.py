"""A full disk (issue 12, item 9): every article that could not be written is reported
with its cause, counted in the summary, and the exit status says so.

The disk is a real one: a small tmpfs mounted in a private mount namespace
(``unshare --user --map-root-user --mount``), filled up to a few kilobytes after the store
is created, so DuckDB itself runs out of space while ``selon ingest`` writes. The test
skips where unprivileged namespaces are not allowed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

FILL_AND_INGEST = textwrap.dedent("""
    import json, os, subprocess, sys
    disk, free, log, *inputs = sys.argv[1:]
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "none", disk], check=True)
    db = os.path.join(disk, "s.duckdb")
    from selon.store import Store
    Store(db).close()
    left = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with open(os.path.join(disk, "filler"), "wb") as f:
        f.write(b"\\0" * max(0, left - int(free)))
    proc = subprocess.run([sys.executable, "-m", "selon", "ingest", "--db", db, "--log", log,
                           "--published", "2024-05-02", *inputs],
                          capture_output=True, text=True, timeout=600)
    print(json.dumps({"code": proc.returncode, "out": proc.stdout, "err": proc.stderr}))
""")

TOWNS = ["Lyon", "Nantes", "Lille", "Rennes", "Dijon", "Brest", "Metz", "Nancy", "Tours",
         "Reims", "Nîmes", "Pau"]


def article(i: int, town: str) -> str:
    return (f"Le maire de {town} a annoncé lundi la construction de {i + 3} écoles d'ici "
            f"{2030 + i}, selon un communiqué de la mairie publié dans la matinée.\n"
            f"« Nous tiendrons ce calendrier », a déclaré l'adjoint chargé des travaux de "
            f"{town}, qui évalue le coût du programme à {12 + i} millions d'euros.\n"
            f"L'opposition municipale de {town} a dénoncé un projet « improvisé » et réclame "
            f"un débat au conseil du {i + 1} juin.\n") * 3


def namespaces_allowed() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "true"],
                           capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not namespaces_allowed(),
                    reason="needs unprivileged user and mount namespaces to mount a tmpfs")
def test_ingest_on_a_full_disk_reports_every_lost_write(tmp_path: Path) -> None:
    inputs = []
    for i, town in enumerate(TOWNS):
        p = tmp_path / f"{i:02d}-{town}.txt"
        p.write_text(article(i, town), encoding="utf-8")
        inputs.append(str(p))
    disk = tmp_path / "disk"
    disk.mkdir()
    log = tmp_path / "failures.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", sys.executable, "-c",
         FILL_AND_INGEST, str(disk), str(40_000), str(log), *inputs],
        capture_output=True, text=True, timeout=900, env=env)
    assert proc.returncode == 0, proc.stderr
    run = json.loads(proc.stdout.strip().splitlines()[-1])
    err = run["err"]
    assert "Traceback" not in err
    summary = [ln for ln in run["out"].splitlines() if ln.startswith("ingested ")]
    assert len(summary) == 1, run
    ingested = int(summary[0].split()[1])
    failed = [ln for ln in err.splitlines() if ln.startswith("selon: failed: ")]
    # every input is accounted for: stored, or reported as not stored with the cause; a
    # stored article whose resolution could not be written is reported too (it stays
    # stored, and 'selon entities resolve' resolves it later)
    lost = [ln for ln in failed if "not stored" in ln]
    later = [ln for ln in failed if "resolving their entities failed" in ln]
    assert ingested + len(lost) == len(TOWNS), run
    assert lost, "the disk was not full after all"
    assert len(lost) + len(later) == len(failed), err
    assert all("No space left on device" in ln for ln in failed), err
    assert "rollback" not in err.lower()  # the cause is not hidden by the rollback error
    assert f"({len(lost)} not written to the store)" in summary[0]
    assert run["code"] == 3
    logged = log.read_text(encoding="utf-8").splitlines()
    assert len(logged) == len(failed)
    assert all("No space left on device" in ln for ln in logged)
