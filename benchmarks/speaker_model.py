"""The learned fallback for a speech's speaker (``speechkit.structure.likely_speaker``): fit and judge it.

    .venv/bin/pip install scikit-learn   # a dev dependency; speechkit itself does not need it
    .venv/bin/python benchmarks/speaker_model.py [--unseen real28 real30 …]

For every speech of the read sets (dev, dev2, the held-out sets, real sets whose raw texts are at
tests/data/realN/raw) each personal name of its opening is a row of ``likely_speaker``'s eleven cues,
labelled by the gold speaker (the shared scorer's ``same_person``). A logistic regression is judged set by
set, each set decided by a model fitted on every other (leave one set out), as speechkit uses it: the
rules' speaker where they name one, else, outside talks, the model's name when its probability passes each
threshold. Printed: the rules' accuracy and the combination's per threshold, on the read sets (left out)
and on the ``--unseen`` sets (a model fitted on all read sets), then the weights fitted on all read sets.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

import speechkit.structure.split as split
from speechkit.clean import clean
from speechkit.ingest import read
from speechkit.structure import structure
from speechkit.structure.likely_speaker import _HEAD, _cues, _names, only_attends
from speechkit.structure.split import _is_a_talk

split.likely_speaker = lambda title, text: None  # the rules' own speaker: the fallback is what is judged here

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
DATA = ROOT / "tests" / "data"
READ = (
    "dev", "dev2", "heldout", "heldout2", "heldout3", "heldout4", "heldout5",
    *(f"real{n}" for n in (3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
                           26, 27, 29, 38, 42, 45, 47, 51)),
)  # fmt: skip


def _scorer():
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


S = _scorer()


def _folders(name: str) -> tuple[Path, Path]:
    if name in ("dev", "dev2"):
        return EVAL / name / "raw", EVAL / name / "gold"
    return DATA / name / "raw", DATA / name / "gold"


def speeches_of(name: str) -> list[dict]:
    """Each gold speech of a set paired with speechkit's, its names and their cues."""
    raw, gold_dir = _folders(name)
    found = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        sources = [raw / gold.get("source", ""), *sorted(raw.glob(gold_file.stem + ".*"))]
        source = next((p for p in sources if p.is_file()), None)
        if source is None:
            continue
        speeches = structure(clean(read(source)))
        pred = [{"title": s.title, "speaker": s.speaker, "headings": [{"level": h.level, "marker": h.marker,
                 "text": h.text} for h in s.headings]} for s in speeches]  # fmt: skip
        for g, p in S.match_speeches(gold.get("speeches") or [], pred):
            speech = speeches[pred.index(p)]
            head = (speech.title or "") + "\n" + speech.text[:_HEAD]
            names = _names(head)
            found.append({
                "set": name, "gold": g.get("speaker"), "rule": speech.speaker, "names": names,
                "talk": _is_a_talk(speech.text, speech.title),
                "X": [_cues(n, head, speech.title or "") for n in names],
                "y": [bool(g.get("speaker")) and S.same_person(g.get("speaker"), n) for n in names],
            })  # fmt: skip
    return found


def fit(rows: list[dict]) -> LogisticRegression:
    x = np.array([c for r in rows for c in r["X"]])
    y = np.array([v for r in rows for v in r["y"]])
    return LogisticRegression(max_iter=2000, C=1.0).fit(x, y)


def decide(model: LogisticRegression, row: dict, threshold: float) -> str | None:
    if row["rule"] or row["talk"] or not row["names"]:
        return row["rule"]
    p = model.predict_proba(np.array(row["X"]))[:, 1]
    p[[only_attends(cues) for cues in row["X"]]] = 0.0  # as speechkit: a name that only attended is none
    best = int(np.argmax(p))
    return row["names"][best] if p[best] > threshold else None


def accuracy(rows: list[dict], answers: list[str | None]) -> float:
    return float(np.mean([S.same_person(r["gold"], a) for r, a in zip(rows, answers, strict=True)]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--unseen", nargs="*", default=[])
    args = parser.parse_args()
    rows = [r for name in READ for r in speeches_of(name)]
    unseen = [r for name in args.unseen for r in speeches_of(name)]
    print(f"read sets: {len(rows)} speeches; rules {accuracy(rows, [r['rule'] for r in rows]):.3f}")
    if unseen:
        print(f"unseen sets: {len(unseen)} speeches; rules {accuracy(unseen, [r['rule'] for r in unseen]):.3f}")
    whole = fit(rows)
    for threshold in (0.4, 0.5, 0.6, 0.7):
        left_out = []
        for name in READ:
            held = [r for r in rows if r["set"] == name]
            if held:
                model = fit([r for r in rows if r["set"] != name])
                left_out += [(r, decide(model, r, threshold)) for r in held]
        line = f"threshold {threshold}: read sets, each left out {accuracy(*zip(*left_out, strict=True)):.3f}"
        if unseen:
            line += f"; unseen {accuracy(unseen, [decide(whole, r, threshold) for r in unseen]):.3f}"
        print(line)
    print("weights", [round(float(w), 4) for w in whole.coef_[0]], "intercept", round(float(whole.intercept_[0]), 4))
    print("names", sum(len(r["y"]) for r in rows), "of which the speaker", sum(sum(r["y"]) for r in rows))
    assert math.isfinite(float(whole.intercept_[0]))


if __name__ == "__main__":
    main()
