"""What a document uploaded as evidence may be: its size and its type, read from its
content rather than trusted from its name.

Office files are zip archives: only the archive's directory and its tiny `mimetype`
member are read, never a compressed member in full, so a zip bomb costs nothing.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

SNIFF_BYTES = 64 * 1024
MAX_ZIP_MEMBERS = 5_000


@dataclass(frozen=True)
class DocumentType:
    name: str
    content_type: str
    suffix: str


PDF = DocumentType("PDF", "application/pdf", ".pdf")
PNG = DocumentType("PNG image", "image/png", ".png")
JPEG = DocumentType("JPEG image", "image/jpeg", ".jpg")
TEXT = DocumentType("plain text", "text/plain; charset=utf-8", ".txt")
CSV = DocumentType("CSV", "text/csv; charset=utf-8", ".csv")
DOCX = DocumentType(
    "Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".docx",
)
XLSX = DocumentType(
    "Excel workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"
)
PPTX = DocumentType(
    "PowerPoint presentation",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".pptx",
)
ODT = DocumentType("OpenDocument text", "application/vnd.oasis.opendocument.text", ".odt")
ODS = DocumentType(
    "OpenDocument spreadsheet", "application/vnd.oasis.opendocument.spreadsheet", ".ods"
)
ALLOWED = (PDF, DOCX, XLSX, PPTX, ODT, ODS, PNG, JPEG, CSV, TEXT)
# The member that marks each Office Open XML kind.
OOXML_MARKERS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
ODF_TYPES = {t.content_type: t for t in (ODT, ODS)}


class DocumentRefusedError(ValueError):
    """The upload is not a document coopai accepts; the message says what is allowed."""


def allowed_words() -> str:
    names = [t.name for t in ALLOWED]
    return f"{', '.join(names[:-1])} or {names[-1]}"


def limit_words() -> str:
    return f"{settings.COOPAI_MAX_DOCUMENT_BYTES // 1_000_000} MB"


def display_name(name: str | None) -> str:
    """The uploader's file name without any folder, for showing only."""
    return PurePath(name or "document").name[:200]


def check_document(upload: UploadedFile) -> DocumentType:
    """The document's type, from its content; refused if too big, empty or not allowed."""
    size = upload.size or 0
    if size > settings.COOPAI_MAX_DOCUMENT_BYTES:
        msg = f"The selected file must be smaller than {limit_words()}"
        raise DocumentRefusedError(msg)
    if size == 0:
        raise DocumentRefusedError("The selected file is empty")
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    found = _sniff(head, upload, display_name(upload.name))
    if found is None:
        msg = f"The selected file must be a {allowed_words()}"
        raise DocumentRefusedError(msg)
    return found


def _sniff(head: bytes, upload: UploadedFile, name: str) -> DocumentType | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office(upload)
    if _is_text(head):
        return CSV if name.lower().endswith(".csv") else TEXT
    return None


def _office(upload: UploadedFile) -> DocumentType | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                return None
            names = {member.filename for member in members}
            for marker, kind in OOXML_MARKERS.items():
                if marker in names and "[Content_Types].xml" in names:
                    return kind
            mimetype = next((m for m in members if m.filename == "mimetype"), None)
            if mimetype is not None and mimetype.file_size < 100:
                return ODF_TYPES.get(archive.read(mimetype).decode("ascii", "replace").strip())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    return None


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut by the sniffing window is still text.
        return error.start >= len(head) - 3 and len(head) == SNIFF_BYTES
    return True
