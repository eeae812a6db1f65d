"""Intake by staff: paper opinion forms typed in, and Excel summaries (of a village, or of the Front) imported.

Both end in `create_petition`, the one intake path. A paper form is one petition, saved with its scanned
form in one transaction. An Excel summary is imported in steps, each atomic and audited:

- `import_start` checks that the upload is an .xlsx within the limits, stores it (private storage) and
  records who sent it;
- `import_schedule` imports it at once when it is small, else hands it to the task worker (tasks.py);
- `import_run` reads and checks every row first; only when no row has a problem does it create all the
  petitions, in one transaction. Each row's submission key is the file's hash and the row's number, so
  the same file imported twice creates nothing the second time.

A village head (who collects the forms of their village) enters petitions of their own village only.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.audit.actions import record
from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.core.permissions import require_perm
from doithoai.lib import xlsx
from doithoai.lib.codes import new_code
from doithoai.lib.text import fold, normalize_input
from doithoai.petitions import excel, rules
from doithoai.petitions.actions import _clean_intake, create_petition
from doithoai.petitions.actions.attachments import check_files, store_attachments
from doithoai.petitions.models import Channel, ImportStatus, Kind, Petition, PetitionImport
from doithoai.petitions.selectors import intake as intake_selectors
from doithoai.units.models import AdminUnit, Village

logger = logging.getLogger(__name__)

EVENT_LABELS: dict[str, Promise | str] = {
    "petition.import_started": gettext_lazy("Tải lên tệp Excel tổng hợp ý kiến, kiến nghị"),
    "petition.imported": gettext_lazy("Nhập ý kiến, kiến nghị từ tệp Excel"),
    "petition.import_failed": gettext_lazy("Tệp Excel ý kiến có lỗi, không nhập dòng nào"),
}

PROGRESS_EVERY = 100  # rows between two updates of the progress bar


# ---------------------------------------------------------------- paper forms


def _village_error(actor: Any, unit: AdminUnit, village: Village | None) -> str:
    """Why `actor` may not enter a petition of `village` ("" when they may)."""
    if village is None:
        return _("Chọn thôn, tổ dân phố của người góp ý.")
    allowed = intake_selectors.headed_villages(actor, unit)
    if allowed is not None and village.pk not in allowed:
        return _("Trưởng thôn chỉ nhập ý kiến của thôn, tổ dân phố mình phụ trách.")
    return ""


@transaction.atomic
def paper_form_receive(
    *,
    actor: Any,
    unit: AdminUnit,
    data: Mapping[str, Any],
    files: Iterable[UploadedFile] = (),
    submission_key: str = "",
) -> tuple[Petition, bool]:
    """One paper opinion form typed in, with its scans. Returns (petition, created): the same form sent
    twice (same key) gives the petition made the first time. Every problem is reported at its field."""
    require_perm(actor, rules.RECEIVE_PETITIONS, unit)
    files = list(files)
    errors: dict[str, list[str]] = {}
    village_error = _village_error(actor, unit, data.get("village"))
    if village_error:
        errors["village"] = [village_error]
    try:
        petition, created = create_petition(
            actor=actor,
            unit=unit,
            data={**data, "channel": Channel.PAPER_FORM},
            submission_key=submission_key,
            audit_extra={"entry": "paper_form"},
        )
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
        petition, created = None, False
    if petition is not None and not created:
        return petition, False  # sent before: nothing else is checked or stored again
    if files:
        try:
            check_files(files)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)  # the petition made above is rolled back with this transaction
    assert petition is not None
    store_attachments(actor=actor, petition=petition, files=files)
    return petition, True


# ---------------------------------------------------------------- Excel: start


@transaction.atomic
def import_start(
    *, actor: Any, unit: AdminUnit, conference: Conference | None, upload: UploadedFile | Any
) -> PetitionImport:
    """Check that `upload` is an .xlsx within the limits and store it for `import_run`."""
    require_perm(actor, rules.RECEIVE_PETITIONS, unit)
    if conference is not None and (conference.unit_id != unit.pk or conference.status == ConferenceStatus.CANCELLED):
        raise ValidationError({"conference": [_("Chọn hội nghị của đơn vị (không phải hội nghị đã hủy).")]})
    if upload is None:
        raise ValidationError({"file": [_("Chọn tệp Excel để nhập.")]})
    data = excel.read_upload(upload)
    digest = hashlib.sha256(data).hexdigest()
    petition_import = PetitionImport(
        unit=unit,
        conference=conference,
        original_name=normalize_input(getattr(upload, "name", "") or "")[:255] or "tong-hop.xlsx",
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    # Our own name: the uploaded one may carry a person's name.
    petition_import.file.save(f"{new_code()}.xlsx", ContentFile(data), save=False)
    petition_import.save()
    record(
        actor=actor,
        event_type="petition.import_started",
        obj=petition_import,
        unit=unit,
        extra={"file": petition_import.original_name, "size": len(data), "sha256": digest},
    )
    return petition_import


def import_schedule(petition_import: PetitionImport) -> PetitionImport:
    """Import a small file now (the person sees the result at once), a large one in the background."""
    from doithoai.petitions.tasks import run_import

    data = _stored_bytes(petition_import)
    if data is not None and not excel.has_more_rows_than(data, excel.INLINE_ROWS + 1):
        # Row errors are stored in the site's language, as the worker does (tasks.py).
        with translation.override(settings.LANGUAGE_CODE):
            return import_run(petition_import.pk)
    run_import.enqueue(petition_import.pk)
    petition_import.refresh_from_db()
    return petition_import


def _stored_bytes(petition_import: PetitionImport) -> bytes | None:
    if not petition_import.file:
        return None
    try:
        with petition_import.file.open("rb") as handle:
            data: bytes = handle.read()
            return data
    except OSError:
        return None


# ---------------------------------------------------------------- Excel: run


@dataclass
class _Row:
    number: int
    data: dict[str, Any]


def _quoted(text: str) -> str:
    return text if len(text) <= 60 else text[:60] + "…"


def _consent(text: str) -> bool | None:
    folded = fold(text)
    if not folded or folded in excel.NO or folded == fold(_("Không")):
        return False
    if folded in excel.YES or folded in {fold(_("Có")), fold(_("Đồng ý"))}:
        return True
    return None


def _phone(text: str) -> str:
    digits = "".join(ch for ch in text if ch.isdigit() or ch == "+")
    # A phone typed into a number cell lost its leading 0 (912345678).
    if len(digits) == 9 and digits.isdigit() and not digits.startswith("0"):
        return "0" + digits
    return text


# The fields of `_clean_intake`'s errors and the columns they come from.
_FIELD_COLUMNS = {
    "text": excel.TEXT,
    "received_on": excel.RECEIVED_ON,
    "village": excel.VILLAGE,
    "sector": excel.SECTOR,
    "submitter_name": excel.NAME,
    "submitter_phone": excel.PHONE,
    "consent_contact": excel.CONSENT_CONTACT,
    "kind": excel.KIND,
}


def _header(key: str) -> str:
    return str(excel.BY_KEY[key].header)


def _check_rows(petition_import: PetitionImport, rows: list[excel.SheetRow]) -> tuple[list[_Row], excel.Errors]:
    """Every row as the data of a petition, and every problem of every row."""
    unit = petition_import.unit
    actor = petition_import.created_by
    allowed = intake_selectors.headed_villages(actor, unit) if actor is not None else frozenset()
    village_objects = {v.pk: v for v in intake_selectors.intake_villages(unit, None)}
    sector_objects = {s.pk: s for s in intake_selectors.intake_sectors(unit)}
    villages = intake_selectors.village_lookup(village_objects.values())
    sectors = intake_selectors.sector_lookup(sector_objects.values())
    kinds = intake_selectors.kind_lookup()
    retired = {key for v in intake_selectors.retired_villages(unit) for key in intake_selectors.village_option(v).keys}
    default_day = timezone.localdate(petition_import.created_at)
    errors = excel.Errors()
    prepared: list[_Row] = []

    def add(row: excel.SheetRow, key: str, message: str) -> None:
        errors.add(row.number, _header(key), message)

    for row in rows:
        before = len(errors.items) + errors.more
        data: dict[str, Any] = {
            "channel": Channel.SUMMARY_IMPORT,
            "conference": petition_import.conference,
            "text": row.text(excel.TEXT),
            "submitter_name": row.text(excel.NAME),
            "submitter_phone": _phone(row.text(excel.PHONE)),
        }
        village_text = row.text(excel.VILLAGE)
        data["village"] = None
        if not village_text:
            add(row, excel.VILLAGE, _("chưa ghi thôn, tổ dân phố."))
        else:
            found = villages.resolve(village_text)
            if found.option is None:
                if " ".join(fold(village_text).split()) in retired:
                    message = _("thôn, tổ dân phố “%(v)s” đã thôi hoạt động.") % {"v": _quoted(village_text)}
                elif found.candidates:
                    message = _("“%(v)s” khớp nhiều thôn, tổ dân phố (%(names)s); ghi đầy đủ tên.") % {
                        "v": _quoted(village_text),
                        "names": ", ".join(o.label for o in found.candidates[:5]),
                    }
                else:
                    message = _("không có thôn, tổ dân phố “%(v)s” trong %(unit)s.") % {
                        "v": _quoted(village_text),
                        "unit": unit.name,
                    }
                add(row, excel.VILLAGE, message)
            elif allowed is not None and found.option.pk not in allowed:
                add(row, excel.VILLAGE, _("trưởng thôn chỉ nhập ý kiến của thôn, tổ dân phố mình phụ trách."))
            else:
                data["village"] = village_objects[int(found.option.pk)]
        sector_text = row.text(excel.SECTOR)
        data["sector"] = None
        if sector_text:
            found = sectors.resolve(sector_text)
            if found.option is None:
                add(
                    row,
                    excel.SECTOR,
                    _("không có lĩnh vực “%(s)s” trong danh mục (xem trang “Danh mục” của mẫu).")
                    % {"s": _quoted(sector_text)},
                )
            else:
                data["sector"] = sector_objects[int(found.option.pk)]
        kind_text = row.text(excel.KIND)
        data["kind"] = Kind.RECOMMENDATION
        if kind_text:
            found = kinds.resolve(kind_text)
            if found.option is None:
                add(row, excel.KIND, _("không rõ tính chất “%(k)s”.") % {"k": _quoted(kind_text)})
            else:
                data["kind"] = found.option.pk
        for key, name in ((excel.CONSENT_CONTACT, "consent_contact"), (excel.CONSENT_PUBLISH, "consent_publish_name")):
            consent = _consent(row.text(key))
            if consent is None:
                add(row, key, _("ghi “Có” hoặc “Không” (đang ghi “%(v)s”).") % {"v": _quoted(row.text(key))})
            data[name] = bool(consent)
        day_value = row.values.get(excel.RECEIVED_ON)
        data["received_on"] = default_day
        if day_value:
            day = excel.parse_date(day_value)
            if day is None:
                add(
                    row,
                    excel.RECEIVED_ON,
                    _("ngày “%(d)s” không đúng dạng ngày/tháng/năm (ví dụ 05/06/2026).")
                    % {"d": _quoted(str(day_value))},
                )
            else:
                data["received_on"] = day
        # The rules every petition follows (text length, phone only with consent, no future date…).
        _values, field_errors = _clean_intake(unit, data)
        for field, messages in field_errors.items():
            column = _FIELD_COLUMNS.get(field)
            for message in messages:
                errors.add(row.number, _header(column) if column else "", message)
        if len(errors.items) + errors.more == before:
            prepared.append(_Row(row.number, data))
    return prepared, errors


class _Progress:
    """The progress bar's count, written while the rows are created in one transaction: on PostgreSQL
    through a second connection (the first one's writes are invisible until the end); elsewhere not at all."""

    def __init__(self, petition_import_id: int) -> None:
        self.pk = petition_import_id
        self.side: Any = None
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self.side = connections.create_connection(DEFAULT_DB_ALIAS)

    def __call__(self, done: int) -> None:
        if self.side is None or done % PROGRESS_EVERY:
            return
        try:
            table = self.side.ops.quote_name(PetitionImport._meta.db_table)
            with self.side.cursor() as cursor:
                cursor.execute(f"UPDATE {table} SET done_rows = %s WHERE id = %s", [done, self.pk])  # noqa: S608
        except Exception:  # the bar stops moving; the import goes on
            logger.warning("import %s: progress not written", self.pk, exc_info=True)
            self.close()

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
            self.side = None


class _RolledBack(Exception):
    def __init__(self, errors: excel.Errors) -> None:
        self.errors = errors


def _forget_file(petition_import: PetitionImport) -> None:
    """The uploaded file holds personal data: once the import ends it is deleted (after the commit)."""
    name = petition_import.file.name
    storage = petition_import.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
    petition_import.file.name = ""


@transaction.atomic
def _fail(petition_import: PetitionImport, errors: list[xlsx.RowError], more: int = 0) -> PetitionImport:
    petition_import = PetitionImport.objects.select_for_update().select_related("unit").get(pk=petition_import.pk)
    items = [e.as_json() for e in errors]
    if more:
        items.append({"row": None, "column": "", "message": "", "text": _("… và %(n)s lỗi khác.") % {"n": more}})
    petition_import.status = ImportStatus.FAILED
    petition_import.errors = items
    petition_import.done_rows = 0
    petition_import.created_count = 0
    petition_import.finished_at = timezone.now()
    _forget_file(petition_import)
    petition_import.save(update_fields=["status", "errors", "done_rows", "created_count", "finished_at", "file"])
    record(
        actor=petition_import.created_by,
        event_type="petition.import_failed",
        obj=petition_import,
        unit=petition_import.unit,
        extra={"errors": len(errors) + more, "rows": petition_import.total_rows},
    )
    return petition_import


@transaction.atomic
def _create_all(petition_import: PetitionImport, rows: list[_Row], digest: str, progress: _Progress) -> PetitionImport:
    unit = petition_import.unit
    actor = petition_import.created_by
    created = 0
    errors = excel.Errors()
    try:
        for done, row in enumerate(rows, start=1):
            try:
                _petition, made = create_petition(
                    actor=actor,
                    unit=unit,
                    data=row.data,
                    submission_key=f"xlsx-{digest[:40]}-{row.number}",
                    audit_extra={"import": petition_import.pk, "row": row.number},
                )
            except ValidationError as exc:  # checked above; kept so that nothing half-done can stay
                for field, messages in exc.message_dict.items():
                    column = _FIELD_COLUMNS.get(field)
                    for message in messages:
                        errors.add(row.number, _header(column) if column else "", message)
                continue
            created += int(made)
            progress(done)
    finally:
        progress.close()
    if errors:
        raise _RolledBack(errors)
    petition_import = PetitionImport.objects.select_for_update().get(pk=petition_import.pk)
    petition_import.status = ImportStatus.DONE
    petition_import.total_rows = len(rows)
    petition_import.done_rows = len(rows)
    petition_import.created_count = created
    petition_import.errors = []
    petition_import.finished_at = timezone.now()
    _forget_file(petition_import)
    petition_import.save(
        update_fields=["status", "total_rows", "done_rows", "created_count", "errors", "finished_at", "file"]
    )
    record(
        actor=actor,
        event_type="petition.imported",
        obj=petition_import,
        unit=unit,
        extra={"rows": len(rows), "created": created, "already_imported": len(rows) - created},
    )
    return petition_import


def import_run(petition_import_id: int) -> PetitionImport:
    """Read, check and import one stored file: all its rows or, when any row has a problem, none.
    Safe to call twice: only a pending import is run."""
    claimed = PetitionImport.objects.filter(pk=petition_import_id, status=ImportStatus.PENDING).update(
        status=ImportStatus.RUNNING
    )
    petition_import = PetitionImport.objects.select_related("unit", "conference", "created_by").get(
        pk=petition_import_id
    )
    if not claimed:
        return petition_import
    try:
        data = _stored_bytes(petition_import)
        if data is None:
            return _fail(petition_import, [excel.RowError(None, "", _("Không đọc được tệp đã tải lên; tải lại tệp."))])
        digest = hashlib.sha256(data).hexdigest()
        try:
            sheet_rows = excel.read_rows(data)
        except excel.ImportRejected as exc:
            return _fail(petition_import, exc.row_errors, exc.more)
        petition_import.total_rows = len(sheet_rows)
        PetitionImport.objects.filter(pk=petition_import.pk).update(total_rows=len(sheet_rows))
        rows, errors = _check_rows(petition_import, sheet_rows)
        if errors:
            return _fail(petition_import, errors.items, errors.more)
        # Made before the transaction starts: whether a second connection may write the count depends on it.
        progress = _Progress(petition_import.pk)
        try:
            return _create_all(petition_import, rows, digest, progress)
        except _RolledBack as exc:
            return _fail(petition_import, exc.errors.items, exc.errors.more)
    except Exception:
        logger.exception("petition import %s failed", petition_import_id)
        return _fail(
            petition_import,
            [excel.RowError(None, "", _("Lỗi hệ thống khi nhập tệp; chưa dòng nào được nhập. Hãy thử lại sau."))],
        )
