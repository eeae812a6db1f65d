"""Background tasks of notifications, run by the task worker (`manage.py db_worker`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.tasks import task
from django.utils import translation

from doithoai.notifications import reminders


@task
def send_due_reminders(today_iso: str) -> dict[str, Any]:
    """Create and send every reminder that belongs to the day `today_iso` (YYYY-MM-DD). Safe to run twice."""
    today = dt.date.fromisoformat(today_iso)
    # Texts are stored and e-mailed in the site's language, whatever language a request last used.
    with translation.override(settings.LANGUAGE_CODE):
        return reminders.send_reminders(today)
