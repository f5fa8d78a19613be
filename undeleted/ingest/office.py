"""PDF and Word (.docx) reports: their text layer, with each PDF page starting after a form feed (\\f) so that a
character offset tells its page (see page_of); a PDF without a text layer (a scan) is refused, not guessed at."""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from undeleted.errors import BadInput
from undeleted.ingest.decode import normalize_text
from undeleted.ingest.limits import check_zip
from undeleted.models import Document
from undeleted.text.lang import detect_language

PAGE_BREAK = "\f"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
MIN_CHARS_PER_PAGE = 20  # fewer extracted characters than this on every page: a scan with no text layer


def unwrap(page: str) -> str:
    """A PDF page's lines joined into paragraphs (PDFs break lines mid-sentence; blank lines stay breaks):
    a hyphen at a line's end before a lowercase letter is dropped, Chinese lines join without a space."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", page):
        joined = ""
        for line in (line.strip() for line in block.split("\n")):
            if not line:
                continue
            if not joined:
                joined = line
            elif joined.endswith("-") and line[:1].islower():
                joined = joined[:-1] + line
            elif CJK.match(joined[-1]) or CJK.match(line[0]):
                joined += line
            else:
                joined += " " + line
        if joined:
            paragraphs.append(joined)
    return "\n\n".join(paragraphs)


def page_of(text: str, offset: int) -> int:
    """The page (1-based) of a character offset in a PDF's text: one more than the page breaks before it."""
    return text.count(PAGE_BREAK, 0, max(0, offset)) + 1


def read_pdf(path: Path) -> Iterator[Document]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings about malformed but readable files
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise BadInput(f"{path}: encrypted PDF; save an unprotected copy first")
        pages = [unwrap(normalize_text(page.extract_text() or "")) for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or None
    except PyPdfError as problem:
        raise BadInput(f"{path}: broken PDF ({problem})") from None
    except (ValueError, KeyError, TypeError, OSError) as problem:
        raise BadInput(f"{path}: cannot read this PDF ({problem})") from None
    if not pages or all(len(page) < MIN_CHARS_PER_PAGE for page in pages):
        raise BadInput(
            f"{path}: no text layer ({len(pages)} page(s), a scanned PDF?); run OCR on it first "
            "(e.g. ocrmypdf) and give the result"
        )
    text = f"\n\n{PAGE_BREAK}".join(pages).strip("\n ")  # each page after the first starts with a form feed
    yield Document(
        text=text, title=str(title).strip() or None if title else None, language=detect_language(text)
    )


def read_docx(path: Path) -> Iterator[Document]:
    """Paragraphs and table cells of a .docx, in document order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        check_zip(path)
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as problem:
        raise BadInput(f"{path}: not a readable .docx file ({problem})") from None
    blocks: list[str] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                cells = list(dict.fromkeys(cell.text.strip() for cell in row.cells if cell.text.strip()))
                if cells:
                    blocks.append(" | ".join(cells))
        elif block.text.strip():
            blocks.append(block.text)
    text = normalize_text("\n\n".join(blocks))
    if not text:
        raise BadInput(f"{path}: no text in this Word file")
    title = (document.core_properties.title or "").strip() or None
    yield Document(text=text, title=title, language=detect_language(text))
