"""Open the tracker's database: default location, SQLite safety settings, migrations, retried transactions."""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session

from speechkit.errors import MissingExtra, TrackerError

T = TypeVar("T")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_S = 30.0
ATTEMPTS = 8
# The newest revision of each branch in migrations/versions (the tracker's, the web app's); a test keeps them in step.
SCHEMA_HEADS = frozenset({"0002", "w001"})  # 0001 → 0002 (office fields), 0001 → w001 (web accounts)
BEGIN_OPTION = "speechkit_sqlite_begin"  # DEFERRED for read-only work: WAL readers never wait for the writer
PG_MIGRATION_LOCK = 0x5EEC4  # any constant: serialises schema upgrades of several processes on one server


def default_url() -> str:
    """``SPEECHKIT_DB``, else a SQLite file in the user's data directory."""
    if os.environ.get("SPEECHKIT_DB"):
        return os.environ["SPEECHKIT_DB"]
    from platformdirs import user_data_dir

    return f"sqlite:///{Path(user_data_dir('speechkit')) / 'tracker.db'}"


def normalize_url(url: str) -> str:
    """A bare file path means SQLite; ``postgresql://`` means psycopg 3 (the driver we ship)."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def create_tracker_engine(url: str) -> Engine:
    """An engine with WAL, a busy timeout and BEGIN IMMEDIATE on SQLite; a clear error for a bad URL."""
    try:
        parsed = make_url(normalize_url(url))
        parsed.port  # noqa: B018  (a port that is no number, postgresql://::bad::, fails here)
    except (ArgumentError, ValueError):
        raise TrackerError(f"not a database URL: {url!r}") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            try:
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise TrackerError(f"cannot create the folder for the tracker database: {e}") from None
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_S}, json_serializer=_json)
        _make_sqlite_safe(engine)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True, json_serializer=_json)
    except NoSuchModuleError:
        kind = parsed.drivername
        raise TrackerError(f"unknown database kind {kind!r}: use sqlite:///FILE or postgresql://…") from None
    except ModuleNotFoundError as e:
        if parsed.get_backend_name() == "postgresql":
            raise MissingExtra(e.name or "psycopg", "postgres") from None
        raise TrackerError(f"the driver for {parsed.drivername} is not installed ({e.name})") from None
    except (ArgumentError, SQLAlchemyError) as e:
        raise TrackerError(f"cannot use database URL {parsed.render_as_string()}: {e}") from None


def _json(value: Any) -> str:
    """JSON with the Chinese kept as is, so that ``--owner 自然资源`` finds it in 配合单位 with LIKE."""
    return json.dumps(value, ensure_ascii=False)


def _make_sqlite_safe(engine: Engine) -> None:
    """WAL so readers never block the writer; BEGIN IMMEDIATE so two writers queue instead of deadlocking."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(f"BEGIN {connection.get_execution_options().get(BEGIN_OPTION, 'IMMEDIATE')}")


def current_revisions(engine: Engine) -> frozenset[str]:
    """The schema revisions (one per branch) stored in the database, none for a new one (without Alembic)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return frozenset()
        return frozenset(connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision this code knows; refuse a database from newer code."""
    if current_revisions(engine) == SCHEMA_HEADS:
        return  # the usual case: skip loading Alembic and its scripts (~0.3 s per command)
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    heads = set(script.get_heads())
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_MIGRATION_LOCK})")
        current = set(MigrationContext.configure(connection).get_current_heads())
        if current == heads:
            return
        known = {rev.revision for rev in script.walk_revisions()}
        unknown = sorted(current - known)
        if unknown:
            raise TrackerError(
                f"the tracker database has schema revision {', '.join(unknown)}, newer than this speechkit "
                f"(which knows up to {', '.join(sorted(heads))}); upgrade speechkit to use it"
            )
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")


def is_retryable(error: DBAPIError) -> bool:
    """Lock contention (SQLite busy, PostgreSQL serialisation/deadlock) or a lost race on a unique key."""
    if isinstance(error, IntegrityError):
        return True
    text = str(error.orig).lower()
    return isinstance(error, OperationalError) and any(
        word in text for word in ("locked", "busy", "deadlock", "could not serialize")
    )


def describe(error: SQLAlchemyError) -> str:
    """The first line of a driver error, without SQLAlchemy's background link."""
    orig = getattr(error, "orig", None) or error
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__


def run_in_transaction(engine: Engine, work: Callable[[Session], T], write: bool = True) -> T:
    """Run ``work`` in one transaction: all of it commits or none; retried on lock contention."""
    bind = engine if write else engine.execution_options(**{BEGIN_OPTION: "DEFERRED"})
    for attempt in range(ATTEMPTS):
        try:
            with Session(bind, expire_on_commit=False) as session, session.begin():
                return work(session)
        except DBAPIError as e:
            if attempt + 1 < ATTEMPTS and is_retryable(e):
                time.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
                continue
            raise TrackerError(f"database error: {describe(e)}") from None
    raise AssertionError("unreachable")
