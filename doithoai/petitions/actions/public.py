"""What a citizen does without signing in: send a petition from the online form, and say whether the answer
satisfied them. Each is one transaction with its audit event.

Rate limits live here, not in the views, so that any other way in (an API) gets the same ones. They count
in the cache, per client address, in fixed windows of local time (an hour, a day), so that the message can
say when to try again. The address (`client_key`) is used for counting only and never stored: an anonymous
citizen stays anonymous, even in the audit trail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.audit.actions import record, snapshot
from doithoai.conferences.models import Conference
from doithoai.lib.params import query_id
from doithoai.lib.text import normalize_input
from doithoai.petitions.actions import _clean_intake, create_petition
from doithoai.petitions.actions.attachments import check_files, store_attachments
from doithoai.petitions.models import Channel, Petition, Satisfaction, Sector
from doithoai.petitions.selectors import public as selectors
from doithoai.units.models import AdminUnit, Village, VillageStatus

EVENT_LABELS: dict[str, Promise | str] = {
    "petition.satisfaction_given": gettext_lazy("Người dân cho biết ý kiến về trả lời"),
}

NO_VILLAGE = "0"  # the form's "Không thuộc thôn nào / không muốn nêu"
MAX_NOTE = 1000
PHONE_CHARACTERS = frozenset("0123456789+ .-()")
WORD_FIELDS = ["satisfaction", "satisfaction_at"]


# ---------------------------------------------------------------- rate limits


class TooManyRequests(Exception):
    """A limit is reached; `retry_at` is when its window ends (an aware datetime)."""

    def __init__(self, retry_at: dt.datetime) -> None:
        super().__init__(retry_at.isoformat())
        self.retry_at = retry_at


@dataclass(frozen=True)
class Limit:
    """At most `count` events per `seconds` (a divisor of a day: 900, 3600, 86400), in windows of local time."""

    name: str
    count: int
    seconds: int

    def _window(self, now: dt.datetime | None) -> tuple[str, dt.datetime]:
        local = timezone.localtime(now or timezone.now())
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        elapsed = int((local - midnight).total_seconds())
        start = midnight + dt.timedelta(seconds=elapsed - elapsed % self.seconds)
        return start.strftime("%Y%m%d%H%M"), start + dt.timedelta(seconds=self.seconds)

    def _key(self, who: str, now: dt.datetime | None) -> tuple[str, dt.datetime]:
        bucket, end = self._window(now)
        return f"doithoai:limit:{self.name}:{who or 'unknown'}:{bucket}", end

    def check(self, who: str, *, now: dt.datetime | None = None) -> None:
        key, end = self._key(who, now)
        if (cache.get(key) or 0) >= self.count:
            raise TooManyRequests(end)

    def hit(self, who: str, *, now: dt.datetime | None = None) -> None:
        key, end = self._key(who, now)
        timeout = max(1, int((end - timezone.now()).total_seconds()) + 60)
        if not cache.add(key, 1, timeout):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout)


SUBMIT_PER_HOUR = Limit("petition-submit", 5, 3600)
SUBMIT_PER_UNIT_DAY = Limit("petition-submit-unit", 20, 86400)
WORD_PER_HOUR = Limit("petition-word", 20, 3600)
# Unknown tracking codes tried from one address before the tracking pages stop answering for a while.
TRACK_MISSES = Limit("petition-track-miss", 20, 900)


# ---------------------------------------------------------------- the online form


def _id(value: Any) -> int | None:
    """A row id from a form's select; None for anything else (a forged value, a number too big for the column)."""
    return query_id(value.pk if hasattr(value, "pk") else value)


def _village(unit: AdminUnit, value: Any, errors: dict[str, list[str]]) -> Village | None:
    if str(value or "").strip() == NO_VILLAGE:
        return None
    pk = _id(value)
    village = Village.objects.filter(unit=unit, status=VillageStatus.ACTIVE, pk=pk).first() if pk else None
    if village is None:
        errors["village"] = [_("Chọn thôn, tổ dân phố (hoặc “Không thuộc thôn nào / không muốn nêu”).")]
    return village


def _sector(unit: AdminUnit, value: Any, errors: dict[str, list[str]]) -> Sector | None:
    if value is None or not str(getattr(value, "pk", value)).strip():
        return None
    pk = _id(value)
    sector = Sector.objects.filter(unit=unit, is_active=True, pk=pk).first() if pk else None
    if sector is None:
        errors["sector"] = [_("Chọn lĩnh vực trong danh sách, hoặc “Chưa rõ”.")]
    return sector


