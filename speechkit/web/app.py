"""The FastAPI application: settings, templates and static files from the package, security headers, error pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from speechkit.errors import TrackerError
from speechkit.tracker import Tracker, open_tracker
from speechkit.tracker.rules import COLOURS, STATUSES
from speechkit.web.accounts import ROLE_NAMES, SessionPolicy, utc_now
from speechkit.web.auth import BadRequest, Forbidden, LoginLimiter, LoginRequired, NotFound, login_redirect, viewer

PACKAGE = Path(str(files("speechkit.web")))
# Every asset comes from this package: no CDN, no inline script, nothing framed elsewhere.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


@dataclass
class WebSettings:
    """How ``speechkit serve`` runs: the store, session lifetimes, upload limit, and the clock (tests move it)."""

    db: str | None = None
    sessions: SessionPolicy = field(default_factory=SessionPolicy)
    max_upload_mb: int = 200
    secure: bool = False  # Secure cookies: set when the office serves it behind HTTPS
    page_size: int = 100
    clock: Callable[[], datetime] = utc_now
    today: Callable[[], date] = date.today


def create_app(settings: WebSettings | None = None, tracker: Tracker | None = None) -> FastAPI:
    """The web app over the tracker at ``settings.db`` (opened and migrated here) or over ``tracker``."""
    from speechkit.web import auth, items, register, uploads

    settings = settings or WebSettings()
    app = FastAPI(title="speechkit 督办台账", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.tracker = tracker or open_tracker(settings.db)
    app.state.templates = _templates()
    app.state.login_limiter = LoginLimiter()
    app.mount("/static", StaticFiles(directory=PACKAGE / "static"), name="static")
    for module in (auth, register, items, uploads):
        app.include_router(module.router)
    _add_error_pages(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Any]) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"  # no page is left in a shared browser's cache
        return response

    return app


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=PACKAGE / "templates")  # autoescape on for .html
    templates.env.globals.update(ROLE_NAMES=ROLE_NAMES, STATUSES=STATUSES, COLOURS=COLOURS)
    return templates


def _error_page(request: Request, status: int, title: str, message: str) -> Response:
    """The error in the site's frame, with the header and logout button when someone is logged in."""
    try:
        ctx = viewer(request)
    except (LoginRequired, TrackerError):
        ctx = None
    context = {"title": title, "message": message, "status": status, "ctx": ctx}
    return request.app.state.templates.TemplateResponse(request, "error.html", context, status_code=status)


def _add_error_pages(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def _login(request: Request, _: LoginRequired) -> Response:
        return login_redirect(request)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, error: Forbidden) -> Response:
        if error.args and error.args[0] == "CSRF":
            return _error_page(request, 403, "请求已失效", "表单已过期或来源不明，请返回页面刷新后重试。")
        return _error_page(request, 403, "无权操作", "您的账号没有执行此操作的权限。")

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, _: NotFound) -> Response:
        return _error_page(request, 404, "未找到", "没有该事项，或您无权查看。")

    @app.exception_handler(BadRequest)
    async def _bad_request(request: Request, error: BadRequest) -> Response:
        return _error_page(request, 400, "无法办理", str(error))

    @app.exception_handler(TrackerError)
    async def _tracker_error(request: Request, error: TrackerError) -> Response:
        return _error_page(request, 400, "无法办理", str(error))

    @app.exception_handler(RequestValidationError)
    async def _malformed(request: Request, _: RequestValidationError) -> Response:
        return _error_page(request, 400, "请求格式不正确", "地址或表单的格式不正确。")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> Response:
        titles = {404: "未找到", 405: "不支持的请求", 413: "文件过大"}
        return _error_page(request, error.status_code, titles.get(error.status_code, "出错了"), str(error.detail))
