"""Upload a meeting (text, Word, web page, recording): the pipeline extracts its items, the office reviews,
corrects and picks them, and only then do they enter the tracker (one import, as ``tracker import``)."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any, cast

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as FormFile  # what request.form() holds
from starlette.exceptions import HTTPException

from speechkit.errors import SpeechkitError
from speechkit.tracker.accounts import Upload
from speechkit.web.auth import OFFICE_ONLY, BadRequest, Ctx, NotFound, office_viewer

router = APIRouter()
WAITING, IMPORTED, DROPPED = "待确认", "已导入", "已放弃"
CHUNK = 1 << 20
UNSAFE_NAME = re.compile(r"[\x00-\x1f/\\:*?\"<>|]+")  # path separators and what Windows refuses in names


def safe_filename(name: str | None) -> str:
    """The uploaded file's own name without folders or control characters (it keys the meeting on import)."""
    base = UNSAFE_NAME.sub("_", Path((name or "").replace("\\", "/")).name).strip(" .")
    return base[-120:] or "meeting.txt"


def save_upload(upload: UploadFile, folder: Path, limit_mb: int) -> Path:
    """Copy the upload into ``folder`` under its own name, refusing it past ``limit_mb``."""
    path = folder / safe_filename(upload.filename)
    written = 0
    with path.open("wb") as out:
        while chunk := upload.file.read(CHUNK):
            written += len(chunk)
            if written > limit_mb * CHUNK:
                raise HTTPException(413, f"文件超过{limit_mb} MB，请拆分后上传。")
            out.write(chunk)
    if written == 0:
        raise BadRequest("上传的文件是空的。")
    return path


def extract_outline(path: Path, meeting_date: date | None) -> dict[str, Any]:
    """Run the pipeline (speechkit.pipeline.process_file) on the saved file; the outline dict to review."""
    from speechkit.deliver.outline import to_dict
    from speechkit.document import Options
    from speechkit.pipeline import process_file

    data = to_dict(process_file(path, Options(meeting_date=meeting_date)))
    data["source"] = path.name
    data.setdefault("input", {})["path"] = f"upload:{path.name}"  # the same file uploaded again updates in place
    return data


