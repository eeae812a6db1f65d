"""The demo: the conference held three weeks ago has its results published through the three channels (two
within the 10 days, the village heads late), and the issued plan is on the portal with its document."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from doithoai.conferences.models import Conference, ConferenceStatus, Publication
from doithoai.conferences.selectors import publication_card
from doithoai.units.models import AdminUnit


def test_the_demo_publishes_the_results_of_the_conference_held_and_shows_the_plan(loaded_demo):
    from django.utils import timezone

    commune = AdminUnit.objects.get(era="current", level="commune", code="06280")
    held = Conference.objects.get(unit=commune, status=ConferenceStatus.CONCLUDED)
    assert Publication.objects.filter(conference=held).count() == 3
    card = publication_card(held, timezone.localdate())
    assert [(row.channel, row.on_time) for row in card.rows] == [
        ("portal_media", True),
        ("headquarters", True),
        ("village_heads", False),
    ]
    assert card.rows[2].days_late == 2
    assert held.steps.get(key="conclusion_notice").is_done
    page = Client().get(reverse("portal:unit", args=[commune.pk])).content.decode()
    assert "Kế hoạch số 102/KH-UBND ngày" in page
    assert 'data-testid="download-docx"' in page
