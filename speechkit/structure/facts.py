"""Speech facts: where the meeting was held, who chaired it, who attended, and each heading's points.

Typed-up minutes head their text with labelled lines (d01: ``地  点:县委三楼会议室``, ``主持人:***``,
``参会人:*** 李永辉 樊波平…`` running on over the next line); reports say it in their lead sentence
(d04: ``区长李朝锋主持召开…推进会…区领导魏少峰、申健民、刘明,县级干部杨绍伟出席``; d03:
``市政府在市机关会议中心8210会议室召开…参加会议的有…``). Found here, in the structure stage, they
reach the JSON, the tracker and the 纪要 alike instead of being re-parsed by one writer.
"""

from __future__ import annotations

import re
from dataclasses import replace

from speechkit.document import Heading, Speech
from speechkit.lang import first_sentences

HEAD_LINES = 20  # facts are stated at the top; later lines are the meeting's content
# A labelled line: "地点:…" "主持人:…" "出席人员:…" "参加会议的有…"; 时间/议题/记录 are recognised only to stop a list.
LABELLED_LINE = re.compile(
    r"^\s*(?:(?P<label>地\s*点|主\s*持(?:人)?|出\s*席(?:人员|情况)?|参会人(?:员)?|参加人员|与会人员"
    r"|列\s*席(?:人员|情况)?|请\s*假(?:人员|情况)?|时\s*间|议\s*题|记\s*录(?:人)?)\s*[:：]"
    r"|(?P<has>(?:参加|出席)(?:此次|本次)?会议的(?:人员)?有)[:：]?)\s*(?P<value>.*?)\s*$"
)
# The label's first character → the Speech field it fills (None: a label that only ends a list).
LABEL_FIELDS: dict[str, str | None] = {"地": "place", "主": "chair", "出": "attendees", "参": "attendees"}
LABEL_FIELDS |= {"与": "attendees", "列": "observers", "请": "absent", "时": None, "议": None, "记": None}
LIST_FIELDS = ("attendees", "absent", "observers")
LIST_ITEM = re.compile(r"^[(（]?\d+[)）.、]\s*")  # "(1)市领导：…" in a list of attendees
UNKNOWN_NAME = re.compile(r"^[*＊×Ｘx]+$")  # "***": a name the source blanked out
# A line that continues a list of names (d01's second line of 参会人): names and spaces only.
NAME_LINE = re.compile(r"^[\u4e00-\u9fff·*＊\s、，,；;（）()]+$")
# The lead sentence of a report: "区长李朝锋主持召开…" "县长曲道凯主持会议" "会议由副市长王五主持".
CHAIR_LEAD = re.compile(
    r"(?:^|[，,。：:；;\s])(?P<chair>[^，,。：:；;\s“”《》]{2,30}?)(?:在(?P<place>[^，,。；;]{2,30}?))?主持(?:召开|会议|了)"
)
CHAIR_BY = re.compile(r"会议由(?P<chair>[^，,。；;]{2,30}?)主持")
PLACE_LEAD = re.compile(
    r"在(?P<place>[^，,。；;在]{2,30}?(?:会议室|会议中心|大厅|礼堂|会场|厅|室|宾馆|酒店))(?:主持)?召开"
)
# "区领导魏少峰、申健民、刘明,县级干部杨绍伟出席" — a sentence that ends with who attended.
ATTENDED = re.compile(
    r"(?:^|[。；;\n])(?P<names>[^。；;\n]{2,200}?)(?P<verb>出席|参加|列席)(?:了)?(?:会议|本次会议|此次会议)?(?=[。；;]|$)"
)
NOT_NAMES = re.compile(r"会议|召开|听取|研究|部署|主持|要求|指出|强调|汇报|讲话|工作|推进|积极|配合|情况")
POINTS_CHARS = 120


def find_facts(speech: Speech) -> Speech:
    """The speech with its place, chair and attendance lists, and each heading's points, filled in."""
    facts = _labelled_facts(speech.text) or {}
    if not facts.get("chair") or not facts.get("place") or not facts.get("attendees"):
        for name, value in _lead_facts(speech.text).items():
            facts.setdefault(name, value)
    headings = tuple(_with_points(speech.text, speech.headings, i) for i in range(len(speech.headings)))
    return replace(speech, headings=headings, **facts)  # type: ignore[arg-type]  # keys: Speech's fact fields


