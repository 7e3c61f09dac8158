"""Units (communes, wards, agencies, employers …), their bodies, people and reorganisations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from attrs import frozen

from dancoso.errors import Problem
from dancoso.model._base import (
    Before,
    Model,
    Period,
    Term,
    flag,
    ident,
    inferred_problems,
    many,
    opt,
    opt_count,
    opt_ident,
    opt_text,
    req,
    text,
)

__all__ = [
    "DISTRICT_LEVEL_ABOLISHED",
    "Body",
    "BodyKind",
    "LineageEvent",
    "LineageKind",
    "Person",
    "Unit",
    "UnitKind",
    "UnitLevel",
]

#: First day of two-tier local government: no township or district-level unit exists from it.
DISTRICT_LEVEL_ABOLISHED = dt.date(2025, 7, 1)


class UnitLevel(Term):
    """Where a unit kind sits in the state structure."""

    PROVINCE = "province", "cấp tỉnh", "province level"
    DISTRICT = "district", "cấp huyện", "district level"
    COMMUNE = "commune", "cấp xã", "commune level"
    COMMUNITY = "community", "cộng đồng dân cư", "residential community"
    ORGANISATION = "organisation", "cơ quan, đơn vị, doanh nghiệp", "agency or employer"


class UnitKind(Term):
    """Kinds of grassroots and administrative units (glossary: units)."""

    COMMUNE = "commune", "xã", "commune"
    WARD = "ward", "phường", "ward"
    SPECIAL_ZONE = "special_zone", "đặc khu", "special zone"
    TOWNSHIP = "township", "thị trấn", "township"
    URBAN_DISTRICT = "urban_district", "quận", "urban district"
    RURAL_DISTRICT = "rural_district", "huyện", "rural district"
    DISTRICT_TOWN = "district_town", "thị xã", "district-level town"
    PROVINCIAL_CITY = "provincial_city", "thành phố thuộc tỉnh", "provincial city"
    MUNICIPAL_CITY = (
        "municipal_city",
        "thành phố thuộc thành phố trực thuộc trung ương",
        "city within a centrally-run city",
    )
    PROVINCE = "province", "tỉnh", "province"
    CENTRAL_CITY = "central_city", "thành phố trực thuộc trung ương", "centrally-run city"
    VILLAGE = "village", "thôn, ấp, bản", "village"
    RESIDENTIAL_GROUP = "residential_group", "tổ dân phố", "residential group"
    QUARTER = "quarter", "khu phố", "quarter"
    STATE_AGENCY = "state_agency", "cơ quan hành chính nhà nước", "state agency"
    PUBLIC_SERVICE_UNIT = "public_service_unit", "đơn vị sự nghiệp công lập", "public service unit"
    STATE_OWNED_ENTERPRISE = (
        "state_owned_enterprise",
        "doanh nghiệp nhà nước",
        "state-owned enterprise",
    )
    NON_STATE_EMPLOYER = (
        "non_state_employer",
        "tổ chức sử dụng lao động ngoài nhà nước",
        "non-state employer",
    )

    @property
    def level(self) -> UnitLevel:
        """The tier of this kind."""
        return _LEVELS[self]

    @property
    def abolished_on(self) -> dt.date | None:
        """The first day on which no unit of this kind exists, if the kind was abolished."""
        if self is UnitKind.TOWNSHIP or self.level is UnitLevel.DISTRICT:
            return DISTRICT_LEVEL_ABOLISHED
        return None


_LEVELS = {
    UnitKind.COMMUNE: UnitLevel.COMMUNE,
    UnitKind.WARD: UnitLevel.COMMUNE,
    UnitKind.SPECIAL_ZONE: UnitLevel.COMMUNE,
    UnitKind.TOWNSHIP: UnitLevel.COMMUNE,
    UnitKind.URBAN_DISTRICT: UnitLevel.DISTRICT,
    UnitKind.RURAL_DISTRICT: UnitLevel.DISTRICT,
    UnitKind.DISTRICT_TOWN: UnitLevel.DISTRICT,
    UnitKind.PROVINCIAL_CITY: UnitLevel.DISTRICT,
    UnitKind.MUNICIPAL_CITY: UnitLevel.DISTRICT,
    UnitKind.PROVINCE: UnitLevel.PROVINCE,
    UnitKind.CENTRAL_CITY: UnitLevel.PROVINCE,
    UnitKind.VILLAGE: UnitLevel.COMMUNITY,
    UnitKind.RESIDENTIAL_GROUP: UnitLevel.COMMUNITY,
    UnitKind.QUARTER: UnitLevel.COMMUNITY,
    UnitKind.STATE_AGENCY: UnitLevel.ORGANISATION,
    UnitKind.PUBLIC_SERVICE_UNIT: UnitLevel.ORGANISATION,
    UnitKind.STATE_OWNED_ENTERPRISE: UnitLevel.ORGANISATION,
    UnitKind.NON_STATE_EMPLOYER: UnitLevel.ORGANISATION,
}


class BodyKind(Term):
    """Organisations attached to a unit (glossary: bodies)."""

    PARTY_COMMITTEE = "party_committee", "cấp ủy Đảng", "Party committee"
    PEOPLES_COMMITTEE = "peoples_committee", "Ủy ban nhân dân", "People's Committee"
    PEOPLES_COUNCIL = "peoples_council", "Hội đồng nhân dân", "People's Council"
    FATHERLAND_FRONT = (
        "fatherland_front",
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
        "Fatherland Front committee",
    )
    STEERING_COMMITTEE = "steering_committee", "Ban Chỉ đạo thực hiện QCDC", "steering committee"
    MASS_MOBILISATION_COMMISSION = (
        "mass_mobilisation_commission",
        "Ban Dân vận",
        "mass mobilisation commission",
    )
    TRADE_UNION = "trade_union", "Công đoàn", "trade union"
    LABOUR_FEDERATION = "labour_federation", "Liên đoàn Lao động", "labour federation"
    PEOPLES_INSPECTION_BOARD = (
        "peoples_inspection_board",
        "Ban Thanh tra nhân dân",
        "People's Inspection Board",
    )
    COMMUNITY_INVESTMENT_SUPERVISION_BOARD = (
        "community_investment_supervision_board",
        "Ban Giám sát đầu tư của cộng đồng",
        "Community Investment Supervision Board",
    )
    MEDIATION_TEAM = "mediation_team", "Tổ hòa giải", "mediation team"
    CITIZEN_RECEPTION_BOARD = (
        "citizen_reception_board",
        "Ban Tiếp công dân",
        "citizen reception board",
    )
    DEPARTMENT = "department", "Sở, phòng, ban", "department"
    MANAGEMENT = "management", "Ban lãnh đạo, Ban Tổng giám đốc", "management board"
    MASS_ORGANISATION = (
        "mass_organisation",
        "tổ chức chính trị – xã hội",
        "socio-political organisation",
    )
    OTHER = "other", "khác", "other"


@frozen(kw_only=True, repr=False)
class Person(Model):
    """A person named in a report, with the title the report gives.

    Examples:
        >>> Person(name="Đỗ Phương Lợi", title="Phó Trưởng Ban Dân vận Quận ủy Quận 1")
        Person('Đỗ Phương Lợi', 'Phó Trưởng Ban Dân vận Quận ủy Quận 1')
    """

    name: str = text("Full name, with diacritics.")
    title: str | None = opt_text("Title or position as written in the report.")
    titles: tuple[str, ...] = many("Further titles held at the same time.")
    body: str | None = opt_ident("Id of the body the person belongs to (optional).", ref="body")

    def __repr__(self) -> str:
        return f"Person({self.name!r}, {self.title!r})"


@frozen(kw_only=True, repr=False)
class Body(Model):
    """An organisation attached to a unit, such as its People's Committee or trade union."""

    kind: BodyKind = req("What kind of body this is.")
    name: str = text("Name as written, e.g. 'Ủy ban nhân dân phường Cô Giang'.")
    id: str | None = opt_ident("Identifier, unique in the dossier, for body references.")
    unit: str | None = opt_ident("Id of the unit the body belongs to.", ref="unit")
    abbreviation: str | None = opt_text("Usual abbreviation, e.g. 'BCĐTP'.")

    def __repr__(self) -> str:
        return f"Body({self.kind.value}, {self.name!r})"


