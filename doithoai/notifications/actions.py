"""Every change to notifications: creating them (the system), marking them read, the e-mail preference.

`notify` is called by the system (the daily reminder run), not by a person: it
checks no permission and writes no audit event of its own; the run records one
event with its counts (see reminders.py). Marking one's own notifications read
is not audited either: it changes nothing but the person's own inbox.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from doithoai.audit.actions import record, snapshot
from doithoai.core.permissions import require_perm
from doithoai.notifications import emails, rules
from doithoai.notifications.models import EmailState, Notification, NotificationPreference

logger = logging.getLogger(__name__)

# An e-mail the mail server refused is tried again by the next runs, this many times in all.
MAX_EMAIL_ATTEMPTS = 3


@transaction.atomic
def notify(
    *,
    recipient: Any,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    dedupe_key: str,
    unit: Any = None,
    email: bool = False,
) -> tuple[Notification, bool]:
    """The notification for `recipient` with `dedupe_key`, created unless it exists; True when created.

    `email`: also send it by e-mail (queued: see `pending_emails_send`), when the person has an address.
    """
    wants_email = email and bool(getattr(recipient, "email", ""))
    return Notification.objects.get_or_create(
        recipient=recipient,
        dedupe_key=dedupe_key[:200],
        defaults={
            "unit": unit,
            "kind": kind,
            "title": title[:255],
            "body": body,
            "url": url[:500],
            "email_state": EmailState.PENDING if wants_email else EmailState.NONE,
        },
    )


@transaction.atomic
def notification_mark_read(*, actor: Any, notification: Notification) -> Notification:
    """Mark one of the actor's own notifications read (already read: unchanged)."""
    require_perm(actor, rules.MANAGE_OWN, None)
    if notification.recipient_id != actor.pk:
        raise PermissionDenied(rules.MANAGE_OWN.code)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: Any) -> int:
    """Mark every unread notification of the actor read; how many were."""
    require_perm(actor, rules.MANAGE_OWN, None)
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def preference_update(*, actor: Any, email_reminders: bool) -> NotificationPreference:
    """The actor chooses whether reminders also come by e-mail (in-app notifications always do)."""
    require_perm(actor, rules.MANAGE_OWN, None)
    preference = NotificationPreference.objects.select_for_update().filter(user=actor).first()
    before = snapshot(preference, ["email_reminders"]) if preference is not None else {}
    if preference is None:
        preference = NotificationPreference(user=actor)
    if preference._state.adding or preference.email_reminders != bool(email_reminders):
        preference.email_reminders = bool(email_reminders)
        preference.save()
        record(
            actor=actor,
            event_type="notifications.preference_updated",
            obj=preference,
            before=before,
            after=snapshot(preference, ["email_reminders"]),
        )
    return preference


def _claim(notification: Notification) -> bool:
    """Take the e-mail for sending; False when another run already took it (never send twice)."""
    claimed = Notification.objects.filter(pk=notification.pk, email_state=EmailState.PENDING).update(
        email_state=EmailState.SENT, emailed_at=timezone.now(), email_attempts=notification.email_attempts + 1
    )
    return claimed == 1


def pending_emails_send() -> dict[str, int]:
    """Send the e-mails of notifications waiting for one; {"sent": n, "failed": n}.

    Each e-mail is marked sent before it goes (so two runs at once never both
    send it), and put back to wait for the next run when the mail server
    refuses it, until MAX_EMAIL_ATTEMPTS tries; then it stays "failed".
    """
    counts = {"sent": 0, "failed": 0}
    pending = Notification.objects.filter(email_state=EmailState.PENDING).select_related("recipient").order_by("pk")
    for notification in pending:
        if not notification.recipient.email or not notification.recipient.is_active:
            Notification.objects.filter(pk=notification.pk).update(email_state=EmailState.NONE)
            continue
        if not _claim(notification):
            continue
        try:
            emails.deliver(notification)
        except Exception:
            logger.exception("reminder e-mail %s to user %s failed", notification.pk, notification.recipient_id)
            attempts = notification.email_attempts + 1
            Notification.objects.filter(pk=notification.pk).update(
                email_state=EmailState.FAILED if attempts >= MAX_EMAIL_ATTEMPTS else EmailState.PENDING,
                emailed_at=None,
            )
            counts["failed"] += 1
        else:
            counts["sent"] += 1
    return counts
