"""Built-in indicators (imported for their registration)."""

from dancoso.scoring._indicators import (  # noqa: F401
    _boards,
    _complaints,
    _disclosure,
    _meetings,
    _participation,
    _recognition,
    _services,
    _workplace,
)
