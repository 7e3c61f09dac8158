"""Assertions on scorecards that say what differs, path by path."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from dancoso._io import to_data
from dancoso.scoring import Scorecard

__all__ = ["assert_band", "assert_scorecards_equal", "differences"]

#: Fields that say when and from what a scorecard was computed, not what it found.
CIRCUMSTANTIAL = ("scored_on", "engine_version")


def differences(a: Any, b: Any, path: str = "$", *, tol: float = 0.0) -> Iterator[str]:
    """Paths where two pieces of plain data differ, with both values."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                yield f"{path}.{key}: {a.get(key, '<absent>')!r} != {b.get(key, '<absent>')!r}"
            else:
                yield from differences(a[key], b[key], f"{path}.{key}", tol=tol)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            yield f"{path}: {len(a)} items != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            yield from differences(x, y, f"{path}[{i}]", tol=tol)
    elif (
        isinstance(a, float | int)
        and isinstance(b, float | int)
        and not isinstance(a, bool)
        and not isinstance(b, bool)
    ):
        if abs(a - b) > tol * max(1.0, abs(a), abs(b)) or (tol == 0 and a != b):
            yield f"{path}: {a!r} != {b!r}"
    elif a != b:
        yield f"{path}: {a!r} != {b!r}"


def assert_scorecards_equal(
    actual: Scorecard,
    expected: Scorecard,
    *,
    ignore: Iterable[str] = CIRCUMSTANTIAL,
    tol: float = 0.0,
    shown: int = 20,
) -> None:
    """Fail, listing each differing path, unless the two scorecards say the same.

    Args:
        actual: The scorecard computed.
        expected: The scorecard expected.
        ignore: Top-level fields left out of the comparison (by default when and with
            which engine version each was computed).
        tol: Relative tolerance for numbers (0: exactly equal).
        shown: Most differences listed in the message.

    Raises:
        AssertionError: The scorecards differ; the message lists where.
    """
    for card in (actual, expected):
        if not isinstance(card, Scorecard):
            raise TypeError(
                f"assert_scorecards_equal() takes Scorecards, not {type(card).__name__}"
            )
    left, right = to_data(actual), to_data(expected)
    for name in ignore:
        left.pop(name, None)
        right.pop(name, None)
    found = list(differences(left, right, tol=tol))
    if found:
        lines = [f"scorecards differ at {len(found)} path(s):", *found[:shown]]
        if len(found) > shown:
            lines.append(f"… and {len(found) - shown} more")
        raise AssertionError("\n  ".join(lines))


def assert_band(card: Scorecard, band: str | None, *, certain: bool | None = None) -> None:
    """Fail unless the scorecard is rated in `band` (`None`: it is not rated).

    Args:
        card: The scorecard.
        band: The band id expected, or `None` for a scorecard that is not rated.
        certain: When given, whether the band must (True) or must not (False) be certain,
            whatever the missing evidence turns out to be.

    Raises:
        AssertionError: The band differs; the message gives the total, its bounds, the
            band the bounds reach, the gates that capped it and why it is not rated.
    """
    if not isinstance(card, Scorecard):
        raise TypeError(f"assert_band() takes a Scorecard, not {type(card).__name__}")
    got = card.band if card.rated else None
    wrong = got != band or (certain is not None and card.band_certain != certain)
    if wrong:
        want = "not rated" if band is None else f"band {band!r}"
        if certain is not None:
            want += ", certain" if certain else ", not certain"
        reason = f"; not rated: {card.not_rated_reason.en}" if card.not_rated_reason else ""
        caps = f"; capped by {', '.join(card.capped_by)}" if card.capped_by else ""
        raise AssertionError(
            f"expected {want}, got {'not rated' if got is None else repr(got)} "
            f"(certain: {card.band_certain}): total {card.total:.4g} in "
            f"[{card.total_low:.4g}, {card.total_high:.4g}], "
            f"bands {card.band_low!r}..{card.band_high!r}, "
            f"uncapped {card.uncapped_band!r}{caps}{reason}"
        )
