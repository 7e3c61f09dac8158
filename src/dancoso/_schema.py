"""JSON Schema (draft 2020-12) for the model classes, derived from their fields and specs."""

from __future__ import annotations

import copy
import datetime as dt
import inspect
import types
import typing
from enum import Enum
from typing import Any, Union, get_args, get_origin

import attrs

from dancoso._limits import MAX_ID_LENGTH, MAX_INT
from dancoso.errors import DancosoError
from dancoso.model import EVIDENCE_TYPES, RULE_TYPES, Dossier, Model, Term
from dancoso.model._base import is_model_class, spec_of

__all__ = ["json_schema"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_TAGGED = dict.fromkeys((*EVIDENCE_TYPES, *RULE_TYPES), "type")


def _first_line(doc: str | None) -> str:
    return inspect.cleandoc(doc or "").split("\n\n")[0].replace("\n", " ")


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def of_type(self, tp: Any, spec: Any = None) -> dict[str, Any]:
        origin = get_origin(tp)
        if origin in (Union, types.UnionType):
            args = get_args(tp)
            options = [a for a in args if a is not type(None)]
            inner = (
                self.of_type(options[0], spec)
                if len(options) == 1
                else {"oneOf": [self.of_type(a, spec) for a in options]}
            )
            return {"anyOf": [inner, {"type": "null"}]} if type(None) in args else inner
        if origin is dict:
            # rubric parameters: a table of numbers, lists of numbers and words
            return {
                "type": "object",
                "additionalProperties": self.of_type(get_args(tp)[1]),
            }
        if origin is tuple:
            schema: dict[str, Any] = {"type": "array", "items": self.of_type(get_args(tp)[0], spec)}
            if spec is not None and spec.unique:
                schema["uniqueItems"] = True
            return schema
        if tp is bool:
            return {"type": "boolean"}
        if tp is int or tp is float:
            schema = {"type": "integer" if tp is int else "number"}
            if spec is not None and spec.minimum is not None:
                schema["minimum"] = spec.minimum
            if spec is not None and spec.maximum is not None:
                schema["maximum"] = spec.maximum
            elif tp is int:
                schema["maximum"] = MAX_INT  # whole numbers have at most MAX_INT_DIGITS digits
            return schema
        if tp is str:
            schema = {"type": "string"}
            if spec is not None and spec.pattern:
                schema["pattern"] = spec.pattern
                schema["maxLength"] = MAX_ID_LENGTH
            elif spec is not None and spec.nonblank:
                schema["pattern"] = r"\S"
            return schema
        if tp is dt.date:
            return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
        if isinstance(tp, type) and issubclass(tp, Enum):
            return self.enum(tp)
        if isinstance(tp, type) and attrs.has(tp):
            return self.model(tp)
        raise DancosoError(f"no JSON Schema for type {tp!r}")  # pragma: no cover

    def enum(self, cls: type[Enum]) -> dict[str, Any]:
        if cls.__name__ not in self.defs:
            d: dict[str, Any] = {
                "title": cls.__name__,
                "description": _first_line(cls.__doc__),
                "type": "string",
                "enum": [m.value for m in cls],
            }
            if issubclass(cls, Term):
                d["x-labels"] = {m.value: {"vi": m.vi, "en": m.en} for m in cls}
            self.defs[cls.__name__] = d
        return self.ref(cls.__name__)

    def model(self, cls: type[Any]) -> dict[str, Any]:
        name = cls.__name__
        if name in self.defs:
            return self.ref(name)
        self.defs[name] = {}  # placeholder: breaks cycles
        hints = typing.get_type_hints(cls)
        props: dict[str, Any] = {}
        required: list[str] = []
        if cls in _TAGGED:
            key = _TAGGED[cls]
            props[key] = {"const": cls.TYPE}
            required.append(key)
        for a in attrs.fields(cls):
            schema = self.of_type(hints[a.name], spec_of(a))
            doc = a.metadata.get("doc")
            if doc:
                schema = (
                    {**schema, "description": doc}
                    if "$ref" not in schema
                    else {
                        "allOf": [schema],
                        "description": doc,
                    }
                )
            props[a.name] = schema
            if a.default is attrs.NOTHING:
                required.append(a.name)
        self.defs[name] = {
            "title": name,
            "description": _first_line(cls.__doc__),
            "type": "object",
            "properties": props,
            "required": required,
            "additionalProperties": False,
        }
        return self.ref(name)


_SCHEMAS: dict[type[Model], dict[str, Any]] = {}


def _schema(cls: type[Model]) -> dict[str, Any]:
    if cls in _SCHEMAS:
        return _SCHEMAS[cls]
    b = _Builder()
    root = b.model(cls)
    return _SCHEMAS.setdefault(
        cls,
        {
            "$schema": DRAFT,
            "$id": f"https://dancoso.readthedocs.io/schema/{cls.__name__}.json",
            "title": cls.__name__,
            **root,
            "$defs": dict(sorted(b.defs.items())),
        },
    )


def json_schema(cls: type[Model] = Dossier) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) for the data form of a model class.

    Every document `to_data()` produces validates against it, and so does every example.
    Rules between fields (dates in order, parts within wholes, references that resolve)
    are beyond JSON Schema; `load_dossier` checks them.

    Args:
        cls: Any model class; the dossier by default.

    Returns:
        A new dict each call, safe to modify.
    """
    if not is_model_class(cls):
        raise DancosoError(f"json_schema() takes a dancoso model class, not {cls!r}")
    return copy.deepcopy(_schema(cls))
