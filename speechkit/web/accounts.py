"""Accounts (账号) and login sessions: argon2id passwords, server-side sessions that expire, CSRF tokens.

Every function takes an open ``Tracker`` and runs in its transactions (``Tracker.run``); the tables
are ``speechkit.tracker.accounts``. The cookie holds a random token; the database keeps its sha256,
so a copy of the database logs nobody in.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from speechkit.errors import TrackerError, UsageError
from speechkit.tracker import Tracker
from speechkit.tracker.accounts import LEADER, OFFICE, UNIT, LoginSession, User

HASHER = PasswordHasher()  # argon2id with the library's RFC 9106 defaults
MIN_PASSWORD_LENGTH = 8
LOGIN_PATTERN = re.compile(r"[A-Za-z0-9_.@-]{1,64}")
ROLE_ALIASES = {
    "office": OFFICE, "督办室": OFFICE, "督办": OFFICE,
    "unit": UNIT, "单位": UNIT, "责任单位": UNIT,
    "leader": LEADER, "领导": LEADER,
}  # fmt: skip
ROLE_NAMES = {OFFICE: "督办室", UNIT: "责任单位", LEADER: "领导"}
TOUCH_EVERY = timedelta(minutes=1)  # a session's last_seen is written at most this often (no write per request)
# argon2 takes 64 MiB per hash: a burst of 20 logins must not take 1.3 GB, so a few hash at a time.
HASHING = threading.BoundedSemaphore(4)
# Verified when the login is unknown, so that a wrong login takes as long as a wrong password.
_DUMMY_HASH = HASHER.hash(secrets.token_hex(16))


def utc_now() -> datetime:
    """Now in UTC without tzinfo, as the tracker stores times."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass(frozen=True)
class Account:
    """Who a request comes from: the user's login, role and unit, as a page needs them."""

    id: int
    login: str
    name: str | None
    role: str
    unit: str | None
    active: bool = True

    @property
    def label(self) -> str:
        """张三（县住建局） / 督办室 王五 for the page header."""
        who = self.name or self.login
        return f"{who}（{self.unit}）" if self.role == UNIT and self.unit else f"{who}（{ROLE_NAMES[self.role]}）"

    @property
    def is_office(self) -> bool:
        return self.role == OFFICE

    @property
    def is_unit(self) -> bool:
        return self.role == UNIT


def _account(user: User) -> Account:
    return Account(user.id, user.login, user.name, user.role, user.unit, user.active)


def parse_role(value: str) -> str:
    """office / unit / leader, or their Chinese names; a UsageError listing them otherwise."""
    role = ROLE_ALIASES.get(value.strip().lower())
    if role is None:
        raise UsageError(f"unknown role {value!r}; use office (督办室), unit (责任单位) or leader (领导)")
    return role


def check_password(password: str) -> None:
    """At least 8 characters; a UsageError says so."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UsageError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")


def add_user(
    tracker: Tracker, login: str, password: str, role: str, unit: str | None = None, name: str | None = None
) -> Account:
    """A new account; a unit user needs the unit (牵头/配合单位 as the register names it)."""
    if not LOGIN_PATTERN.fullmatch(login):
        raise UsageError(f"login {login!r}: use 1–64 letters, digits and . _ @ -")
    role = parse_role(role)
    unit = (unit or "").strip() or None
    if role == UNIT and not unit:
        raise UsageError("a unit user needs --unit (the 责任单位 as the register names it)")
    if role != UNIT and unit:
        raise UsageError("--unit is only for unit users (--role unit)")
    check_password(password)
    password_hash = HASHER.hash(password)

    def work(session: Session) -> Account:
        if session.scalar(select(User).where(User.login == login)) is not None:
            raise TrackerError(f"user {login!r} exists already (speechkit users passwd / disable)")
        now = utc_now()
        user = User(
            login=login, name=(name or "").strip() or None, role=role, unit=unit, password_hash=password_hash,
            active=True, created_at=now, password_changed_at=now,
        )  # fmt: skip
        session.add(user)
        session.flush()
        return _account(user)

    return tracker.run(work)


def list_users(tracker: Tracker) -> list[Account]:
    """Every account, by login."""
    return tracker.run(lambda s: [_account(u) for u in s.scalars(select(User).order_by(User.login))], write=False)


def _user(session: Session, login: str) -> User:
    user = session.scalar(select(User).where(User.login == login))
    if user is None:
        raise TrackerError(f"no user {login!r} (see speechkit users list)")
    return user


def set_password(tracker: Tracker, login: str, password: str) -> None:
    """A new password; the user's open sessions end."""
    check_password(password)
    password_hash = HASHER.hash(password)

    def work(session: Session) -> None:
        user = _user(session, login)
        user.password_hash, user.password_changed_at = password_hash, utc_now()
        session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))

    tracker.run(work)


def set_active(tracker: Tracker, login: str, active: bool) -> None:
    """Disable (or enable again) an account; disabling ends its sessions at once."""

    def work(session: Session) -> None:
        user = _user(session, login)
        user.active = active
        if not active:
            session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))

    tracker.run(work)


def authenticate(tracker: Tracker, login: str, password: str) -> Account | None:
    """The active account with this login and password, else None (in about the same time either way)."""
    user = tracker.run(lambda s: s.scalar(select(User).where(User.login == login)), write=False)
    try:
        with HASHING:
            HASHER.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if HASHER.check_needs_rehash(user.password_hash):
        with HASHING:
            new_hash = HASHER.hash(password)
        tracker.run(lambda s: setattr(_user(s, login), "password_hash", new_hash))
    return _account(user)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


@dataclass(frozen=True)
class SessionPolicy:
    """How long a login lasts: ``idle`` without a request, ``lifetime`` at most."""

    idle: timedelta = timedelta(hours=2)
    lifetime: timedelta = timedelta(hours=12)


def start_session(tracker: Tracker, account: Account, now: datetime, policy: SessionPolicy) -> tuple[str, str]:
    """A new session for the account: (cookie token, CSRF token). Expired sessions are swept on the way."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)

    def work(session: Session) -> None:
        session.execute(delete(LoginSession).where(LoginSession.expires_at <= now))
        session.execute(delete(LoginSession).where(LoginSession.last_seen <= now - policy.idle))
        session.add(
            LoginSession(
                token_hash=_digest(token), user_id=account.id, csrf=csrf, created_at=now, last_seen=now,
                expires_at=now + policy.lifetime,
            )
        )  # fmt: skip

    tracker.run(work)
    return token, csrf


def load_session(tracker: Tracker, token: str, now: datetime, policy: SessionPolicy) -> tuple[Account, str] | None:
    """The account and CSRF token of a live session, or None (unknown, expired, idle too long, user disabled)."""
    key = _digest(token)

    def read(session: Session) -> tuple[Account, str, datetime] | None:
        found = session.get(LoginSession, key)
        if found is None or not found.user.active:
            return None
        if found.expires_at <= now or found.last_seen <= now - policy.idle:
            return None
        return _account(found.user), found.csrf, found.last_seen

    live = tracker.run(read, write=False)
    if live is None:
        return None
    account, csrf, last_seen = live
    if now - last_seen >= TOUCH_EVERY:
        tracker.run(lambda s: _touch(s, key, now))
    return account, csrf


def _touch(session: Session, key: str, now: datetime) -> None:
    found = session.get(LoginSession, key)
    if found is not None:
        found.last_seen = now


def end_session(tracker: Tracker, token: str) -> None:
    """Log out: the session row goes, so the cookie is worthless even if kept."""
    tracker.run(lambda s: s.execute(delete(LoginSession).where(LoginSession.token_hash == _digest(token))))
