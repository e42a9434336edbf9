"""The config file: option defaults from TOML, and ``-`` for standard input.

Two files are read, the later one winning, and the command line wins over both:

1. the user's, ``~/.config/speechkit/config.toml`` on Linux (``platformdirs.user_config_dir``;
   ``$SPEECHKIT_CONFIG`` names another file);
2. the project's, ``./speechkit.toml`` in the current folder.

A top-level key sets the option of that long name in every command that has it (``db``, ``out``,
``date``, ``org``, ``format``, ``workers`` …); a table named after a command sets it there only::

    db = "~/台账/tracker.db"
    org = "市教育局办公室"

    [batch]
    workers = 2

    [tracker.list]
    all = true
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from speechkit.errors import UsageError

STDIN = "-"  # as a FILE argument: read the input from standard input
PROJECT_CONFIG = "speechkit.toml"


def config_paths() -> list[Path]:
    """The config files that apply here, the weaker first (they need not exist)."""
    user = os.environ.get("SPEECHKIT_CONFIG")
    if user is None:
        from platformdirs import user_config_dir

        user = str(Path(user_config_dir("speechkit", appauthor=False)) / "config.toml")
    return [Path(user).expanduser(), Path.cwd() / PROJECT_CONFIG]


def load_config() -> tuple[dict[str, Any], list[Path]]:
    """The merged settings of the config files that exist, and those files."""
    merged: dict[str, Any] = {}
    found = []
    for path in config_paths():
        if not path.is_file():
            continue
        _merge(merged, _read_toml(path))
        found.append(path)
    return merged, found


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise UsageError(f"config file {path}: {e}") from None


def _merge(into: dict[str, Any], new: dict[str, Any]) -> None:
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def config_default_map(root: Any) -> dict[str, Any] | None:
    """Click's ``default_map`` for the command tree ``root`` from the config files; None without any."""
    settings, files = load_config()
    if not files:
        return None
    known = {name for _, command in _walk(root) for name in _long_names(command)}
    commands = {path for path, _ in _walk(root)}
    unknown = [k for k, v in settings.items() if not (isinstance(v, dict) and (k,) in commands) and k not in known]
    if unknown:
        shown = ", ".join(str(f) for f in files)
        raise UsageError(f"config {shown}: unknown key {unknown[0]!r} (keys are option names: db, out, date, org …)")
    default_map: dict[str, Any] = {}
    for path, command in _walk(root):
        if not path:  # the global options (quiet = true, verbose = 1) sit beside the commands' tables
            names = _long_names(command)
            default_map |= {names[k]: v for k, v in settings.items() if k in names and not isinstance(v, dict)}
            continue
        values = {k: v for k, v in settings.items() if not isinstance(v, dict)}
        table: Any = settings
        for part in path:
            table = table.get(part) if isinstance(table, dict) else None
        if isinstance(table, dict):
            values |= {k: v for k, v in table.items() if not isinstance(v, dict)}
        names = _long_names(command)
        entries = {names[k]: v for k, v in values.items() if k in names}
        if entries:
            node = default_map
            for part in path[:-1]:
                node = node.setdefault(part, {})
            node.setdefault(path[-1], {}).update(entries)
    return default_map


def _walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _walk(sub, (*path, name))


def _long_names(command: Any) -> dict[str, str]:
    """--date → the parameter it fills (meeting_date), for each option of the command."""
    names = {}
    for param in command.params:
        for opt in getattr(param, "opts", ()):
            if opt.startswith("--") and param.name:
                names[opt[2:]] = param.name
    return names


def sniff_name(data: bytes) -> str:
    """A name for standard input that picks the right reader: a .docx is a zip, a page starts with a tag."""
    head = data[:512].lstrip().lower()
    if data.startswith(b"PK\x03\x04"):
        return "stdin.docx"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "stdin.html"
    return "stdin.txt"
