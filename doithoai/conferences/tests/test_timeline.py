"""The timeline derived from the conference date, and dates that break a statutory rule."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from doithoai.audit.models import AuditEvent
from doithoai.conferences import actions
from doithoai.conferences.models import Conference, TimelineStep
from doithoai.conferences.tests.conftest import at, make_conference, on_day

D = dt.date


def _due(conference):
    return {s.key: s.due_date for s in conference.steps.all()}


def test_it_derives_every_step_from_a_conference_on_5_june_2026(cast, conference):
    assert _due(conference) == {
        "opinion_collection": D(2026, 6, 1),  # D−4 (Monday)
        "announcement": D(2026, 5, 29),  # D−7 (Friday)
        "front_summary": D(2026, 6, 2),  # D−3
        "answer_drafts": D(2026, 6, 4),  # D−1
        "conclusion_notice": D(2026, 6, 15),  # D+10 (Monday)
        "written_answers": D(2026, 6, 19),  # 10 working days after
    }
    collection = conference.steps.get(key="opinion_collection")
    assert collection.starts_on == D(2026, 5, 16)  # D−20
    statutory = set(conference.steps.filter(is_statutory=True).values_list("key", flat=True))
    assert statutory == {"announcement", "conclusion_notice", "written_answers"}
    assert conference.steps.get(key="front_summary").owner_role == "front"


def test_it_counts_working_days_across_national_day(cast, plan):
    # Friday 28/8/2026; 31/8, 1/9 and 2/9 are days off.
    with on_day(D(2026, 7, 1)):
        conference = make_conference(cast, plan, D(2026, 8, 28))
    due = _due(conference)
    assert due["written_answers"] == D(2026, 9, 16)
    assert due["conclusion_notice"] == D(2026, 9, 7)


def test_it_moves_a_calendar_deadline_before_the_conference_off_a_holiday(cast, plan):
    # D = 04/5/2026: D−3 is 1/5 (Labour Day), D−4 is 30/4 (Reunification Day): both move to the working day before.
    with on_day(D(2026, 3, 10)):
        conference = make_conference(cast, plan, D(2026, 5, 4))
    due = _due(conference)
    assert due["front_summary"] == D(2026, 4, 29)
    assert due["opinion_collection"] == D(2026, 4, 29)


def test_it_refuses_a_conference_5_days_from_today_without_a_reason(cast, plan):
    with on_day(D(2026, 5, 31)), pytest.raises(ValidationError) as exc:
        make_conference(cast, plan, D(2026, 6, 5))
    message = " ".join(exc.value.message_dict["starts_at"])
    assert "luật định" in message
    assert "29/5/2026" in message
    assert not Conference.objects.exists()
    assert not TimelineStep.objects.exists()


def test_it_accepts_a_conference_5_days_from_today_with_a_reason_and_records_it(cast, plan):
    reason = "Theo đề nghị của Ủy ban MTTQ xã, tổ chức sớm trước mùa mưa"
    with on_day(D(2026, 5, 31)):
        conference = make_conference(cast, plan, D(2026, 6, 5), reason=reason)
    assert conference.date_rule_override_reason == reason
    event = AuditEvent.objects.get(event_type="conference.created", object_id=str(conference.pk))
    assert event.changes["_extra"]["reason"] == reason
    assert event.changes["_extra"]["overdue_steps"] == ["announcement"]


def test_it_does_not_keep_a_reason_when_the_date_breaks_no_rule(cast, plan):
    with on_day(D(2026, 5, 4)):
        conference = make_conference(cast, plan, D(2026, 6, 5), reason="không cần")
    assert conference.date_rule_override_reason == ""


def test_it_refuses_to_reschedule_to_5_days_from_today_without_a_reason(cast, conference):
    with on_day(D(2026, 5, 31)), pytest.raises(ValidationError) as exc:
        actions.conference_reschedule(actor=cast.officer_a, conference=conference, starts_at=at(D(2026, 6, 5)))
    assert "starts_at" in exc.value.message_dict
    with on_day(D(2026, 5, 31)), pytest.raises(ValidationError):
        actions.conference_reschedule(actor=cast.officer_a, conference=conference, starts_at=at(D(2026, 6, 4)))
    conference.refresh_from_db()
    assert conference.starts_at == at(D(2026, 6, 5), 7, 30)
    assert _due(conference)["announcement"] == D(2026, 5, 29)


def test_it_reschedules_with_a_reason_and_recomputes_the_steps_not_done(cast, conference):
    with on_day(D(2026, 5, 20)):
        actions.timeline_step_complete(actor=cast.officer_a, step=conference.steps.get(key="announcement"))
    # Announcement done: moving the conference to 10/6 breaks no open statutory rule.
    with on_day(D(2026, 6, 5)):
        actions.conference_reschedule(actor=cast.officer_a, conference=conference, starts_at=at(D(2026, 6, 10)))
    conference.refresh_from_db()
    due = _due(conference)
    assert due["announcement"] == D(2026, 5, 29)  # done, kept
    assert due["front_summary"] == D(2026, 6, 5)
    assert due["written_answers"] == D(2026, 6, 24)
    assert conference.date_rule_override_reason == ""
    event = AuditEvent.objects.get(event_type="conference.rescheduled")
    assert "front_summary" in event.changes["_extra"]["steps"]
    # Into the past with a reason: recorded.
    with on_day(D(2026, 6, 5)):
        actions.conference_reschedule(
            actor=cast.officer_a, conference=conference, starts_at=at(D(2026, 5, 20)), reason="Ghi nhận muộn"
        )
    conference.refresh_from_db()
    assert conference.date_rule_override_reason == "Ghi nhận muộn"


def test_it_requires_a_trigger_for_an_ad_hoc_conference(cast, plan):
    with on_day(D(2026, 5, 4)), pytest.raises(ValidationError) as exc:
        make_conference(cast, plan, D(2026, 6, 5), kind="ad_hoc")
    assert "trigger_note" in exc.value.message_dict
    with on_day(D(2026, 5, 4)):
        conference = make_conference(cast, plan, D(2026, 6, 5), kind="ad_hoc", trigger_note="≥10% cử tri kiến nghị")
    assert conference.minutes_per_question == 5


def test_it_refuses_a_conference_under_a_draft_plan(cast):
    from doithoai.plans.actions import plan_create_from_preset

    draft = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
    with on_day(D(2026, 5, 4)), pytest.raises(ValidationError) as exc:
        make_conference(cast, draft, D(2026, 6, 5))
    assert "__all__" in exc.value.message_dict
