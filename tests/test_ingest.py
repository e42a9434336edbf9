"""Ingest: every common Chinese encoding, docx, html; bad input is one clear InputError."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from speechkit.errors import InputError
from speechkit.ingest import read

# 002 is a traditional-character page: the Big5 case reads it as its users would hold it.
TRADITIONAL = (
    "辦公室工作領導講話稿\n同志們：\n一、切實履行職能，辦公室各項工作成效顯著\n（一）把握形勢謀大事，當好參謀助手。"
)


def sample_text(samples_dir: Path) -> str:
    return (samples_dir / "000_ccfca2a2b2a83bab.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-16-le", "utf-8-sig", "utf-8"])
def test_ingest_reads_simplified_text_in_any_encoding(samples_dir: Path, tmp_path: Path, encoding: str) -> None:
    text = sample_text(samples_dir)[:3000]
    text = text.encode("gbk", errors="ignore").decode("gbk")  # keep only what every encoding can hold
    path = tmp_path / f"speech-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert read(path).text.replace("\r\n", "\n") == text.replace("\r\n", "\n")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_ingest_reads_chinese_only_utf16_without_bom(tmp_path: Path, encoding: str) -> None:
    text = "会议要求各乡镇于本月底前完成排查整治并报县应急管理局。"  # no ASCII, so not one NUL byte
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert read(path).text == text


def test_ingest_reads_big5(tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    document = read(path)
    assert document.text == TRADITIONAL
    assert document.encoding is not None and "big5" in document.encoding.replace("_", "")


def test_ingest_short_gbk_line_is_not_mistaken(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes("会议要求各单位于10月底前报送材料。".encode("gbk"))
    assert read(path).text == "会议要求各单位于10月底前报送材料。"


def test_ingest_docx_keeps_paragraphs_tables_and_word_numbering(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("在全市办公室工作会议上的讲话")
    document.add_paragraph("切实履行职能", style="List Number")
    document.add_paragraph("加强信息工作", style="List Number")
    table = document.add_table(rows=2, cols=3)
    for cell, value in zip(table.rows[0].cells, ["工作事项", "牵头单位", "完成时限"], strict=True):
        cell.text = value
    for cell, value in zip(table.rows[1].cells, ["修订公文处理办法", "办公室", "10月底前"], strict=True):
        cell.text = value
    path = tmp_path / "speech.docx"
    document.save(path)
    assert read(path).text.splitlines() == [
        "在全市办公室工作会议上的讲话",
        "1.切实履行职能",
        "2.加强信息工作",
        "工作事项 | 牵头单位 | 完成时限",
        "修订公文处理办法 | 办公室 | 10月底前",
    ]


def test_ingest_html_takes_the_article_not_the_chrome(tmp_path: Path) -> None:
    body = "".join(f"<p>{line}</p>" for line in TRADITIONAL.splitlines())
    page = (
        '<html><head><meta charset="gbk"><title>讲话稿</title></head><body>'
        "<nav><a href='/'>首页</a> | <a href='/x'>范文大全</a></nav>"
        f"<article>{body}<p>{'各单位要按照会议要求抓好落实。' * 5}</p></article>"
        "<footer>版权所有 © 2024 某某网 备案号12345</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk", errors="ignore"))
    text = read(path).text
    assert "切實履行職能" in text and "各单位要按照会议要求抓好落实" in text
    assert "备案号" not in text


# fmt: off
SAVED_PAGES = [  # a page saved with a text suffix (issue 12): its markup is sniffed, not read as words
    ("page.txt", "<!DOCTYPE html>\n<html><head><title>讲话稿</title></head><body>"),
    ("page.md", "\ufeff<html lang='zh'><body>"),
    ("page", "<?xml version='1.0'?>\n<html><body>"),
    ("page.text", "<meta charset='utf-8'>\n<head><title>讲话稿</title></head>\n<body>"),
]
# fmt: on


@pytest.mark.parametrize(("name", "opening"), SAVED_PAGES)
def test_ingest_html_saved_as_text_is_read_as_a_page(tmp_path: Path, name: str, opening: str) -> None:
    path = tmp_path / name
    path.write_text(opening + f"<p>{'各单位要按照会议要求抓好落实。' * 5}</p></body></html>", encoding="utf-8")
    doc = read(path)
    assert doc.kind == "html"
    assert "各单位要按照会议要求抓好落实" in doc.text and "<p>" not in doc.text and "<body" not in doc.text


def test_ingest_text_quoting_a_tag_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("会议要求：网页中的<span>标签要清理。各单位要抓好落实。", encoding="utf-8")
    assert read(path).kind == "txt"


# fmt: off
BAD_INPUTS = [
    ("empty.txt", b"", "is empty"),
    ("blank.txt", b"  \n\n ", "is empty"),
    ("binary.txt", bytes(range(256)) * 8, "binary"),
    ("control.txt", b"\x00\x01\x02binary", "binary"),  # valid UTF-8, but control bytes
    ("control2.txt", b"\x01\x02\x03\x04bin", "binary"),
    ("utf16ish.txt", b"abc\x00\x01\x02", "binary"),  # "valid" UTF-16 without a BOM, but no script of a document
    ("broken.docx", b"PK\x03\x04 this is not really a zip", ".docx"),
    ("notes.pdf", b"%PDF-1.4", "unsupported file type"),
]
# fmt: on


@pytest.mark.parametrize(("name", "content", "reason"), BAD_INPUTS)
def test_ingest_bad_input_is_one_clear_error(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as exc:
        read(path)
    assert reason in str(exc.value)
    assert str(exc.value).startswith(str(path))


def test_ingest_directory_and_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "missing.txt")


def test_ingest_records_sha256_of_the_bytes(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "a.txt"
    path.write_bytes("同志们：今天开会。".encode("gb18030"))
    assert read(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_ingest_gbk_slice_cut_mid_character_still_reads(samples_dir: Path, tmp_path: Path) -> None:
    # An archive slice of sample 000 that starts inside a two-byte character, garbage line included.
    data = sample_text(samples_dir)[:6000].encode("gbk", errors="ignore")[1:]
    path = tmp_path / "slice.txt"
    path.write_bytes(data)
    document = read(path)
    assert "全市教育系统办公室工作会议" in document.text


def test_ingest_read_bytes_names_the_input_not_a_temporary_copy() -> None:
    from speechkit.ingest import read_bytes

    with pytest.raises(InputError) as exc:
        read_bytes("archive/2024/rec.wav", "这不是录音".encode() * 20)
    assert str(exc.value).startswith("archive/2024/rec.wav: ")
