"""The person a speech's opening names most like its speaker, where the rules named nobody.

The speaker rules (``split``) read how reports and speeches name who spoke ("县长刘国庆强调", "主持人：…",
"在…上的讲话 / 张三"). Where none of them fires, a logistic model weighs each personal name the opening
lines hold (jieba's ``nr`` tag) by eleven cues: how often and how early it is named, whether it speaks
(指出/强调/要求/讲话…), chairs (主持) or only attends (出席/参加), stands after a title of office, in the
title, before 同志, after 由. Not in a talk: the names a talk holds are others' ("传达了副市长何顺洪同志的讲话精神").
Fitted on the read sets' gold speakers (``benchmarks/speaker_model.py``): each read set left out, 0.947 against
the rules' 0.945; on the twenty never-trained sets of release 19, 0.792 -> 0.811.
"""

from __future__ import annotations

import math
import re

from speechkit.lang import COMMON_SURNAMES, ROLE_TITLES
from speechkit.lexicon import pos_cut

__all__ = ["likely_speaker"]

_HEAD = 1500  # characters of the speech read after its title
_SPEAKS = re.compile(r"^.{0,8}?(?:指出|强调|要求|讲话|表示|说|提出|作了|做了|部署|总结|点评|传达)")
_CHAIRS = re.compile(r"^.{0,10}?主持")
_ATTENDS = re.compile(r"^.{0,12}?(?:出席|参加|到会|陪同|参会|列席)")
_OFFICE_BEFORE = re.compile("(?:" + "|".join(sorted(map(re.escape, ROLE_TITLES), key=len, reverse=True)) + ")$")
# Learned weights of the cues in ``_cues``' order, and the intercept: ``benchmarks/speaker_model.py`` (scikit-
# learn's LogisticRegression, C=1, on the 1,879 names of 729 speeches of the read sets, 340 of them the speaker)
_WEIGHTS = (0.7082, -2.6136, 2.1219, 1.6952, -0.7375, 1.2704, -0.0557, 0.4035, -0.8623, 0.3384, -0.7259)
_INTERCEPT = -2.3807
_UNIT_ENDS = frozenset("局委办部科处室所站队组院校厅司会社省市县区镇乡村")
_THRESHOLD = 0.7  # of 0.4-0.7, the best on the read sets left out one by one (0.6 and 0.7 tie: the stricter)


def likely_speaker(title: str | None, text: str) -> str | None:
    """The name the opening of a speech most likely gives its speaker by, if the model is sure enough."""
    head = (title or "") + "\n" + text[:_HEAD]
    best, best_p = None, _THRESHOLD
    for name in _names(head):
        score = _INTERCEPT + sum(w * c for w, c in zip(_WEIGHTS, _cues(name, head, title or ""), strict=True))
        p = 1.0 / (1.0 + math.exp(-score))
        if p > best_p:
            best, best_p = name, p
    return best


def _names(head: str) -> list[str]:
    """The personal names of two or three characters jieba tags in the opening, each once, in order."""
    found: list[str] = []
    for word in pos_cut(head):
        name = word.word
        if (
            word.flag.startswith("nr")
            and 2 <= len(name) <= 3
            and name[0] in COMMON_SURNAMES
            and name[-1] not in _UNIT_ENDS  # "林草局": jieba's name, a unit's
            and name not in found
        ):
            found.append(name)
    return found


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
