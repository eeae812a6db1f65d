"""The demo's delegates: the conference's slots, most of them named, some answers, nobody checked in yet."""

from __future__ import annotations

from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.delegates import selectors
from doithoai.delegates.demo import load_demo_delegates
from doithoai.delegates.models import Delegate, Rsvp
from doithoai.units.models import AdminUnit


def test_the_demo_conference_has_named_delegates_answers_and_no_check_ins(loaded_demo):
    # The conference ahead (the live room's demo adds one held three weeks ago, its delegates checked in).
    conference = Conference.objects.get(unit__code="06280", status=ConferenceStatus.ANNOUNCED)
    delegates = Delegate.objects.filter(conference=conference)
    named = delegates.exclude(full_name="")
    report = selectors.quota_report(conference)
    assert report.lines and report.missing_slots == 0  # every slot made
    assert named.count() > 0.8 * delegates.count()
    assert delegates.filter(full_name="").exists()  # a few left open, as in real life
    assert named.filter(full_name="Hoàng Văn Thắng", village__isnull=True).exists()
    assert named.filter(rsvp=Rsvp.ATTENDING).exists() and named.filter(rsvp=Rsvp.PENDING).exists()
    assert not delegates.filter(checked_in_at__isnull=False).exists()
    assert len(set(named.values_list("full_name", flat=True))) == named.count()


def test_without_a_conference_it_does_nothing(cast):
    load_demo_delegates(cast.sysadmin, AdminUnit.objects.get(pk=cast.commune_a.pk))
    assert not Delegate.objects.exists()