class LineageKind(Term):
    """How a unit came from, or went into, others in a reorganisation."""

    MERGED_INTO = "merged_into", "sáp nhập vào", "merged into"
    MERGED_FROM = "merged_from", "hình thành từ sáp nhập", "formed by merging"
    SPLIT_INTO = "split_into", "chia tách thành", "split into"
    SPLIT_FROM = "split_from", "chia tách từ", "split from"
    RENAMED_FROM = "renamed_from", "đổi tên từ", "renamed from"
    RENAMED_TO = "renamed_to", "đổi tên thành", "renamed to"
    CONVERTED_FROM = "converted_from", "chuyển đổi từ", "converted from"
    DISSOLVED = "dissolved", "giải thể, không còn tổ chức", "dissolved"


@frozen(kw_only=True, repr=False)
class LineageEvent(Model):
    """One step in a unit's history of reorganisations (sắp xếp đơn vị hành chính)."""

    kind: LineageKind = req("What happened.")
    units: tuple[str, ...] = many("Ids or names of the other units involved.", unique=True)
    on: dt.date = req("Date the reorganisation took effect.")
    basis: str | None = opt_text("Legal basis, e.g. 'Nghị quyết 1685/NQ-UBTVQH15'.")
    partial: bool = flag("Only part of the area or population moved (một phần diện tích).")
    source: str | None = opt_text(
        "Where this fact comes from, when not from the dossier's sources (e.g. a resolution)."
    )

    def _check(self) -> Iterator[Problem]:
        if not self.units and self.kind is not LineageKind.DISSOLVED:
            yield Problem("$.units", "name at least one other unit")

    def __repr__(self) -> str:
        return f"LineageEvent({self.kind.value}, {list(self.units)}, {self.on})"


