"""Background tasks of petitions, run by the task worker (`manage.py db_worker`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.tasks import task
from django.utils import translation

from doithoai.petitions.actions import imports


@task
def run_import(petition_import_id: int) -> dict[str, Any]:
    """Import one uploaded Excel summary (all rows or none). Safe to run twice: only a pending import runs."""
    # Row errors are stored in the site's language, whatever language a request last used.
    with translation.override(settings.LANGUAGE_CODE):
        petition_import = imports.import_run(petition_import_id)
    return {
        "status": petition_import.status,
        "rows": petition_import.total_rows,
        "created": petition_import.created_count,
    }
