"""Shared fixtures, each defined once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval" / "dev"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def sample_files() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    if not (DEV / "raw").is_dir():
        pytest.skip("../shared/eval/dev is not beside the repository")
    return DEV


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


def load_gold(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def gold():
    """gold(name) → the gold JSON of a sample, by the sample's stem."""
    return lambda stem: load_gold(SAMPLES / "gold" / f"{stem}.json")
