"""Command line: `python -m dancoso summary examples/` and friends."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from dancoso._io import load_dossier
from dancoso._schema import json_schema
from dancoso.errors import DancosoError
from dancoso.model import __all__ as model_names
from dancoso.model._base import is_model_class

__all__ = ["main"]


def _files(paths: Sequence[str]) -> Iterator[Path]:
    """The files named, and the dossiers (`.json`, `.toml`, any case) in folders named.

    A folder yields only regular files: a FIFO or a device named `x.json` would block
    the scan or never end.
    """
    for raw in paths:
        p = Path(raw)
        try:
            if p.is_dir():
                found = [
                    x for x in p.iterdir() if x.suffix.lower() in (".json", ".toml") and x.is_file()
                ]
                yield from sorted(found)
                continue
        except OSError as exc:
            print(f"✗ {p}: cannot read ({exc.strerror or exc})", file=sys.stderr)
            continue
        yield p


def _summary(paths: Sequence[str]) -> int:
    failed = 0
    files = list(_files(paths))
    if not files:
        print("no dossiers found", file=sys.stderr)
        return 2
    for path in files:
        try:
            dossier = load_dossier(path)
        except DancosoError as exc:
            failed += 1
            print(f"✗ {path}: {exc}", file=sys.stderr)
            continue
        print(f"✓ {path.name}: {dossier.summary()}")
    print(f"{len(files) - failed} valid, {failed} invalid")
    return 1 if failed else 0


def _score(paths: Sequence[str], *, lang: str, as_json: bool) -> int:
    from dancoso.scoring import ScoringError, dump_scorecard, render_text, score

    files = list(_files(paths))
    if not files:
        print("no dossiers found", file=sys.stderr)
        return 2
    failed = shown = 0
    for path in files:
        try:
            card = score(load_dossier(path))
        except (DancosoError, ScoringError) as exc:
            failed += 1
            print(f"✗ {path}: {exc}", file=sys.stderr)
            continue
        if as_json:
            print(dump_scorecard(card), end="")
            continue
        if shown:  # a blank line between reports, not before the first one printed
            print()
        shown += 1
        print(f"── {path.name} " + "─" * max(0, 60 - len(path.name)))
        print(render_text(card, lang=lang))
    return 1 if failed else 0


def _schema(name: str) -> int:
    import dancoso.model as model

    cls = getattr(model, name, None) if name in model_names else None
    if cls is None or not is_model_class(cls):
        print(f"unknown model class {name!r}", file=sys.stderr)
        return 2
    try:
        schema = json_schema(cls)
    except DancosoError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return 0


def _run(argv: Sequence[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="dancoso", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("summary", help="validate dossiers and print one line for each")
    s.add_argument("paths", nargs="+", help="dossier files (.json, .toml) or folders")
    c = sub.add_parser("score", help="score dossiers with their reference rubrics")
    c.add_argument("paths", nargs="+", help="dossier files (.json, .toml) or folders")
    c.add_argument("--lang", choices=("en", "vi"), default="en", help="label language")
    c.add_argument("--json", action="store_true", help="print scorecards as JSON")
    j = sub.add_parser("schema", help="print the JSON Schema of a model class")
    j.add_argument("name", nargs="?", default="Dossier", help="model class (default: Dossier)")
    args = parser.parse_args(argv)
    if args.command == "summary":
        return _summary(args.paths)
    if args.command == "score":
        return _score(args.paths, lang=args.lang, as_json=args.json)
    return _schema(args.name)


def _tolerant(stream: TextIO | None) -> Callable[[], None]:
    """Let `stream` write what its encoding cannot (`\\u1ea1` for ạ under
    PYTHONIOENCODING=ascii, `\\udcff` for an undecodable file name), instead of raising;
    returns what puts the stream back as it was."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return lambda: None
    before = stream.errors  # type: ignore[union-attr]
    reconfigure(errors="backslashreplace")
    return lambda: reconfigure(errors=before)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    A mistake in the input is reported in a line on stderr, never with a traceback; a
    reader that stops early (`dancoso score examples | head`) ends the run quietly.
    """
    restore = [_tolerant(sys.stdout), _tolerant(sys.stderr)]
    try:
        return _run(argv)
    except BrokenPipeError:
        # the reader has gone: point stdout at /dev/null so that the flush at exit
        # cannot raise again, and stop
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):  # pragma: no cover - no real stdout
            pass
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        for undo in restore:
            with contextlib.suppress(OSError, ValueError):  # a stream closed meanwhile
                undo()


if __name__ == "__main__":
    sys.exit(main())