@frozen(kw_only=True, repr=False)
class Unit(Model):
    """A grassroots unit, or an administrative unit above one.

    Township and district-level kinds existed until 2025-06-30; a unit of such a kind must
    say so with `valid_until`, so that data about today's units never uses them.

    Examples:
        >>> Unit(id="co-giang", kind=UnitKind.WARD, name="Phường Cô Giang", quarters=5)
        Unit(co-giang, ward, 'Phường Cô Giang')
    """

    id: str = ident("Identifier used by references within a dossier.")
    kind: UnitKind = req("Kind of unit.")
    name: str = text("Official name with diacritics, e.g. 'Phường Cô Giang'.")
    code: str | None = opt_text("Official code (mã đơn vị hành chính, tax code …).")
    parent: str | None = opt_ident("Id of the unit above this one.", ref="unit")
    valid_from: dt.date | None = opt("First day the unit existed in this form.")
    valid_until: dt.date | None = opt("Last day the unit existed in this form.")
    lineage: tuple[LineageEvent, ...] = many("Reorganisations the unit went through.")
    households: int | None = opt_count("Households (hộ gia đình).")
    residents: int | None = opt_count("Residents (nhân khẩu).")
    residential_communities: int | None = opt_count(
        "Villages / residential groups (thôn, tổ dân phố): the communities Art. 33 counts."
    )
    quarters: int | None = opt_count("Quarters (khu phố, ấp) grouping residential groups.")
    subunits: int | None = opt_count(
        "Administrative units directly below (the wards and communes of a district)."
    )
    staff: int | None = opt_count("Cadres, civil servants and public employees.")
    workers: int | None = opt_count("Workers under labour contracts.")
    bodies: tuple[Body, ...] = many("Bodies of the unit (People's Committee, union …).")
    website: str | None = opt_text("Portal or website address.")
    no_peoples_council: Period | None = opt(
        "When the unit had no People's Council of its own, as the wards (and, in Hồ Chí Minh "
        "City and Đà Nẵng, the districts) of the urban-government pilot did from 2021 until "
        "2025-06-30. None when not stated, which is never read as having none."
    )
    remote: bool | None = opt(
        "Whether the unit lies in a remote area that is hard to reach (vùng sâu, vùng xa đi "
        "lại khó khăn), where complaints may take longer (Law 02/2011/QH13 Arts 28, 37): "
        "true, false, or None when not stated."
    )
    inferred: tuple[str, ...] = many(
        "Names of fields whose values the encoder inferred rather than read.", unique=True
    )

    __rules__ = (Before("valid_from", "valid_until"),)

    def _check(self) -> Iterator[Problem]:
        yield from inferred_problems(self)
        gone = self.kind.abolished_on
        if gone is None:
            return
        last = gone - dt.timedelta(days=1)
        if self.valid_until is None:
            yield Problem(
                "$.valid_until",
                f"unit kind '{self.kind.value}' ({self.kind.vi}) was abolished on {gone}; "
                f"set valid_until to {last} or earlier",
            )
        elif self.valid_until > last:
            yield Problem(
                "$.valid_until",
                f"unit kind '{self.kind.value}' ({self.kind.vi}) was abolished on {gone}; "
                f"valid_until {self.valid_until} is after {last}",
            )
        if self.valid_from is not None and self.valid_from > last:
            yield Problem(
                "$.valid_from",
                f"unit kind '{self.kind.value}' ({self.kind.vi}) does not exist from {gone}",
            )

    def valid_on(self, day: dt.date) -> bool:
        """Whether the unit existed in this form on `day`."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def __repr__(self) -> str:
        return f"Unit({self.id}, {self.kind.value}, {self.name!r})"
