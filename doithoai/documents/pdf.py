"""PDF through LibreOffice headless. The application works without it: issued documents then say that the
server cannot make PDFs, and the DOCX is exported to PDF in Word instead (docs/deployment.md)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

TIMEOUT_SECONDS = 180


class PdfUnavailable(Exception):
    """LibreOffice is not installed (or is switched off by DOITHOAI_SOFFICE="")."""


class PdfFailed(Exception):
    """LibreOffice ran and did not produce a PDF."""


def soffice_path() -> str | None:
    """The LibreOffice binary: the DOITHOAI_SOFFICE setting (empty switches PDFs off), else found on PATH."""
    configured = getattr(settings, "DOITHOAI_SOFFICE", None)
    if configured is not None:
        return configured or None
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice_path() is not None


def convert_many(files: dict[str, bytes]) -> dict[str, bytes]:
    """Convert several DOCX at once ({name: bytes} → {name: pdf bytes}): one LibreOffice start for all."""
    binary = soffice_path()
    if binary is None:
        raise PdfUnavailable
    with tempfile.TemporaryDirectory(prefix="doithoai-pdf-") as folder:
        work = Path(folder)
        inputs = []
        for name, data in files.items():
            path = work / f"{name}.docx"
            path.write_bytes(data)
            inputs.append(str(path))
        # Its own profile folder: two conversions at once would otherwise fight over the user's profile lock.
        profile = (work / "profile").as_uri()
        try:
            subprocess.run(  # noqa: S603 - our own arguments; the binary is the configured LibreOffice
                [
                    binary,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work),
                    *inputs,
                ],
                check=True,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
            raise PdfFailed(str(error)[:250]) from error
        out = {}
        for name in files:
            pdf = work / f"{name}.pdf"
            if not pdf.exists():
                raise PdfFailed(f"LibreOffice did not write {name}.pdf")
            out[name] = pdf.read_bytes()
        return out


def convert(docx: bytes) -> bytes:
    return convert_many({"document": docx})["document"]
