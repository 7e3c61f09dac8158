"""Recognition indicators: "Dân vận khéo" models, oversight carried out, commendations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dancoso.model import (
    AnyEvidence,
    Body,
    BodyKind,
    Commendation,
    Dossier,
    Inspection,
    MobilisationModel,
    MobilisationModelTally,
    OversightMode,
    OversightTally,
    OversightTarget,
    Period,
    Supervision,
    Unit,
    UnitKind,
)
from dancoso.scoring._default import REGISTRY
from dancoso.scoring._indicators._util import LAW_10, regime_on
from dancoso.scoring._measure import Context, Measurement

D = dt.date
Y2022 = Period.year(2022)
PARTY = Body(kind=BodyKind.PARTY_COMMITTEE, name="Quận ủy Đống Đa", id="qu", unit="u")
STEERING = Body(kind=BodyKind.STEERING_COMMITTEE, name="Ban Chỉ đạo QCDC quận", id="bcd", unit="u")
CITY_REF = Body(kind=BodyKind.STEERING_COMMITTEE, name="BCĐ thành phố", id="hn.bcd", unit="hn")
CITY_BODY = Body(kind=BodyKind.STEERING_COMMITTEE, name="Ban Chỉ đạo thành phố", unit="hn")


def dossier(
    *evidence: AnyEvidence,
    name: str = "Quận Đống Đa",
    period: Period = Y2022,
    wards: tuple[str, ...] = (),
) -> Dossier:
    unit = Unit(
        id="u",
        kind=UnitKind.URBAN_DISTRICT,
        name=name,
        valid_until=D(2025, 6, 30),
        bodies=(PARTY, STEERING),
        parent="hn",
    )
    others = (
        Unit(id="hn", kind=UnitKind.CENTRAL_CITY, name="Thành phố Hà Nội", bodies=(CITY_REF,)),
        Unit(id="w1", kind=UnitKind.WARD, name="Phường Láng Thượng", parent="u"),
        *(
            Unit(id=w, kind=UnitKind.WARD, name=f"Phường {w}", parent="u")
            for w in wards
            if w != "w1"
        ),
    )
    return Dossier(unit=unit, period=period, evidence=evidence, related_units=others)


def measure(name: str, d: Dossier, regime: str | None = None) -> Measurement:
    regime = regime or regime_on(d.unit.kind, d.period.end) or LAW_10
    context = Context(unit=d.unit, period=d.period, regime=regime)
    m: Measurement = REGISTRY.get_indicator(name).compute(dossier=d, context=context)
    return m


# --------------------------------------------------------------------------- models
MODELS = "mobilisation.models_commended"


def model(ident: str, **fields: Any) -> MobilisationModel:
    return MobilisationModel(id=ident, name="Mô hình “Chi hội phụ nữ tự quản”", **fields)


def test_models_are_missing_without_evidence() -> None:
    """Models registered but neither recognised nor commended give a missing value."""
    assert measure(MODELS, dossier(model("a", registered_on=D(2022, 3, 1)))).is_missing


def test_models_count_recognitions_and_commendations_of_the_period() -> None:
    """Recognised in the period, or commended for it, counts; recognised earlier does not."""
    d = dossier(
        model("a", recognised_on=D(2022, 10, 15)),
        model("b", commended=True, period=Period.years(2021, 2022)),
        model("c", commended=True, registered_on=D(2022, 2, 1)),
        model("d", recognised_on=D(2021, 10, 15), commended=True),
        model("e", registered_on=D(2022, 2, 1)),
    )
    m = measure(MODELS, d)
    expected = (3.0, ("a", "b", "c"))
    assert expected == (m.value, m.evidence)


def test_models_take_the_larger_of_recognised_and_commended_from_tallies() -> None:
    """A tally adds the larger of its recognised and commended counts, pro-rated."""
    d = dossier(
        MobilisationModelTally(id="t", period=Y2022, registered=6, recognised=2, commended=3),
        MobilisationModelTally(id="h", period=Period.years(2022, 2023), registered=4, recognised=4),
    )
    m = measure(MODELS, d)
    expected = (pytest.approx(3 + 4 * 365 / 730), ("h", "t"))
    assert expected == (m.value, m.evidence)


def test_models_count_a_recognition_in_a_tally_once() -> None:
    """A tally includes the models recognised in its period: it adds only the others."""
    d = dossier(
        model("a", recognised_on=D(2022, 10, 15)),
        MobilisationModelTally(id="t", period=Y2022, registered=6, recognised=2),
    )
    m = measure(MODELS, d)
    expected = (2.0, ("a", "t"))
    assert expected == (m.value, m.evidence)


# --------------------------------------------------------------------------- oversight
OVERSIGHT = "oversight.conducted"


def ward(body: str = "Đảng ủy phường") -> tuple[OversightTarget, ...]:
    return (OversightTarget(unit="w1", body=body),)


def test_oversight_is_missing_without_evidence() -> None:
    """No inspection or supervision of others gives a missing value."""
    d = dossier(Inspection(id="self", start=D(2022, 5, 1), targets=(OversightTarget(unit="u"),)))
    assert measure(OVERSIGHT, d).is_missing


def test_oversight_counts_work_done_on_other_units() -> None:
    """Work of the unit's bodies on its wards counts; work on it, or by others, does not."""
    d = dossier(
        Supervision(id="a", start=D(2022, 5, 1), conducted_by=STEERING, targets=ward()),
        Inspection(id="b", start=D(2022, 6, 1), targets=ward()),
        Inspection(id="c", start=D(2022, 7, 1), conducted_by=CITY_BODY, targets=ward()),
        Inspection(id="d", start=D(2022, 8, 1), targets=(OversightTarget(unit="u"),)),
        Inspection(id="e", start=D(2021, 8, 1), targets=ward()),
        Inspection(id="f", start=D(2022, 9, 1)),
    )
    m = measure(OVERSIGHT, d)
    expected = (2.0, ("a", "b"))
    assert expected == (m.value, m.evidence)


