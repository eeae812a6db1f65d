"""A plan's own timeline rules: the settings page, the law's limits, new conferences, applying to existing ones."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.conferences import actions
from doithoai.conferences.models import PlanTimelineRule, TimelineStep
from doithoai.conferences.tests.conftest import make_conference, on_day
from doithoai.plans.models import PlanStatus

D = dt.date

DEFAULTS = {
    "opinion_collection": {"window_days": "20", "days": "4", "direction": "truoc", "day_kind": "calendar"},
    "announcement": {"days": "7", "direction": "truoc", "day_kind": "calendar", "owner_role": "office"},
    "front_summary": {"days": "3", "direction": "truoc", "day_kind": "calendar", "owner_role": "front"},
    "answer_drafts": {"days": "1", "direction": "truoc", "day_kind": "calendar", "owner_role": "department_officer"},
    "conclusion_notice": {"days": "10", "direction": "sau", "day_kind": "calendar", "owner_role": "office"},
    "written_answers": {"days": "10", "direction": "sau", "day_kind": "working", "owner_role": "office"},
}


def _post(**changes):
    """The whole page as posted, with `changes` per rule key."""
    data = {}
    for key, values in DEFAULTS.items():
        row = {"owner_role": "front", "enabled": "on", **values, **changes.get(key, {})}
        data.update({f"{key}-{name}": value for name, value in row.items() if value is not None})
    return data


def _url(cast, plan, name="conferences:plan_rules"):
    return reverse(name, args=[cast.commune_a.pk, plan.pk])


def test_it_lists_every_rule_with_its_default_and_is_linked_from_the_plan(client, cast, plan):
    client.force_login(cast.officer_a)
    plan_page = client.get(reverse("plans:detail", args=[cast.commune_a.pk, plan.pk])).content.decode()
    assert _url(cast, plan) in plan_page
    page = client.get(_url(cast, plan)).content.decode()
    for key in DEFAULTS:
        assert f'data-testid="rule-{key}"' in page
    assert "3 ngày trước hội nghị; Ủy ban MTTQ" in page
    assert "10 ngày làm việc sau hội nghị" in page
    assert "từ 20 ngày trước hội nghị đến 4 ngày trước hội nghị" in page
    assert 'data-testid="rules-form"' in page


def test_it_sets_the_front_summary_at_five_days_before_for_new_conferences(client, cast, plan):
    client.force_login(cast.officer_a)
    response = client.post(
        _url(cast, plan),
        _post(front_summary={"days": "5"}, opinion_collection={"window_days": "25", "days": "6"}),
    )
    assert response.status_code == 302
    rows = {r.key: r for r in PlanTimelineRule.objects.filter(plan=plan)}
    assert set(rows) == {"front_summary", "opinion_collection"}  # the others are the defaults: not stored
    assert (rows["front_summary"].offset_days, rows["opinion_collection"].window_start_days) == (-5, -25)
    event = AuditEvent.objects.get(event_type="plan.timeline_rules_updated", object_id=str(plan.pk))
    assert event.changes["Báo cáo tổng hợp của MTTQ"] == {
        "before": "3 ngày trước hội nghị; Ủy ban MTTQ",
        "after": "5 ngày trước hội nghị; Ủy ban MTTQ",
    }
    page = client.get(_url(cast, plan)).content.decode()
    assert "5 ngày trước hội nghị; Ủy ban MTTQ" in page
    with on_day(D(2026, 5, 4)):
        conference = make_conference(cast, plan, D(2026, 6, 5))
    steps = {s.key: s for s in conference.steps.all()}
    assert steps["front_summary"].due_date == D(2026, 5, 29)  # D−5
    assert (steps["opinion_collection"].starts_on, steps["opinion_collection"].due_date) == (
        D(2026, 5, 11),
        D(2026, 5, 29),  # D−6 is Saturday 30/5: the Friday before
    )
    assert steps["announcement"].due_date == D(2026, 5, 29)  # unchanged


@pytest.mark.parametrize(
    ("key", "change", "message"),
    [
        ("announcement", {"days": "6"}, "chậm nhất 07 ngày trước"),
        ("announcement", {"days": "3", "direction": "sau"}, "chậm nhất 07 ngày trước"),
        ("conclusion_notice", {"days": "11"}, "trong 10 ngày"),
        ("conclusion_notice", {"days": "8", "day_kind": "working"}, "trong 10 ngày"),
        ("written_answers", {"days": "11"}, "10 ngày làm việc"),
    ],
)
def test_it_refuses_a_statutory_rule_looser_than_the_law_at_its_field(client, cast, plan, key, change, message):
    client.force_login(cast.officer_a)
    response = client.post(_url(cast, plan), _post(**{key: change, "front_summary": {"days": "5"}}))
    assert response.status_code == 400
    page = response.content.decode()
    assert f'data-testid="errors-{key}-days"' in page
    assert message in page
    assert not PlanTimelineRule.objects.exists()  # nothing saved, not even the front summary
    assert not AuditEvent.objects.filter(event_type="plan.timeline_rules_updated").exists()


def test_it_accepts_statutory_rules_stricter_than_the_law(cast, plan):
    actions.plan_timeline_rules_save(
        actor=cast.officer_a,
        plan=plan,
        settings={
            "announcement": {"offset_days": -10, "day_kind": "calendar", "owner_role": "office"},
            "conclusion_notice": {"offset_days": 7, "day_kind": "calendar", "owner_role": "chair"},
            "written_answers": {"offset_days": 10, "day_kind": "calendar", "owner_role": "office"},
        },
    )
    with on_day(D(2026, 5, 4)):
        conference = make_conference(cast, plan, D(2026, 6, 5))
    steps = {s.key: s for s in conference.steps.all()}
    assert steps["announcement"].due_date == D(2026, 5, 26)
    assert (steps["conclusion_notice"].due_date, steps["conclusion_notice"].owner_role) == (D(2026, 6, 12), "chair")
    assert steps["written_answers"].due_date == D(2026, 6, 15)


def test_it_never_switches_off_a_statutory_rule(cast, plan):
    with pytest.raises(ValidationError) as exc:
        actions.plan_timeline_rules_save(
            actor=cast.officer_a,
            plan=plan,
            settings={
                "announcement": {"offset_days": -7, "day_kind": "calendar", "owner_role": "office", "enabled": False}
            },
        )
    assert "announcement-enabled" in exc.value.message_dict


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"offset_days": "x"}, "offset_days"),
        ({"offset_days": -400}, "offset_days"),
        ({"day_kind": "lunar"}, "day_kind"),
        ({"owner_role": ""}, "owner_role"),
        ({"owner_department": "b"}, "owner_department"),
        ({"owner_role": "front", "owner_department": "a"}, "owner_department"),
    ],
)
def test_it_refuses_a_bad_setting(cast, plan, values, field):
    setting = {"offset_days": -1, "day_kind": "calendar", "owner_role": "department_officer", **values}
    if setting.get("owner_department") in ("a", "b"):
        setting["owner_department"] = cast.department_a if setting["owner_department"] == "a" else cast.department_b
    with pytest.raises(ValidationError) as exc:
        actions.plan_timeline_rules_save(actor=cast.officer_a, plan=plan, settings={"answer_drafts": setting})
    assert f"answer_drafts-{field}" in exc.value.message_dict


def test_it_refuses_a_window_that_starts_after_it_ends(client, cast, plan):
    client.force_login(cast.officer_a)
    response = client.post(_url(cast, plan), _post(opinion_collection={"window_days": "2", "days": "4"}))
    assert response.status_code == 400
    assert 'data-testid="errors-opinion_collection-window_days"' in response.content.decode()


def test_it_switches_off_a_rule_and_names_a_department_for_the_answer_drafts(client, cast, plan):
    client.force_login(cast.officer_a)
    data = _post(answer_drafts={"owner_department": str(cast.department_a.pk)})
    del data["front_summary-enabled"]
    assert client.post(_url(cast, plan), data).status_code == 302
    with on_day(D(2026, 5, 4)):
        conference = make_conference(cast, plan, D(2026, 6, 5))
    steps = {s.key: s for s in conference.steps.all()}
    assert "front_summary" not in steps
    assert steps["answer_drafts"].owner_department == cast.department_a
    page = client.get(_url(cast, plan)).content.decode()
    assert "không áp dụng" in page


def test_it_forgets_a_setting_put_back_to_the_default(cast, plan):
    setting = {"offset_days": -5, "day_kind": "calendar", "owner_role": "front"}
    actions.plan_timeline_rules_save(actor=cast.officer_a, plan=plan, settings={"front_summary": setting})
    assert PlanTimelineRule.objects.count() == 1
    actions.plan_timeline_rules_save(
        actor=cast.officer_a, plan=plan, settings={"front_summary": {**setting, "offset_days": -3}}
    )
    assert not PlanTimelineRule.objects.exists()
    assert AuditEvent.objects.filter(event_type="plan.timeline_rules_updated").count() == 2


def test_it_applies_the_plan_rules_to_steps_not_done_nor_adjusted(client, cast, plan):
    with on_day(D(2026, 5, 4)):
        first = make_conference(cast, plan, D(2026, 6, 5))
        second = make_conference(cast, plan, D(2026, 6, 19), title="Hội nghị đợt 2")
        cancelled = make_conference(cast, plan, D(2026, 6, 26), title="Hội nghị bị hủy")
    actions.conference_cancel(actor=cast.chair_a, conference=cancelled)
    steps = {s.key: s for s in first.steps.all()}
    actions.timeline_step_complete(actor=cast.officer_a, step=steps["opinion_collection"])
    actions.timeline_step_update(
        actor=cast.officer_a, step=steps["answer_drafts"], due_date=D(2026, 6, 3), owner_role="department_officer"
    )
    actions.plan_timeline_rules_save(
        actor=cast.officer_a,
        plan=plan,
        settings={
            "front_summary": {"offset_days": -5, "day_kind": "calendar", "owner_role": "office"},
            "opinion_collection": {
                "offset_days": -8,
                "window_start_days": -30,
                "day_kind": "calendar",
                "owner_role": "front",
            },
            "answer_drafts": {"offset_days": -2, "day_kind": "calendar", "owner_role": "department_officer"},
            "announcement": {"offset_days": -10, "day_kind": "calendar", "owner_role": "office"},
        },
    )
    # Saving changes no conference yet.
    assert TimelineStep.objects.get(conference=first, key="front_summary").due_date == D(2026, 6, 2)
    client.force_login(cast.officer_a)
    page = client.get(_url(cast, plan)).content.decode()
    assert 'data-testid="rules-apply"' in page
    response = client.post(_url(cast, plan, "conferences:plan_rules_apply"))
    assert response.status_code == 302
    steps = {s.key: s for s in TimelineStep.objects.filter(conference=first)}
    assert (steps["front_summary"].due_date, steps["front_summary"].owner_role) == (D(2026, 5, 29), "office")
    assert steps["announcement"].due_date == D(2026, 5, 26)
    assert steps["opinion_collection"].due_date == D(2026, 6, 1)  # done: kept
    assert steps["answer_drafts"].due_date == D(2026, 6, 3)  # adjusted by hand: kept
    assert TimelineStep.objects.get(conference=second, key="answer_drafts").due_date == D(2026, 6, 17)
    assert TimelineStep.objects.get(conference=cancelled, key="front_summary").due_date == D(2026, 6, 23)
    events = AuditEvent.objects.filter(event_type="conference.timeline_rules_applied")
    assert {e.object_id for e in events} == {str(first.pk), str(second.pk)}
    first_event = events.get(object_id=str(first.pk))
    assert first_event.changes["_extra"]["steps"]["front_summary"] == "02/6/2026 → 29/5/2026"
    # Applying again changes nothing more.
    assert actions.plan_timeline_rules_apply(actor=cast.officer_a, plan=plan) == 0


def test_it_removes_and_restores_the_steps_of_a_rule_switched_off_and_on(cast, plan):
    with on_day(D(2026, 5, 4)):
        conference = make_conference(cast, plan, D(2026, 6, 5))
    off = {"offset_days": -3, "day_kind": "calendar", "owner_role": "front", "enabled": False}
    actions.plan_timeline_rules_save(actor=cast.officer_a, plan=plan, settings={"front_summary": off})
    actions.plan_timeline_rules_apply(actor=cast.officer_a, plan=plan)
    assert not conference.steps.filter(key="front_summary").exists()
    actions.plan_timeline_rules_save(
        actor=cast.officer_a, plan=plan, settings={"front_summary": {**off, "enabled": True}}
    )
    actions.plan_timeline_rules_apply(actor=cast.officer_a, plan=plan)
    assert conference.steps.get(key="front_summary").due_date == D(2026, 6, 2)


@pytest.mark.parametrize("role", ["chair_a", "officer_a", "sysadmin"])
def test_it_lets_the_chair_office_and_administrator_configure(cast, plan, role):
    setting = {"offset_days": -5, "day_kind": "calendar", "owner_role": "front"}
    actions.plan_timeline_rules_save(actor=getattr(cast, role), plan=plan, settings={"front_summary": setting})
    assert actions.plan_timeline_rules_apply(actor=getattr(cast, role), plan=plan) == 0


@pytest.mark.parametrize(
    "role", ["vice_chair_a", "department_officer_a", "front_a", "village_head_a", "council_a", "province_official"]
)
def test_it_shows_the_rules_but_refuses_changes_to_the_others(client, cast, plan, role):
    setting = {"offset_days": -5, "day_kind": "calendar", "owner_role": "front"}
    with pytest.raises(PermissionDenied):
        actions.plan_timeline_rules_save(actor=getattr(cast, role), plan=plan, settings={"front_summary": setting})
    with pytest.raises(PermissionDenied):
        actions.plan_timeline_rules_apply(actor=getattr(cast, role), plan=plan)
    client.force_login(getattr(cast, role))
    page = client.get(_url(cast, plan))
    assert page.status_code == 200
    assert 'data-testid="rules-form"' not in page.content.decode()
    assert client.post(_url(cast, plan), _post(front_summary={"days": "5"})).status_code == 403
    assert client.post(_url(cast, plan, "conferences:plan_rules_apply")).status_code == 403
    assert not PlanTimelineRule.objects.exists()


@pytest.mark.parametrize(("status", "allowed"), [(s, s != PlanStatus.CLOSED) for s in PlanStatus])
def test_it_configures_a_plan_in_every_state_but_closed(cast, plan, status, allowed):
    type(plan).objects.filter(pk=plan.pk).update(status=status)
    setting = {"offset_days": -5, "day_kind": "calendar", "owner_role": "front"}
    if allowed:
        actions.plan_timeline_rules_save(actor=cast.officer_a, plan=plan, settings={"front_summary": setting})
        actions.plan_timeline_rules_apply(actor=cast.officer_a, plan=plan)
        assert PlanTimelineRule.objects.count() == 1
    else:
        with pytest.raises(ValidationError):
            actions.plan_timeline_rules_save(actor=cast.officer_a, plan=plan, settings={"front_summary": setting})
        with pytest.raises(ValidationError):
            actions.plan_timeline_rules_apply(actor=cast.officer_a, plan=plan)
        assert not PlanTimelineRule.objects.exists()
