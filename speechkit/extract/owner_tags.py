"""Owners in brackets that close an item: "…加快项目落地。(国家发展改革委牵头,各地区按职责分工负责)".

A 实施意见 or 工作方案 gives each of its items to its units in a bracket after the item's text, not in a
subject before it. The item's work is the bracket's units': its subjectless tasks take them as owner (the
lead unit where one leads, as the task conventions have it), its opening measure is a task whatever the
rules made of it, and the bracket itself is no task.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from speechkit.document import Heading
from speechkit.extract.tables import TABLE_KEY
from speechkit.extract.tasks import REPORTED, Candidate

__all__ = ["OwnerTag", "fill_tagged_owners", "owner_tags"]


@dataclass(frozen=True, slots=True)
class OwnerTag:
    owner: str  # the lead unit, or the units that are responsible where none leads
    cooperating: tuple[str, ...]  # the units named after the lead
    start: int  # the bracket's place in the text
    end: int


# After a sentence's end, closing its line or followed by the next item: "。(X牵头,Y配合)\n", "。(X负责)(二)…"
_TAG = re.compile(
    r"(?<=[。；;])\s*[(（](?P<body>[^()（）。\n]{2,240}?(?:牵头|负责|配合|落实))[)）]"
    r"(?=\s*(?:$|\n|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．]))"
)
# "按职责分工负责", "分别负责", "共同负责": how the units share it, not who they are
_SHARING = re.compile(r"(?:等)?(?:按照?职责分工|按职责|分别|共同|具体|配合|协助)?(?:负责|落实|配合)$")
_UNIT_SPLIT = re.compile(r"[、，,]")
_SHORTEST_WORK = 6  # characters: a shorter clause is a label or a fragment


def owner_tags(text: str) -> list[OwnerTag]:
    """The owner brackets closing the items of a text, in order (a 责任单位: row is a table's, not one)."""
    if "牵头" not in text and "负责" not in text:
        return []
    tags = []
    for m in _TAG.finditer(text):
        body = m["body"].strip()
        if TABLE_KEY.search(body):
            continue
        lead, _, after = body.partition("牵头")
        if after or body.endswith("牵头"):
            owner = lead.removeprefix("由").strip(" ,，")
            partners = _SHARING.sub("", after.strip(" ,，"))
            cooperating = tuple(u for u in _UNIT_SPLIT.split(partners) if u) if partners else ()
        else:
            owner, cooperating = _SHARING.sub("", body).strip(" ,，"), ()
        if 2 <= len(owner) <= 120:
            tags.append(OwnerTag(owner, cooperating, m.start("body") - 1, m.end()))
    return tags


def fill_tagged_owners(judged: list[Candidate], text: str, headings: tuple[Heading, ...]) -> None:
    """Give each tagged item's work to its bracket's units (see the module docstring)."""
    tags = owner_tags(text)
    if not tags:
        return
    spans = sorted((h.start, h.start + len(h.marker) + len(h.text)) for h in headings)
    for tag, item in _tagged_items(judged, tags, spans):
        for cand in item:
            if cand.start >= tag.start:
                cand.is_task = cand.is_requirement = False  # the bracket itself
        work = [c for c in item if c.end <= tag.start]
        first = next((c for c in work if len(c.text) >= _SHORTEST_WORK and not REPORTED.search(c.text)), None)
        if first is not None:  # the item's opening measure: what the bracket gives its units
            first.is_task, first.is_requirement = True, False
        for cand in work:
            if cand.is_task and not cand.owner_explicit:
                cand.owner, cand.lead, cand.cooperating = tag.owner, tag.owner, tag.cooperating


def _tagged_items(
    judged: list[Candidate], tags: list[OwnerTag], headings: list[tuple[int, int]]
) -> Iterator[tuple[OwnerTag, list[Candidate]]]:
    """Each tag with the candidates of the item it closes: from the end of the heading above it or of the
    tag before it, whichever is later, to the tag's end (the heading's own text is no work of the item)."""
    starts = [start for start, _ in headings]
    at = [c.start for c in judged]  # in text order, as find_tasks judged them: one search a tag, not a scan
    previous_end = 0
    for tag in tags:
        opened = bisect_right(starts, tag.start)
        start = max(previous_end, headings[opened - 1][1]) if opened else previous_end
        yield tag, judged[bisect_left(at, start) : bisect_left(at, tag.end)]
        previous_end = tag.end
