"""The live room's demo: the conference ahead ready to run, with its programme and its prepared speakers; an
ad hoc dialogue held three weeks ago with every kind of conclusion and its signed minutes; loading it again
changes nothing; its pages open; its screen and public pages show no name without consent and no phone."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from itertools import pairwise
from typing import Any

from django.urls import reverse
from django.utils import timezone

from doithoai.accounts.models import User
from doithoai.audit.models import AuditEvent
from doithoai.conferences.models import Conference, ConferenceKind, ConferenceStatus
from doithoai.delegates.models import Delegate
from doithoai.live import demo
from doithoai.live.actions.agenda import standard_programme
from doithoai.live.actions.room import room_start
from doithoai.live.actions.speakers import speaker_start
from doithoai.live.models import (
    AgendaItem,
    AgendaKind,
    Exchange,
    ExchangeStatus,
    Minutes,
    MinutesStatus,
    Outcome,
    RequestSource,
    RequestStatus,
    Room,
    RoomStatus,
    Speaker,
    SpeakerStatus,
    SpeakingRequest,
)
from doithoai.live.selectors.minutes import CLOSING, PARTICIPANTS, content_hash, is_locked
from doithoai.live.selectors.screen import NEXT_SPEAKERS
from doithoai.petitions.models import AnswerMode, Channel, Petition, PetitionStatus
from doithoai.petitions.tests.pii import assert_no_personal_data
from doithoai.units.models import AdminUnit
from doithoai.workdays.selectors import calendar_for

S = PetitionStatus
STAFF_PAGES = ["room", "agenda", "speakers", "exchanges", "minutes", "screen"]


def test_the_demo_has_a_conference_ready_to_run_and_one_held_with_its_signed_minutes(loaded_demo, client):
    """The whole demo, looked at from every side."""
    commune = AdminUnit.objects.get(era="current", level="commune", code="06280")
    ready = Conference.objects.get(unit=commune, status=ConferenceStatus.ANNOUNCED)
    held = Conference.objects.get(unit=commune, title=demo.HELD_TITLE)

    _ready_to_run(ready)
    _registrations(ready)
    day = _held_three_weeks_ago(held)
    _run_item_by_item_with_the_speakers_timed(held, day)
    _every_conclusion_with_its_petitions(held, day)
    _minutes_signed_as_frozen(held, day)
    _staff_pages_open(client, commune, ready, held)
    _public_pages_show_no_personal_data(client, commune, held)
    _loading_it_again_changes_nothing(commune)
    _the_screens_show_no_name_without_consent_and_no_phone(client, commune, ready, held)


def _ready_to_run(ready):
    # The standard programme, its presenters named; nothing run yet.
    items = list(AgendaItem.objects.filter(conference=ready).order_by("order"))
    assert [(i.kind, i.title) for i in items] == [(s.kind, s.title) for s in standard_programme(ready)]
    assert all(i.presenter for i in items)
    assert "Lương Thị Hạnh" in next(i for i in items if i.kind == AgendaKind.REPORT).presenter
    assert not any(i.started_at or i.current_since or i.elapsed_seconds for i in items)
    # The room exists (so the screen's link does) but has not started.
    room = Room.objects.get(conference=ready)
    assert room.status == RoomStatus.READY and room.started_at is None and room.screen_token
    # Speakers registered in advance: delegates of as many villages, each with a topic and the petitions of
    # their village on it; their names shown on the screen only as they agreed.
    # (After them, the registrations the office put into the list: see _registrations.)
    speakers = list(
        Speaker.objects.filter(conference=ready, registrations__isnull=True)
        .select_related("delegate")
        .prefetch_related("petitions")
    )
    assert 5 <= len(speakers) <= 6
    assert {s.status for s in speakers} == {SpeakerStatus.WAITING}
    assert all(s.delegate is not None and s.delegate.conference_id == ready.pk for s in speakers)
    assert len({s.village_id for s in speakers}) == len(speakers) and None not in {s.village_id for s in speakers}
    assert all(s.topic and s.delegate and s.show_name == s.delegate.consent_to_publish for s in speakers)
    assert {s.show_name for s in speakers} == {True, False}
    linked = [s for s in speakers if s.petitions.exists()]
    assert len(linked) >= 5
    for speaker in linked:
        assert {(p.conference_id, p.village_id) for p in speaker.petitions.all()} == {(ready.pk, speaker.village_id)}
    assert not Speaker.objects.filter(conference=ready, elapsed_seconds__gt=0).exists()


def _registrations(ready):
    """Registrations to speak made on the portal, through the village head and by the office: two put into the
    list after the prepared speakers (linked to petitions of their village), one declined with its reason."""
    registrations = list(SpeakingRequest.objects.filter(conference=ready).select_related("speaker"))
    assert 4 <= len(registrations) <= 6
    assert {r.source for r in registrations} == set(RequestSource.values)
    by_status = Counter(r.status for r in registrations)
    assert by_status[RequestStatus.SCHEDULED] >= 2 and by_status[RequestStatus.PENDING] >= 1
    assert all(r.decline_reason for r in registrations if r.status == RequestStatus.DECLINED)
    prepared = Speaker.objects.filter(conference=ready, registrations__isnull=True).order_by("-order").first()
    assert prepared is not None
    for r in registrations:
        if r.status == RequestStatus.SCHEDULED:
            speaker = r.speaker
            assert speaker is not None and speaker.order > prepared.order and speaker.village_id == r.village_id
            assert speaker.name == (r.name if r.show_name else "")
            assert set(speaker.petitions.all()) == set(r.petitions.all()) and r.petitions.exists()
        else:
            assert r.speaker is None


def _held_three_weeks_ago(held):
    assert held.kind == ConferenceKind.AD_HOC and held.trigger_note and held.date_rule_override_reason
    assert held.status == ConferenceStatus.CONCLUDED
    assert set(held.villages.values_list("name", flat=True)) == set(demo.HELD_VILLAGES)
    day = timezone.localdate(held.starts_at)
    assert 21 <= (timezone.localdate() - day).days <= 35  # three weeks ago, the working day before if need be
    assert calendar_for(held.unit).is_working_day(day)
    assert held.announced_at is not None and held.announced_at < held.starts_at
    # Its timeline is done but the written answer, moved (with the reason) to the date the chair set.
    steps = {s.key: s for s in held.steps.all()}
    assert all(s.done_at is not None for k, s in steps.items() if k != "written_answers")
    assert all(s.done_at < timezone.now() for s in steps.values() if s.done_at is not None)
    assert steps["conclusion_notice"].done_at <= _at(day + dt.timedelta(days=10), 23)
    written = steps["written_answers"]
    assert written.done_at is None and written.adjustment_reason and written.due_date >= timezone.localdate()
    return day


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _t(value: dt.datetime | None) -> dt.datetime:
    """A time the demo must have set."""
    assert value is not None
    return value


def _d(value: dt.date | None) -> dt.date:
    assert value is not None
    return value


def _run_item_by_item_with_the_speakers_timed(held, day):
    room = Room.objects.get(conference=held)
    assert room.status == RoomStatus.ENDED
    assert _at(day, 7) < _t(room.started_at) < _t(room.ended_at) < _at(day, 12)
    # Every item run in turn, within the morning; one of them over its planned time.
    items = list(AgendaItem.objects.filter(conference=held).order_by("order"))
    assert [i.kind for i in items] == [s.kind for s in standard_programme(held)]
    assert all(i.is_done and i.elapsed_seconds > 0 for i in items)
    assert items[0].started_at == room.started_at and items[-1].ended_at == room.ended_at
    for before, after in pairwise(items):
        assert before.ended_at == after.started_at
        assert _t(after.started_at) - _t(before.started_at) == dt.timedelta(seconds=before.elapsed_seconds)
    assert any(i.elapsed_seconds > i.planned_minutes * 60 for i in items)
    # Delegates and two citizens who asked for the floor in the hall (one gave no name); one over time.
    dialogue = next(i for i in items if i.kind == AgendaKind.DIALOGUE)
    speakers = list(Speaker.objects.filter(conference=held).order_by("order"))
    assert 5 <= len(speakers) <= 6
    assert {s.status for s in speakers} == {SpeakerStatus.DONE}
    walk_ins = [s for s in speakers if s.delegate_id is None]
    assert len(walk_ins) == 2 and {bool(s.name) for s in walk_ins} == {True, False}
    assert not any(s.show_name for s in walk_ins)
    assert sum(1 for s in speakers if s.elapsed_seconds > s.limit_seconds) == 1
    for earlier, later in pairwise(speakers):
        assert _t(earlier.ended_at) < _t(later.started_at)  # the list in the order they spoke
    for speaker in speakers:
        assert _t(dialogue.started_at) < _t(speaker.started_at) < _t(speaker.ended_at) < _t(dialogue.ended_at)
        assert _t(speaker.ended_at) - _t(speaker.started_at) == dt.timedelta(seconds=speaker.elapsed_seconds)
    # A dozen delegates, those present checked in at the door before the start, and a walk-in.
    delegates = Delegate.objects.filter(conference=held)
    present = delegates.filter(checked_in_at__isnull=False)
    assert delegates.filter(walk_in=False).count() >= 12 and present.count() >= 10
    assert delegates.filter(walk_in=True, checked_in_at__isnull=False).exists()
    assert all(_at(day, 7) < _t(d.checked_in_at) < _t(room.started_at) for d in present)


def _every_conclusion_with_its_petitions(held, day):
    room = Room.objects.get(conference=held)
    exchanges = list(
        Exchange.objects.filter(conference=held).select_related("speaker", "referral__to_unit").order_by("order")
    )
    assert len(exchanges) == 5
    assert Counter(e.outcome for e in exchanges) == {
        Outcome.ANSWERED: 2,
        Outcome.IN_WRITING: 1,
        Outcome.REFERRED_UP: 1,
        Outcome.REFERRED_BODY: 1,
    }
    province = AdminUnit.objects.get(era="current", level="province", code="20")
    for exchange in exchanges:
        assert exchange.status == ExchangeStatus.CONCLUDED and exchange.speaker is not None
        assert _t(exchange.speaker.ended_at) < _t(exchange.concluded_at) < _t(room.ended_at)
        petitions = list(exchange.petitions.select_related("answer", "referral"))
        assert petitions
        for petition in petitions:
            answer, referral = petition.answer, petition.referral
            if exchange.outcome == Outcome.ANSWERED:
                assert petition.status == S.ANSWERED_AT_CONFERENCE and answer is not None
                assert answer.mode == AnswerMode.AT_CONFERENCE and answer.is_approved
                assert answer.approved_at == exchange.concluded_at
            elif exchange.outcome == Outcome.IN_WRITING:
                assert petition.status == S.ACCEPTED and exchange.department is not None
                assert petition.assigned_department == exchange.department
                assert petition.due_date == exchange.due_date and _d(exchange.due_date) >= timezone.localdate()
            elif exchange.outcome == Outcome.REFERRED_UP:
                assert petition.status == S.REFERRED and referral is not None and referral.to_unit == province
            else:
                assert petition.status == S.REFERRED and referral is not None
                assert referral.to_body == exchange.to_body == "Công ty Điện lực Lạng Sơn"
    # Questions raised in the hall are petitions received that day; one links a petition sent before.
    raised = Petition.objects.filter(conference=held, channel=Channel.CONFERENCE)
    assert raised.count() == 4 and set(raised.values_list("received_on", flat=True)) == {day}
    before = Petition.objects.filter(exchanges__conference=held).exclude(channel=Channel.CONFERENCE)
    assert before.count() == 1 and before.get().received_on < day


def _minutes_signed_as_frozen(held, day):
    minutes = Minutes.objects.get(conference=held)
    assert minutes.status == MinutesStatus.SIGNED and is_locked(held)
    assert minutes.secretary_signed_by == User.objects.get(username="vanphong")
    assert minutes.chair_signed_by == User.objects.get(username="chutich")
    assert minutes.content_hash == content_hash(minutes.content)
    finalised, by_secretary, by_chair = _t(minutes.finalised_at), minutes.secretary_signed_at, minutes.chair_signed_at
    assert _at(day, 12) < finalised <= _t(by_secretary) < _t(by_chair) < timezone.now()
    content: Any = minutes.content
    # The frozen record shows the morning, not the moment the demo was loaded.
    assert content["started_text"].startswith("08 giờ 00") and str(day.year) in content["started_text"]
    assert content["attendance"]["present"] >= 10 and content["attendance"]["walk_ins"] == 1
    assert len(content["exchanges"]) == 5 and all(row["concluded"] for row in content["exchanges"])
    assert any(row["seconds"] > 300 for row in content["exchanges"])
    assert all(row["used_seconds"] > 0 and row["started_text"] for row in content["agenda"])
    sections = content["sections"]
    assert {PARTICIPANTS, CLOSING} <= set(sections)
    assert {row["key"] for row in content["agenda"]} <= set(sections)


def _staff_pages_open(client, commune, ready, held):
    client.force_login(User.objects.get(username="vanphong"))
    for conference in (ready, held):
        for name in STAFF_PAGES:
            url = reverse(f"live:{name}", kwargs={"unit_id": commune.pk, "conference_id": conference.pk})
            assert client.get(url).status_code == 200, url
    print_url = reverse("live:minutes_print", kwargs={"unit_id": commune.pk, "conference_id": held.pk})
    assert client.get(print_url).status_code == 200
    client.logout()


def _public_pages_show_no_personal_data(client, commune, held):
    """The portal's pages of the held conference and the tracking pages of its petitions: no phone, and no
    name of anyone who did not agree to it."""
    petitions = list(Petition.objects.filter(unit=commune).select_related("unit", "village"))
    held_petitions = [p for p in petitions if p.conference_id == held.pk]
    assert any(p.submitter_phone for p in held_petitions) and any(p.submitter_name for p in held_petitions)
    pages = [
        reverse("portal:unit", args=[commune.pk]),
        reverse("portal:conference", args=[held.pk]),
        reverse("portal:conclusions", args=[held.pk]),
    ]
    pages += [reverse("petitions_public:track", kwargs={"code": p.tracking_code}) for p in held_petitions]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_personal_data(response.content, petitions)
    conclusions = client.get(reverse("portal:conclusions", args=[held.pk])).content.decode()
    assert demo.HELD_EXCHANGES[0].answer[:40] in conclusions


def _loading_it_again_changes_nothing(commune):
    def counts():
        return [m.objects.count() for m in (Conference, Speaker, Exchange, AgendaItem, Petition, AuditEvent)]

    before = counts()
    demo.load_demo_live(User.objects.get(username="quantri"), commune)
    assert counts() == before


def _the_screens_show_no_name_without_consent_and_no_phone(client, commune, ready, held):
    """By the screen's link (no sign-in): the held conference's, ended, and the one ahead once started, which
    lists the speakers waiting."""
    office = User.objects.get(username="vanphong")
    room_start(actor=office, conference=ready)
    first = Speaker.objects.filter(conference=ready).order_by("order")[0]
    speaker_start(actor=office, speaker=first)
    petitions = list(Petition.objects.filter(unit=commune).select_related("unit", "village"))
    phones = [d.phone for d in Delegate.objects.filter(conference__unit=commune).exclude(phone="")]
    assert phones
    for conference in (ready, held):
        room = Room.objects.get(conference=conference)
        response = client.get(reverse("screen:state", args=[room.screen_token]))
        assert response.status_code == 200
        # As the screen reads it: the JSON escapes Vietnamese letters, so compare the decoded text.
        text = json.dumps(response.json(), ensure_ascii=False)
        assert_no_personal_data(text, petitions)
        digits = "".join(ch for ch in text if ch.isdigit())
        assert not [p for p in phones if p[-9:] in digits]
        for speaker in Speaker.objects.filter(conference=conference, registrations__isnull=True).exclude(name=""):
            assert (speaker.name in text) == (speaker.show_name and conference == ready), speaker.name
    # Every prepared speaker was on the screen: the first on the floor, the others next.
    state = client.get(reverse("screen:state", args=[Room.objects.get(conference=ready).screen_token])).json()
    assert state["speaker"]["name"] == first.screen_name
    waiting = Speaker.objects.filter(conference=ready).count() - 1
    assert len(state["next_speakers"]) == min(waiting, NEXT_SPEAKERS)


def test_without_the_demo_conference_it_does_nothing(cast):
    demo.load_demo_live(cast.sysadmin, AdminUnit.objects.get(pk=cast.commune_a.pk))
    assert not Conference.objects.exists() and not Room.objects.exists()
