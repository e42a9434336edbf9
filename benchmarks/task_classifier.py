"""Would a learned task/not-task decision generalise better than the rules? (issue 12)

    .venv/bin/pip install scikit-learn   # only for this experiment; speechkit does not depend on it
    .venv/bin/python benchmarks/task_classifier.py [--folds 8]

Every candidate clause the extractor considers (``find_tasks``) on the sets with gold — dev, dev2,
the seeds, the five held-out sets, and real sets 3 and 4 where their raw texts are at /work/real3 and
/work/real4 — is labelled by the shared scorer's matching against the gold quotes.
A logistic regression over character 1–3-grams of the clause plus the rules' own features (their
verdict, a deadline, a cadence, a named owner, a directive word, digits, reported-result words)
decides task / not task; it is judged by cross-validation grouped by document, so no document is
both trained and tested on; the real sets 3 and 4, when present, are scored by a model trained on
every other set and never on them (the unseen measure). Printed per set: how many gold tasks some
candidate covers, then precision, recall and F1 of the rules and of the model
(recall over all gold tasks, including those no candidate covers). Trained only on real gold.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
from pathlib import Path

from speechkit.clean import clean
from speechkit.extract.tasks import fill_section_owners, find_tasks
from speechkit.ingest import read
from speechkit.structure import structure

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
DATA = ROOT / "tests" / "data"
SETS = {
    "dev2": (EVAL / "dev2" / "raw", EVAL / "dev2" / "gold"),
    "dev": (EVAL / "dev" / "raw", EVAL / "dev" / "gold"),
    "seeds": (ROOT / "samples", EVAL / "gold"),
    **{f"heldout{n}": (DATA / f"heldout{n}" / "raw", DATA / f"heldout{n}" / "gold") for n in ("", "2", "3", "4", "5")},
    "real3": (Path("/work/real3/raw"), DATA / "real3" / "gold"),
    "real3g": (Path("/work/real3/raw_github"), DATA / "real3" / "gold_github"),
    "real4": (Path("/work/real4/raw"), DATA / "real4" / "gold"),
}
_DIRECTIVE = re.compile(r"要|必须|务必|确保|负责|牵头|抓紧|加紧|尽快|须|需|应|请|力争|争取|做好|抓好|落实|完成")


def _scorer():  # the shared scorer, a script outside the package
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    return score


def candidates() -> tuple[list[dict], dict[str, int]]:
    """Every candidate of every real document, labelled; and the number of gold tasks per set."""
    score = _scorer()
    rows: list[dict] = []
    gold_count: dict[str, int] = {}
    for name, (raw, gold_dir) in SETS.items():
        gold_count[name] = 0
        for path in sorted(raw.glob("*.txt")):
            if not (gold_dir / f"{path.stem}.json").exists():
                continue
            gold = json.loads((gold_dir / f"{path.stem}.json").read_text(encoding="utf-8"))
            gold_tasks = [dict(t, _n=score.norm(t["quote"])) for s in gold["speeches"] for t in s["tasks"]]
            gold_count[name] += len(gold_tasks)
            doc_rows = []
            for speech in structure(clean(read(path))):
                judged, table = find_tasks(speech.text)
                fill_section_owners(judged, speech.headings)
                for c in judged:
                    if len(c.text) >= 4:
                        doc_rows.append(
                            {
                                "text": c.text,
                                "is_task": c.is_task,
                                "is_req": c.is_requirement,
                                "deadline": c.deadline,
                                "rec": c.recurrence,
                                "explicit": c.owner_explicit,
                                "owner": c.owner,
                                "table": False,
                            }
                        )
                doc_rows += [
                    {
                        "text": t.quote,
                        "is_task": True,
                        "is_req": False,
                        "deadline": t.deadline,
                        "rec": t.recurrence,
                        "explicit": True,
                        "owner": t.owner,
                        "table": True,
                    }
                    for t in table
                ]
            for row in doc_rows:
                row.update(_n=score.norm(row["text"]), doc=f"{name}/{path.stem}", set=name)
            matched = {id(p) for _, p in score.match(gold_tasks, doc_rows, lambda g, p: True, score.TASK_SIM)}
            for row in doc_rows:
                row["label"] = id(row) in matched
            rows += doc_rows
    return rows, gold_count


def _features(row: dict) -> list[float]:
    text = row["text"]
    return [float(x) for x in (
        row["is_task"], row["is_req"], bool(row["deadline"]), bool(row["rec"]), row["explicit"], bool(row["owner"]),
        bool(_DIRECTIVE.search(text)), bool(re.search(r"\d", text)), min(len(text), 120) / 120, row["table"],
        bool(re.search(r"已|了|同比|增长|累计", text)), bool(re.search(r"[我你]们", text)),
    )]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=8)
    args = parser.parse_args()
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    rows, gold_count = candidates()
    y = np.array([r["label"] for r in rows])
    docs = np.array([r["doc"] for r in rows])
    sets = np.array([r["set"] for r in rows])
    texts = [r["text"][:40] for r in rows]
    rule_features = csr_matrix(np.array([_features(r) for r in rows]))
    probability = np.zeros(len(rows))
    for train, test in GroupKFold(n_splits=args.folds).split(rule_features, y, docs):
        vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True)
        x_train = hstack([vectorizer.fit_transform([texts[i] for i in train]), rule_features[train]]).tocsr()
        x_test = hstack([vectorizer.transform([texts[i] for i in test]), rule_features[test]]).tocsr()
        model = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced").fit(x_train, y[train])
        probability[test] = model.predict_proba(x_test)[:, 1]
    unseen = np.isin(sets, ["real3", "real3g", "real4"])
    if unseen.any():  # trained on every other set, never on these: the unseen measure
        train, test = np.where(~unseen)[0], np.where(unseen)[0]
        vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True)
        x_train = hstack([vectorizer.fit_transform([texts[i] for i in train]), rule_features[train]]).tocsr()
        x_test = hstack([vectorizer.transform([texts[i] for i in test]), rule_features[test]]).tocsr()
        model = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced").fit(x_train, y[train])
        probability[test] = model.predict_proba(x_test)[:, 1]
    rules = np.array([bool(r["is_task"]) for r in rows])
    for name, total in gold_count.items():
        print(f"{name}: gold {total}, a candidate matches {int((y & (sets == name)).sum())}")
    print(f"{len(rows)} candidates, {int(y.sum())} matching a gold task; gold tasks {gold_count}")
    for label, chosen in (
        [("rules", rules)]
        + [(f"model p>{t}", probability > t) for t in (0.35, 0.5, 0.65)]
        + [(f"rules or model p>{t}", rules | (probability > t)) for t in (0.6, 0.7)]
    ):
        figures = []
        for name, total in gold_count.items():
            mask = sets == name
            hits, predicted = int((chosen & y & mask).sum()), int((chosen & mask).sum())
            p, r = (hits / predicted if predicted else 0.0), hits / total
            figures.append(f"{name} P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if p + r else 0:.3f}")
        print(f"{label:<22} " + " | ".join(figures))


if __name__ == "__main__":
    main()
