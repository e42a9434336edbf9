"""Meeting vocabulary for Whisper: hot-words from a file or from the units the 督办台账 already knows.

Whisper base hears a unit's sounds and writes commoner characters (全市 → 全式, 市教育局 → 是教育举);
the hot-words go to the model with every 30 s window (faster-whisper ``hotwords``, openai-whisper's
carried prompt) and replace homophones in the transcript (``transcript.apply_hotwords``).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from speechkit.errors import UsageError

MAX_HOTWORDS = 60  # Whisper's prompt holds 223 tokens; a longer list would push out the punctuated prompt


def parse_hotwords(text: str) -> tuple[str, ...]:
    """Terms one per line, or separated by spaces, commas or 、; duplicates dropped, order kept."""
    words = (w.strip() for w in re.split(r"[\s,，、;；]+", text))
    return tuple(dict.fromkeys(w for w in words if w))


def read_hotwords(path: Path) -> tuple[str, ...]:
    """--hotwords FILE: unit names and terms (UTF-8, one per line)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"--hotwords: cannot read {path} as UTF-8 text ({e})") from None
    return parse_hotwords(text)


def tracker_hotwords(url: str | None = None, today: date | None = None) -> tuple[str, ...]:
    """The lead units of the tracker's items (督办台账), most frequent first: the meeting's own vocabulary."""
    from speechkit.tracker import open_tracker

    tracker = open_tracker(url)
    try:
        rows = tracker.stats(today or date.today())["owner"]
    finally:
        tracker.dispose()
    units = [r["name"] for r in sorted(rows, key=lambda r: -r["total"]) if not r["name"].startswith("（")]
    return tuple(dict.fromkeys(units))[:MAX_HOTWORDS]


def merge_hotwords(*lists: tuple[str, ...]) -> tuple[str, ...]:
    """Several lists as one, the first list's terms first, at most MAX_HOTWORDS."""
    return tuple(dict.fromkeys(w for words in lists for w in words))[:MAX_HOTWORDS]
