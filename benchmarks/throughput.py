"""Text-stage throughput (MB/s) beside jieba.lcut over the same text in the same run.

    .venv/bin/python benchmarks/throughput.py [--mb 5] [--only noisy,clean,noisy-flat,clean-flat]

Four corpora of ``--mb`` megabytes each, every one processed as a batch of real files would be
(one document per sample, many times over):

- ``noisy``: the scraped samples as they are (site chrome, page counters, forum garbage);
- ``clean``: the same samples after ``clean`` (the speech text alone, one paragraph a line);
- ``noisy-flat`` / ``clean-flat``: the same texts with every line break removed, as a flattened
  page or a transcript with no paragraphs gives them (issue 18: extraction must stay linear in
  paragraph length).

For each it prints MB/s of the outline stages (clean + structure), of the whole text stage
(``speechkit.pipeline.process_document``: clean + structure + extract) and of ``jieba.lcut``, and
the ratios to jieba measured in the same run, interleaved batch by batch (the machine is shared:
only ratios are comparable).
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


def _doc(text: str) -> Document:
    return Document(source=Path("bench.txt"), text=text, kind="txt")


def sample_texts(kind: str) -> list[str]:
    """The samples in one of the four forms (see the module docstring)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    if kind.startswith("clean"):
        texts = [clean(_doc(t)).text for t in texts]
    if kind.endswith("flat"):
        texts = [t.replace("\r", "").replace("\n", "") for t in texts]
    return texts


def corpus(kind: str, megabytes: float) -> list[str]:
    """The samples of one form repeated until their UTF-8 size reaches ``megabytes``."""
    samples = sample_texts(kind)
    texts: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        for text in samples:
            texts.append(text)
            size += len(text.encode("utf-8"))
    return texts


def rates(runs: dict[str, Callable[[str], object]], texts: list[str], batch: int = 8) -> dict[str, float]:
    """MB/s of each run over every text, interleaved batch by batch (jieba, outline, text stage,
    jieba, …) so that a shared machine's changing load falls on all of them alike."""
    size = sum(len(t.encode("utf-8")) for t in texts) / 1_000_000
    seconds = dict.fromkeys(runs, 0.0)
    for at in range(0, len(texts), batch):
        for name, run in runs.items():
            started = time.perf_counter()
            for text in texts[at : at + batch]:
                run(text)
            seconds[name] += time.perf_counter() - started
    for name in runs:
        print(f"  {name:<40} {size:6.1f} MB in {seconds[name]:6.2f} s = {size / seconds[name]:6.2f} MB/s")
    return {name: size / seconds[name] for name in runs}


def outline(text: str) -> object:
    return structure(clean(_doc(text)))


def text_stage(text: str) -> object:
    return process_document(_doc(text))


KINDS = ("noisy", "clean", "noisy-flat", "clean-flat")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="megabytes of text per corpus (default 5)")
    parser.add_argument("--only", default=",".join(KINDS), help="comma-separated corpora to run")
    args = parser.parse_args()
    import jieba

    jieba.setLogLevel(60)
    warm = sample_texts("noisy")[0]
    outline(warm), text_stage(warm), jieba.lcut(warm)  # warm up: OpenCC, spaCy, jieba's dictionary
    ratios = {}
    for kind in args.only.split(","):
        texts = corpus(kind, args.mb)
        print(kind)
        speed = rates(
            {
                "jieba.lcut (reference)": jieba.lcut,
                "outline: clean + structure": outline,
                "text stage: clean + structure + extract": text_stage,
            },
            texts,
        )
        base = speed["jieba.lcut (reference)"]
        ratios[kind] = (
            speed["outline: clean + structure"] / base,
            speed["text stage: clean + structure + extract"] / base,
        )
    print()
    for kind, (fast, whole) in ratios.items():
        print(f"{kind:<11} outline / jieba.lcut = {fast:5.2f}x   text stage / jieba.lcut = {whole:5.2f}x")


if __name__ == "__main__":
    main()