def test_oversight_adds_what_tallies_hold_beyond_events_of_their_mode() -> None:
    """A supervision tally adds to inspection events; an inspection tally adds what it
    counts beyond the inspection it holds."""
    d = dossier(
        Inspection(id="a", start=D(2022, 5, 1), targets=ward()),
        OversightTally(id="i", period=Y2022, mode=OversightMode.INSPECTION, count=10),
        OversightTally(
            id="s", period=Period.years(2021, 2022), mode=OversightMode.SUPERVISION, count=8
        ),
    )
    m = measure(OVERSIGHT, d)
    expected = (pytest.approx(1 + 9 + 8 * 365 / 730), ("a", "i", "s"))
    assert expected == (m.value, m.evidence)


def test_oversight_counts_a_trip_as_one_activity() -> None:
    """A two-day trip to several wards is one activity, whatever its end date or targets."""
    trip = Inspection(
        id="a", start=D(2022, 5, 1), end=D(2022, 5, 2), targets=ward() + ward("UBND phường")
    )
    expected = 1.0
    assert expected == measure(OVERSIGHT, dossier(trip)).value


# --------------------------------------------------------------------------- units inspected
UNITS = "oversight.units_inspected"


def targets(*units: str) -> tuple[OversightTarget, ...]:
    return tuple(OversightTarget(unit=u) for u in units)


def test_units_inspected_count_the_distinct_target_units_of_each_record() -> None:
    """Each record adds its distinct target units (two bodies of one ward are one unit)."""
    d = dossier(
        Inspection(id="a", start=D(2022, 5, 1), end=D(2022, 5, 2), targets=targets("w1", "w2")),
        Supervision(id="b", start=D(2022, 6, 1), targets=ward() + ward("UBND phường")),
        Inspection(id="c", start=D(2022, 7, 1), conducted_by_body="bcd"),
        Inspection(id="d", start=D(2021, 7, 1), targets=targets("w1", "w2")),
        wards=("w2",),
    )
    m = measure(UNITS, d)
    expected = (4.0, ("a", "b", "c"))
    assert expected == (m.value, m.evidence)


def test_units_inspected_agree_however_a_trip_is_split_into_records() -> None:
    """One trip to 4 wards counts 4 as one record, as four, and as a tally."""
    four = ("w1", "w2", "w3", "w4")
    one = dossier(Inspection(id="a", start=D(2022, 5, 1), targets=targets(*four)), wards=four)
    split = dossier(
        *(Inspection(id=u, start=D(2022, 5, 1), targets=targets(u)) for u in four), wards=four
    )
    tally = dossier(
        OversightTally(
            id="t",
            period=Period(start=D(2022, 5, 1), end=D(2022, 5, 31)),
            mode=OversightMode.INSPECTION,
            count=1,
            targets_covered=4,
        )
    )
    expected = [4.0, 4.0, 4.0]
    assert expected == [measure(UNITS, d).value for d in (one, split, tally)]
    expected = [1.0, 4.0, 1.0]
    assert expected == [measure(OVERSIGHT, d).value for d in (one, split, tally)]


def test_units_inspected_read_a_tallys_count_when_targets_are_not_given() -> None:
    """A tally without `targets_covered` counts one unit per activity, at least."""
    d = dossier(OversightTally(id="t", period=Y2022, mode=OversightMode.SUPERVISION, count=3))
    expected = 3.0
    assert expected == measure(UNITS, d).value


def test_oversight_reads_a_conducting_body_given_by_id() -> None:
    """`conducted_by` naming one of the unit's bodies by id is the same as `conducted_by_body`."""
    by_id = Body(kind=BodyKind.STEERING_COMMITTEE, name="Ban Chỉ đạo", id="bcd")
    d = dossier(Inspection(id="a", start=D(2022, 5, 1), conducted_by=by_id))
    e = dossier(Inspection(id="a", start=D(2022, 5, 1), conducted_by_body="bcd"))
    assert measure(OVERSIGHT, d) == measure(OVERSIGHT, e)
    expected = 1.0
    assert expected == measure(UNITS, d).value


# --------------------------------------------------------------------------- commendations
AWARDED = "commendation.awarded"


