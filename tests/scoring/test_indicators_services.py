"""Service indicators: satisfaction, administrative procedures, online services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dancoso.model import (
    AdministrativeProcedures,
    AnyEvidence,
    Dossier,
    OnlineServiceLevel,
    OnlineServices,
    Period,
    Ratio,
    Satisfaction,
    SatisfactionMethod,
    Unit,
    UnitKind,
)
from dancoso.scoring._default import REGISTRY
from dancoso.scoring._indicators._util import LAW_10, regime_on
from dancoso.scoring._measure import Context, Measurement

D = dt.date
Y2024 = Period.year(2024)
L = OnlineServiceLevel


def dossier(
    *evidence: AnyEvidence, kind: UnitKind = UnitKind.WARD, period: Period = Y2024
) -> Dossier:
    unit = Unit(id="u", kind=kind, name="Phường Thử")
    other = Unit(id="other", kind=UnitKind.WARD, name="Phường Khác")
    return Dossier(unit=unit, period=period, evidence=evidence, related_units=(other,))


def measure(name: str, d: Dossier, regime: str | None = None) -> Measurement:
    regime = regime or regime_on(d.unit.kind, d.period.end) or LAW_10
    context = Context(unit=d.unit, period=d.period, regime=regime)
    m: Measurement = REGISTRY.get_indicator(name).compute(dossier=d, context=context)
    return m


def satisfaction(ident: str, period: Period = Y2024, **fields: Any) -> Satisfaction:
    return Satisfaction(id=ident, period=period, **fields)


def online(ident: str, level: OnlineServiceLevel, **fields: Any) -> OnlineServices:
    return OnlineServices(id=ident, period=fields.pop("period", Y2024), level=level, **fields)


# --------------------------------------------------------------------------- satisfaction
SYSTEM = "satisfaction.system_in_use"
RATE = "satisfaction.rate"


def test_system_in_use_is_missing_when_nothing_shows_it() -> None:
    """A satisfaction record stating nothing about a system gives a missing value."""
    assert measure(SYSTEM, dossier(satisfaction("a", subject="thủ tục hành chính"))).is_missing


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"system_in_use": True}, id="flag"),
        pytest.param({"methods": (SatisfactionMethod.SURVEY_MACHINE,)}, id="methods"),
        pytest.param({"rate": Ratio(share=0.95)}, id="rate"),
    ],
)
def test_system_in_use_is_shown_by_flag_methods_or_rate(fields: dict[str, Any]) -> None:
    """The flag, named methods or a measured rate each show a system in use."""
    m = measure(SYSTEM, dossier(satisfaction("a", **fields)))
    expected = (1.0, ("a",))
    assert expected == (m.value, m.evidence)


def test_system_in_use_ignores_other_periods() -> None:
    """A system shown for another year says nothing of this one."""
    d = dossier(satisfaction("a", period=Period.year(2022), system_in_use=True))
    assert measure(SYSTEM, d).is_missing


def test_rate_is_missing_without_a_rate() -> None:
    """Satisfaction records without a rate give a missing value."""
    assert measure(RATE, dossier(satisfaction("a", system_in_use=True))).is_missing


def test_rate_is_weighted_by_respondents() -> None:
    """Rates with respondents are weighted by them."""
    d = dossier(
        satisfaction("a", rate=Ratio(share=0.9), respondents=100),
        satisfaction("b", rate=Ratio(part=150, whole=300)),
    )
    m = measure(RATE, d)
    expected = (pytest.approx(0.6), ("a", "b"))
    assert expected == (m.value, m.evidence)


def test_rate_averages_shares_when_a_count_is_missing() -> None:
    """Without counts for every record, rates are averaged by days covered in the period."""
    d = dossier(
        satisfaction("a", rate=Ratio(share=0.9)),
        satisfaction("b", rate=Ratio(part=50, whole=100)),
        satisfaction("c", period=Period.year(2023), rate=Ratio(share=0.1)),
    )
    m = measure(RATE, d)
    expected = (pytest.approx(0.7), ("a", "b"))
    assert expected == (m.value, m.evidence)


# --------------------------------------------------------------------------- procedures
ADMIN = "admin.on_time_share"


def test_admin_on_time_is_missing_without_on_time_figures() -> None:
    """Procedure tallies without an on-time ratio give a missing value."""
    assert measure(ADMIN, dossier(AdministrativeProcedures(id="a", period=Y2024))).is_missing


def test_admin_on_time_sums_counts_of_the_units_tallies() -> None:
    """Counts are summed over the unit's tallies; another unit's tally is left out."""
    d = dossier(
        AdministrativeProcedures(id="a", period=Y2024, on_time=Ratio(part=72442, whole=72442)),
        AdministrativeProcedures(
            id="b", period=Y2024, unit="u", on_time=Ratio.counts(39055, 39409)
        ),
        AdministrativeProcedures(id="c", period=Y2024, unit="other", on_time=Ratio(share=0.1)),
    )
    m = measure(ADMIN, d)
    expected = (pytest.approx(111497 / 111851), ("a", "b"))
    assert expected == (m.value, m.evidence)


def test_admin_on_time_pro_rates_counts_by_overlap() -> None:
    """A tally half inside the period weighs half its counts."""
    d = dossier(
        AdministrativeProcedures(id="a", period=Y2024, on_time=Ratio.counts(100, 100)),
        AdministrativeProcedures(
            id="b", period=Period.years(2024, 2025), on_time=Ratio.counts(0, 200)
        ),
    )
    expected = 100 / (100 + 200 * 366 / 731)
    assert pytest.approx(expected) == measure(ADMIN, d).value


# --------------------------------------------------------------------------- online
USAGE = "online.usage_share"
SERVICES = "online.services"


def test_usage_is_missing_without_usage_or_result() -> None:
    """Online-service records without usage or result give a missing value."""
    assert measure(USAGE, dossier(online("a", L.LEVEL_3, services=10))).is_missing


def test_usage_combines_usage_counts() -> None:
    """Usage counts are summed across records of the period."""
    d = dossier(
        online("a", L.LEVEL_3, usage=Ratio.counts(30, 100)),
        online("old", L.LEVEL_3, period=Period.year(2023), usage=Ratio.counts(0, 100)),
        online("b", L.LEVEL_4, usage=Ratio.counts(10, 100)),
    )
    m = measure(USAGE, d)
    expected = (pytest.approx(0.2), ("a", "b"))
    assert expected == (m.value, m.evidence)


def test_usage_falls_back_to_result_and_says_so() -> None:
    """A result of unstated meaning is used when no usage is given, with a note."""
    m = measure(USAGE, dossier(online("a", L.LEVEL_3, result=Ratio(share=0.5))))
    expected = (0.5, ("a",), "read from an unexplained result")
    assert expected == (m.value, m.evidence, m.note)


def test_services_is_missing_without_counts() -> None:
    """Records without a service count give a missing value."""
    assert measure(SERVICES, dossier(online("a", L.LEVEL_3, usage=Ratio(share=0.2)))).is_missing


def test_services_adds_levels_and_keeps_the_largest_count_per_level() -> None:
    """Levels 3 and 4 add up; within a level the largest count is kept; partial is left out."""
    d = dossier(
        online("a", L.LEVEL_3, services=80),
        online("b", L.LEVEL_3, services=88),
        online("c", L.LEVEL_4, services=141),
        online("d", L.PARTIAL, services=500),
    )
    m = measure(SERVICES, d)
    expected = (229.0, ("b", "c"))
    assert expected == (m.value, m.evidence)


def test_services_uses_a_combined_count_when_larger() -> None:
    """A count for levels 3 and 4 together replaces a smaller sum of separate counts."""
    d = dossier(online("a", L.LEVEL_3, services=80), online("b", L.LEVELS_3_4, services=300))
    m = measure(SERVICES, d)
    expected = (300.0, ("b",))
    assert expected == (m.value, m.evidence)


def test_services_is_a_stock_not_pro_rated() -> None:
    """A count over a longer span is not pro-rated; one measured outside the period is ignored."""
    d = dossier(
        online("a", L.FULL, period=Period.years(2020, 2024), services=40),
        online("b", L.LEVEL_3, period=Period.years(2020, 2024), as_of=D(2021, 1, 1), services=100),
    )
    m = measure(SERVICES, d)
    expected = (40.0, ("a",))
    assert expected == (m.value, m.evidence)
