"""lexicon.cut_block gives jieba's very cut of one jieba block (the directive words depend on it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechkit import lexicon
from speechkit.extract.nlp import _JIEBA_BLOCK

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_cut_block_is_jiebas_cut_on_every_block_and_window(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    blocks = [m.group(0) for m in _JIEBA_BLOCK.finditer(text)]
    assert blocks
    for block in blocks:
        windows = [block] + [block[i : i + 14] for i in range(0, len(block), 5)]
        for window in windows:
            assert lexicon.cut_block(window) == lexicon.cut(window), window


def test_cut_block_glues_letters_and_digits_as_jieba_does() -> None:
    for text in ("内控BC负责", "要在3月25日前完成", "PC团队要快速提升", "各部门要加强协调配合"):
        assert lexicon.cut_block(text) == lexicon.cut(text)
