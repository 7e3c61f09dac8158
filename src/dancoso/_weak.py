"""Values attached to live objects by identity, dropped when the object goes."""

from __future__ import annotations

import weakref
from typing import Generic, TypeVar

__all__ = ["WeakIdMap"]

K = TypeVar("K")
V = TypeVar("V")


class WeakIdMap(Generic[K, V]):
    """Values attached to live objects by identity, dropped when the object goes.

    For frozen objects whose `==` and `hash()` walk every field (a dossier, a rubric, a
    scorecard): a `WeakKeyDictionary` would call them on each lookup. Caches built on it
    keep no memory for objects that are gone.
    """

    def __init__(self) -> None:
        self._items: dict[int, tuple[weakref.ref[K], V]] = {}

    def get(self, obj: K) -> V | None:
        hit = self._items.get(id(obj))
        return hit[1] if hit is not None and hit[0]() is obj else None

    def put(self, obj: K, value: V) -> None:
        key, items = id(obj), self._items

        def forget(_: object) -> None:
            # runs as the object dies, before its id can be given to another one
            items.pop(key, None)

        items[key] = (weakref.ref(obj, forget), value)

    def __len__(self) -> int:
        return len(self._items)
