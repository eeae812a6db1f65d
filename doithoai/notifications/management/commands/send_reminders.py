"""Queue today's reminders for the task worker. Run daily at 07:00 from cron or a systemd timer (docs/deployment.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.tasks import TaskResultStatus
from django.utils import timezone

from doithoai.notifications.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Queue the background task that sends today's reminders (in-app and e-mail) of timeline steps."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day to remind for, YYYY-MM-DD (default: today in Việt Nam)")

    def handle(self, *args: Any, date: str | None = None, **options: Any) -> None:
        if date:
            try:
                day = dt.date.fromisoformat(date)
            except ValueError as exc:
                raise CommandError(f"--date must be YYYY-MM-DD, got {date!r}") from exc
        else:
            day = timezone.localdate()
        result = send_due_reminders.enqueue(day.isoformat())
        if result.status == TaskResultStatus.SUCCESSFUL:
            counts = result.return_value
            self.stdout.write(
                f"Reminders for {day.isoformat()}: {counts['notifications']} notifications, "
                f"{counts['emails_sent']} e-mails sent, {counts['emails_failed']} failed."
            )
        elif result.status == TaskResultStatus.FAILED:
            raise CommandError(f"The reminder task failed: {result.errors[-1].traceback if result.errors else ''}")
        else:
            self.stdout.write(f"Queued the reminders for {day.isoformat()} (task {result.id}).")
