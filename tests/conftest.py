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


def make_schema_0001_database(url: str, *inserts: str) -> None:
    """A tracker database as the first release left it (schema 0001), holding the rows of ``inserts``."""
    from alembic import command
    from alembic.config import Config

    from speechkit.tracker.store import MIGRATIONS, create_tracker_engine

    engine = create_tracker_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        for insert in inserts:
            connection.exec_driver_sql(insert)
    engine.dispose()


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


# --- the web app (issue 17): accounts of each role over a seeded tracker, a clock tests can move ---

WEB_TODAY = "2026-11-23"
WEB_PASSWORDS = {"office": "office-pass-1", "zjj": "unit-pass-zjj", "jyj": "unit-pass-jyj", "leader": "leader-pass-1"}
WEB_UNITS = {"zjj": "县住房和城乡建设局", "jyj": "县教育局"}
WEB_XSS = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"
WEB_SQLI = "'; DROP TABLE items; -- 县教育局\" OR 1=1"


def web_outline() -> dict[str, Any]:
    """Minutes with items for two units (one led, one cooperating) and hostile strings in an item's text."""

    def task(quote: str, owner: str, due: str, **extra: Any) -> dict[str, Any]:
        return {"quote": quote, "owner": owner, "deadline_iso": due, "deadline": extra.pop("deadline", None),
                "heading_path": extra.pop("heading_path", ["关于民生实事项目"]), **extra}  # fmt: skip

    tasks = [
        task("县住房和城乡建设局要在12月15日前完成城中村改造项目征收工作", "县住房和城乡建设局", "2026-12-15",
             deadline="12月15日前"),
        task("县教育局要于11月20日前完成校园安全隐患排查" + WEB_XSS, "县教育局", "2026-11-20", deadline="11月20日前"),
        task("县应急管理局牵头，县住房和城乡建设局配合，11月25日前完成燃气设施隐患排查", "县应急管理局", "2026-11-25",
             cooperating=["县住房和城乡建设局"], deadline="11月25日前"),
        task(WEB_SQLI + "要在年底前完成课后服务方案", "县教育局", "2026-12-31", deadline="年底前"),
    ]  # fmt: skip
    speech = {"title": "县政府第八次常务会议纪要", "meeting": "县政府第八次常务会议", "meeting_date": "2026-11-02",
              "tasks": tasks}  # fmt: skip
    return {"source": "cw08.txt", "input": {"path": "/in/cw08.txt", "sha256": "0" * 64}, "speeches": [speech]}


class WebClock:
    """The web app's clock: real time plus whatever a test adds."""

    def __init__(self) -> None:
        from datetime import timedelta

        self.offset = timedelta()

    def __call__(self):
        from speechkit.web.accounts import utc_now

        return utc_now() + self.offset


@pytest.fixture
def web_tracker(tracker_url: str):
    """A tracker holding ``web_outline()`` and one account per role: office, zjj and jyj (units), leader."""
    from speechkit.deliver.outline import from_dict
    from speechkit.tracker import open_tracker
    from speechkit.web.accounts import add_user

    tracker = open_tracker(tracker_url, by="importer")
    tracker.import_results([from_dict(web_outline())])
    add_user(tracker, "office", WEB_PASSWORDS["office"], "office", name="李督办")
    for login, unit in WEB_UNITS.items():
        add_user(tracker, login, WEB_PASSWORDS[login], "unit", unit=unit)
    add_user(tracker, "leader", WEB_PASSWORDS["leader"], "leader", name="王副县长")
    yield tracker
    tracker.dispose()


@pytest.fixture
def web_settings():
    """Settings with a movable clock and a fixed 'today', so warnings do not drift with the calendar."""
    from datetime import date

    from speechkit.web import WebSettings

    return WebSettings(clock=WebClock(), today=lambda: date.fromisoformat(WEB_TODAY), max_upload_mb=5)


@pytest.fixture
def live_server(web_tracker: Any, web_settings: Any):
    """The web app under uvicorn on 127.0.0.1 and a free port, in a thread; yields its base URL."""
    import socket
    import threading
    import time

    import uvicorn

    from speechkit.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(web_settings, tracker=web_tracker), host="127.0.0.1", port=port,
                            log_level="warning", limit_concurrency=200)  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
