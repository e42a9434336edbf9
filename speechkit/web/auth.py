"""Who is asking and what they may do: the login pages, the session cookie, CSRF checks, role and unit guards."""

from __future__ import annotations

import hmac
import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from speechkit.tracker import ItemView, Tracker
from speechkit.tracker.accounts import LEADER, OFFICE, UNIT
from speechkit.web.accounts import Account, authenticate, end_session, load_session, start_session

SESSION_COOKIE = "speechkit_session"
LOGIN_CSRF_COOKIE = "speechkit_login_csrf"
CSRF_HEADER = "x-csrf-token"
FAILED_LOGINS_ALLOWED = 5  # per login within FAILED_LOGIN_WINDOW_S, then a pause: no password guessing at speed
FAILED_LOGIN_WINDOW_S = 300.0

router = APIRouter()


class LoginRequired(Exception):
    """No live session: the page sends the browser to the login form."""


class Forbidden(Exception):
    """The user's role may not do this (403)."""


class NotFound(Exception):
    """No such item, or not one of the user's unit's: the same answer for both (404), so IDs reveal nothing."""


class BadRequest(Exception):
    """A form that cannot be used as sent (400): the message is shown."""


@dataclass(frozen=True)
class Ctx:
    """One request's user: the account, its session's CSRF token and the tracker writing in its name."""

    account: Account
    csrf: str
    tracker: Tracker
    today: date  # due dates and warnings are judged as of this day
    now: datetime  # UTC, for the rows the web app writes itself


def settings(request: Request) -> Any:
    return request.app.state.settings


def viewer(request: Request) -> Ctx:
    """The logged-in user of this request, or LoginRequired."""
    token = request.cookies.get(SESSION_COOKIE)
    conf = settings(request)
    live = load_session(request.app.state.tracker, token, conf.clock(), conf.sessions) if token else None
    if live is None:
        raise LoginRequired()
    account, csrf = live
    return Ctx(account, csrf, Tracker(request.app.state.tracker.engine, by=account.login), conf.today(), conf.clock())


def office_viewer(request: Request) -> Ctx:
    """A page only the office reads (the queue of extension requests, uploads)."""
    ctx = viewer(request)
    if not ctx.account.is_office:
        raise Forbidden(ctx.account.role)
    return ctx


def check_csrf(request: Request, ctx: Ctx, sent: str) -> None:
    """The form's (or the X-CSRF-Token header's) token must be this session's."""
    sent = sent or request.headers.get(CSRF_HEADER, "")
    if not sent or not hmac.compare_digest(sent.encode(), ctx.csrf.encode()):
        raise Forbidden("CSRF")


def writer(*roles: str) -> Any:
    """A dependency for a POST route: logged in, the form's CSRF token right, the role one of ``roles``."""

    def dependency(request: Request, csrf_token: str = Form("")) -> Ctx:
        ctx = viewer(request)
        check_csrf(request, ctx, csrf_token)
        if ctx.account.role not in roles:
            raise Forbidden(ctx.account.role)
        return ctx

    return dependency


OFFICE_ONLY = writer(OFFICE)
UNIT_ONLY = writer(UNIT)  # extension requests: the office extends directly
REPORTERS = writer(OFFICE, UNIT)  # progress reports; leaders only read
ANY_USER = writer(OFFICE, UNIT, LEADER)  # logging out


def can_see(account: Account, item: ItemView) -> bool:
    """The office and leaders see everything; a unit sees the items it leads or cooperates on."""
    if account.role != UNIT:
        return True
    return bool(account.unit) and (item.lead == account.unit or account.unit in item.cooperating)


def safe_next(value: str | None) -> str:
    """Where to go after logging in: only a path on this site (no //host, no scheme)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


class LoginLimiter:
    """Counts failed logins per login name; past the limit the form refuses for a while (in memory)."""

    def __init__(self, allowed: int = FAILED_LOGINS_ALLOWED, window_s: float = FAILED_LOGIN_WINDOW_S) -> None:
        self.allowed, self.window_s = allowed, window_s
        self.failures: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, login: str) -> deque[float]:
        times = self.failures[login]
        while times and times[0] < time.monotonic() - self.window_s:
            times.popleft()
        return times

    def blocked(self, login: str) -> bool:
        return len(self._recent(login)) >= self.allowed

    def failed(self, login: str) -> None:
        self._recent(login).append(time.monotonic())

    def succeeded(self, login: str) -> None:
        self.failures.pop(login, None)


def _login_page(request: Request, error: str | None, next_path: str, status: int = 200) -> Response:
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
    response = request.app.state.templates.TemplateResponse(
        request, "login.html", {"error": error, "next": next_path, "login_csrf": token}, status_code=status
    )
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=settings(request).secure)
    return response


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    return _login_page(request, None, safe_next(next))


@router.post("/login")
def login(
    request: Request,
    login: str = Form(""),
    password: str = Form(""),
    csrf_token: str = Form(""),
    next: str = Form("/"),
) -> Response:
    """Check the login form (double-submit CSRF cookie), start a session, set its cookie."""
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie.encode(), csrf_token.encode()):
        return _login_page(request, "页面已过期，请重新登录。", safe_next(next), 403)
    limiter: LoginLimiter = request.app.state.login_limiter
    login = login.strip()
    if limiter.blocked(login):
        return _login_page(request, "密码错误次数过多，请5分钟后再试。", safe_next(next), 429)
    tracker = request.app.state.tracker
    account = authenticate(tracker, login, password)
    if account is None:
        limiter.failed(login)
        return _login_page(request, "用户名或密码错误，或账号已停用。", safe_next(next), 401)
    limiter.succeeded(login)
    conf = settings(request)
    token, _ = start_session(tracker, account, conf.clock(), conf.sessions)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="lax", secure=conf.secure,
        max_age=int(conf.sessions.lifetime.total_seconds()),
    )  # fmt: skip
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout")
def logout(request: Request, ctx: Ctx = Depends(ANY_USER)) -> Response:
    end_session(request.app.state.tracker, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def login_redirect(request: Request) -> Response:
    """To the login form, coming back here afterwards (GET) or to the start page (a lost POST)."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    back = target if request.method == "GET" else "/"
    return RedirectResponse(f"/login?next={quote(back, safe='')}", status_code=303)
