"""The dossier: one unit, one period, and the evidence about it."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterator, Sequence
from typing import Any, TypeAlias, cast

import attrs
from attrs import frozen

from dancoso._limits import shown
from dancoso.errors import Problem
from dancoso.model._base import Model, Period, inferred_problems, many, opt_text, req, spec_of
from dancoso.model._boards import Board, BoardActivity
from dancoso.model._complaints import (
    CitizenReception,
    CitizenReceptionTally,
    Petition,
    PetitionTally,
)
from dancoso.model._direction import AnnualTheme, ImplementationPlan, ProjectTally, TaskList
from dancoso.model._documents import DocumentRef, Evidence, Source
from dancoso.model._meetings import (
    Conference,
    ConferenceTally,
    Dialogue,
    DialogueTally,
    VoterContact,
    VoterContactTally,
)
from dancoso.model._oversight import Inspection, OversightTally, QuestionTally, Supervision
from dancoso.model._participation import (
    CollectiveAgreement,
    CollectiveAgreementTally,
    CommunityConvention,
    CommunityDecision,
    Consultation,
    ConventionTally,
    DemocracyRegulation,
    Disclosure,
    DisclosureTally,
)
from dancoso.model._recognition import (
    Commendation,
    MobilisationModel,
    MobilisationModelTally,
    Statement,
)
from dancoso.model._services import AdministrativeProcedures, OnlineServices, Satisfaction
from dancoso.model._units import Unit

__all__ = ["EVIDENCE_TYPES", "AnyEvidence", "Dossier", "references"]

#: Every evidence class, in documentation order; the `type` tag of each is its `TYPE`.
EVIDENCE_TYPES: tuple[type[Evidence], ...] = (
    Disclosure,
    DisclosureTally,
    CommunityDecision,
    Consultation,
    CommunityConvention,
    ConventionTally,
    DemocracyRegulation,
    CollectiveAgreement,
    CollectiveAgreementTally,
    ImplementationPlan,
    AnnualTheme,
    TaskList,
    ProjectTally,
    Conference,
    ConferenceTally,
    Dialogue,
    DialogueTally,
    VoterContact,
    VoterContactTally,
    CitizenReception,
    CitizenReceptionTally,
    Petition,
    PetitionTally,
    Board,
    BoardActivity,
    AdministrativeProcedures,
    OnlineServices,
    Satisfaction,
    MobilisationModel,
    MobilisationModelTally,
    Commendation,
    Inspection,
    Supervision,
    OversightTally,
    QuestionTally,
    Statement,
)

AnyEvidence: TypeAlias = (
    Disclosure
    | DisclosureTally
    | CommunityDecision
    | Consultation
    | CommunityConvention
    | ConventionTally
    | DemocracyRegulation
    | CollectiveAgreement
    | CollectiveAgreementTally
    | ImplementationPlan
    | AnnualTheme
    | TaskList
    | ProjectTally
    | Conference
    | ConferenceTally
    | Dialogue
    | DialogueTally
    | VoterContact
    | VoterContactTally
    | CitizenReception
    | CitizenReceptionTally
    | Petition
    | PetitionTally
    | Board
    | BoardActivity
    | AdministrativeProcedures
    | OnlineServices
    | Satisfaction
    | MobilisationModel
    | MobilisationModelTally
    | Commendation
    | Inspection
    | Supervision
    | OversightTally
    | QuestionTally
    | Statement
)


def references(obj: object, path: str = "$") -> Iterator[tuple[str, str, str]]:
    """Every reference an object holds, as `(path, kind, id)`; kinds are `unit`,
    `evidence`, `source` and `body`."""
    for name, ref in _walk_plan(type(obj)):
        value: Any = getattr(obj, name)
        here = f"{path}.{name}"
        if ref is not None:
            if isinstance(value, str):
                yield here, ref, value
            elif isinstance(value, tuple):
                for i, item in enumerate(value):
                    yield f"{here}[{i}]", ref, item
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                yield from references(item, f"{here}[{i}]")
        elif value is not None:
            yield from references(value, here)


_PLANS: dict[type, tuple[tuple[str, str | None], ...]] = {}


def _walk_plan(cls: type) -> tuple[tuple[str, str | None], ...]:
    """Fields that hold references (with their kind) or model objects (kind None).

    Computed once per class, so that walking a dossier skips plain values.
    """
    plan = _PLANS.get(cls)
    if plan is None:
        if not attrs.has(cls):
            plan = ()
        else:
            hints = typing.get_type_hints(cls)
            plan = tuple(
                (a.name, spec.ref if spec is not None else None)
                for a in attrs.fields(cast(type[Model], cls))
                if ((spec := spec_of(a)) is not None and spec.ref is not None)
                or _holds_models(hints[a.name])
            )
        _PLANS[cls] = plan
    return plan


def _holds_models(tp: Any) -> bool:
    if isinstance(tp, type):
        return attrs.has(tp)
    return any(_holds_models(arg) for arg in typing.get_args(tp))


def _overlap(a: Unit, b: Unit) -> bool:
    """Whether two units' validity ranges share a day (open ends reach forever)."""
    a_end, b_end = a.valid_until or dt.date.max, b.valid_until or dt.date.max
    a_start, b_start = a.valid_from or dt.date.min, b.valid_from or dt.date.min
    return a_start <= b_end and b_start <= a_end


