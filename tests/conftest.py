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


# --- tracker (issue 5): one suite over SQLite and, when .ci/postgres has started one, a real PostgreSQL ---


@pytest.fixture(scope="session")
def pg_url() -> str:
    """A real PostgreSQL server (``source .ci/postgres`` sets SPEECHKIT_TEST_PG_URL); skipped without one."""
    import os

    url = os.environ.get("SPEECHKIT_TEST_PG_URL")
    if not url:
        pytest.skip("SPEECHKIT_TEST_PG_URL is not set (source .ci/postgres)")
    return url


def wipe_postgres(url: str) -> None:
    """Drop everything in the test database's public schema, so each test starts empty."""
    import sqlalchemy

    engine = sqlalchemy.create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def tracker_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty tracker database: a SQLite file in tmp_path, or the wiped PostgreSQL test database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.db'}"
    url = request.getfixturevalue("pg_url")
    wipe_postgres(url)
    return url


@pytest.fixture
def fresh_tracker(tracker_url: str):
    """An open, migrated, empty tracker; changes are recorded as made by 'tester'."""
    from speechkit.tracker import open_tracker

    tracker = open_tracker(tracker_url, by="tester")
    yield tracker
    tracker.dispose()
