"""The person a speech's opening names most like its speaker, where the rules named nobody.

The speaker rules (``split``) read how reports and speeches name who spoke ("县长刘国庆强调", "主持人：…",
"在…上的讲话 / 张三"). Where none of them fires and the text is not a talk (whose names are others': "传达了副市长
何顺洪同志的讲话精神"), a logistic model weighs each personal name the opening gives next to an office or before
同志 or a speaking verb (``_names``) by eleven cues: how often and how early it is named, whether it speaks
(指出/强调/要求/讲话…), chairs (主持) or only attends (出席/参加), stands after a title of office, in the title,
before 同志, after 由. Fitted on the read sets' gold speakers (``benchmarks/speaker_model.py``): each read set left
out, 0.948 against the rules' 0.946; on the nineteen never-trained sets of release 19, 0.783 -> 0.804.
"""

from __future__ import annotations

import math
import re

from speechkit.lang import COMMON_SURNAMES, UNIT_ENDS, roles_pattern
from speechkit.lexicon import lexicon

__all__ = ["likely_speaker"]

_HEAD = 600  # characters of the speech read after its title (where the read sets name every speaker)
_SPEAKS = re.compile(r"^[^。！？；;\n]{0,8}?(?:指出|强调|要求|讲话|表示|说|提出|作了|做了|部署|总结|点评|传达)")
_CHAIRS = re.compile(r"^[^。！？；;\n]{0,10}?主持")
_ATTENDS = re.compile(r"^[^。！？；;\n]{0,12}?(?:出席|参加|到会|陪同|参会|列席)")
_OFFICE_BEFORE = re.compile(f"{roles_pattern()}$")
# Learned weights of the cues in ``_cues``' order, and the intercept: ``benchmarks/speaker_model.py`` (scikit-
# learn's LogisticRegression, C=1, on the 643 names of 753 speeches of the read sets, 298 of them the speaker)
_WEIGHTS = (1.9708, -1.3648, 2.1554, 1.4181, -0.6767, 1.4381, 0.3803, 0.3936, -0.9485, 0.4184, -0.1514)
_INTERCEPT = -3.9705
_THRESHOLD = 0.5  # of 0.4-0.7, the best on the read sets left out one by one (0.4 and 0.5 tie: the stricter)


def likely_speaker(title: str | None, text: str) -> str | None:
    """The name the opening of a speech most likely gives its speaker by, if the model is sure enough."""
    head = (title or "") + "\n" + text[:_HEAD]
    best, best_p = None, _THRESHOLD
    for name in _names(head):
        cues = _cues(name, head, title or "")
        if only_attends(cues):
            continue
        score = _INTERCEPT + sum(w * c for w, c in zip(_WEIGHTS, cues, strict=True))
        p = 1.0 / (1.0 + math.exp(-score))
        if p > best_p:
            best, best_p = name, p
    return best


def _names(head: str) -> list[str]:
    """The personal names of two or three characters the opening gives next to an office ("厅长邵汉生") or
    before 同志 or a speaking verb ("吕大伟出席会议并讲话", "王林强调"), each once, in order: found by patterns,
    no cut (jieba's part-of-speech HMM took 1.3 s on 1,500 characters of a page)."""
    found: list[str] = []
    for m in _AFTER_OFFICE.finditer(head):
        _add(found, _sized(head, m.end()))
    for m in _BEFORE_CUE.finditer(head):
        _add(found, _sized_back(head, m.start()))
    return sorted(found, key=head.find)


def _add(found: list[str], name: str | None) -> None:
    if name and name[0] in COMMON_SURNAMES and name[-1] not in UNIT_ENDS and name not in found and not _a_word(name):
        found.append(name)


def _a_word(name: str) -> bool:
    """Whether jieba's dictionary holds the characters as a word other than a name ("申报", "高度", "张贴")."""
    words = lexicon()
    words.load(name)
    tag = words.tags.get(name)
    return tag is not None and not tag.startswith("nr")


def only_attends(cues: list[float]) -> bool:
    """A name the opening says only attended, neither speaking nor chairing: "副县长王玉宝出席会议。会议强调…"
    is no speaker (the rules' own reading, real documents)."""
    return bool(cues[4]) and not (cues[2] or cues[3])


def _sized(head: str, start: int) -> str | None:
    """The name after an office: two characters where a name's end follows them, else three."""
    for size in (2, 3):
        name = head[start : start + size]
        if len(name) == size and all("\u4e00" <= c <= "\u9fff" for c in name) and _NAME_ENDS.match(head, start + size):
            return name
    return None


def _sized_back(head: str, end: int) -> str | None:
    """The name before 同志 or a speaking verb: three characters where an office or no Chinese character stands
    before them, else two."""
    for size in (3, 2):
        start = end - size
        if start < 0:
            continue
        name = head[start:end]
        if not all("\u4e00" <= c <= "\u9fff" for c in name) or name[0] not in COMMON_SURNAMES:
            continue
        if size == 3 and name[-1] in _LINKS:  # "副总经理李锰在讲话中…": 在 links the name to the cue
            continue
        before = head[max(0, start - 8) : start]
        if not before or not "\u4e00" <= before[-1] <= "\u9fff" or _OFFICE_BEFORE.search(before):
            return name
    return None


# Not after 我/全/本/该, where the office's first character closes a place: "开展我市|长江经济带…"
_AFTER_OFFICE = re.compile(f"(?<![我全本该]){roles_pattern()}(?=[{COMMON_SURNAMES}])")
_LINKS = frozenset("在就对向")
_BEFORE_CUE = re.compile(r"(?:同志|指出|强调|要求|讲话|表示|主持|提出|出席|参加|说[,，:：])")
# What may follow a name: 同志, a stop or a bracket, a digit ("俞正声26日"), a speaking or attending verb, a
# preposition or a conjunction
_NAME_ENDS = re.compile(
    r"同志|[、,，。:：;；(（)）\s|\d]|指出|强调|要求|讲话|表示|主持|出席|参加|提出"
    r"|在|就|对|说|作|做|到|带|率|一行|等|和|与|及|$"
)


def _cues(name: str, head: str, title: str) -> list[float]:
    spots = [m.start() for m in re.finditer(re.escape(name), head)]
    after = [head[at + len(name) : at + len(name) + 14] for at in spots]
    before = [head[max(0, at - 8) : at] for at in spots]
    return [
        math.log1p(len(spots)),
        spots[0] / max(len(head), 1) if spots else 1.0,
        float(any(_SPEAKS.match(a) for a in after)),
        float(any(_CHAIRS.match(a) for a in after)),
        float(any(_ATTENDS.match(a) for a in after)),
        float(any(_OFFICE_BEFORE.search(b) for b in before)),
        float(name in title),
        float(any(a.startswith("同志") for a in after)),
        float(any(b.endswith("由") for b in before)),
        float("讲话" in title and name in title),
        float(len(name) == 2),
    ]
