"""The dossier hash: content only, evidence order ignored, worked out once per object."""

from __future__ import annotations

import gc
import random
from pathlib import Path

import attrs
from hypothesis import given
from hypothesis import strategies as st

import dancoso
from dancoso.model import Dossier
from dancoso.model._base import trusted
from dancoso.scoring._fingerprint import _DOSSIER_HASHES, dossier_hash

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "co-giang-2021.json"
TEXT = EXAMPLE.read_text(encoding="utf-8")


def test_equal_dossiers_have_equal_hashes() -> None:
    """Two objects loaded from the same text hash alike: the hash is of content, not identity."""
    a, b = dancoso.loads(Dossier, TEXT), dancoso.loads(Dossier, TEXT)
    assert a is not b
    assert dossier_hash(a) == dossier_hash(b)
    assert len(dossier_hash(a)) == 64


def test_any_change_changes_the_hash() -> None:
    """Changing one evidence record's note changes the hash."""
    d = dancoso.loads(Dossier, TEXT)
    first = d.evidence[0]
    changed = attrs.evolve(d, evidence=(attrs.evolve(first, note="changed"), *d.evidence[1:]))
    assert dossier_hash(changed) != dossier_hash(d)


@given(st.randoms(use_true_random=False))
def test_evidence_without_ids_is_ordered_by_content(rnd: random.Random) -> None:
    """Records without ids are put in a canonical order by their content, so shuffling
    them does not change the hash either."""
    d = dancoso.loads(Dossier, TEXT)
    with trusted():  # ids are referenced elsewhere; the hash does not check references
        plain = attrs.evolve(d, evidence=tuple(attrs.evolve(e, id=None) for e in d.evidence))
        shuffled = list(plain.evidence)
        rnd.shuffle(shuffled)
        again = attrs.evolve(plain, evidence=tuple(shuffled))
    assert dossier_hash(again) == dossier_hash(plain)
    assert dossier_hash(plain) != dossier_hash(d)  # the ids are part of the content


def test_the_hash_is_kept_while_the_dossier_lives() -> None:
    """A dossier's hash is computed once and forgotten when the dossier is."""
    gc.collect()
    before = len(_DOSSIER_HASHES)
    d = dancoso.loads(Dossier, TEXT)
    digest = dossier_hash(d)
    assert _DOSSIER_HASHES.get(d) == digest
    assert len(_DOSSIER_HASHES) == before + 1
    assert dancoso.score(d).dossier_hash == digest
    del d
    gc.collect()
    assert len(_DOSSIER_HASHES) == before
