"""Render every document of the demo to PDF and page 1 of each to PNG under docs/documents/.

    .venv/bin/python scripts/render_documents.py [--out docs/documents] [--keep]

A throwaway SQLite database is migrated and the demo loaded into it (as `./dev demo` does); then each kind
of document is taken from the demo's register where the demo issued it (the plan, the announcement and the
invitations and the rules (nội quy) of the conference ahead, the minutes and conclusion notice of the held
one, a transfer letter), or drafted (the radio script, the hall banner (khánh tiết, A3 landscape), the opinion
form for Thôn Nà Pàn and a blank one, the Front's summary report, the results report of the year so far), plus
the Party layout of the plan and of the conclusion notice.
All are converted by one LibreOffice run (pdf.convert_many) and page 1 of each is rendered at 80 dpi with
poppler's pdftoppm, so that a reviewer sees them without installing anything.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "documents"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, DOCX, PDF)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="doithoai-documents-"))
    database_url = f"sqlite:///{folder / 'demo.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "doithoai.settings"}
    env["DJANGO_SECRET_KEY"] = "render-only-" + secrets.token_urlsafe(24)
    env["DOITHOAI_TASKS_BACKEND"] = "django.tasks.backends.dummy.DummyBackend"
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    try:
        subprocess.run([str(ROOT / "dev"), "manage", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603
        subprocess.run([str(ROOT / "dev"), "manage", "load_demo"], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
        import django

        django.setup()
        render_all(Path(args.out), folder)
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


def render_all(out: Path, folder: Path) -> None:
    from django.db import transaction
    from django.utils import timezone

    from doithoai.accounts.models import User
    from doithoai.conferences.models import Conference, ConferenceKind, ConferenceStatus
    from doithoai.documents import pdf
    from doithoai.documents.actions import draft_docx
    from doithoai.documents.kinds import FormSubject, Period
    from doithoai.documents.models import DocumentStatus, IssuedDocument
    from doithoai.units.models import AdminUnit, Village

    office = User.objects.get(username="vanphong")
    front = User.objects.get(username="mattran")
    commune = AdminUnit.objects.get(name="Xã Điềm He", era="current")
    ahead = (
        Conference.objects.filter(unit=commune, status=ConferenceStatus.ANNOUNCED, starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
    )
    held = Conference.objects.filter(unit=commune, kind=ConferenceKind.AD_HOC).order_by("-starts_at").first()
    assert ahead is not None and held is not None

    def issued(kind: str, **subject: object) -> bytes:
        document = IssuedDocument.objects.get(kind=kind, status=DocumentStatus.ISSUED, **subject)
        return bytes(document.docx.data)

    files: dict[str, bytes] = {
        "ke-hoach": issued("plan", plan=ahead.plan, conference__isnull=True),
        "thong-bao": issued("announcement", conference=ahead),
        "kich-ban-phat-thanh": draft_docx(actor=office, kind="radio_script", subject=ahead)[0],
        "giay-moi": issued("invitations", conference=ahead),
        "phieu-lay-y-kien": draft_docx(
            actor=office,
            kind="opinion_form",
            subject=FormSubject(ahead, Village.objects.get(unit=commune, name="Thôn Nà Pàn")),
        )[0],
        "bao-cao-tong-hop": draft_docx(actor=front, kind="summary_report", subject=ahead)[0],
        "bien-ban": issued("minutes", conference=held),
        "thong-bao-ket-luan": issued("conclusion_notice", conference=held),
        "van-ban-chuyen": bytes(
            IssuedDocument.objects.filter(kind="transfer_letter", status=DocumentStatus.ISSUED)
            .order_by("pk")
            .first()
            .docx.data  # type: ignore[union-attr]
        ),
        "noi-quy": issued("conference_rules", conference=ahead),
        "khanh-tiet": draft_docx(actor=office, kind="hall_banner", subject=ahead)[0],
        "bao-cao-ket-qua": draft_docx(
            actor=office,
            kind="results_report",
            subject=Period(commune, dt.date(timezone.localdate().year, 1, 1), timezone.localdate()),
        )[0],
    }
    # The Party layout (HD 36): the same plan and conclusion notice had the Đảng ủy issued the plan. Drawn in
    # a transaction rolled back at once: the throwaway demo is not changed.
    with transaction.atomic():
        plan = ahead.plan
        type(plan).objects.filter(pk=plan.pk).update(issuer="party")
        plan.refresh_from_db()
        files["ke-hoach-dang"] = draft_docx(actor=office, kind="plan", subject=plan)[0]
        held.refresh_from_db()
        files["thong-bao-ket-luan-dang"] = draft_docx(actor=office, kind="conclusion_notice", subject=held)[0]
        transaction.set_rollback(True)

    pdfs = pdf.convert_many(files)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in pdfs.items():
        path = folder / f"{name}.pdf"
        path.write_bytes(data)
        subprocess.run(  # noqa: S603
            ["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", str(path), str(out / name)],  # noqa: S607
            check=True,
        )
        print(f"{out / name}.png")


if __name__ == "__main__":
    raise SystemExit(main())
