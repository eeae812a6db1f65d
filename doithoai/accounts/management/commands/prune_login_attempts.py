"""Delete old sign-in attempts and password-reset requests. Run daily from cron (see docs/deployment.md)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from doithoai.accounts.actions import login_attempts_prune


class Command(BaseCommand):
    help = "Delete sign-in attempts and password-reset requests older than --days days (default 90)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=90, help="how many days to keep (default 90)")

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        try:
            removed = login_attempts_prune(days=days)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            f"Deleted {removed['login_attempts']} sign-in attempts and "
            f"{removed['password_reset_requests']} password-reset requests older than {days} days."
        )
