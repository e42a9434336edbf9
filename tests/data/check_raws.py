"""Check a real set's raw texts against its gold: every gold string must occur in its raw.

    .venv/bin/python tests/data/check_raws.py tests/data/real33 [tests/data/real34 ...]

The raws are not in the repository (the search tool's page excerpts may not be copied into it): a new machine
fetches them again by the URLs and queries in each set's SOURCES.md and writes ``raw/<source>`` as the search
answer gave it. This says, file by file, its size and whether every title, speaker, meeting, heading, quote,
owner and deadline of the gold occurs in it after the annotators' normalisation (pinyin glosses such as
發(fā) removed, NFKC, OpenCC t2s, letters and digits only). A few misses can be the gold's own shortening;
compare with SOURCES.md before accepting a file. Exit status 1 when a file is missing or misses a string.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import opencc

_T2S = opencc.OpenCC("t2s")
_GLOSS = re.compile(r"[(（][a-zü āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,8}[)）]")


def normalised(text: str) -> str:
    text = _T2S.convert(unicodedata.normalize("NFKC", _GLOSS.sub("", text)))
    return "".join(ch for ch in text if ch.isalnum())


def gold_strings(gold: dict) -> list[str]:
    found: list[str] = []
    for speech in gold.get("speeches", []):
        found += [speech[k] for k in ("title", "speaker", "meeting") if speech.get(k)]
        found += [h["text"] for h in speech.get("headings", [])]
        for task in speech.get("tasks", []):
            found += [task["quote"], *(task[k] for k in ("owner", "deadline") if task.get(k))]
    return found


def check(set_dir: Path) -> int:
    """Print each file's check; return how many files have a problem."""
    problems = 0
    for gold_path in sorted((set_dir / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        raw = set_dir / "raw" / gold.get("source", f"{gold_path.stem}.txt")
        if not raw.exists():
            print(f"{set_dir.name}/{gold_path.stem}: missing {raw}")
            problems += 1
            continue
        text = normalised(raw.read_text(encoding="utf-8"))
        missed = [s for s in gold_strings(gold) if normalised(s) and normalised(s) not in text]
        verdict = f"{len(missed)} not found" if missed else "ok"
        print(f"{set_dir.name}/{gold_path.stem}: {raw.stat().st_size} B, {verdict}")
        for s in missed[:5]:
            print(f"    not found: {s[:60]}")
        problems += bool(missed)
    return problems


def main(argv: list[str]) -> int:
    problems = sum(check(Path(arg)) for arg in argv)
    print(f"{problems} file(s) with problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
