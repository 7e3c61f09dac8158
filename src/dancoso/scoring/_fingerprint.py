"""Content hashes of dossiers, kept per dossier object while it lives."""

from __future__ import annotations

import hashlib

from dancoso._weak import WeakIdMap
from dancoso.model import Dossier
from dancoso.scoring._rubric import canonical_json

__all__ = ["dossier_hash"]

_DOSSIER_HASHES: WeakIdMap[Dossier, str] = WeakIdMap()


def dossier_hash(dossier: Dossier) -> str:
    """SHA-256 of the dossier's canonical JSON form, with evidence in a canonical order.

    The order of evidence records carries no meaning, so it does not change the hash.
    Records are ordered by their ids, which a valid dossier has unique; when some record
    has no id (or ids repeat), by their own canonical JSON. A dossier is immutable, so its
    hash is worked out once per object and kept while the object lives.
    """
    known = _DOSSIER_HASHES.get(dossier)
    if known is not None:
        return known
    from dancoso._io import to_data

    data = to_data(dossier)
    evidence = data.get("evidence", [])
    ids = [e.get("id") for e in evidence]
    if None in ids or len(set(ids)) < len(ids):
        data["evidence"] = sorted(evidence, key=canonical_json)
    else:
        data["evidence"] = sorted(evidence, key=lambda e: str(e["id"]))
    digest = hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()
    _DOSSIER_HASHES.put(dossier, digest)
    return digest
