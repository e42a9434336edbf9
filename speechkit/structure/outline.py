"""Headings 一、(一)1.(1)① and the spoken 一是/一要/第一/首先."""

from __future__ import annotations

import re

from speechkit.document import Heading

_MARKER = re.compile(r"^(?P<m>[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、．]|[(（]\d+[)）])")


def find_headings(text: str) -> tuple[Heading, ...]:
    """Return the outline of one speech, levels in order of first appearance of each marker kind."""
    kinds: list[str] = []
    headings: list[Heading] = []
    offset = 0
    for line in text.split("\n"):
        m = _MARKER.match(line)
        if m:
            marker = m.group("m")
            kind = re.sub(r"[一二三四五六七八九十]+", "一", re.sub(r"\d+", "1", marker))
            if kind not in kinds:
                kinds.append(kind)
            body = re.split(r"[。；:：]", line[m.end() :], maxsplit=1)[0]
            headings.append(Heading(kinds.index(kind) + 1, marker, body, offset, paragraph=line))
        offset += len(line) + 1
    return tuple(headings)