def commendation(ident: str, by: str, **fields: Any) -> Commendation:
    fields.setdefault("field", "thực hiện quy chế dân chủ ở cơ sở")
    return Commendation(id=ident, awarded_by=by, **fields)


def test_commendations_are_missing_without_evidence() -> None:
    """No commendation by the unit gives a missing value."""
    d = dossier(commendation("a", "Thành ủy Hà Nội", awarded_on=D(2022, 12, 22)))
    assert measure(AWARDED, d).is_missing


def test_commendations_count_recipients_of_the_units_awards() -> None:
    """Recipient counts, else named recipients, else one per award, of the unit's awards."""
    d = dossier(
        commendation("a", "Quận ủy Đống Đa", awarded_on=D(2022, 12, 22), recipient_count=10),
        commendation("b", "Ban Chỉ đạo QCDC quận", awarded_on=D(2022, 6, 1), recipients=("X", "Y")),
        commendation("c", "UBND quận Đống Đa", period=Y2022),
        commendation("d", "Thành ủy Hà Nội", awarded_on=D(2022, 12, 22), recipient_count=5),
        commendation("e", "Quận ủy Đống Đa", awarded_on=D(2023, 1, 5), recipient_count=7),
    )
    m = measure(AWARDED, d)
    expected = (13.0, ("a", "b", "c"))
    assert expected == (m.value, m.evidence)


@pytest.mark.parametrize(
    ("name", "by", "counted"),
    [
        pytest.param("Quận 1", "Quận ủy Quận 1", True, id="number-name"),
        pytest.param("Quận 1", "Quận ủy Quận 10", False, id="longer-number"),
        pytest.param("Thành phố Hà Giang", "UBND thành phố Hà Giang", True, id="city-prefix"),
    ],
)
def test_commendations_match_the_units_name_as_whole_words(
    name: str, by: str, counted: bool
) -> None:
    """The awarding body's name must contain the unit's name as whole words."""
    d = dossier(commendation("a", by, awarded_on=D(2022, 5, 1)), name=name)
    assert counted == (not measure(AWARDED, d).is_missing)


@pytest.mark.parametrize(
    ("field", "reason", "counted"),
    [
        pytest.param("thực hiện QCDC ở cơ sở", None, True, id="qcdc"),
        pytest.param("Phong trào thi đua “Dân vận khéo”", None, True, id="dan-van-kheo"),
        pytest.param("công tác dân vận", None, True, id="mass-mobilisation"),
        pytest.param(None, "có thành tích trong thực hiện dân chủ ở cơ sở", True, id="reason"),
        pytest.param("phong trào thể dục thể thao", None, False, id="sport"),
        pytest.param("phong trào thể dục thể thao", "dân chủ", False, id="field-decides"),
        pytest.param(None, None, False, id="unstated"),
    ],
)
def test_commendations_count_only_grassroots_democracy_and_mobilisation_awards(
    field: str | None, reason: str | None, counted: bool
) -> None:
    """The field (else the reason) must name grassroots democracy or mass mobilisation."""
    c = commendation("a", "Quận ủy Đống Đa", awarded_on=D(2022, 5, 1), field=field, reason=reason)
    m = measure(AWARDED, dossier(c))
    assert counted == (not m.is_missing)
    assert counted or "left out" in (m.note or "")


def test_commendations_of_other_fields_change_nothing() -> None:
    """Adding awards for other fields leaves the count of QCDC awards as it was."""
    qcdc = commendation("a", "Quận ủy Đống Đa", awarded_on=D(2022, 5, 1), recipient_count=14)
    sport = commendation(
        "b", "Quận ủy Đống Đa", awarded_on=D(2022, 5, 1), recipient_count=45, field="thể thao"
    )
    expected = [14.0, 14.0]
    assert expected == [measure(AWARDED, dossier(*e)).value for e in ((qcdc,), (qcdc, sport))]


@pytest.mark.parametrize(
    "by",
    [
        "Thành ủy Phan Rang – Tháp Chàm",
        "Thành uỷ Phan Rang-Tháp Chàm",
        "THÀNH ỦY PHAN RANG  -  THÁP CHÀM",
    ],
)
def test_commendations_compare_names_folded(by: str) -> None:
    """An en dash, old tone placement, capitals or doubled spaces do not hide the unit."""
    c = commendation("a", by, awarded_on=D(2022, 5, 1), recipient_count=59)
    d = dossier(c, name="Thành phố Phan Rang-Tháp Chàm")
    expected = 59.0
    assert expected == measure(AWARDED, d).value


def test_oversight_reads_the_conducting_body_reference() -> None:
    """Work run by one of the unit's bodies counts even without targets; by another's, not."""
    d = dossier(
        Inspection(id="a", start=D(2022, 5, 1), conducted_by_body="bcd"),
        Inspection(id="b", start=D(2022, 5, 1), conducted_by_body="hn.bcd", targets=ward()),
    )
    m = measure(OVERSIGHT, d)
    expected = (1.0, ("a",))
    assert expected == (m.value, m.evidence)
