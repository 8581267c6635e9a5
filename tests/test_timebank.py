"""The French TimeBank evaluation: the reader on a file written for the test, and the floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from selon.errors import InputError
from selon.evaluate.timebank import format_report, read_tml, run

SHARED = Path(__file__).resolve().parents[2] / "shared"
TIMEBANK = SHARED / "data" / "fr-timebank" / "Data"

OWN_TML = """<?xml version='1.0' encoding='UTF-8'?>
<TimeML>
<DOCID>own-1</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t1" type="DATE" value="2010-03-04" /></DCT>
<TEXT>
La foire a <EVENT eid="e1">ouvert</EVENT> <TIMEX3 tid="t2" type="DATE" value="2010-03-03">hier\
</TIMEX3> &amp; durera <TIMEX3 tid="t3" type="DURATION" value="P3D">trois jours</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_reader_strips_tags_keeps_offsets_and_leaves_out_the_creation_time(tmp_path: Path) -> None:
    path = tmp_path / "own.tml"
    path.write_text(OWN_TML, encoding="utf-8")
    doc = read_tml(path)
    assert str(doc.dct) == "2010-03-04"
    assert [(doc.text[g.start:g.end], g.value) for g in doc.gold] == [
        ("hier", "2010-03-03"), ("trois jours", "P3D")]
    assert "&" in doc.text and "<" not in doc.text


def test_run_scores_a_perfect_file(tmp_path: Path) -> None:
    (tmp_path / "own.tml").write_text(OWN_TML, encoding="utf-8")
    report = run(tmp_path)
    assert (report.gold, report.pred, report.strict_tp, report.value_tp) == (2, 2, 2, 2)
    assert "F1 1.000" in format_report(report)


def test_run_without_files_says_what_to_give(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no \.tml files"):
        run(tmp_path)


@pytest.mark.shared
@pytest.mark.skipif(not TIMEBANK.is_dir(), reason="needs ../shared/data/fr-timebank (absent)")
def test_french_timebank_floors() -> None:
    report = run(TIMEBANK)
    assert report.files == 108 and report.gold == 425
    # measured: strict F1 0.791, relaxed F1 0.929 (R 0.882), value F1 0.833, type accuracy 0.925
    assert report.strict[2] >= 0.786
    assert report.relaxed[2] >= 0.924
    assert report.relaxed[1] >= 0.877
    assert report.value[2] >= 0.828
    assert report.type_accuracy >= 0.92
    assert len(report.errors) == 20
