"""How many headings of a recording any structuring could find: the oracle bound of the audio outline.

Usage:  .venv/bin/python benchmarks/audio_oracle.py RUN_DIR [RUN_DIR ...]   (a voice folder of audio_outline.py)

A gold heading is reachable when some span of the transcript text (``NAME.transcript.txt``, what the
transcript step hands the outline) has a SequenceMatcher ratio of at least 0.8 to it, both normalised
as ``score.py`` does: its words were heard well enough. The reachable fraction r is the heading F1
(level ignored) of a perfect structuring, one heading for each gold heading where it was said; one
that also left out the misheard headings would reach 2r/(1+r). Each reachable heading the outline
(``NAME.json``) misses is put down to one cause, read off the transcript.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from audio_eval_set import CACHE, DOCUMENTS, EVAL, name

THRESHOLD = 0.8
# What may open a heading's line before its words: 一、 (一) 1. 一是 一要 第一 第一个问题 首先 其次 …
MARKER_PREFIX = re.compile(
    r"^(?:[一二三四五六七八九十\d]{1,3}(?:是|要|个|方面|条|点)?|第[一二三四五六七八九十\d]{1,3}(?:个|条|点|项|方面)?"
    r"(?:问题|方面)?|首先|其次|再次|最后|另外|此外)"
)


@cache
def score_module() -> ModuleType:
    """``../shared/eval/score.py``, for its norm() and match(): the oracle sees headings as the scorer does."""
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@dataclass(frozen=True)
class Span:
    ratio: float
    start: int  # in the normalised transcript
    length: int


def best_span(gold: str, text: str) -> Span:
    """The span of ``text`` nearest to ``gold`` by SequenceMatcher ratio (lengths L/2 … 2L)."""
    if not gold:
        return Span(0.0, 0, 0)
    found = text.find(gold)
    if found >= 0:
        return Span(1.0, found, len(gold))
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(gold)
    chars = set(gold)
    best = Span(0.0, 0, 0)
    for i, ch in enumerate(text):
        if ch not in chars:  # a best span starts and ends on a shared character
            continue
        for length in range(max(1, len(gold) // 2), 2 * len(gold) + 1):
            span = text[i : i + length]
            if len(span) < length:
                break
            if span[-1] not in chars:
                continue
            matcher.set_seq1(span)
            if matcher.real_quick_ratio() <= best.ratio or matcher.quick_ratio() <= best.ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best.ratio:
                best = Span(ratio, i, length)
    return best


def normalised_lines(text: str) -> tuple[str, list[int], list[int]]:
    """The transcript normalised as score.py does, the line of each character and the start of each line."""
    norm = score_module().norm
    out, line_of, line_starts = [], [], []
    for number, line in enumerate(text.splitlines()):
        line_starts.append(len(out))
        for ch in line:
            for kept in norm(ch):
                out.append(kept)
                line_of.append(number)
    return "".join(out), line_of, line_starts


def overlap(a: str, b: str) -> int:
    """Characters of the longest run ``a`` and ``b`` share."""
    if not a or not b:
        return 0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match().size


def cause(gold: str, span: Span, text: str, line_of: list[int], line_starts: list[int], pred: dict) -> str:
    """Why a reachable heading is not in the outline, read off the transcript line that holds it.

    in the title: the speech's title took it; heading cut wrong: a heading holds it, with too much or
    too little text; cut by a sentence end: its words run over a line end; not on its own line: other
    words stand before it in its line; marker not taken: only a marker does, and the outline left it.
    """
    norm = score_module().norm
    if any(overlap(gold, norm(sp.get("title"))) >= max(4, len(gold) // 2) for sp in pred.get("speeches") or []):
        return "in the title"
    heads = [norm(h.get("text")) for sp in pred.get("speeches") or [] for h in sp.get("headings") or []]
    if any(overlap(gold, h) >= max(3, len(gold) // 2) for h in heads):
        return "heading cut wrong"
    line = line_of[span.start]
    if line_of[span.start + span.length - 1] != line:
        return "cut by a sentence end"
    before = text[line_starts[line] : span.start]
    if len(before) > 6 or (before and not MARKER_PREFIX.fullmatch(before)):
        return "not on its own line"
    if before:
        return "marker not taken"
    return "no marker heard"


def oracle(run: Path, golds: Path, show: bool = False) -> dict:
    """Reachable, found (level ignored / with level) and the causes of the misses, over one voice's run."""
    score = score_module()
    counts: Counter[str] = Counter()
    ratios: list[float] = []
    for document in DOCUMENTS:
        gold = json.loads((golds / f"{name(document)}.json").read_text("utf-8"))
        pred_file = run / f"{name(document)}.json"
        pred = json.loads(pred_file.read_text("utf-8")) if pred_file.exists() else {"speeches": []}
        text, line_of, line_starts = normalised_lines((run / f"{name(document)}.transcript.txt").read_text("utf-8"))
        gh, ph = score.items(gold, "headings", "text"), score.items(pred, "headings", "text")
        found_any = {id(g) for g, _ in score.match(gh, ph, lambda g, p: True, THRESHOLD)}
        found = {id(g) for g, _ in score.match(gh, ph, lambda g, p: g.get("level") == p.get("level"), THRESHOLD)}
        for g in gh:
            counts["gold"] += 1
            span = best_span(g["_n"], text)
            ratios.append(span.ratio)
            heard = text[span.start : span.start + span.length]
            if span.ratio < THRESHOLD:
                counts["unreachable"] += 1
                if show:
                    print(f"  {name(document)} misheard {span.ratio:.2f}: {g['_n']} / {heard}")
                counts["found_unreachable"] += id(g) in found_any
                continue
            counts["reachable"] += 1
            if id(g) in found:
                counts["found"] += 1
            elif id(g) in found_any:
                counts["level wrong"] += 1
            else:
                why = cause(g["_n"], span, text, line_of, line_starts, pred)
                counts[why] += 1
                if show:
                    line = text[line_starts[line_of[span.start]] : span.start + span.length]
                    print(f"  {name(document)} {why}: {g['_n']} / …{line[-40:]}")
    reach = counts["reachable"] / max(1, counts["gold"])
    return {"counts": dict(counts), "reachable": reach, "f1_bound": 2 * reach / (1 + reach) if reach else 0.0}


CAUSES = (
    "level wrong",
    "heading cut wrong",
    "in the title",
    "cut by a sentence end",
    "not on its own line",
    "marker not taken",
)


def report(label: str, result: dict) -> str:
    c = Counter(result["counts"])
    lines = [
        f"{label}: {c['gold']} gold headings, {c['reachable']} reachable, {c['unreachable']} misheard beyond 0.8: "
        f"F1 (level ignored) of a perfect structuring {result['reachable']:.3f}, "
        f"{result['f1_bound']:.3f} if it also left the misheard out",
        f"  reachable and in the outline: {c['found'] + c['level wrong']} (level right {c['found']}, "
        f"level wrong {c['level wrong']}); missed: "
        + ", ".join(f"{k} {c[k]}" for k in (*CAUSES[1:], "no marker heard")),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="+", type=Path, help="voice folders of an audio_outline.py run")
    parser.add_argument("--gold", type=Path, default=CACHE / "gold")
    parser.add_argument("--show", action="store_true", help="print each heading missed, with what was heard")
    args = parser.parse_args()
    for run in args.runs:
        print(report(run.name, oracle(run, args.gold, args.show)))


if __name__ == "__main__":
    main()
