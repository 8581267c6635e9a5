"""Tokens picked by their labels in one array read are those a scan of every token picks."""

from __future__ import annotations

from selon.analyse import pipeline
from selon.analyse.tokens import with_labels

TEXT = ("Le ministre a affirmé mardi que la réforme serait votée. Les syndicats, eux, "
        "dénoncent un texte injuste et appellent à la grève.")


def test_with_labels_matches_a_scan_of_every_token() -> None:
    doc = pipeline.load("fr")(TEXT)
    wanted = [t.i for t in doc if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("nsubj",)]
    assert wanted  # the sentence has noun subjects
    assert with_labels(doc, pos=("NOUN", "PROPN"), dep=("nsubj",)) == wanted
    assert with_labels(doc, pos=("ADJ",)) == [t.i for t in doc if t.pos_ == "ADJ"]
    assert with_labels(doc) == list(range(len(doc)))


def test_with_labels_of_an_empty_doc_is_empty() -> None:
    assert with_labels(pipeline.load("fr").make_doc("")) == []
