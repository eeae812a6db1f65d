"""Editing a conference after it is created: the details before it is held, the record afterwards."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.conferences import actions
from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.conferences.tests.conftest import at
from doithoai.units.models import Village

D = dt.date


def _post(cast, **extra):
    data = {
        "title": "Hội nghị đối thoại năm 2026 – cụm thôn phía Bắc",
        "kind": "ad_hoc",
        "trigger_note": "≥10% cử tri kiến nghị",
        "venue": "Nhà văn hóa thôn Nà Pàn",
        "mode": "mixed",
        "villages": [cast.village_a.pk],
        "chair_name": "Hoàng Văn Thắng",
        "council_name": "Chu Thị Mai",
        "front_name": "Lộc Thị Hoa",
        "secretary_name": "Nông Thị Lan",
        "minutes_per_question": "4",
        "expected_attendance": "120",
        "notes": "Mời thêm đại diện Công an xã.",
    }
    data.update(extra)
    return data


def test_it_edits_every_detail_of_a_planned_conference_from_the_page(client, cast, conference):
    second = Village.objects.create(unit=cast.commune_a, name="Thôn Khòn Pát")
    client.force_login(cast.officer_a)
    url = reverse("conferences:edit", args=[cast.commune_a.pk, conference.pk])
    page = client.get(url).content.decode()
    assert conference.title in page
    response = client.post(url, _post(cast, villages=[cast.village_a.pk, second.pk]))
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.title == "Hội nghị đối thoại năm 2026 – cụm thôn phía Bắc"
    assert (conference.kind, conference.trigger_note, conference.mode) == ("ad_hoc", "≥10% cử tri kiến nghị", "mixed")
    assert (conference.minutes_per_question, conference.expected_attendance) == (4, 120)
    assert (conference.council_name, conference.front_name) == ("Chu Thị Mai", "Lộc Thị Hoa")
    assert set(conference.villages.all()) == {cast.village_a, second}
    assert conference.starts_at == at(D(2026, 6, 5), 7, 30)  # the date is the reschedule form's
    event = AuditEvent.objects.get(event_type="conference.updated", object_id=str(conference.pk))
    assert event.changes["venue"] == {"before": "Hội trường UBND xã", "after": "Nhà văn hóa thôn Nà Pàn"}
    assert event.changes["villages"] == {"before": ["Thôn Nà Pàn"], "after": ["Thôn Nà Pàn", "Thôn Khòn Pát"]}
    assert "starts_at" not in event.changes
    detail = client.get(response["Location"]).content.decode()
    assert "Mời thêm đại diện Công an xã." in detail


def test_it_shows_the_refusals_at_the_fields_and_saves_nothing(client, cast, conference):
    client.force_login(cast.officer_a)
    url = reverse("conferences:edit", args=[cast.commune_a.pk, conference.pk])
    response = client.post(url, _post(cast, title="", trigger_note="", minutes_per_question="90"))
    assert response.status_code == 400
    page = response.content.decode()
    for field in ("title", "trigger_note", "minutes_per_question"):
        assert f'data-testid="errors-{field}"' in page
    conference.refresh_from_db()
    assert conference.title == "Hội nghị đối thoại năm 2026"
    assert not AuditEvent.objects.filter(event_type="conference.updated").exists()


def test_it_records_nothing_when_nothing_changed(cast, conference):
    actions.conference_update(actor=cast.officer_a, conference=conference, data={"venue": " Hội trường  UBND xã "})
    assert not AuditEvent.objects.filter(event_type="conference.updated").exists()


def test_it_refuses_a_village_of_another_commune(cast, conference):
    with pytest.raises(ValidationError) as exc:
        actions.conference_update(actor=cast.officer_a, conference=conference, data={}, villages=[cast.village_b])
    assert "villages" in exc.value.message_dict
    assert list(conference.villages.all()) == [cast.village_a]


def test_it_lets_only_the_secretary_and_notes_change_after_the_conference_is_held(client, cast, conference):
    Conference.objects.filter(pk=conference.pk).update(status=ConferenceStatus.HELD)
    with pytest.raises(ValidationError) as exc:
        actions.conference_update(actor=cast.officer_a, conference=conference, data={"venue": "Sân vận động xã"})
    assert "venue" in exc.value.message_dict
    client.force_login(cast.officer_a)
    url = reverse("conferences:edit", args=[cast.commune_a.pk, conference.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="record-only"' in page
    assert 'name="venue"' not in page
    response = client.post(url, {"secretary_name": "Vi Thị Thư", "notes": "Biên bản số 12/BB-UBND", "venue": "X"})
    assert response.status_code == 302
    conference.refresh_from_db()
    assert (conference.secretary_name, conference.notes, conference.venue) == (
        "Vi Thị Thư",
        "Biên bản số 12/BB-UBND",
        "Hội trường UBND xã",
    )


def test_it_does_not_edit_a_cancelled_conference(client, cast, conference):
    Conference.objects.filter(pk=conference.pk).update(status=ConferenceStatus.CANCELLED)
    with pytest.raises(ValidationError):
        actions.conference_update(actor=cast.officer_a, conference=conference, data={"notes": "x"})
    client.force_login(cast.officer_a)
    response = client.get(reverse("conferences:edit", args=[cast.commune_a.pk, conference.pk]))
    assert response.status_code == 302
    detail = client.get(reverse("conferences:detail", args=[cast.commune_a.pk, conference.pk])).content.decode()
    assert 'data-testid="conference-edit"' not in detail


def test_it_keeps_a_retired_village_that_the_conference_already_covers(client, cast, conference):
    Village.objects.filter(pk=cast.village_a.pk).update(status="retired")
    client.force_login(cast.officer_a)
    url = reverse("conferences:edit", args=[cast.commune_a.pk, conference.pk])
    assert client.post(url, _post(cast)).status_code == 302
    assert list(conference.villages.all()) == [cast.village_a]
