"""Which candidate clauses are tasks: a logistic regression learned from the real annotated sets.

The rules of ``tasks.py`` judge every candidate clause; their verdict is then revised by a model trained
on the candidates of the real annotated sets (the seeds, dev, dev2, the held-out sets, real sets 3-27; real sets
16, 28, 29 and 30 are kept out, for a clean measure):
character 1-3-grams of the clause's opening, TF-IDF weighted as scikit-learn's
``TfidfVectorizer(analyzer="char", sublinear_tf=True)`` does, next to the rules' own features (their
verdict, a deadline, a cadence, a named owner, a directive word…), where in its speech the clause stands,
and the kind of document the clause is in (minutes, a report of a meeting, a notice, or a speech, and how
long it is). A speech's exhortations and a report's assignments read alike clause by clause; the kind and
the place let one model weigh them apart.
``benchmarks/task_classifier.py`` measures the model against the rules, each set scored by a model trained on
the others.

The weights are data (``task_model.json.gz``), written by ``benchmarks/task_classifier.py --save``;
inference is a few numpy operations over all the candidates of a text, so speechkit needs no scikit-learn.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import numpy as np

from speechkit.extract.tasks import (
    Candidate,
    acting_party,
    addressed_party,
    asks_only_an_attitude,
    given_at_the_end,
    introduces_what_follows,
    is_bare_time,
    is_minutes,
    narrates_the_meeting,
    opening_party,
    reports_a_result,
)

MODEL_FILE = Path(__file__).with_name("task_model.json.gz")
OPENING = 40  # characters of a clause the n-grams are taken from
NGRAMS = (1, 3)

_DIRECTIVE_WORDS = (
    "要", "必须", "务必", "确保", "负责", "牵头", "抓紧", "加紧", "尽快", "须", "需", "应", "请", "力争",
    "争取", "做好", "抓好", "落实", "完成",
)  # fmt: skip
_REPORTED_WORDS = ("已", "了", "同比", "增长", "累计")
_ADDRESSED_WORDS = ("我们", "你们")  # [我你]们
_DIRECTIVE = re.compile("|".join(_DIRECTIVE_WORDS))
_REPORTED = re.compile("|".join(_REPORTED_WORDS))
_ADDRESSED = re.compile("|".join(_ADDRESSED_WORDS))
_DIGIT = re.compile(r"\d")
_WHITE_SPACE = re.compile(r"\s\s+")
# A report of a meeting speaks of the meeting as the one that asks, opening a clause: "会议要求，各乡镇一要…"
# (not 按照会议要求)…
_MEETING_ASKS = re.compile(r"(?:会议|会上)(?:还|并|最后)?(?:要求|强调|指出|明确|提出|认为|决定)")
_CLAUSE_ENDS = frozenset("。；;，,:：\n")
# ...and says who attended, in its opening lines ("…等30余人参加会议。"); a speech may say 参加会议 anywhere.
_ATTENDED = re.compile(r"参加(?:了)?(?:本次|此次)?(?:会议|座谈)|参会")
_LEAD_CHARS = 600
# A notice says so ("现将有关事项通知如下", "特此通知"), or its title names its kind.
_NOTIFIES = re.compile(r"通知如下|特此通知|现将有关事项")
_NOTICE_TITLE = re.compile(r"(?:通知|方案|分解表)$")


@dataclass(frozen=True)
class DocumentKind:
    """What the model knows of the document a clause is in."""

    minutes: bool  # 会议纪要: a record of what was decided
    record: bool  # minutes, or a report of a meeting
    notice: bool  # a notice or a work plan
    length: int  # characters of the speech (or minutes) the clause is in

    def as_features(self) -> list[float]:
        return list(self._features)

    @cached_property
    def _features(self) -> tuple[float, ...]:
        """``as_features`` worked out once: every candidate of a text is in the same document (issue 18)."""
        length = min(max(self.length, _SHORTEST), _LONGEST)  # the lengths the model learned from
        return (float(self.minutes), float(self.record), float(self.notice), math.log1p(length) / 10)


# Speeches shorter or longer than nearly all the model was trained on (5th percentile 291 characters,
# longest 16,590) count as these: the length's weight is not extrapolated to a 150-character case.
_SHORTEST, _LONGEST = 300, 20_000


def document_kind(text: str, title: str | None = None) -> DocumentKind:
    return DocumentKind(
        minutes=is_minutes(text),  # one search a speech: is_minutes keeps its last answer
        record=is_meeting_record(text),
        notice=is_notice(text, title),
        length=len(text),
    )


def rule_features(candidate: Candidate, kind: DocumentKind) -> list[float]:
    """What the rules found in a candidate and the kind of its document, as numbers (the model's
    non-text features)."""
    text = candidate.text
    return [
        float(candidate.is_task),
        float(candidate.is_requirement),
        float(bool(candidate.deadline)),
        float(bool(candidate.recurrence)),
        float(candidate.owner_explicit),
        float(bool(candidate.owner)),
        float(bool(_DIRECTIVE.search(text))),
        float(bool(_DIGIT.search(text))),
        min(len(text), 120) / 120,
        float(bool(_REPORTED.search(text))),
        float(bool(_ADDRESSED.search(text))),
        *_place(candidate.start, kind.length),
        *kind._features,
    ]


def _place(start: int, length: int) -> tuple[float, float]:
    """Where in its speech a clause stands (0 its opening, 1 its end), and its square: a speech or a
    report opens on the situation and what was done and closes on the work asked (left-one-set-out task
    F1, mean over dev2 and real sets 3-24: 0.592 without it, 0.609 with it)."""
    place = min(start / max(length, 1), 1.0)
    return place, place * place


_RULE_COLUMNS = 13  # rule_features before the document's kind


def rule_rows(candidates: list[Candidate], kind: DocumentKind) -> np.ndarray:
    """``rule_features`` of the candidates of one document, as the rows of one array: each pattern is
    searched once over all their texts (joined by line breaks, which none of its matches holds), not once
    a candidate (issue 18)."""
    texts = [c.text for c in candidates]
    rows = np.empty((len(texts), _RULE_COLUMNS + len(kind._features)))
    rows[:, 0] = [c.is_task for c in candidates]
    rows[:, 1] = [c.is_requirement for c in candidates]
    rows[:, 2] = [bool(c.deadline) for c in candidates]
    rows[:, 3] = [bool(c.recurrence) for c in candidates]
    rows[:, 4] = [c.owner_explicit for c in candidates]
    rows[:, 5] = [bool(c.owner) for c in candidates]
    rows[:, 8] = [min(len(text), 120) / 120 for text in texts]
    place = np.minimum(np.array([c.start for c in candidates], dtype=float) / max(kind.length, 1), 1.0)
    rows[:, 11], rows[:, 12] = place, place * place
    rows[:, _RULE_COLUMNS:] = kind._features
    starts = np.cumsum([0] + [len(text) + 1 for text in texts[:-1]])
    joined = "\n".join(texts)
    rows[:, [6, 7, 9, 10]] = 0.0
    found = [m.start() for m in _DIGIT.finditer(joined)]  # a text holds a match if one starts in it
    rows[np.searchsorted(starts, found, side="right") - 1, 7] = 1.0
    # The other three are alternations of words, each branch opening with a literal: the engine skips to the
    # characters a word starts with (a third faster than a str.find for each word and each of its places).
    for column, pattern in ((6, _DIRECTIVE), (9, _REPORTED), (10, _ADDRESSED)):
        found = [m.start() for m in pattern.finditer(joined)]
        rows[np.searchsorted(starts, found, side="right") - 1, column] = 1.0
    return rows


def char_ngrams(text: str) -> list[str]:
    """The character n-grams of a clause's opening, as scikit-learn's ``analyzer="char"`` cuts them."""
    text = _WHITE_SPACE.sub(" ", text[:OPENING].lower())
    low, high = NGRAMS
    return [text[i : i + n] for n in range(low, min(high, len(text)) + 1) for i in range(len(text) - n + 1)]


@dataclass(frozen=True)
class TaskModel:
    """The learned weights: per n-gram of the vocabulary its IDF and coefficient, the rule features'
    coefficients, the intercept and the threshold."""

    grams: tuple[str, ...]
    idf: tuple[float, ...]
    coef: tuple[float, ...]
    rule_coef: tuple[float, ...]
    intercept: float
    threshold: float

    def probability(self, candidate: Candidate, kind: DocumentKind) -> float:
        return self.probabilities([candidate.text], [rule_features(candidate, kind)])[0]

    def probabilities(self, texts: list[str], features: list[list[float]] | np.ndarray) -> list[float]:
        """P(task) of each clause with its rule features: TF-IDF (sublinear, l2) · coef + features · coef,
        as scikit-learn computes it. All clauses of a text at once: one search and one sort for all their
        n-grams, not a dictionary lookup per n-gram (the model judges every candidate of every text)."""
        if not texts:
            return []
        openings = [t[:OPENING].lower() for t in texts]
        if _WHITE_SPACE.search("\0".join(openings)):  # most texts have no run of spaces to close up
            openings = [_WHITE_SPACE.sub(" ", t) for t in openings]
        keys, clause = _gram_keys(openings)
        vocabulary, idf, coef = self._vocabulary
        at = vocabulary.find(keys)
        known = at >= 0
        # one entry per (clause, n-gram) with its count: the n-gram's place in the vocabulary, clause by clause
        pairs, counts = np.unique(clause[known] * len(self.grams) + at[known], return_counts=True)
        of_clause, gram = np.divmod(pairs, len(self.grams))
        weight = idf[gram] * (1.0 + np.log(counts))
        norm = np.sqrt(np.bincount(of_clause, weights=weight * weight, minlength=len(texts)))
        text_score = np.bincount(of_clause, weights=weight * coef[gram], minlength=len(texts)) / np.where(
            norm > 0, norm, 1.0
        )
        score = self.intercept + text_score + np.asarray(features, dtype=float) @ np.asarray(self.rule_coef)
        return (1.0 / (1.0 + np.exp(-score))).tolist()

    @cached_property
    def _vocabulary(self) -> tuple[_KeyIndex, np.ndarray, np.ndarray]:
        """The vocabulary indexed by its integer keys (``_gram_keys``), with its IDFs and coefficients."""
        return _KeyIndex(_vocabulary_keys(self.grams)), np.asarray(self.idf), np.asarray(self.coef)

    def to_json(self) -> dict[str, object]:
        order = sorted(range(len(self.grams)), key=self.grams.__getitem__)
        return {
            "grams": [self.grams[i] for i in order],
            "idf": [round(self.idf[i], 6) for i in order],
            "coef": [round(self.coef[i], 6) for i in order],
            "rule_coef": [round(c, 6) for c in self.rule_coef],
            "intercept": round(self.intercept, 6),
            "threshold": self.threshold,
        }

    @classmethod
    def from_json(cls, data: dict) -> TaskModel:
        return cls(
            grams=tuple(data["grams"]),
            idf=tuple(float(x) for x in data["idf"]),
            coef=tuple(float(x) for x in data["coef"]),
            rule_coef=tuple(float(c) for c in data["rule_coef"]),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
        )


class _KeyIndex:
    """Where each of many integer keys sits in a list of distinct non-negative keys, -1 where it is not:
    a table with open addressing, searched for all keys at once (about twice as fast as a binary search
    of the sorted list, which was the model's costliest step)."""

    def __init__(self, keys: np.ndarray) -> None:
        # The table at most a quarter full: at half full a key not in it took up to 23 probes, and the search
        # a third longer (issue 18); places as int32 (a vocabulary has fewer than 2**31 n-grams), 3 MB in all.
        self._bits = max(4, (4 * len(keys)).bit_length())
        self._keys = np.full(1 << self._bits, -1, dtype=np.int64)
        self._at = np.zeros(1 << self._bits, dtype=np.int32)
        home, pending, self._probes = self._home(keys), np.arange(len(keys)), 0
        while len(pending):  # each round, every key still out takes the next slot if it is free
            slot = (home[pending] + self._probes) & (len(self._keys) - 1)
            free = self._keys[slot] == -1
            _, first = np.unique(slot[free], return_index=True)  # one key a slot
            placed, where = pending[free][first], slot[free][first]
            self._keys[where], self._at[where] = keys[placed], placed
            pending = np.setdiff1d(pending, placed, assume_unique=True)
            self._probes += 1

    def _home(self, keys: np.ndarray) -> np.ndarray:
        """Fibonacci hashing: the top bits of the key times 2**64 / golden ratio."""
        mixed = keys.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        return (mixed >> np.uint64(64 - self._bits)).astype(np.int64)

    def find(self, keys: np.ndarray) -> np.ndarray:
        # The first probe over all keys at once, without index arrays: it settles three keys in four.
        home = self._home(keys)
        held = self._keys[home]
        hit = held == keys
        found = np.where(hit, self._at[home], -1)
        pending = np.flatnonzero(~hit & (held != -1))  # an empty slot ends a key's search
        for probe in range(1, self._probes):
            if not len(pending):
                break
            slot = (home[pending] + probe) & (len(self._keys) - 1)
            held = self._keys[slot]
            hit = held == keys[pending]
            found[pending[hit]] = self._at[slot[hit]]
            pending = pending[~hit & (held != -1)]
        return found


def _gram_keys(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Every character 1-3-gram of the texts as one integer, its code points 21 bits each (a unigram, a
    bigram and a trigram never share a key), with the index of the text it comes from."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    points = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    of_text = np.repeat(np.arange(len(texts)), lengths)
    pair = of_text[1:] == of_text[:-1]  # two neighbouring characters of one text
    triple = pair[1:] & pair[:-1]
    bigrams = ((points[:-1] << 21) | points[1:])[pair]
    trigrams = ((points[:-2] << 42) | (points[1:-1] << 21) | points[2:])[triple]
    return np.concatenate((points, bigrams, trigrams)), np.concatenate(
        (of_text, of_text[:-1][pair], of_text[:-2][triple])
    )


def _vocabulary_keys(grams: tuple[str, ...]) -> np.ndarray:
    """The keys of ``_gram_keys`` of n-grams of 1-3 characters: each padded to three with code point 0."""
    points = np.frombuffer("".join(g.rjust(3, "\0") for g in grams).encode("utf-32-le"), dtype=np.uint32)
    a, b, c = points.astype(np.int64).reshape(-1, 3).T
    return (a << 42) | (b << 21) | c


@cache
def task_model() -> TaskModel | None:
    """The shipped model, read once; None when the package was built without it."""
    if not MODEL_FILE.exists():
        return None
    with gzip.open(MODEL_FILE, "rt", encoding="utf-8") as f:
        return TaskModel.from_json(json.load(f))


def save_model(model: TaskModel, path: Path = MODEL_FILE) -> None:
    data = json.dumps(model.to_json(), ensure_ascii=False, separators=(",", ":"))
    path.write_bytes(gzip.compress(data.encode("utf-8"), compresslevel=9, mtime=0))


def fit_sklearn(texts: list[str], features: list[list[float]], labels: list[bool]) -> tuple[Any, Any]:
    """Train the model with scikit-learn (a dev dependency): the vectorizer and the logistic regression."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer=char_ngrams, min_df=2, sublinear_tf=True)
    x = hstack([vectorizer.fit_transform(texts), csr_matrix(features)]).tocsr()
    return vectorizer, LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced").fit(x, labels)


def sklearn_probability(fitted: tuple[Any, Any], texts: list[str], features: list[list[float]]) -> list[float]:
    """scikit-learn's own P(task) of each clause: the reference the plain-Python inference must equal."""
    from scipy.sparse import csr_matrix, hstack

    vectorizer, model = fitted
    x = hstack([vectorizer.transform(texts), csr_matrix(features)]).tocsr()
    return [float(p) for p in model.predict_proba(x)[:, 1]]


def to_task_model(fitted: tuple[Any, Any], threshold: float) -> TaskModel:
    """The weights of a fitted scikit-learn model, for inference without scikit-learn."""
    vectorizer, model = fitted
    coef = model.coef_[0]
    grams = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    n_text = len(grams)
    return TaskModel(
        grams=tuple(grams),
        idf=tuple(float(x) for x in vectorizer.idf_),
        coef=tuple(float(x) for x in coef[:n_text]),
        rule_coef=tuple(float(c) for c in coef[n_text:]),
        intercept=float(model.intercept_[0]),
        threshold=threshold,
    )


def is_meeting_record(text: str) -> bool:
    """Minutes, or a report of a meeting: what was asked of whom, not a speech's exhortations."""
    return is_minutes(text) or _reports_a_meeting(text)


def _reports_a_meeting(text: str) -> bool:
    """A report of a meeting: the meeting asks, or its opening lines say who attended."""
    return _meeting_asks(text) or bool(_ATTENDED.search(text, 0, _LEAD_CHARS))


def _meeting_asks(text: str) -> bool:
    """Whether ``_MEETING_ASKS`` opens a clause: at the start or after a clause's end (``_CLAUSE_ENDS``),
    whitespace between. The same answer as one pattern with that opening before it, which could not skip
    ahead to 会 and was tried at every character of every speech (issue 18)."""
    for m in _MEETING_ASKS.finditer(text):  # its matches hold no 会 after their first: none is skipped
        before = m.start()
        while before > 0 and text[before - 1].isspace():  # \s
            before -= 1
        if before == 0 or text[before - 1] in _CLAUSE_ENDS or "\n" in text[before : m.start()]:
            return True
    return False


def is_notice(text: str, title: str | None = None) -> bool:
    """A notice or a work plan (通知, 方案, 任务分解表): what is asked of whom, as in minutes."""
    return bool(_NOTIFIES.search(text) or _NOTICE_TITLE.search(title or ""))


def revise_verdicts(judged: list[Candidate], text: str, title: str | None = None) -> None:
    """The model decides which judged candidates of a speech, minutes or notice are tasks."""
    model = task_model()
    if model is None:
        return
    kind = document_kind(text, title)
    weighed = [c for c in judged if len(c.text) >= 4]
    probabilities = model.probabilities([c.text for c in weighed], rule_rows(weighed, kind))
    for candidate, probability in zip(weighed, probabilities, strict=True):
        was_task = candidate.is_task
        candidate.is_task = (
            probability > model.threshold
            and not candidate.extra.get("leads_in")
            and not asks_only_an_attitude(candidate.text)
            and not narrates_the_meeting(candidate.text)
            and not introduces_what_follows(candidate.text)
            and not reports_a_result(candidate.text)
            and not is_bare_time(candidate.text)  # "4月7日前": a table's cell, a limit with no work
        )
        candidate.is_requirement = candidate.is_requirement and not candidate.is_task
        if candidate.is_task and not candidate.owner_explicit:
            _name_the_owner(candidate, flipped=not was_task)


def _name_the_owner(task: Candidate, flipped: bool) -> None:
    """The owner of a task whose party the rules did not name. A task of the rules that has the chain's
    party takes only a party its own clause opens with. Else the party its clause opens with or asks; a
    task the model made may still take what the rules read, else the chain's party, but a task of the
    rules with no owner does not take the chain's party (it lost dev2 0.02 owner accuracy)."""
    if not flipped and task.owner:
        if opener := given_at_the_end(task.text) or opening_party(task.text) or acting_party(task.text):
            task.owner, task.owner_explicit = opener, True
        return
    named = (
        given_at_the_end(task.text) or opening_party(task.text) or addressed_party(task.text) or acting_party(task.text)
    )
    task.owner_explicit = named is not None
    if flipped:
        task.owner = named or task.owner or task.extra.get("carried") or None
    else:
        task.owner = named
