"""Near-duplicate detection: MinHash signatures, LSH bands, the in-memory index."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selon.ingest.dedup import (
    DUPLICATE_THRESHOLD,
    NUM_PERM,
    DedupIndex,
    bands,
    duplicate_pairs,
    is_duplicate,
    shingle_hashes,
    signature,
    similarity,
    words,
)

WIRE = """Le ministère russe de la Défense a annoncé mardi que mille démineurs et cinq mille \
bâtisseurs militaires nord-coréens seraient envoyés dans la région de Koursk, selon un \
communiqué relayé par l'agence TASS. Sergueï Choïgou, secrétaire du Conseil de sécurité, a \
déclaré à Pyongyang que ces hommes aideraient à reconstruire les infrastructures détruites \
pendant les combats du printemps.
Le dirigeant nord-coréen Kim Jong Un a reçu le responsable russe pendant plus de deux heures, \
a rapporté l'agence officielle KCNA, qui n'a pas précisé la date du départ des troupes ni la \
durée de leur mission sur le territoire russe.
Selon les services de renseignement sud-coréens, environ quinze mille soldats nord-coréens \
ont déjà été déployés en Russie depuis l'automne dernier, dont une partie a combattu dans la \
région frontalière aux côtés des forces russes, et plusieurs milliers auraient été tués ou \
blessés.
Moscou affirme avoir repris le contrôle total de la région de Koursk à la fin du mois d'avril, \
mais l'état-major ukrainien assure que ses unités y mènent toujours des opérations, en \
particulier autour de plusieurs villages proches de la frontière.
Les États-Unis et la Corée du Sud ont dénoncé une coopération militaire qui viole selon eux \
plusieurs résolutions du Conseil de sécurité des Nations unies, tandis que Pékin a appelé \
toutes les parties à la retenue et au dialogue.
Le traité de partenariat stratégique signé l'an dernier entre les deux pays prévoit une \
assistance militaire mutuelle en cas d'agression contre l'un d'eux, a rappelé le Kremlin."""

COPY = ("Koursk : Pyongyang envoie des milliers d'ouvriers militaires en Russie\n"
        "Par Le Quotidien avec AFP, publié le mercredi 18 juin 2025 à 10h42\n"
        + WIRE + "\n"
        "Ce déploiement intervient alors que les négociations entre Moscou et Kiev restent au "
        "point mort depuis plusieurs semaines, selon des diplomates européens en poste à Genève.")

OTHER = """L'Ukraine a lancé mercredi une vaste attaque de drones contre plusieurs aérodromes \
militaires russes, détruisant selon Kiev une dizaine de bombardiers stratégiques stationnés \
loin de la ligne de front.
Le président Volodymyr Zelensky a salué une opération préparée pendant plus d'un an par les \
services de sécurité, tandis que le ministère russe de la Défense affirmait avoir abattu la \
plupart des appareils au-dessus de ses régions de l'ouest.
Des habitants de la région de Koursk ont rapporté des explosions pendant la nuit, et les \
autorités locales ont fait état de coupures d'électricité dans plusieurs villages proches de \
la frontière ukrainienne.
Selon des analystes militaires occidentaux, ces frappes visent à réduire la capacité de \
Moscou à lancer des missiles de croisière contre les villes ukrainiennes, dont Kiev et \
Kharkiv, durement touchées ces derniers mois.
Le Kremlin a dénoncé un acte terroriste et promis une riposte, sans donner de détails sur \
les pertes, alors que des soldats nord-coréens combattent toujours aux côtés des forces \
russes dans la région."""


def test_a_wire_copy_with_other_headline_byline_and_a_paragraph_is_a_duplicate() -> None:
    s = similarity(signature(WIRE), signature(COPY))
    assert s >= DUPLICATE_THRESHOLD
    assert is_duplicate(signature(WIRE), signature(COPY))


def test_two_stories_on_the_same_topic_are_not_duplicates() -> None:
    s = similarity(signature(WIRE), signature(OTHER))
    assert s < 0.2
    assert not is_duplicate(signature(COPY), signature(OTHER))


def test_normalisation_ignores_case_and_punctuation_but_not_accents_or_digits() -> None:
    assert words("« L'ARMÉE », a-t-il dit : 15.000 hommes !") == [
        "l", "armée", "a", "t", "il", "dit", "15", "000", "hommes"]
    base = "le ministre a déclaré mardi que la réforme serait votée avant l'été"
    assert signature(base) == signature(base.upper().replace(" que ", ", que "))
    assert signature(base) != signature(base.replace("été", "ete"))


def test_signature_shape_and_short_texts() -> None:
    sig = signature("trois mots seulement")
    assert len(sig) == NUM_PERM and all(0 <= v < 2**32 for v in sig)
    assert len(shingle_hashes("trois mots seulement")) == 1
    assert len(shingle_hashes("un deux trois quatre cinq six")) == 2
    assert similarity(signature(""), signature("")) == 1.0


def test_signatures_are_stable_across_processes() -> None:
    code = ("import json; from selon.ingest.dedup import signature, bands; "
            f"s = signature({WIRE[:300]!r}); print(json.dumps([s, bands(s)]))")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={"PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2")]
    assert runs[0] == runs[1]
    sig, bnds = json.loads(runs[0])
    assert sig == signature(WIRE[:300])
    assert [tuple(b) for b in bnds] == bands(signature(WIRE[:300]))


def test_bands() -> None:
    sig = signature(WIRE)
    bs = bands(sig)
    assert [i for i, _ in bs] == list(range(32))
    assert all(0 <= h < 2**64 for _, h in bs)
    assert bands(signature(COPY)) != bs
    assert len(set(bs) & set(bands(signature(COPY)))) > 8  # duplicates share many bands
    assert len(bands(sig, n_bands=16)) == 16
    with pytest.raises(ValueError):
        bands(sig, n_bands=7)


def test_index() -> None:
    index = DedupIndex()
    index.add("wire", signature(WIRE))
    index.add("other", signature(OTHER))
    index.add("wire", signature(OTHER))  # an id is indexed once
    assert len(index) == 2
    assert index.find(signature(COPY)) == "wire"
    assert index.find(signature("Un texte sans aucun rapport avec les autres, sur la pêche "
                                "à la ligne en Bretagne et les marées d'équinoxe.")) is None
    assert duplicate_pairs([("a", signature(WIRE)), ("b", signature(OTHER)),
                            ("c", signature(COPY))]) == [
        ("a", "c", similarity(signature(WIRE), signature(COPY)))]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_self_similarity_and_deterministic_bands(text: str) -> None:
    sig = signature(text)
    assert similarity(sig, signature(text)) == 1.0
    assert bands(sig) == bands(list(sig)) == bands(signature(text))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["la", "guerre", "paix", "Koursk", "été", "15", "dit"]),
                min_size=5, max_size=60),
       st.lists(st.sampled_from(["la", "guerre", "paix", "Koursk", "été", "15", "dit"]),
                min_size=5, max_size=60))
def test_estimate_is_close_to_the_exact_jaccard(a: list[str], b: list[str]) -> None:
    sa, sb = shingle_hashes(" ".join(a)), shingle_hashes(" ".join(b))
    exact = len(np.intersect1d(sa, sb)) / len(np.union1d(sa, sb))
    assert abs(similarity(signature(" ".join(a)), signature(" ".join(b))) - exact) < 0.25


@pytest.mark.shared
def test_orangesum_duplicates(shared: Path) -> None:
    """The 141 identical re-publications and the 8 close updates of the same AFP stories."""
    texts = {p.stem: p.read_text("utf-8") for p in sorted((shared / "data" / "orangesum-intl"
                                                             / "text").glob("*.txt"))}
    pairs = duplicate_pairs((k, signature(v)) for k, v in texts.items())
    found = {frozenset((a, b)) for a, b, _ in pairs}
    assert len(pairs) >= 145
    assert {frozenset(p) for p in (("6791", "6963"), ("1115", "1120"), ("2375", "2376"))} <= found
