"""Griffe extension used by the documentation build (not part of the package).

dancoso declares every field of its attrs classes with a helper that carries the field's
description: `name: str = text("Official name with diacritics …")`. Static analysis sees
neither that description nor the `__init__` attrs generates, so this extension:

- gives each such field its description as docstring, and its real default as value;
- gives each member of a `Term` vocabulary its Vietnamese and English labels as docstring;
- adds to every attrs class the `__init__` attrs would generate from its fields (base
  classes first), which mkdocstrings' `merge_init_into_class` shows as the class signature.
"""

from __future__ import annotations

import ast
from typing import Any

import griffe

#: Field helpers of `dancoso.model._base` and the default each one gives (None: required).
_HELPERS: dict[str, str | None] = {
    "req": None,
    "text": None,
    "ident": None,
    "count": None,
    "number": None,
    "opt": "None",
    "opt_text": "None",
    "opt_ident": "None",
    "opt_count": "None",
    "bounded": "None",
    "share": "None",
    "flag": "False",
    "many": "()",
    "refs": "()",
    "numbers": "()",
    "positive": "1",
}
_ATTRS_DECORATORS = ("frozen", "define", "attrs.frozen", "attrs.define", "attr.s", "attrs")
_REQUIRED = "dancoso_required"
#: Class constants of the model and what they mean.
_CLASS_CONSTANTS = {
    "TYPE": "The stable tag written as the `type` key in data.",
    "PARTS_OF": "The field that the counts of the tally's `parts` add up to, at most.",
}


def _constant_str(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


class AttrsFields(griffe.Extension):
    """Document dancoso's attrs fields and vocabulary members."""

    def on_attribute_instance(
        self, *, node: ast.AST | griffe.ObjectNode, attr: griffe.Attribute, **kwargs: Any
    ) -> None:
        if not isinstance(node, ast.AnnAssign | ast.Assign):
            return
        value = node.value
        if (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in _HELPERS
        ):
            doc = _constant_str(value.args[0]) if value.args else None
            default = _HELPERS[value.func.id]
            for kw in value.keywords:
                if kw.arg == "doc":
                    doc = _constant_str(kw.value)
                elif kw.arg == "default":
                    default = ast.unparse(kw.value)
            if doc:
                attr.docstring = griffe.Docstring(doc, parent=attr)
            attr.value = default
            attr.labels = {"field"}
            attr.extra[_REQUIRED]["required"] = default is None
            return
        tag = _constant_str(value)
        if attr.name in _CLASS_CONSTANTS and tag is not None:
            attr.docstring = griffe.Docstring(_CLASS_CONSTANTS[attr.name], parent=attr)
            attr.labels = {"class-attribute"}
            return
        parent = attr.parent
        if (
            isinstance(value, ast.Tuple)
            and isinstance(parent, griffe.Class)
            and any(str(base) == "Term" for base in parent.bases)
            and len(value.elts) == 3
        ):
            labels = [_constant_str(e) for e in value.elts]
            if all(labels):
                code, vi, en = labels
                attr.docstring = griffe.Docstring(f"`{code}`: {vi} ({en})", parent=attr)
                attr.value = repr(code)
                attr.labels = {"member"}

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        for cls in _classes(pkg):
            if "__init__" not in cls.members and _is_attrs(cls):
                _add_init(cls)


def _classes(obj: griffe.Object) -> list[griffe.Class]:
    found: list[griffe.Class] = []
    for member in obj.members.values():
        if member.is_alias:
            continue
        if isinstance(member, griffe.Class):
            found.append(member)
            found.extend(_classes(member))
        elif isinstance(member, griffe.Module):
            found.extend(_classes(member))
    return found


def _attrs_decorator(cls: griffe.Class) -> str | None:
    for decorator in cls.decorators:
        text = str(decorator.value)
        if text.split("(")[0] in _ATTRS_DECORATORS:
            return text
    return None


def _is_attrs(cls: griffe.Class) -> bool:
    return _attrs_decorator(cls) is not None


def _fields(cls: griffe.Class) -> list[griffe.Attribute]:
    """The instance fields of `cls`, base classes first, in source order."""
    try:
        lineage = [*reversed(cls.mro()), cls]
    except Exception:  # a base outside the package: use the class alone
        lineage = [cls]
    fields: dict[str, griffe.Attribute] = {}
    for klass in lineage:
        if not isinstance(klass, griffe.Class) or not _is_attrs(klass):
            continue
        own = [
            m
            for m in klass.members.values()
            if isinstance(m, griffe.Attribute)
            and m.annotation is not None
            and ("field" in m.labels or "instance-attribute" in m.labels)
            and "property" not in m.labels
            and not m.name.startswith("__")
        ]
        for m in sorted(own, key=lambda a: a.lineno or 0):
            fields.pop(m.name, None)
            fields[m.name] = m
    return list(fields.values())


def _add_init(cls: griffe.Class) -> None:
    params = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
    keyword_only = "kw_only=True" in (_attrs_decorator(cls) or "").replace(" ", "")
    kind = (
        griffe.ParameterKind.keyword_only
        if keyword_only
        else griffe.ParameterKind.positional_or_keyword
    )
    for f in _fields(cls):
        required = f.extra.get(_REQUIRED, {}).get("required", f.value is None)
        params.append(
            griffe.Parameter(
                f.name,
                annotation=f.annotation,
                kind=kind,
                default=None if required else (f.value if f.value is not None else "None"),
            )
        )
    init = griffe.Function(
        "__init__",
        parameters=griffe.Parameters(*params),
        returns="None",
        lineno=cls.lineno,
        endlineno=cls.lineno,
        parent=cls,
    )
    cls.set_member("__init__", init)