def _duplicates(ids: Sequence[tuple[str, str | None]], what: str) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for path, ident in ids:
        if ident is None:
            continue
        if ident in seen:
            yield Problem(path, f"duplicate {what} id {shown(ident)} (first used at {seen[ident]})")
        else:
            seen[ident] = path


def _in_parent_loops(by_id: dict[str, Unit]) -> set[str]:
    """Ids of the units whose chain of parents runs into a loop, in linear time.

    Each unit has at most one parent, so following parents from any unit either ends (no
    parent, or one not in the dossier) or enters a loop. Every unit is followed once: a
    walk stops at a unit an earlier walk settled, and takes over its answer.
    """
    settled: dict[str, bool] = {}
    for start in by_id:
        walk: list[str] = []
        on_walk: set[str] = set()
        ident: str | None = start
        while ident is not None and ident not in settled and ident in by_id:
            if ident in on_walk:
                verdict = True  # back at a unit of this walk: a loop
                break
            walk.append(ident)
            on_walk.add(ident)
            ident = by_id[ident].parent
        else:
            verdict = settled.get(ident, False) if ident is not None else False
        for seen in walk:
            settled[seen] = verdict
    return {ident for ident, loops in settled.items() if loops}


@frozen(kw_only=True, repr=False)
class Dossier(Model):
    """What is known about one unit over one period: the input to scoring.

    Evidence is a tagged union on its `type` key. Ids must be unique per kind (units,
    evidence, sources, bodies), and every reference must point at something in the dossier.
    The unit must exist during the period, each unit's parent must have existed at the same
    time as the unit, and parents may not form a loop.
    """

    unit: Unit = req("The unit the dossier is about.")
    period: Period = req("The period it covers, usually a calendar year.")
    evidence: tuple[AnyEvidence, ...] = many("What the unit did, and what was done to check it.")
    related_units: tuple[Unit, ...] = many("Parents, communities and other units referred to.")
    sources: tuple[Source, ...] = many("Reports and documents the facts come from.")
    title: str | None = opt_text("A human title for the dossier.")
    basis: tuple[DocumentRef, ...] = many("Documents the report itself is framed by.")
    notes: tuple[str, ...] = many("Remarks: what the sources leave out, encoding choices.")
    inferred: tuple[str, ...] = many(
        "Names of dossier fields the encoder inferred (e.g. 'period').", unique=True
    )

    def _check(self) -> Iterator[Problem]:
        units = [("$.unit.id", self.unit.id)] + [
            (f"$.related_units[{i}].id", u.id) for i, u in enumerate(self.related_units)
        ]
        evidence = [(f"$.evidence[{i}].id", e.id) for i, e in enumerate(self.evidence)]
        sources = [(f"$.sources[{i}].id", s.id) for i, s in enumerate(self.sources)]
        all_units = (self.unit, *self.related_units)
        unit_paths = ["$.unit", *(f"$.related_units[{i}]" for i in range(len(self.related_units)))]
        bodies = [
            (f"{up}.bodies[{j}].id", b.id)
            for up, u in zip(unit_paths, all_units, strict=True)
            for j, b in enumerate(u.bodies)
        ]
        yield from _duplicates(units, "unit")
        yield from _duplicates(evidence, "evidence")
        yield from _duplicates(sources, "source")
        yield from _duplicates(bodies, "body")
        known = {
            "unit": {i for _, i in units},
            "evidence": {i for _, i in evidence if i is not None},
            "source": {i for _, i in sources},
            "body": {i for _, i in bodies if i is not None},
        }
        by_id = {e.id: e for e in self.evidence if e.id is not None}
        for path, kind, ident in references(self):
            if ident not in known[kind]:
                yield Problem(path, f"no {kind} with id {shown(ident)} in this dossier")
        for i, e in enumerate(self.evidence):
            if isinstance(e, BoardActivity) and e.board is not None:
                target = by_id.get(e.board)
                if target is not None and not isinstance(target, Board):
                    yield Problem(
                        f"$.evidence[{i}].board",
                        f"{shown(e.board)} is a {target.TYPE}, not a board",
                    )
                elif isinstance(target, Board) and target.kind is not e.board_kind:
                    yield Problem(
                        f"$.evidence[{i}].board_kind",
                        f"board_kind {e.board_kind.value!r} differs from the kind of board "
                        f"{shown(e.board)} ({target.kind.value!r})",
                    )

        yield from self._check_validity(all_units, unit_paths)
        yield from inferred_problems(self)

    def _check_validity(self, units: tuple[Unit, ...], paths: list[str]) -> Iterator[Problem]:
        """The unit exists during the period; parents exist alongside; no parent loops."""
        u, p = self.unit, self.period
        if u.valid_until is not None and u.valid_until < p.start:
            yield Problem(
                "$.unit.valid_until",
                f"the unit ended on {u.valid_until}, before the dossier's period ({p.start}..)",
            )
        if u.valid_from is not None and u.valid_from > p.end:
            yield Problem(
                "$.unit.valid_from",
                f"the unit began on {u.valid_from}, after the dossier's period (..{p.end})",
            )
        by_id = {x.id: x for x in units}
        looping = _in_parent_loops(by_id)
        for path, x in zip(paths, units, strict=True):
            parent = by_id.get(x.parent) if x.parent is not None else None
            if parent is None:
                continue
            if parent is x:
                yield Problem(f"{path}.parent", "a unit cannot be its own parent")
                continue
            if not _overlap(x, parent):
                yield Problem(
                    f"{path}.parent",
                    f"{shown(x.id)} and its parent {shown(parent.id)} never existed at the "
                    "same time",
                )
            if x.id in looping:
                yield Problem(f"{path}.parent", f"parents of {shown(x.id)} form a loop")

    def find(self, ident: str) -> AnyEvidence | None:
        """The evidence record with id `ident`, if any."""
        for e in self.evidence:
            if e.id == ident:
                return e
        return None

    def of_type(self, *kinds: type[Evidence]) -> tuple[AnyEvidence, ...]:
        """Evidence records of the given classes, in dossier order."""
        return tuple(e for e in self.evidence if isinstance(e, kinds))

    def units_by_id(self) -> dict[str, Unit]:
        """The unit and every related unit, by id."""
        return {u.id: u for u in (self.unit, *self.related_units)}

    def summary(self) -> str:
        """One line: unit, kind, period and evidence counted by type."""
        counts: dict[str, int] = {}
        for e in self.evidence:
            counts[e.TYPE] = counts.get(e.TYPE, 0) + 1
        kinds = ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))
        return (
            f"{self.unit.name} ({self.unit.kind.value}) {self.period.start}..{self.period.end}: "
            f"{len(self.evidence)} evidence records ({kinds or 'none'})"
        )

    def __repr__(self) -> str:
        return f"Dossier({self.unit.id}, {self.period!r}, {len(self.evidence)} evidence)"
