"""Outline throughput (MB/s) on the samples repeated to ≥ 5 MB, beside jieba.lcut in the same run.

    .venv/bin/python benchmarks/throughput.py [--mb 5]

Prints MB/s of the outline stages (clean + structure), of the whole text stage
(``speechkit.pipeline.process_document``: clean + structure + extract tasks) and of
``jieba.lcut`` over the same text, and their ratios. Each sample is processed as its own
document, many times over, as a batch of real files would be.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from speechkit.clean import clean
from speechkit.document import Document
from speechkit.pipeline import process_document
from speechkit.structure import structure

ROOT = Path(__file__).resolve().parent.parent


def corpus(megabytes: float) -> list[str]:
    """The samples repeated until their UTF-8 size reaches ``megabytes``."""
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    texts: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        for text in samples:
            texts.append(text)
            size += len(text.encode("utf-8"))
    return texts


def rate(name: str, run: Callable[[str], object], texts: list[str]) -> float:
    """Run ``run`` over every text once; print and return MB/s."""
    size = sum(len(t.encode("utf-8")) for t in texts) / 1_000_000
    started = time.perf_counter()
    for text in texts:
        run(text)
    seconds = time.perf_counter() - started
    speed = size / seconds
    print(f"{name:<42} {size:6.1f} MB in {seconds:6.2f} s = {speed:6.2f} MB/s")
    return speed


def outline(text: str) -> object:
    return structure(clean(Document(source=Path("bench.txt"), text=text, kind="txt")))


def text_stage(text: str) -> object:
    return process_document(Document(source=Path("bench.txt"), text=text, kind="txt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="megabytes of text to process (default 5)")
    args = parser.parse_args()
    import jieba

    jieba.setLogLevel(60)
    texts = corpus(args.mb)
    outline(texts[0]), text_stage(texts[0]), jieba.lcut(texts[0])  # warm up: OpenCC, spaCy, jieba's dictionary
    base = rate("jieba.lcut (reference)", jieba.lcut, texts)
    fast = rate("outline: clean + structure", outline, texts)
    whole = rate("text stage: clean + structure + extract", text_stage, texts)
    print(f"outline / jieba.lcut    = {fast / base:5.2f}x")
    print(f"text stage / jieba.lcut = {whole / base:5.2f}x")


if __name__ == "__main__":
    main()
