"""The timeline rules on the unit's calendar: Tết, 30/4–1/5, weekends, and dates that break the law."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.conferences import actions, timeline
from doithoai.conferences.tests.conftest import make_conference, on_day
from doithoai.workdays.models import CalendarOverride, OverrideKind
from doithoai.workdays.selectors import calendar_for

D = dt.date


def _due(conference):
    return {s.key: s.due_date for s in conference.steps.all()}


def test_it_moves_the_announcement_out_of_tet_2027_to_the_working_day_before_it(cast, plan):
    # Tết Đinh Mùi: 6/2/2027; the days off run from Thursday 4/2 (29 Tết) to Wednesday 10/2 (mùng 5).
    # A conference on Monday 15/2/2027, the week after Tết: D−7 is 8/2, in the holiday. The announcement
    # must still go out at least 7 days before, so it moves to the last working day before Tết, Wednesday 3/2.
    with on_day(D(2026, 12, 1)):
        conference = make_conference(cast, plan, D(2027, 2, 15))
    due = _due(conference)
    assert due["announcement"] == D(2027, 2, 3)
    assert due["opinion_collection"] == D(2027, 2, 11)  # D−4: Thursday, the first working day after Tết
    assert due["front_summary"] == D(2027, 2, 12)  # D−3: Friday
    assert due["answer_drafts"] == D(2027, 2, 12)  # D−1 is a Sunday: the Friday before
    assert due["conclusion_notice"] == D(2027, 2, 25)
    assert due["written_answers"] == D(2027, 3, 1)  # 10 working days: 16/2 … 26/2, then Monday 1/3
    # Announcing on 3/2 is within the law: the limit is D−7 itself.
    assert timeline.legal_limit("announcement", calendar_for(cast.commune_a), D(2027, 2, 15)) == D(2027, 2, 8)


def test_it_counts_written_answers_across_tet_2027(cast, plan):
    # Thursday 28/1/2027: the working days after it are 29/1, 1/2, 2/2, 3/2, then (Tết from 4/2 to 10/2)
    # 11/2, 12/2, 15/2, 16/2, 17/2, 18/2.
    with on_day(D(2026, 12, 1)):
        conference = make_conference(cast, plan, D(2027, 1, 28))
    due = _due(conference)
    assert due["written_answers"] == D(2027, 2, 18)
    # D+10 is Sunday 7/2, in Tết: the deadline ends on the first working day after it (BLDS Điều 148).
    assert due["conclusion_notice"] == D(2027, 2, 11)


def test_it_counts_written_answers_across_the_30_april_and_1_may_break_of_2027(cast, plan):
    # Thursday 22/4/2027. Off: 30/4 (Friday), 1/5 (Saturday) and Monday 3/5 in lieu of it.
    with on_day(D(2026, 12, 1)):
        conference = make_conference(cast, plan, D(2027, 4, 22))
    due = _due(conference)
    assert due["written_answers"] == D(2027, 5, 10)
    assert due["conclusion_notice"] == D(2027, 5, 4)  # D+10 is Sunday 2/5, and 3/5 is off
    assert due["opinion_collection"] == D(2027, 4, 15)  # D−4 is a Sunday, and Friday 16/4 is Giỗ Tổ


def test_it_follows_a_day_off_the_unit_adds_to_its_calendar(cast, plan):
    # The commune closes on Friday 29/5/2026 (a local festival): the announcement of a conference
    # on 5/6/2026 moves to Thursday 28/5.
    CalendarOverride.objects.create(
        unit=cast.commune_a, date=D(2026, 5, 29), kind=OverrideKind.DAY_OFF, reason="Lễ hội địa phương"
    )
    with on_day(D(2026, 5, 4)):
        conference = make_conference(cast, plan, D(2026, 6, 5))
    assert _due(conference)["announcement"] == D(2026, 5, 28)


def test_it_moves_a_weekend_deadline_of_a_plan_rule_in_working_days(cast, plan):
    # A plan that wants the Front's summary 2 working days before a Monday conference: the Thursday before.
    actions.plan_timeline_rules_save(
        actor=cast.officer_a,
        plan=plan,
        settings={"front_summary": {"offset_days": -2, "day_kind": "working", "owner_role": "front", "enabled": True}},
    )
    with on_day(D(2026, 5, 4)):
        conference = make_conference(cast, plan, D(2026, 6, 8))
    assert _due(conference)["front_summary"] == D(2026, 6, 4)


def test_it_asks_a_reason_to_move_the_announcement_of_a_conference_5_days_away_and_records_it(client, cast, plan):
    # Today 31/5/2026; the conference on 5/6 was accepted with a reason (it cannot be announced 7 days before).
    with on_day(D(2026, 5, 31)):
        conference = make_conference(cast, plan, D(2026, 6, 5), reason="Theo đề nghị của MTTQ xã")
    step = conference.steps.get(key="announcement")
    assert step.due_date == D(2026, 5, 29)
    client.force_login(cast.officer_a)
    url = reverse("conferences:step_edit", args=[cast.commune_a.pk, conference.pk, step.pk])
    post = {"due_date": "01/06/2026", "owner_role": "office", "note": "Phát trên loa xã 3 buổi"}
    with on_day(D(2026, 5, 31)):
        page = client.get(url).content.decode()
        assert 'data-testid="legal-limit"' in page and "29/5/2026" in page
        response = client.post(url, post)
    assert response.status_code == 400
    assert 'data-testid="errors-due_date"' in response.content.decode()
    step.refresh_from_db()
    assert step.due_date == D(2026, 5, 29)
    assert not step.is_adjusted
    reason = "Hội nghị tổ chức gấp theo đề nghị của MTTQ; thông báo ngay khi có quyết định"
    with on_day(D(2026, 5, 31)):
        response = client.post(url, {**post, "reason": reason})
        assert response.status_code == 302
        page = client.get(reverse("conferences:timeline", args=[cast.commune_a.pk, conference.pk])).content.decode()
    step.refresh_from_db()
    assert (step.due_date, step.is_adjusted, step.adjustment_reason) == (D(2026, 6, 1), True, reason)
    event = AuditEvent.objects.get(event_type="timeline_step.updated", object_id=str(step.pk))
    assert event.changes["due_date"] == {"before": "2026-05-29", "after": "2026-06-01"}
    assert event.changes["_extra"]["reason"] == reason
    assert event.changes["_extra"]["legal_limit"] == "2026-05-29"
    assert "đã điều chỉnh" in page and reason in page
    assert 'data-testid="step-breaks-law"' in page


def test_it_asks_no_reason_for_a_date_within_the_law(cast, conference):
    step = conference.steps.get(key="conclusion_notice")  # due 15/6 for a conference on 5/6
    with on_day(D(2026, 5, 4)):
        actions.timeline_step_update(actor=cast.officer_a, step=step, due_date=D(2026, 6, 12), owner_role="office")
        with pytest.raises(ValidationError) as exc:
            # 16/6 is past D+10 (15/6, a Monday): the law's deadline.
            actions.timeline_step_update(actor=cast.officer_a, step=step, due_date=D(2026, 6, 16), owner_role="office")
    assert "due_date" in exc.value.message_dict
    assert "15/6/2026" in exc.value.message_dict["due_date"][0]
    step.refresh_from_db()
    assert step.due_date == D(2026, 6, 12)
    assert step.adjustment_reason == ""


def test_it_holds_written_answers_to_10_working_days(cast, conference):
    step = conference.steps.get(key="written_answers")  # 19/6/2026
    with on_day(D(2026, 5, 4)), pytest.raises(ValidationError):
        actions.timeline_step_update(actor=cast.officer_a, step=step, due_date=D(2026, 6, 22), owner_role="office")
    with on_day(D(2026, 5, 4)):
        actions.timeline_step_update(
            actor=cast.officer_a, step=step, due_date=D(2026, 6, 22), owner_role="office", reason="Chờ ý kiến Sở"
        )
    step.refresh_from_db()
    assert step.adjustment_reason == "Chờ ý kiến Sở"


@pytest.mark.parametrize(
    ("key", "offset", "days", "allowed"),
    [
        ("announcement", -7, "calendar", True),
        ("announcement", -10, "calendar", True),
        ("announcement", -6, "calendar", False),
        ("announcement", -7, "working", True),  # 7 working days before reach further back
        ("announcement", -5, "working", False),
        ("conclusion_notice", 10, "calendar", True),
        ("conclusion_notice", 11, "calendar", False),
        ("conclusion_notice", 7, "working", False),  # 7 working days may run past 10 calendar days
        ("written_answers", 10, "working", True),
        ("written_answers", 11, "working", False),
        ("written_answers", 10, "calendar", True),  # 10 calendar days end no later than 10 working days
        ("written_answers", 12, "calendar", False),
    ],
)
def test_it_knows_which_rules_the_law_allows(key, offset, days, allowed):
    law = timeline.RULES_BY_KEY[key].law
    assert law is not None
    assert law.allows(offset, days) is allowed
