"""Spreadsheet cells that stay text: a task quoted as ``=HYPERLINK(…)`` must never run as a formula.

OWASP, CSV injection: a cell that begins with ``=`` ``+`` ``-`` ``@``, a tab or a carriage return is
read as a formula by Excel and LibreOffice; prefixing it with a single quote makes it text. Leading
spaces do not help (LibreOffice trims them on import), so they are looked through. Full-width
signs (＝＋－＠) are typed the same way on a Chinese keyboard and Excel converts them, so they count too.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet read this cell as a formula (or DDE command)?"""
    stripped = text.lstrip(" \u3000")
    return text.startswith(FORMULA_STARTS) or stripped.startswith(FORMULA_STARTS)


def escape_formula(value: Any) -> Any:
    """A text cell that a spreadsheet would run, with a single quote in front; other values as they are."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def unescape_formula(text: str) -> str:
    """The cell's text as it was before ``escape_formula`` (a register read back keeps its words)."""
    return text[1:] if text.startswith("'") and is_formula_like(text[1:]) else text
