"""The `send_reminders` command queues the day's task; with tasks run inline (tests) it also sends."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.tasks import task_backends

from doithoai.conferences.tests.conftest import on_day
from doithoai.notifications.models import Notification


def test_it_queues_the_task_for_today_without_sending_anything_itself(cast, conference, settings):
    # Changing TASKS resets the task backends (django.tasks.signals), so the command queues into the dummy one.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}
    with on_day(dt.date(2026, 5, 29)):
        call_command("send_reminders", stdout=StringIO())

    results = task_backends["default"].results  # type: ignore[attr-defined]
    assert [(r.task.name, r.args) for r in results] == [("send_due_reminders", ["2026-05-29"])]
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_it_sends_the_reminders_when_the_task_runs(cast, conference):
    out = StringIO()
    with on_day(dt.date(2026, 5, 29)):
        call_command("send_reminders", stdout=out)

    assert Notification.objects.filter(recipient=cast.front_a).count() == 2
    assert len(mail.outbox) == Notification.objects.count() > 0
    assert f"{Notification.objects.count()} notifications, {len(mail.outbox)} e-mails sent" in out.getvalue()


def test_it_takes_a_day(cast, conference):
    call_command("send_reminders", "--date", "2026-05-29", stdout=StringIO())

    assert Notification.objects.filter(recipient=cast.front_a).count() == 2


def test_it_refuses_a_day_that_is_not_a_date(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", "29/5/2026")
