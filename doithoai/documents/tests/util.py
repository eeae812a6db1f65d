"""Reading generated documents back in tests."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

from docx import Document


def docx_text(data: bytes) -> str:
    """Every paragraph of the body, of every table cell (nested too) and of the headers, one per line."""
    document = Document(io.BytesIO(data))
    lines: list[str] = []

    def walk(container: object) -> None:
        for block in container.iter_inner_content():  # type: ignore[attr-defined]
            if hasattr(block, "rows"):
                for row in block.rows:
                    seen = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        walk(cell)
            else:
                lines.append(block.text)

    walk(document)
    return "\n".join(lines)


def pdf_text(data: bytes) -> str:
    """The text of a PDF, in reading order (poppler's pdftotext, installed with LibreOffice on CI)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(data)
        result = subprocess.run(  # noqa: S603 - our own arguments
            ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],  # noqa: S607 - poppler from the system
            check=True,
            capture_output=True,
        )
        return result.stdout.decode("utf-8")
