"""The plugin's indicator; importing this module registers it."""

from __future__ import annotations

from dancoso.model import Disclosure, DisclosureTally, Dossier
from dancoso.scoring import Context, Measurement, indicator


@indicator(
    name="example.disclosure_channels",
    title=("Số kênh công khai thông tin", "Disclosure channels used"),
    unit="count",
    direction="higher",
    unit_kinds=("commune", "ward", "special_zone", "township"),
)
def disclosure_channels(*, dossier: Dossier, context: Context) -> Measurement:
    """Distinct channels used to disclose information in the period (Law Art. 12.1)."""
    records = [
        e
        for e in dossier.evidence
        if isinstance(e, Disclosure | DisclosureTally) and e.channels
    ]
    if not records:
        return Measurement.missing()
    channels = {c for r in records for c in r.channels}
    return Measurement.of(len(channels), records)
