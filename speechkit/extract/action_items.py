"""Action items as teams write them in their minutes: a checkbox ("- [ ] 张三：整理需求文档，周五前"), or the
items listed under a follow-up label ("## 待办事项", "遗留问题：", "Action Items", "下一步计划").

Such minutes (markdown kept in a repository, a wiki page) give their work as a list, one item a line, often
with no directive word at all ("- 整理测试报告 @李明"): what the list is for makes each item a task. The item's
owner is the person or team it tags (@李明, 负责人：X, "X：…" at its head, "…——X" or "（X）" at its end).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from speechkit.document import Task
from speechkit.extract.deadlines import find_deadline, find_recurrence
from speechkit.extract.tables import KEY_SEPARATOR

__all__ = ["action_item_tasks"]

# A line that labels the follow-ups: "## 待办事项", "【上周待办事项】", "遗留问题：", "**Action Items**", "下一步计划:"
_FOLLOW_UP_LABEL = re.compile(
    r"^[#*【\[\s]*(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．]\s*)?(?:本周|上周|会后|后续)?"
    r"(?:待办事项|待办|行动项|行动计划|后续行动|后续事项|遗留问题|跟进事项|会后任务|下一步(?:工作|计划|安排|事务)?|"
    r"action\s*items?|todo|to-do)"
    r"(?:\s*[(（][^)）\n]{0,30}[)）])?[】\]*\s]*[:：]?\s*$",
    re.IGNORECASE,
)
# A list item: "- …", "* …", "+ …", "• …", "1. …", "1、…", "1）…", "(1) …", with a checkbox or not
_ITEM = re.compile(
    r"^\s*(?:[-*+•·]\s+|\d{1,2}[.、．)）]\s*|[(（]\d{1,2}[)）]\s*)?(?P<box>\[[ xX✓]\]\s*)?(?P<body>\S.*)$"
)
_MENTION = re.compile(r"@(?P<who>[\w\u4e00-\u9fff][\w\u4e00-\u9fff.\-]{0,20})")
_OWNER_ROW = re.compile(rf"(?:负责人|责任人|owner|Owner){KEY_SEPARATOR}(?P<who>[^，,。;；()（）|\n]{{1,30}})")
# "张三：整理…", "运营组: …": a short name before a colon opening the item (not "注意：" or a time "10:30")
_HEAD_OWNER = re.compile(r"^(?P<who>[\w\u4e00-\u9fff、&/ ]{1,16}?)\s*[:：]\s*(?=\S)")
# "…——张三", "… --张振、高博", "…（张三）" closing the item
_TAIL_OWNER = re.compile(
    r"(?:\s*(?:——|--|—)\s*(?P<dash>[^—\-\s][^—\-]{0,20})|[(（](?P<paren>[^()（）]{1,12})[)）])\s*$"
)
_NOT_AN_OWNER = re.compile(r"\d|[:：]|备注|注意|说明|结论|议题|时间|地点|进展|状态|问题|目标|内容|计划|完成|已|未")
_DONE = re.compile(r"^\[[xX✓]\]")  # a box ticked: done before the meeting, no work left


def action_item_tasks(text: str) -> list[Task]:
    """The action items of a text, as tasks, in order (see the module docstring)."""
    if not _CHECKBOX.search(text) and not _LABEL_LINE.search(text):
        return []  # neither a checkbox nor a follow-up label: most texts, read without going line by line
    return [task for start, body in _item_lines(text) if (task := _item_task(body, start))]


_CHECKBOX = re.compile(r"\[[ xX✓]\]")
_LABEL_LINE = re.compile(_FOLLOW_UP_LABEL.pattern, re.IGNORECASE | re.MULTILINE)


def _item_lines(text: str) -> Iterator[tuple[int, str]]:
    """Where each action item's text starts, and the text: every open checkbox line, and the listed or tagged
    lines under a follow-up label until the next heading or label (a table's rows are the table's)."""
    under_label = False
    at = 0
    for line in text.split("\n"):
        start, at = at, at + len(line) + 1
        if _FOLLOW_UP_LABEL.match(line):
            under_label = True
            continue
        item = _ITEM.match(line)
        if item is None or line.lstrip().startswith(("|", "｜")):
            continue
        if item["box"]:
            if not _DONE.match(item["box"]):
                yield start + item.start("body"), item["body"]
            continue
        if _SECTION_END.match(line):
            under_label = False  # the next heading or label ends the follow-ups
        elif under_label and (_listed(line, item) or _OWNER_ROW.search(line) or _MENTION.search(line)):
            yield start + item.start("body"), item["body"]  # not the paragraphs of a report's 下一步工作


def _listed(line: str, item: re.Match[str]) -> bool:
    """Whether the line opens with a list mark ("- ", "1.", "2）")."""
    return item.start("body") > len(line) - len(line.lstrip())


# A heading (markdown or 公文) or a short label line ending with a colon: the end of a list of follow-ups
_SECTION_END = re.compile(
    r"^\s*(?:#{1,6}\s|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])|^[^,，。]{1,20}[:：]\s*$"
)


def _item_task(body: str, start: int) -> Task | None:
    """The task an action item gives: its work, its owner and its limit; None for a fragment."""
    owner, work = _owner_and_work(body.strip())
    quote = work.strip(" 。;；,，")
    if len(quote) < 4:
        return None
    deadline = find_deadline(quote)
    at = start + max(body.find(quote), 0)  # a tag cut from the middle leaves the quote where the item starts
    return Task(
        quote=quote,
        owner=owner,
        deadline=deadline.text if deadline else None,
        recurrence=find_recurrence(quote),
        start=at,
        end=at + len(quote),
    )


def _owner_and_work(body: str) -> tuple[str | None, str]:
    """Who an item tags and its work without the tag."""
    if m := _OWNER_ROW.search(body):
        return m["who"].strip(), body[: m.start()] + body[m.end() :]
    if m := _MENTION.search(body):
        return m["who"], (body[: m.start()] + body[m.end() :]).strip()
    if (m := _HEAD_OWNER.match(body)) and not _NOT_AN_OWNER.search(m["who"]):
        return m["who"].strip(), body[m.end() :]
    if m := _TAIL_OWNER.search(body):
        who = (m["dash"] or m["paren"] or "").strip()
        if who and not _NOT_AN_OWNER.search(who) and len(who) <= 12:
            return who, body[: m.start()]
    return None, body
