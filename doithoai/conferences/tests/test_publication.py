"""The publication of a conference's results (the conclusion notice) through the three channels the law asks
for within 10 days: the portal and the media, the headquarters, the village heads. The portal's channel is
recorded when the conference is concluded; the office records the others; the third one marks the
conclusion notice's step done; the conference's page shows each channel, on time or late."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from doithoai.accounts.roles import Role
from doithoai.audit.models import AuditEvent
from doithoai.conferences import actions
from doithoai.conferences.models import Publication, PublicationChannel
from doithoai.conferences.tests.conftest import on_day
from doithoai.core.testing import MATRIX_ROLES

D = dt.date
CONCLUDED_ON = D(2026, 6, 8)  # the conference on Friday 5/6/2026; its 10 days end on Monday 15/6
ALLOWED = {Role.CHAIR, Role.OFFICE}


@pytest.fixture
def concluded(cast, conference):
    with on_day(D(2026, 6, 5)):
        actions.conference_announce(actor=cast.officer_a, conference=conference)
        actions.conference_hold(actor=cast.officer_a, conference=conference)
    with on_day(CONCLUDED_ON):
        return actions.conference_conclude(actor=cast.officer_a, conference=conference)


RECORDED_ON = D(2026, 6, 20)


def _record(actor, conference, channel, day, note=""):
    with on_day(RECORDED_ON):
        return actions.publication_record(
            actor=actor, conference=conference, channel=channel, published_on=day, note=note
        )


def _url(cast, conference, channel):
    return reverse("conferences:publication_record", args=[cast.commune_a.pk, conference.pk, channel])


def test_it_records_the_portal_channel_when_the_conference_is_concluded(cast, concluded):
    portal = Publication.objects.get(conference=concluded)
    assert (portal.channel, portal.published_on, portal.recorded_by) == (
        PublicationChannel.PORTAL_MEDIA,
        CONCLUDED_ON,
        cast.officer_a,
    )
    event = AuditEvent.objects.get(event_type="publication.recorded")
    assert event.changes["published_on"]["after"] == "2026-06-08"
    assert not concluded.steps.get(key="conclusion_notice").is_done


@pytest.mark.parametrize("role", MATRIX_ROLES, ids=str)
def test_it_lets_only_the_chair_and_the_office_record_a_publication(cast, concluded, role):
    actor = cast.user_for(role)
    if role in ALLOWED:
        _record(actor, concluded, PublicationChannel.HEADQUARTERS, D(2026, 6, 9))
        assert Publication.objects.filter(conference=concluded, channel="headquarters").exists()
    else:
        with pytest.raises(PermissionDenied):
            _record(actor, concluded, PublicationChannel.HEADQUARTERS, D(2026, 6, 9))
        assert not Publication.objects.filter(conference=concluded, channel="headquarters").exists()


def test_it_answers_404_to_another_unit(client, cast, concluded):
    client.force_login(cast.officer_b)
    with on_day(D(2026, 6, 10)):
        response = client.post(_url(cast, concluded, "headquarters"), {"published_on": "09/06/2026"})
        assert response.status_code == 404
        assert client.get(_url(cast, concluded, "headquarters")).status_code == 404
    assert not Publication.objects.filter(channel="headquarters").exists()


def test_it_answers_404_to_an_unknown_channel(client, cast, concluded):
    client.force_login(cast.officer_a)
    assert client.post(_url(cast, concluded, "zalo"), {"published_on": "09/06/2026"}).status_code == 404


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Nhập ngày công bố, theo dạng ngày/tháng/năm."),
        ("31/02/2026", "Ngày không hợp lệ, nhập theo dạng ngày/tháng/năm"),
        ("04/06/2026", "Ngày công bố không được trước ngày hội nghị (05/6/2026)."),
        ("11/06/2026", "Ngày công bố không được sau hôm nay."),
    ],
)
def test_it_refuses_a_bad_date_with_a_message_at_the_field(client, cast, concluded, typed, message):
    client.force_login(cast.officer_a)
    with on_day(D(2026, 6, 10)):
        response = client.post(_url(cast, concluded, "village_heads"), {"published_on": typed, "note": "x"})
    assert response.status_code == 400
    page = response.content.decode()
    field = page.split('name="published_on"')[1].split("</div>")[0]
    assert message in field
    assert not Publication.objects.filter(channel="village_heads").exists()


def test_it_refuses_a_conference_not_concluded(cast, conference):
    with on_day(D(2026, 6, 5)):
        actions.conference_announce(actor=cast.officer_a, conference=conference)
        actions.conference_hold(actor=cast.officer_a, conference=conference)
    with pytest.raises(ValidationError) as exc:
        _record(cast.officer_a, conference, PublicationChannel.HEADQUARTERS, D(2026, 6, 9))
    assert "thông báo kết luận" in exc.value.message_dict["__all__"][0]
    assert not Publication.objects.exists()


def test_it_marks_the_conclusion_notice_done_when_the_third_channel_is_recorded(client, cast, concluded):
    step = concluded.steps.get(key="conclusion_notice")
    client.force_login(cast.officer_a)
    with on_day(D(2026, 6, 12)):
        response = client.post(
            _url(cast, concluded, "headquarters"), {"published_on": "09/06/2026", "note": "Bảng tin"}
        )
    assert response.status_code == 302
    step.refresh_from_db()
    assert not step.is_done
    with on_day(D(2026, 6, 12)):
        client.post(_url(cast, concluded, "village_heads"), {"published_on": "11/06/2026"})
    step.refresh_from_db()
    assert step.is_done
    assert timezone.localdate(step.done_at) == D(2026, 6, 11)  # the latest of the three days
    assert step.done_by == cast.officer_a
    assert AuditEvent.objects.filter(event_type="timeline_step.completed", object_id=str(step.pk)).count() == 1


def test_it_updates_a_channel_recorded_again_with_its_audit(cast, concluded):
    _record(cast.officer_a, concluded, PublicationChannel.HEADQUARTERS, D(2026, 6, 9))
    _record(cast.chair_a, concluded, PublicationChannel.HEADQUARTERS, D(2026, 6, 10), note="Niêm yết lại")
    _record(cast.chair_a, concluded, PublicationChannel.HEADQUARTERS, D(2026, 6, 10), note="Niêm yết lại")
    publication = Publication.objects.get(conference=concluded, channel="headquarters")
    assert (publication.published_on, publication.note, publication.recorded_by) == (
        D(2026, 6, 10),
        "Niêm yết lại",
        cast.chair_a,
    )
    updates = AuditEvent.objects.filter(event_type="publication.updated")
    assert updates.count() == 1  # the same day and note again change nothing
    assert updates[0].changes["published_on"] == {"before": "2026-06-09", "after": "2026-06-10"}


def _card(client, cast, conference, day):
    with on_day(day):
        response = client.get(reverse("conferences:detail", args=[cast.commune_a.pk, conference.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="publication-card"' in page
    return page, dict(re.findall(r'data-testid="publication-(\w+)" data-state="(\w+)"', page))


def test_it_shows_the_three_channels_on_time_or_late_in_red(client, cast, concluded):
    client.force_login(cast.council_a)
    page, states = _card(client, cast, concluded, D(2026, 6, 10))
    assert states == {"portal_media": "on_time", "headquarters": "missing", "village_heads": "missing"}
    assert "chậm nhất ngày 15/6/2026" in page
    assert "Ghi nhận ngày công bố" not in page  # the council follows, does not record
    _record(cast.officer_a, concluded, PublicationChannel.HEADQUARTERS, D(2026, 6, 15))
    _record(cast.officer_a, concluded, PublicationChannel.VILLAGE_HEADS, D(2026, 6, 17))
    client.force_login(cast.council_a)  # a new session: the first one has expired since
    page, states = _card(client, cast, concluded, D(2026, 6, 20))
    assert states == {"portal_media": "on_time", "headquarters": "on_time", "village_heads": "late"}
    late = page.split('data-testid="publication-village_heads"')[1].split("</li>")[0]
    assert "text-danger" in late and "Ngày 17/6/2026 – chậm 2 ngày" in late


def test_it_shows_a_channel_not_recorded_after_the_deadline_as_late(client, cast, concluded):
    client.force_login(cast.officer_a)
    page, states = _card(client, cast, concluded, D(2026, 6, 18))
    assert states["headquarters"] == "missing_late"
    assert "Chưa ghi nhận – quá hạn 3 ngày" in page
    assert 'data-testid="publication-form-headquarters"' in page


def test_it_shows_no_card_before_the_conference_is_held(client, cast, conference):
    client.force_login(cast.officer_a)
    with on_day(D(2026, 5, 10)):
        page = client.get(reverse("conferences:detail", args=[cast.commune_a.pk, conference.pk])).content.decode()
    assert 'data-testid="publication-card"' not in page


def test_it_names_its_events_in_the_history():
    from doithoai.audit.display import EVENT_LABELS

    for event in ("publication.recorded", "publication.updated", "conference.duties_assigned"):
        assert event in EVENT_LABELS
