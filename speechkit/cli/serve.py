"""``speechkit serve``: the tracker in the browser; ``speechkit users``: its accounts (add, list, passwd, disable)."""

from __future__ import annotations

import ipaddress
import sys

import typer
from rich.table import Table

from speechkit.cli.app import app, console, say
from speechkit.errors import MissingExtra, UsageError

users_app = typer.Typer(help="Accounts of the web tracker (speechkit serve): add, list, passwd, disable, enable.",
                        no_args_is_help=True)  # fmt: skip
app.add_typer(users_app, name="users")
DB_HELP = "Tracker database: a SQLAlchemy URL or a SQLite file (default: $SPEECHKIT_DB or the user data folder)."
STDIN_HELP = "Read the password from the first line of standard input instead of prompting."


def _web():  # -> the speechkit.web.accounts module, or the extra to install
    try:
        from speechkit.web import accounts
    except ModuleNotFoundError as e:
        raise MissingExtra(e.name or "fastapi", "web") from None
    return accounts


def _tracker(db: str | None):  # -> speechkit.tracker.Tracker
    from speechkit.tracker import open_tracker

    return open_tracker(db)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@app.command()
def serve(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    idle_minutes: int = typer.Option(120, "--idle-minutes", help="Log a user out after this long without a request."),
    max_upload_mb: int = typer.Option(200, "--max-upload-mb", help="Largest meeting file accepted."),
    secure_cookies: bool = typer.Option(False, "--secure-cookies", help="Mark cookies Secure (behind HTTPS)."),
) -> None:
    """Run the office's 督办台账 web app over the tracker store (log in with accounts from 'speechkit users')."""
    from datetime import timedelta

    try:
        import uvicorn

        from speechkit.web import WebSettings, create_app
        from speechkit.web.accounts import SessionPolicy, list_users
    except ModuleNotFoundError as e:
        raise MissingExtra(e.name or "fastapi", "web") from None
    if idle_minutes < 1 or max_upload_mb < 1:
        raise UsageError("--idle-minutes and --max-upload-mb must be at least 1")
    policy = SessionPolicy(idle=timedelta(minutes=idle_minutes))
    settings = WebSettings(db=db, sessions=policy, max_upload_mb=max_upload_mb, secure=secure_cookies)
    web = create_app(settings)
    tracker = web.state.tracker
    if not any(u.role == "office" and u.active for u in list_users(tracker)):
        say("speechkit: no office account yet: speechkit users add NAME --role office" + (f" --db {db}" if db else ""))
    if not _is_loopback(host):
        say(f"speechkit: serving on {host}: reachable from the network; put it behind HTTPS (--secure-cookies)")
    say(f"speechkit: 督办台账 at http://{host}:{port}/ over {tracker.url} (Ctrl-C stops)")
    uvicorn.run(web, host=host, port=port, log_level="warning")


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@users_app.command("add")
def users_add(
    login: str = typer.Argument(..., help="Login name (letters, digits, . _ @ -)."),
    role: str = typer.Option(..., "--role", help="office (督办室), unit (责任单位) or leader (领导, read-only)."),
    unit: str | None = typer.Option(None, "--unit", help="For a unit user: the unit as the register names it."),
    name: str | None = typer.Option(None, "--name", help="Display name, e.g. 张三."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help=STDIN_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Add an account; the password is asked twice (or read from stdin) and stored as an argon2 hash."""
    accounts = _web()
    role = accounts.parse_role(role)
    account = accounts.add_user(_tracker(db), login, _password(password_stdin), role, unit, name)
    say(f"user {account.login} added ({account.label})")


@users_app.command("list")
def users_list(db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """List the accounts with their roles and units."""
    accounts = _web()
    table = Table("登录名", "姓名", "角色", "单位", "状态", title="账号")
    for a in accounts.list_users(_tracker(db)):
        table.add_row(a.login, a.name or "", accounts.ROLE_NAMES[a.role], a.unit or "", "启用" if a.active else "停用")
    console.print(table)


@users_app.command("passwd")
def users_passwd(
    login: str = typer.Argument(..., help="Login name."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help=STDIN_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Set a new password; the user's open sessions end."""
    accounts = _web()
    accounts.set_password(_tracker(db), login, _password(password_stdin))
    say(f"password of {login} changed")


@users_app.command("disable")
def users_disable(
    login: str = typer.Argument(..., help="Login name."), db: str | None = typer.Option(None, "--db", help=DB_HELP)
) -> None:
    """Disable an account at once (its sessions end); its history stays."""
    _web().set_active(_tracker(db), login, False)
    say(f"user {login} disabled")


@users_app.command("enable")
def users_enable(
    login: str = typer.Argument(..., help="Login name."), db: str | None = typer.Option(None, "--db", help=DB_HELP)
) -> None:
    """Enable a disabled account again."""
    _web().set_active(_tracker(db), login, True)
    say(f"user {login} enabled")
