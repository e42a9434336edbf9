"""Which candidate clauses are tasks: a logistic regression learned from the real annotated sets.

The rules of ``tasks.py`` judge every candidate clause; their verdict is then revised by a model trained
on the candidates of the real annotated sets (the seeds, dev, dev2, the held-out sets, real sets 3-9):
character 1-3-grams of the clause's opening, TF-IDF weighted as scikit-learn's
``TfidfVectorizer(analyzer="char", sublinear_tf=True)`` does, next to the rules' own features (their
verdict, a deadline, a cadence, a named owner, a directive word…) and the kind of document the clause is
in (minutes, a report of a meeting, a notice, or a speech, and how long it is). A speech's exhortations
and a report's assignments read alike clause by clause; the kind lets one model weigh them apart.
``benchmarks/task_classifier.py`` measures the model against the rules, cross-validated by document.

The weights are data (``task_model.json.gz``), written by ``benchmarks/task_classifier.py --save``;
inference is plain Python, so speechkit needs no scikit-learn.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from speechkit.extract.tasks import MINUTES, Candidate, addressed_party, asks_only_an_attitude, opening_party

MODEL_FILE = Path(__file__).with_name("task_model.json.gz")
OPENING = 40  # characters of a clause the n-grams are taken from
NGRAMS = (1, 3)

_DIRECTIVE = re.compile(r"要|必须|务必|确保|负责|牵头|抓紧|加紧|尽快|须|需|应|请|力争|争取|做好|抓好|落实|完成")
_REPORTED = re.compile(r"已|了|同比|增长|累计")
_ADDRESSED = re.compile(r"[我你]们")
_WHITE_SPACE = re.compile(r"\s\s+")
# A report of a meeting speaks of the meeting as the one that asks: "会议要求，各乡镇一要…" (not 按照会议要求)…
_REPORTS_A_MEETING = re.compile(
    r"(?:^|[。；;，,:：\n])\s*(?:会议|会上)(?:还|并|最后)?(?:要求|强调|指出|明确|提出|认为|决定)"
)
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
        length = min(max(self.length, _SHORTEST), _LONGEST)  # the lengths the model learned from
        return [float(self.minutes), float(self.record), float(self.notice), math.log1p(length) / 10]


# Speeches shorter or longer than nearly all the model was trained on (5th percentile 291 characters,
# longest 16,590) count as these: the length's weight is not extrapolated to a 150-character case.
_SHORTEST, _LONGEST = 300, 20_000


def document_kind(text: str, title: str | None = None) -> DocumentKind:
    return DocumentKind(
        minutes=bool(MINUTES.search(text)),
        record=is_meeting_record(text),
        notice=is_notice(text, title),
        length=len(text),
    )


def rule_features(candidate: Candidate, kind: DocumentKind) -> list[float]:
    """What the rules found in a candidate and the kind of its document, as numbers (the model's
    non-text features)."""
    text = candidate.text
    return [
        float(x)
        for x in (
            candidate.is_task,
            candidate.is_requirement,
            bool(candidate.deadline),
            bool(candidate.recurrence),
            candidate.owner_explicit,
            bool(candidate.owner),
            bool(_DIRECTIVE.search(text)),
            bool(re.search(r"\d", text)),
            min(len(text), 120) / 120,
            bool(_REPORTED.search(text)),
            bool(_ADDRESSED.search(text)),
        )
    ] + kind.as_features()


def char_ngrams(text: str) -> list[str]:
    """The character n-grams of a clause's opening, as scikit-learn's ``analyzer="char"`` cuts them."""
    text = _WHITE_SPACE.sub(" ", text[:OPENING].lower())
    low, high = NGRAMS
    return [text[i : i + n] for n in range(low, min(high, len(text)) + 1) for i in range(len(text) - n + 1)]


@dataclass(frozen=True)
class TaskModel:
    """The learned weights: per n-gram its IDF and coefficient, the rule features' coefficients."""

    ngrams: dict[str, tuple[float, float]]
    rule_coef: tuple[float, ...]
    intercept: float
    threshold: float

    def probability(self, candidate: Candidate, kind: DocumentKind) -> float:
        return self.probability_of(candidate.text, rule_features(candidate, kind))

    def probability_of(self, text: str, features: list[float]) -> float:
        """P(task) of a clause with these rule features: TF-IDF (sublinear, l2) · coef + features · coef."""
        counts = Counter(g for g in char_ngrams(text) if g in self.ngrams)
        weights = {g: (1.0 + math.log(n)) * self.ngrams[g][0] for g, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        score = self.intercept + sum(self.ngrams[g][1] * w / norm for g, w in weights.items())
        score += sum(c * f for c, f in zip(self.rule_coef, features, strict=True))
        return 1.0 / (1.0 + math.exp(-score))

    def to_json(self) -> dict[str, object]:
        return {
            "ngrams": {g: [round(idf, 6), round(coef, 6)] for g, (idf, coef) in sorted(self.ngrams.items())},
            "rule_coef": [round(c, 6) for c in self.rule_coef],
            "intercept": round(self.intercept, 6),
            "threshold": self.threshold,
        }

    @classmethod
    def from_json(cls, data: dict) -> TaskModel:
        return cls(
            ngrams={g: (float(idf), float(coef)) for g, (idf, coef) in data["ngrams"].items()},
            rule_coef=tuple(float(c) for c in data["rule_coef"]),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
        )


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
    """The weights of a fitted scikit-learn model, for plain-Python inference."""
    vectorizer, model = fitted
    coef = model.coef_[0]
    n_text = len(vectorizer.vocabulary_)
    ngrams = {g: (float(vectorizer.idf_[i]), float(coef[i])) for g, i in vectorizer.vocabulary_.items()}
    rule_coef = tuple(float(c) for c in coef[n_text:])
    return TaskModel(ngrams, rule_coef, float(model.intercept_[0]), threshold)


def is_meeting_record(text: str) -> bool:
    """Minutes, or a report of a meeting: what was asked of whom, not a speech's exhortations."""
    return bool(MINUTES.search(text) or _REPORTS_A_MEETING.search(text) or _ATTENDED.search(text, 0, _LEAD_CHARS))


def is_notice(text: str, title: str | None = None) -> bool:
    """A notice or a work plan (通知, 方案, 任务分解表): what is asked of whom, as in minutes."""
    return bool(_NOTIFIES.search(text) or _NOTICE_TITLE.search(title or ""))


def revise_verdicts(judged: list[Candidate], text: str, title: str | None = None) -> None:
    """The model decides which judged candidates of a speech, minutes or notice are tasks."""
    model = task_model()
    if model is None:
        return
    kind = document_kind(text, title)
    for candidate in judged:
        if len(candidate.text) < 4:
            continue
        was_task = candidate.is_task
        candidate.is_task = model.probability(candidate, kind) > model.threshold and not asks_only_an_attitude(
            candidate.text
        )
        candidate.is_requirement = candidate.is_requirement and not candidate.is_task
        if candidate.is_task and not was_task and not candidate.owner_explicit:
            # the party the clause opens with or asks; else whatever the rules read, else the chain's party
            named = opening_party(candidate.text) or addressed_party(candidate.text)
            candidate.owner = named or candidate.owner or candidate.extra.get("carried") or None
            candidate.owner_explicit = named is not None
