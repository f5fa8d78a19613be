"""HTML pages: main text, title and date through trafilatura."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import trafilatura

from undeleted.errors import BadInput
from undeleted.ingest.decode import decode, normalize_text
from undeleted.ingest.limits import read_document_bytes
from undeleted.models import Document
from undeleted.text.lang import detect_language


def read_html(path: Path) -> Iterator[Document]:
    yield parse_html(decode(read_document_bytes(path), str(path)), str(path))


def parse_html(html: str, source: str, url: str | None = None) -> Document:
    """The article in an HTML page, without navigation, cookie banners and footers."""
    extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    text = normalize_text(getattr(extracted, "text", None) or "") if extracted else ""
    if not text:
        raise BadInput(f"{source}: no article text after boilerplate removal (login page or empty page?)")
    published = None
    found = getattr(extracted, "date", None)
    if found:
        try:
            published = date.fromisoformat(str(found)[:10])
        except ValueError:
            published = None
    return Document(
        text=text,
        title=getattr(extracted, "title", None),
        url=url or getattr(extracted, "url", None),
        outlet=getattr(extracted, "sitename", None),
        published=published,
        date_source="metadata" if published else "unknown",
        language=detect_language(text),
    )
