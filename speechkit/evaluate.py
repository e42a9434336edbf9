"""Precision/recall/F1 of outlines and tasks against gold (the logic of ``shared/eval/score.py``).

Texts are compared after NFKC, conversion to simplified Chinese and removal of punctuation and
whitespace; headings match at similarity 0.8, tasks at 0.6, titles and speakers at 0.8.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

HEADING_SIM = 0.8
TASK_SIM = 0.6
META_SIM = 0.8  # title / speaker of a matched speech
SPEECH_TITLE_MIN = 0.5  # least title similarity that pairs two speeches sharing no heading

Item = dict[str, Any]


def norm(text: object) -> str:
    """NFKC, simplified, without punctuation, symbols or whitespace."""
    if not text:
        return ""
    from speechkit.clean import to_simplified

    text = to_simplified(unicodedata.normalize("NFKC", str(text)))
    return "".join(ch for ch in text if not (unicodedata.category(ch)[0] in "PZS" or ch.isspace()))


def sim(a: str, b: str) -> float:
    """Similarity of two normalised texts: 1 when one (of ≥ 4 chars) contains the other."""
    if not a or not b:
        return 0.0
    if len(a) >= 4 and len(b) >= 4 and (a in b or b in a):
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def match(gold: list[Item], pred: list[Item], key: Callable[[Item, Item], bool], thr: float) -> list[tuple[Item, Item]]:
    """Greedy one-to-one matching of items by the similarity of their ``_n`` texts."""
    pairs, used = [], set()
    for g in gold:
        best, best_s = None, thr
        for j, p in enumerate(pred):
            if j in used or not key(g, p):
                continue
            s = sim(g["_n"], p["_n"])
            if s >= best_s:
                best, best_s = j, s
        if best is not None:
            used.add(best)
            pairs.append((g, pred[best]))
    return pairs


def _items(doc: dict[str, Any], field: str, text_field: str) -> list[Item]:
    out = []
    for speech in doc.get("speeches") or []:
        for it in speech.get(field) or []:
            it = dict(it)
            it["_n"] = norm(it.get(text_field))
            out.append(it)
    return out


def _same_or_both_null(g: object, p: object) -> bool:
    gn, pn = norm(g), norm(p)
    return (not gn and not pn) or sim(gn, pn) >= META_SIM


def _same_person(g: object, p: object) -> bool:
    """Names are short: "范贵生同志" and "范贵生" are the same speaker."""
    gn, pn = (norm(x).removesuffix("同志") for x in (g, p))
    if not gn or not pn:
        return not gn and not pn
    return (len(gn) >= 2 and len(pn) >= 2 and (gn in pn or pn in gn)) or sim(gn, pn) >= META_SIM


def _iso(value: object) -> str | None:
    text = unicodedata.normalize("NFKC", str(value)).strip() if value is not None else ""
    return text or None


def match_speeches(gold: list[Item], pred: list[Item]) -> list[tuple[Item, Item]]:
    """Pair speeches best first by the Dice overlap of their headings or the similarity of titles."""

    def heads(speech: Item) -> list[Item]:
        return [{"_n": norm(h.get("text"))} for h in speech.get("headings") or []]

    gh, ph = [heads(g) for g in gold], [heads(p) for p in pred]
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            n = len(gh[i]) + len(ph[j])
            d = 2 * len(match(gh[i], ph[j], lambda a, b: True, HEADING_SIM)) / n if n else 0.0
            t = sim(norm(g.get("title")), norm(p.get("title")))
            if d > 0 or t >= SPEECH_TITLE_MIN:
                candidates.append((-max(d, t), -(d + t), abs(i - j), i, j))
    pairs, used_g, used_p = [], set(), set()
    for *_, i, j in sorted(candidates):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((gold[i], pred[j]))
    if not pairs and len(gold) == 1 and len(pred) == 1:
        pairs.append((gold[0], pred[0]))
    return pairs


def score_doc(pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Raw counts for one document: headings, tasks, speeches."""
    gh, ph = _items(gold, "headings", "text"), _items(pred, "headings", "text")
    hp = match(gh, ph, lambda g, p: g.get("level") == p.get("level"), HEADING_SIM)
    hp_any = match(gh, ph, lambda g, p: True, HEADING_SIM)
    gt, pt = _items(gold, "tasks", "quote"), _items(pred, "tasks", "quote")
    tp = match(gt, pt, lambda g, p: True, TASK_SIM)

    def field_ok(g: Item, p: Item, name: str) -> bool:
        return sim(norm(g.get(name)), norm(p.get(name))) >= 0.8 or (not g.get(name) and not p.get(name))

    iso_pairs = [(g, p) for g, p in tp if "deadline_iso" in g]
    gs, ps = gold.get("speeches") or [], pred.get("speeches") or []
    sp = match_speeches(gs, ps)
    return {
        "headings": {"tp": len(hp), "tp_any_level": len(hp_any), "pred": len(ph), "gold": len(gh)},
        "tasks": {
            "tp": len(tp),
            "pred": len(pt),
            "gold": len(gt),
            "owner_ok": sum(field_ok(g, p, "owner") for g, p in tp),
            "deadline_ok": sum(field_ok(g, p, "deadline") for g, p in tp),
            "deadline_iso_n": len(iso_pairs),
            "deadline_iso_ok": sum(_iso(g.get("deadline_iso")) == _iso(p.get("deadline_iso")) for g, p in iso_pairs),
        },
        "speeches": {
            "pred": len(ps),
            "gold": len(gs),
            "title_ok": sum(_same_or_both_null(g.get("title"), p.get("title")) for g, p in sp),
            "speaker_ok": sum(_same_person(g.get("speaker"), p.get("speaker")) for g, p in sp),
        },
    }


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (no prediction and no gold is a perfect score)."""
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def summarize(s: dict[str, dict[str, int]]) -> dict[str, Any]:
    """The figures a person reads: P/R/F1, accuracies and speeches found/gold."""
    h, t, sp = s["headings"], s["tasks"], s["speeches"]
    hp, hr, hf = prf(h["tp"], h["pred"], h["gold"])
    _, _, hf_any = prf(h["tp_any_level"], h["pred"], h["gold"])
    tp_, tr, tf = prf(t["tp"], t["pred"], t["gold"])
    return {
        "heading_p": round(hp, 3),
        "heading_r": round(hr, 3),
        "heading_f1": round(hf, 3),
        "heading_f1_ignoring_level": round(hf_any, 3),
        "task_p": round(tp_, 3),
        "task_r": round(tr, 3),
        "task_f1": round(tf, 3),
        "owner_acc": _ratio(t["owner_ok"], t["tp"]),
        "deadline_acc": _ratio(t["deadline_ok"], t["tp"]),
        "speeches": f"{sp['pred']}/{sp['gold']}",
        "deadline_iso_acc": _ratio(t["deadline_iso_ok"], t["deadline_iso_n"]),
        "title_acc": _ratio(sp["title_ok"], sp["gold"]),
        "speaker_acc": _ratio(sp["speaker_ok"], sp["gold"]),
    }


def add_counts(total: dict[str, Any], counts: dict[str, Any]) -> None:
    """Sum one document's counts (from ``score_doc``) into ``total``."""
    for key, value in counts.items():
        if isinstance(value, dict):
            add_counts(total.setdefault(key, {}), value)
        else:
            total[key] = total.get(key, 0) + value


def pair_files(pred: Path, gold: Path) -> Iterable[tuple[Path, Path]]:
    """Two files, or two folders whose ``*.json`` pair up by name."""
    if gold.is_dir():
        return [(pred / g.name, g) for g in sorted(gold.glob("*.json"))]
    return [(pred, gold)]


def evaluate(pred: Path, gold: Path) -> dict[str, dict[str, Any]]:
    """Score predictions against gold; one summary per gold file and ``ALL``."""
    total: dict[str, Any] = {}
    report: dict[str, dict[str, Any]] = {}
    from speechkit.deliver.outline import read_outline_json

    for p, g in pair_files(Path(pred), Path(gold)):
        gdoc = read_outline_json(g)  # a truncated or wrong-shape file is an InputError naming it, not a 0
        pdoc = read_outline_json(p) if p.exists() or p.is_symlink() else {"speeches": []}
        counts = score_doc(pdoc, gdoc)
        add_counts(total, counts)
        report[g.name] = summarize(counts)
    report["ALL"] = summarize(total) if total else {}
    return report
