"""The samples (and the dev set) through the CLI: the scorer's figures stay above the bar."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from speechkit.clean import clean
from speechkit.cli import main
from speechkit.evaluate import evaluate, norm
from speechkit.ingest import read

# Noise a heading must never carry: forum garbage, pinyin, page chrome, Word HTML, page-chunk numbers.
NOISE = re.compile(
    r"[A-Za-z][0-9][!-/:-@\[-`{-~]|[!-/:-@\[-`{-~] [A-Za-z0-9][!-/:-@]|\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+\)"
    r"|第\d+页|共\d+页|\.docx?|EN-US|=|<|>|发表于|显示全部楼层|上传|下载|^\d+、"
)


def outline_to(files: list[Path], out: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["outline", *map(str, files), "-o", str(out), "--format", "both"])
    assert exc.value.code in (0, None)


@pytest.fixture(scope="module")
def sample_outputs(sample_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    outline_to(sample_files, out)
    return out


@pytest.fixture(scope="module")
def sample_scores(sample_outputs: Path, samples_dir: Path) -> dict[str, dict[str, Any]]:
    return evaluate(sample_outputs, samples_dir / "gold")


def test_samples_heading_f1_at_least_095(sample_scores: dict[str, dict[str, Any]]) -> None:
    assert sample_scores["ALL"]["heading_f1"] >= 0.95


def test_samples_every_speech_found(sample_scores: dict[str, dict[str, Any]]) -> None:
    for name, score in sample_scores.items():
        pred, gold = score["speeches"].split("/")
        assert pred == gold, name


def test_samples_title_and_speaker_accuracy_at_least_09(sample_scores: dict[str, dict[str, Any]]) -> None:
    assert sample_scores["ALL"]["title_acc"] >= 0.9
    assert sample_scores["ALL"]["speaker_acc"] >= 0.9


def test_samples_gold_headings_are_in_the_cleaned_text(sample_files: list[Path], gold) -> None:  # type: ignore[no-untyped-def]
    for path in sample_files:
        cleaned = norm(clean(read(path)).text)
        for speech in gold(path.stem)["speeches"]:
            for heading in speech["headings"]:
                assert norm(heading["text"]) in cleaned, (path.name, heading["text"])


def test_samples_no_noise_in_any_heading_or_title(sample_outputs: Path) -> None:
    for path in sample_outputs.glob("*.json"):
        for speech in json.loads(path.read_text(encoding="utf-8"))["speeches"]:
            for text in [speech["title"] or ""] + [h["text"] for h in speech["headings"]]:
                assert not NOISE.search(text), (path.name, text)
            for heading in speech["headings"]:
                assert "\n" not in heading["text"] and len(heading["text"]) <= 120, heading


def test_samples_markdown_is_a_nested_outline(sample_outputs: Path) -> None:
    md = (sample_outputs / "000_ccfca2a2b2a83bab.md").read_text(encoding="utf-8")
    assert "- 一、 近年来全市教育系统办公室工作的主要做法和经验" in md
    assert "  - (一) 加强信息工作,参谋助手作用得到有效发挥" in md


@pytest.fixture(scope="module")
def dev_scores(dev_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, Any]]]:
    out = tmp_path_factory.mktemp("dev")
    outline_to(sorted((dev_dir / "raw").glob("*.txt")), out)
    return out, evaluate(out, dev_dir / "gold")


def test_dev_headings_speeches_titles_speakers(dev_scores: tuple[Path, dict[str, dict[str, Any]]]) -> None:
    scores = dev_scores[1]["ALL"]
    assert scores["heading_f1"] >= 0.95
    assert scores["speeches"] == "14/14"
    assert scores["title_acc"] >= 0.9 and scores["speaker_acc"] >= 0.9


def test_dev_meeting_date_equals_gold(dev_dir: Path, dev_scores: tuple[Path, dict[str, dict[str, Any]]]) -> None:
    out = dev_scores[0]
    for gold_path in sorted((dev_dir / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred = json.loads((out / gold_path.name).read_text(encoding="utf-8"))
        assert [s["meeting_date"] for s in pred["speeches"]] == [s["meeting_date"] for s in gold["speeches"]], (
            gold_path.name
        )
