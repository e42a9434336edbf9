"""The office's list of units (单位名录) with aliases, and the cleaning of owner names against it.

The file is plain UTF-8 text the office keeps, one unit a line, its aliases after ``=`` (or a tab)::

    # 单位名录
    县住房和城乡建设局 = 县住建局、住建局
    县自然资源局 = 县资源局
    各乡镇

``县住建局`` then counts as ``县住房和城乡建设局`` in stats, and a name that is in no line is flagged.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from speechkit.errors import TrackerError
from speechkit.tracker.rules import UNIT_END, normalize_text

UNITS_ENV = "SPEECHKIT_UNITS"
# Words that wrap a unit's name in a sentence: 由县民政局 / 请县财政局 / 县财政局牵头 / 县财政局负责.
WRAPPER = re.compile(r"^(?:由|请|要求|责成|交由)|(?:牵头|负责|配合|协助|主办|协办)$")
# A collective that names no one unit: 每个乡镇, 各有关单位, 相关部门 — kept, but flagged.
COLLECTIVE = re.compile(r"^(?:每个|每一个|各个|各|有关|相关|其他|其余)")


@dataclass(frozen=True)
class UnitCheck:
    """What the list says about one name: its canonical form (or the name, cleaned) and a problem if any."""

    name: str
    canonical: str
    problem: str | None = None  # 不在单位名录 / 泛指 / 不像单位名称


@dataclass
class UnitList:
    """Canonical unit names and their aliases, looked up without spacing and punctuation."""

    names: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # normalised alias or name → canonical

    def add(self, canonical: str, aliases: list[str]) -> None:
        self.names.append(canonical)
        for name in (canonical, *aliases):
            self.aliases[normalize_text(name)] = canonical

    def lookup(self, name: str) -> str | None:
        return self.aliases.get(normalize_text(name))

    def check(self, name: str) -> UnitCheck:
        """The canonical name of ``name``, unwrapped (由县民政局 → 县民政局); flagged when the list lacks it."""
        raw = name.strip()
        cleaned = WRAPPER.sub("", raw).strip() or raw
        every = re.sub(r"^(?:每个|每一个|各个)", "各", cleaned)  # 每个乡镇 is the list's 各乡镇
        for candidate in (raw, cleaned, every):
            found = self.lookup(candidate)
            if found:
                return UnitCheck(raw, found)
        problem = junk_reason(cleaned)
        if problem is None and self.names:
            problem = "不在单位名录"
        return UnitCheck(raw, cleaned, problem)


def junk_reason(name: str) -> str | None:
    """Why a name cannot be a unit's (巷: one character; 每个乡镇: 泛指), or None when it reads as one."""
    if COLLECTIVE.match(name):
        return "泛指，未落到具体单位"
    if len(name) < 2 or not UNIT_END.search(name):
        return "不像单位名称"
    return None


def read_units(path: Path) -> UnitList:
    """Read the office's 单位名录; a missing or unreadable file is one TrackerError line."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise TrackerError(f"cannot read the list of units: {e.__class__.__name__}", path) from None
    units = UnitList()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        head, _, rest = re.sub(r"\s*[=＝\t]\s*", "=", line, count=1).partition("=")
        head = head.strip().strip(",，")
        aliases = [a.strip() for a in re.split(r"[、,，;；\t]", rest) if a.strip()]
        if head:
            units.add(head, aliases)
    if not units.names:
        raise TrackerError("the list of units is empty", path)
    return units


def default_units() -> UnitList | None:
    """The list named by ``SPEECHKIT_UNITS``, or None."""
    path = os.environ.get(UNITS_ENV)
    return read_units(Path(path)) if path else None


def canonical_units(lead: str | None, cooperating: list[str], units: UnitList | None) -> tuple[str | None, list[str]]:
    """牵头单位 and 配合单位 under their canonical names (the first of a duplicate kept)."""
    if units is None:
        return lead, cooperating
    new_lead = units.check(lead).canonical if lead else lead
    seen: list[str] = []
    for unit in cooperating:
        name = units.check(unit).canonical
        if name != new_lead and name not in seen:
            seen.append(name)
    return new_lead, seen