def _task_rows(outline: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for s, speech in enumerate(outline.get("speeches") or []):
        for t, task in enumerate(speech.get("tasks") or []):
            rows.append({"key": f"{s}:{t}", "speech": speech, **task})
    return rows


def _load(ctx: Ctx, upload_id: int) -> Upload:
    found = ctx.tracker.run(lambda s: s.get(Upload, upload_id), write=False)
    if found is None:
        raise NotFound()
    return found


@router.get("/upload")
def upload_form(request: Request, ctx: Ctx = Depends(office_viewer)) -> Response:
    recent = ctx.tracker.run(lambda s: list(s.scalars(select(Upload).order_by(Upload.id.desc()).limit(20))), False)
    context = {"ctx": ctx, "recent": recent, "limit_mb": request.app.state.settings.max_upload_mb}
    return request.app.state.templates.TemplateResponse(request, "upload.html", context)


@router.post("/upload")
def upload(
    request: Request,
    file: UploadFile = File(...),
    meeting_date: str = Form(""),
    ctx: Ctx = Depends(OFFICE_ONLY),
) -> Response:
    """Save the file to a private temp folder, run the pipeline on it, keep its outline for review."""
    try:
        when = date.fromisoformat(meeting_date) if meeting_date.strip() else None
    except ValueError:
        raise BadRequest("会议日期格式应为 2026-12-31。") from None
    folder = Path(tempfile.mkdtemp(prefix="speechkit-upload-"))
    try:
        path = save_upload(file, folder, request.app.state.settings.max_upload_mb)
        try:
            outline = extract_outline(path, when)
        except SpeechkitError as e:
            raise BadRequest(f"无法处理 {path.name}：{e.message}") from None
        except Exception as e:  # a bug a text triggers in a stage: that upload fails, the server goes on
            raise BadRequest(f"无法处理 {path.name}（{type(e).__name__}）。") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    row = Upload(
        filename=path.name, by=ctx.account.login, at=ctx.now, state=WAITING,
        outline=json.dumps(outline, ensure_ascii=False),
    )  # fmt: skip

    def add(session: Session) -> int:
        session.add(row)
        session.flush()
        return row.id

    return RedirectResponse(f"/uploads/{ctx.tracker.run(add)}", status_code=303)


@router.get("/uploads/{upload_id}")
def review(
    request: Request, upload_id: int, new: int = 0, updated: int = 0, ctx: Ctx = Depends(office_viewer)
) -> Response:
    """The extracted items, each with its source sentence, heading path, owner and due date, to pick and correct."""
    found = _load(ctx, upload_id)
    outline = json.loads(found.outline)
    context = {
        "ctx": ctx, "upload": found, "speeches": outline.get("speeches") or [], "tasks": _task_rows(outline),
        "waiting": found.state == WAITING, "counts": {"new": new, "updated": updated},
    }  # fmt: skip
    return request.app.state.templates.TemplateResponse(request, "review.html", context)


def _corrected(task: dict[str, Any], owner: str | None, due: str | None) -> dict[str, Any]:
    """The task with the office's corrections: a new owner re-derives 牵头/配合; a date sets the due date."""
    task = dict(task)
    owner = (owner or "").strip()
    if owner and owner != (task.get("owner") or ""):
        task.update(owner=owner[:200], lead=None, cooperating=[])
    due = (due or "").strip()
    if due and due != (task.get("deadline_iso") or ""):
        try:
            date.fromisoformat(due)
        except ValueError:
            raise BadRequest(f"完成时限 {due} 不是有效日期（格式：2026-12-31）。") from None
        task["deadline_iso"] = due
    return task


@router.post("/uploads/{upload_id}/accept")
async def accept(request: Request, upload_id: int, ctx: Ctx = Depends(OFFICE_ONLY)) -> Response:
    """Import the ticked items (with corrections) in one transaction; the upload is then marked imported."""
    form = await request.form()
    chosen = set(form.getlist("task"))
    if not chosen:
        raise BadRequest("请至少勾选一项督办事项。")
    return await run_in_threadpool(_accept, ctx, upload_id, chosen, {k: str(v) for k, v in form.items()})


def _accept(ctx: Ctx, upload_id: int, chosen: set[FormFile | str], fields: dict[str, str]) -> Response:
    found = _load(ctx, upload_id)
    if found.state != WAITING:
        raise BadRequest("这份会议材料已经处理过了。")
    outline = json.loads(found.outline)
    for s, speech in enumerate(outline.get("speeches") or []):
        speech["tasks"] = [
            _corrected(task, fields.get(f"owner-{s}:{t}"), fields.get(f"due-{s}:{t}"))
            for t, task in enumerate(speech.get("tasks") or [])
            if f"{s}:{t}" in chosen
        ]
    from speechkit.deliver.outline import from_dict

    result = from_dict(outline)  # the reviewed outline, as the tracker takes it
    claim = update(Upload).where(Upload.id == upload_id, Upload.state == WAITING).values(state=IMPORTED)
    claimed = ctx.tracker.run(lambda s: cast(CursorResult, s.execute(claim)).rowcount)  # an UPDATE's result
    if claimed != 1:
        raise BadRequest("这份会议材料已经处理过了。")
    try:
        counts = ctx.tracker.import_results([result])
    except Exception:
        ctx.tracker.run(lambda s: s.execute(update(Upload).where(Upload.id == upload_id).values(state=WAITING)))
        raise
    return RedirectResponse(f"/uploads/{upload_id}?new={counts['new']}&updated={counts['updated']}", status_code=303)


@router.post("/uploads/{upload_id}/discard")
def discard(upload_id: int, ctx: Ctx = Depends(OFFICE_ONLY)) -> Response:
    """Drop an upload without importing anything."""
    ctx.tracker.run(
        lambda s: s.execute(update(Upload).where(Upload.id == upload_id, Upload.state == WAITING).values(state=DROPPED))
    )
    return RedirectResponse("/upload", status_code=303)