def _labelled_facts(text: str) -> dict[str, object]:
    """Facts from labelled lines; a list label takes the name-only lines that follow it."""
    found: dict[str, object] = {}
    lines = text.split("\n")[:HEAD_LINES]
    current: str | None = None  # the list field a continuation line adds to
    for line in lines:
        match = LABELLED_LINE.match(line)
        if match:
            name = LABEL_FIELDS[re.sub(r"\s", "", match["label"] or match["has"])[0]]
            value = match["value"]
            current = name if name in LIST_FIELDS else None
            if name in ("place", "chair"):
                value = value.strip()
                if value and not UNKNOWN_NAME.match(value):
                    found.setdefault(name, value)
            elif name is not None and name in found:  # a second list of the same people: the first one wins
                current = None
            elif name is not None:
                found[name] = split_names(value)
            continue
        if current and line.strip() and NAME_LINE.match(line) and not NOT_NAMES.search(line):
            found[current] = (*found.get(current, ()), *split_names(line))  # type: ignore[misc]
        else:
            current = None
    return {k: v for k, v in found.items() if v}


def split_names(value: str) -> tuple[str, ...]:
    """ "李永辉    樊波平" → (李永辉, 樊波平); "陈  平" (a name spaced out to two characters) → 陈平;
    "(1)市领导：甲、乙；(2)…" keeps its groups; blanked names (***) are dropped."""
    value = value.strip().rstrip("。")
    if "：" in value or ":" in value:
        parts = re.split(r"[；;]+", value)
    elif re.search(r"[，,；;]", value):
        parts = re.split(r"[，,；;]+", value)
    else:
        parts = _join_spaced(re.split(r"[\s、]+", value))
    names = (LIST_ITEM.sub("", p).strip().strip("（(") for p in parts)
    return tuple(n for n in names if n and not UNKNOWN_NAME.match(n))


def _join_spaced(tokens: list[str]) -> list[str]:
    """Single characters standing next to each other are one name spaced out: 陈 平 → 陈平."""
    names: list[str] = []
    for token in (t for t in tokens if t):
        if len(token) == 1 and names and len(names[-1]) == 1:
            names[-1] += token
        else:
            names.append(token)
    return names


def _lead_facts(text: str) -> dict[str, object]:
    """Chair, place and attendees from the report's first lines, when no label gave them."""
    head = "\n".join(line[:300] for line in text.split("\n")[:6])  # the lead sentences of each opening line
    found: dict[str, object] = {}
    lead = CHAIR_BY.search(head) or CHAIR_LEAD.search(head)
    if lead and not NOT_NAMES.search(lead["chair"]) and not lead["chair"].startswith(("在", "由")):
        found["chair"] = lead["chair"]
        if lead.groupdict().get("place"):
            found["place"] = lead["place"]
    place = PLACE_LEAD.search(head)
    if place and "place" not in found:
        found["place"] = place["place"]
    for match in ATTENDED.finditer(head):
        names = match["names"].strip()
        if NOT_NAMES.search(names) or len(names) > 120:
            continue
        field = "observers" if match["verb"] == "列席" else "attendees"
        groups = (g.strip() for g in re.split(r"[，,；;]+", names))  # "区领导甲、乙，县级干部丙": 、 stays in a group
        found.setdefault(field, tuple(g for g in groups if g))
    return found


def _with_points(text: str, headings: tuple[Heading, ...], index: int) -> Heading:
    """A heading's points: the first sentences of its section after its own paragraph (what a 纪要 keeps)."""
    heading = headings[index]
    end = headings[index + 1].start if index + 1 < len(headings) else len(text)
    own_end = text.find("\n", heading.start)
    if own_end < 0 or own_end >= end:
        return heading
    paragraph = _first_line(text, own_end, end)
    return replace(heading, points=first_sentences(paragraph, POINTS_CHARS)) if paragraph else heading


def _first_line(text: str, start: int, end: int) -> str:
    """The first line of ``text[start:end]`` that is not blank, stripped ("" if none): read a line at a
    time, not the whole section split into lines for its first (a long section was copied and split whole)."""
    while start < end:
        stop = text.find("\n", start, end)
        line = text[start : end if stop < 0 else stop].strip()
        if line or stop < 0:
            return line
        start = stop + 1
    return ""
