"""Reads of notifications. A person only ever sees their own: another person's answers 404."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from doithoai.notifications.models import Notification, NotificationPreference


def notifications_for(user: Any) -> QuerySet[Notification]:
    """The person's notifications, newest first."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def get_notification(user: Any, notification_id: int) -> Notification:
    notification = notifications_for(user).filter(pk=notification_id).first()
    if notification is None:
        raise Http404
    return notification


def unread_count(user: Any) -> int:
    """How many of the person's notifications are unread: one query (the bell in the top bar)."""
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def preference_for(user: Any) -> NotificationPreference:
    """The person's preference, or the defaults (not saved) when they never chose."""
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference if preference is not None else NotificationPreference(user=user)


def email_reminders_wanted(user_ids: set[int]) -> dict[int, bool]:
    """For each person: whether they want reminders by e-mail (the default when they never chose)."""
    chosen = dict(NotificationPreference.objects.filter(user_id__in=user_ids).values_list("user_id", "email_reminders"))
    default = NotificationPreference._meta.get_field("email_reminders").default
    return {user_id: bool(chosen.get(user_id, default)) for user_id in user_ids}
