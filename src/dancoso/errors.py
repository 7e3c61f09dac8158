"""Errors raised on purpose by dancoso.

Every error a user can cause derives from [`DancosoError`][dancoso.errors.DancosoError].
Bad data is an [`InvalidInput`][dancoso.errors.InvalidInput]: it lists every problem found
in the document at once, each with a JSONPath-like location such as
`$.evidence[3].resolved_on`.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen

__all__ = ["DancosoError", "InvalidInput", "Problem"]


class DancosoError(Exception):
    """Base class of every error dancoso raises on purpose."""


@frozen
class Problem:
    """One thing wrong with an input, and where it is.

    Attributes:
        path: Location in the document, `$` being the root (`$.evidence[3].resolved_on`).
        message: What is wrong, in plain English.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.message} @ {self.path}"

    def under(self, prefix: str) -> Problem:
        """The same problem seen from a containing document at `prefix`."""
        return Problem(path=prefix + self.path[1:], message=self.message)


class InvalidInput(DancosoError, ValueError):
    """Input data that does not describe a valid dancoso object.

    `str(exc)` has one line per problem (the first `SHOWN_PROBLEMS` of them, then how
    many more); `exc.problems` has them all as [`Problem`][dancoso.errors.Problem] objects.
    """

    #: Problems listed in `str(exc)`; a document with thousands of problems reads better
    #: from its first hundred, and `exc.problems` keeps every one.
    SHOWN_PROBLEMS = 100

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem], *, what: str = "input") -> None:
        self.problems = tuple(problems)
        self.what = what
        count = len(self.problems)
        head = f"{what} has {count} problem{'s' if count != 1 else ''}:"
        lines = [head, *(f"  {p}" for p in self.problems[: self.SHOWN_PROBLEMS])]
        if count > self.SHOWN_PROBLEMS:
            lines.append(f"  … and {count - self.SHOWN_PROBLEMS:,} more (all in exc.problems)")
        super().__init__("\n".join(lines))

    @property
    def paths(self) -> tuple[str, ...]:
        """The paths of all problems, in order."""
        return tuple(p.path for p in self.problems)

    def __reduce__(self) -> tuple[type[InvalidInput], tuple[tuple[Problem, ...], str]]:
        # keeps the exception picklable for multiprocessing users
        return (_rebuild, (self.problems, self.what))  # type: ignore[return-value]


def _rebuild(problems: tuple[Problem, ...], what: str) -> InvalidInput:
    return InvalidInput(problems, what=what)