def submit_online(
    *,
    unit: AdminUnit,
    data: Mapping[str, Any],
    files: Iterable[UploadedFile],
    submission_key: str,
    user: Any = None,
    client_key: str = "",
) -> tuple[Petition, bool]:
    """A petition sent from the public form (channel ONLINE). Returns (petition, created).

    `data`: text, village (an id, or "0" for none: the choice is required), sector (an id, or empty for
    "Chưa rõ"), conference (already checked by the caller, or None), submitter_name, submitter_phone,
    consent_contact, consent_publish_name. Every error is raised at once, keyed by field; nothing is saved.
    The same `submission_key` again returns the first petition without counting against the limits.
    A signed-in person becomes `submitted_by` (their "Ý kiến của tôi"), unless they hold a role in the unit:
    then they are acting for the office, not for themselves.
    Raises TooManyRequests past 5 petitions an hour from one address, or 20 a day to one unit.
    """
    key = selectors.online_key(submission_key)
    if key:
        earlier = Petition.objects.filter(unit=unit, submission_key=key).first()
        if earlier is not None:
            return earlier, False
    who = client_key or ""
    unit_who = f"{unit.pk}:{who}"
    SUBMIT_PER_HOUR.check(who)
    SUBMIT_PER_UNIT_DAY.check(unit_who)

    errors: dict[str, list[str]] = {}
    files = list(files)
    try:
        check_files(files)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    conference = data.get("conference")
    if conference is not None and (not isinstance(conference, Conference) or conference.unit_id != unit.pk):
        errors["conference"] = [_("Hội nghị không thuộc đơn vị này.")]
        conference = None
    values = {
        "text": data.get("text") or "",
        "channel": Channel.ONLINE,
        "received_on": timezone.localdate(),
        "village": _village(unit, data.get("village"), errors),
        "sector": _sector(unit, data.get("sector"), errors),
        "conference": conference,
        "submitter_name": data.get("submitter_name") or "",
        "submitter_phone": data.get("submitter_phone") or "",
        "consent_contact": bool(data.get("consent_contact")),
        "consent_publish_name": bool(data.get("consent_publish_name")),
    }
    phone = str(values["submitter_phone"]).strip()
    if phone and not set(phone) <= PHONE_CHARACTERS:
        errors["submitter_phone"] = [_("Số điện thoại chỉ gồm chữ số (ví dụ 0912345678).")]
    if values["consent_publish_name"] and not normalize_input(str(values["submitter_name"])):
        errors["consent_publish_name"] = [_("Nhập họ tên nếu ông/bà muốn được nêu tên khi công bố kết quả.")]
    _cleaned, intake_errors = _clean_intake(unit, values)
    for field_name, messages in intake_errors.items():
        errors.setdefault(field_name, messages)  # one message per field: ours, if we already gave one
    if errors:
        raise ValidationError(errors)

    signed_in = getattr(user, "is_authenticated", False)
    actor = user if signed_in else None
    submitter = user if signed_in and not selectors.acts_for_unit(user, unit) else None
    with transaction.atomic():
        petition, created = create_petition(
            actor=actor, unit=unit, data=values, submission_key=key, submitted_by=submitter
        )
        if created:
            store_attachments(actor=actor, petition=petition, files=files)
    if created:
        SUBMIT_PER_HOUR.hit(who)
        SUBMIT_PER_UNIT_DAY.hit(unit_who)
    return petition, created


# ---------------------------------------------------------------- the citizen's word on the answer


@transaction.atomic
def record_satisfaction(
    *, petition: Petition, satisfied: bool, note: str = "", client_key: str = ""
) -> tuple[Petition, bool]:
    """Whoever holds the code says whether the approved answer satisfied them ("Chưa đồng ý" with an optional
    reason of up to 1,000 characters). Returns (petition, changed): the same word again changes nothing.
    It may be changed until an officer reopens the petition. The reason is not copied into the audit trail
    (it is the citizen's own words, read by those who handle the petition only)."""
    petition = Petition.objects.select_for_update(of=("self",)).select_related("unit", "answer").get(pk=petition.pk)
    if not selectors.word_open(petition.status, petition.answer):
        raise ValidationError({"satisfaction": [_("Ý kiến này chưa có trả lời chính thức để cho ý kiến.")]})
    note = normalize_input(note or "") if not satisfied else ""
    if len(note) > MAX_NOTE:
        raise ValidationError(
            {"note": [_("Lý do dài %(n)s ký tự, tối đa %(max)s ký tự.") % {"n": len(note), "max": MAX_NOTE}]}
        )
    value = Satisfaction.SATISFIED if satisfied else Satisfaction.UNSATISFIED
    if petition.satisfaction == value and petition.satisfaction_note == note:
        return petition, False
    WORD_PER_HOUR.check(client_key or "")
    before = snapshot(petition, WORD_FIELDS)
    petition.satisfaction = value
    petition.satisfaction_note = note
    petition.satisfaction_at = timezone.now()
    petition.save(update_fields=["satisfaction", "satisfaction_note", "satisfaction_at", "updated_at"])
    record(
        actor=None,
        event_type="petition.satisfaction_given",
        obj=petition,
        unit=petition.unit,
        before=before,
        after=snapshot(petition, WORD_FIELDS),
        extra={"with_reason": bool(note)},
    )
    WORD_PER_HOUR.hit(client_key or "")
    return petition, True
