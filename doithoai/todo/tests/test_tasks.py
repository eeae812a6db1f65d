"""The to-do list ("Việc cần làm"): whose tasks, grouped by due date, duties of plans, counts of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doithoai.accounts.models import Membership
from doithoai.accounts.roles import Role
from doithoai.audit.models import AuditEvent
from doithoai.conferences.actions import conference_cancel, timeline_step_complete
from doithoai.conferences.models import TimelineStep
from doithoai.conferences.tests.conftest import on_day
from doithoai.plans.actions import plan_create_from_preset, plan_issue, plan_section_save
from doithoai.todo import actions, selectors
from doithoai.todo.models import AssignmentDone
from doithoai.todo.tests.conftest import make_conference
from doithoai.units.models import Department

D = dt.date
LIST = reverse("todo:list")


@pytest.fixture
def conference_a(cast, plan_a):
    """Commune A's conference on Friday 05/6/2026, made on 04/5/2026.

    Its steps: announcement 29/5 (office), opinions 01/6 and summary 02/6 (Front),
    answer drafts 04/6 (department officers), conclusion 15/6 and written answers 19/6 (office).
    """
    return make_conference(plan_a, cast.officer_a, cast.village_a, D(2026, 6, 5), made_on=D(2026, 5, 4))


def plan_with_duties(cast, rows, *, year=2026):
    """Commune A's plan whose "tổ chức thực hiện" is exactly `rows`, issued on 02/3."""
    with on_day(D(year, 3, 2)):
        plan = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=year)
        plan_section_save(actor=cast.officer_a, plan=plan, section="assignments", rows=rows)
        return plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=D(year, 3, 2))


def duty(text, *, role="", department=None, due=None, assignee="Văn phòng HĐND và UBND xã"):
    return {
        "assignee_text": assignee,
        "assignee_role": role,
        "assignee_department": department,
        "duty": text,
        "due_date": due,
        "due_rule": "",
    }


def step_key(task: selectors.Task) -> str:
    assert isinstance(task.source_object, TimelineStep)
    return task.source_object.key


def keys(tasks, kind=selectors.STEP):
    return {step_key(t) for t in tasks if t.kind == kind}


# ---------------------------------------------------------------- whose tasks


@pytest.mark.parametrize(
    ("role", "steps"),
    [
        (Role.OFFICE, {"announcement", "conclusion_notice", "written_answers"}),
        (Role.FRONT, {"opinion_collection", "front_summary"}),
        (Role.DEPARTMENT_OFFICER, {"answer_drafts"}),
        (Role.VILLAGE_HEAD, set()),
        (Role.CHAIR, set()),
        (Role.COUNCIL, set()),
    ],
)
def test_it_gives_each_role_the_steps_it_owns(cast, conference_a, role, steps):
    tasks = selectors.tasks_for(cast.user_for(role), D(2026, 5, 10))
    assert {key.split(":")[0] for key in keys(tasks)} == steps
    assert all(t.unit == cast.commune_a and t.conference == conference_a for t in tasks)


def test_it_gives_a_department_officer_only_the_steps_of_their_department(cast, conference_a):
    ours = conference_a.steps.create(
        key="extra-ours", label="Chuẩn bị số liệu đất đai", owner_role=Role.DEPARTMENT_OFFICER,
        owner_department=cast.department_a, due_date=D(2026, 6, 3),
    )  # fmt: skip
    other = Department.objects.create(unit=cast.commune_a, name="Công an xã")
    conference_a.steps.create(
        key="extra-theirs", label="Phương án an ninh", owner_role=Role.DEPARTMENT_OFFICER,
        owner_department=other, due_date=D(2026, 6, 3),
    )  # fmt: skip
    tasks = selectors.tasks_for(cast.department_officer_a, D(2026, 5, 10))
    assert ours.key in keys(tasks)
    assert "extra-theirs" not in keys(tasks)
    task = next(t for t in tasks if t.source_object == ours)
    assert task.owner_label == "Phòng Kinh tế"


def test_it_lists_the_steps_on_the_page_with_unit_conference_and_dates(client, cast, conference_a):
    with on_day(D(2026, 5, 25)):
        client.force_login(cast.officer_a)
        page = client.get(LIST)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Thông báo công khai thời gian, địa điểm" in html
    assert "Xã Điềm He" in html
    assert conference_a.title in html
    assert "Hạn 29/5/2026" in html
    assert "Còn 4 ngày" in html
    assert reverse("conferences:detail", args=[cast.commune_a.pk, conference_a.pk]) in html
    # The Front's steps are not the office's.
    assert "MTTQ gửi báo cáo tổng hợp" not in html


def test_it_shows_a_village_head_with_nothing_to_do_an_empty_list(client, cast, conference_a):
    with on_day(D(2026, 5, 25)):
        client.force_login(cast.village_head_a)
        page = client.get(LIST)
    assert page.status_code == 200
    assert 'data-testid="no-tasks"' in page.content.decode()
    assert 'data-testid="task"' not in page.content.decode()


def test_it_refuses_the_page_to_a_person_without_a_role(client, cast, conference_a):
    client.force_login(cast.citizen)
    assert client.get(LIST).status_code == 403
    assert selectors.tasks_for(cast.citizen, D(2026, 5, 25)) == []
    client.logout()
    response = client.get(LIST)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_never_shows_commune_a_tasks_to_commune_b(client, cast, conference_a, plan_b):
    make_conference(plan_b, cast.officer_b, cast.village_b, D(2026, 6, 12), made_on=D(2026, 5, 4), title="Hội nghị B")
    tasks = selectors.tasks_for(cast.officer_b, D(2026, 5, 25))
    assert tasks
    assert {t.unit for t in tasks} == {cast.commune_b}
    with on_day(D(2026, 5, 25)):
        client.force_login(cast.officer_b)
        html = client.get(LIST).content.decode()
        assert "Hội nghị B" in html
        assert conference_a.title not in html
        assert "Xã Điềm He" not in html
        # Asking for commune A's tasks by its id shows nothing of it.
        html = client.get(LIST, {"don-vi": cast.commune_a.pk}).content.decode()
        assert conference_a.title not in html


def test_it_gives_a_higher_official_no_task_of_the_communes_below(cast, conference_a):
    assert selectors.tasks_for(cast.province_official, D(2026, 5, 25)) == []


# ---------------------------------------------------------------- groups


def test_it_groups_tasks_overdue_due_soon_upcoming_and_done_recently(client, cast):
    plan = plan_with_duties(cast, [duty("Tổng hợp danh sách đại biểu", role=Role.OFFICE, due=D(2026, 6, 1))])
    conference = make_conference(plan, cast.officer_a, cast.village_a, D(2026, 6, 5), made_on=D(2026, 5, 4))
    with on_day(D(2026, 5, 28)):
        timeline_step_complete(actor=cast.officer_a, step=conference.steps.get(key="announcement"))
    today = D(2026, 6, 10)
    groups = {g.key: g for g in selectors.group_tasks(selectors.tasks_for(cast.officer_a, today), today)}
    titles = {key: [r.task.title for r in g.rows] for key, g in groups.items()}
    assert titles[selectors.OVERDUE] == ["Tổng hợp danh sách đại biểu"]
    assert [step_key(r.task) for r in groups[selectors.DUE_SOON].rows] == ["conclusion_notice"]
    assert [step_key(r.task) for r in groups[selectors.UPCOMING].rows] == ["written_answers"]
    assert [step_key(r.task) for r in groups[selectors.DONE].rows] == ["announcement"]
    assert groups[selectors.OVERDUE].rows[0].days_left == -9
    assert groups[selectors.DONE].rows[0].done_text == "28/5/2026"

    with on_day(today):
        client.force_login(cast.officer_a)
        html = client.get(LIST).content.decode()
    sections = {key: html.split(f'data-testid="group-{key}"')[1].split("</section>")[0] for key in titles}
    assert "Quá hạn 9 ngày" in sections[selectors.OVERDUE]
    assert "Còn 5 ngày" in sections[selectors.DUE_SOON]
    assert "Hạn 19/6/2026" in sections[selectors.UPCOMING]
    assert "Đã xong 28/5/2026" in sections[selectors.DONE]
    assert html.index('data-testid="group-overdue"') < html.index('data-testid="group-due_soon"')
    assert html.index('data-testid="group-upcoming"') < html.index('data-testid="group-done"')

    # Done tasks are listed for two weeks.
    later = selectors.tasks_for(cast.officer_a, D(2026, 6, 12))
    assert "announcement" not in keys(later)


def test_it_drops_the_steps_of_a_cancelled_conference(cast, conference_a):
    conference_cancel(actor=cast.chair_a, conference=conference_a)
    assert keys(selectors.tasks_for(cast.officer_a, D(2026, 5, 25))) == set()


# ---------------------------------------------------------------- duties of a plan


def test_it_lists_the_duties_of_a_plan_that_have_a_due_date_and_name_the_role(cast):
    plan_with_duties(
        cast,
        [
            duty("Phát phiếu lấy ý kiến", role=Role.FRONT, due=D(2026, 5, 20), assignee="Ủy ban MTTQ xã"),
            duty("Không có hạn", role=Role.FRONT, assignee="Ủy ban MTTQ xã"),
            duty("Báo cáo số liệu ngành", department=cast.department_a, due=D(2026, 5, 22), assignee="Phòng Kinh tế"),
            duty("Mời đại biểu thôn", role=Role.VILLAGE_HEAD, due=D(2026, 5, 25), assignee="Trưởng các thôn"),
        ],
    )
    today = D(2026, 5, 10)
    front = [t.title for t in selectors.tasks_for(cast.front_a, today)]
    assert front == ["Phát phiếu lấy ý kiến"]
    assert [t.title for t in selectors.tasks_for(cast.department_officer_a, today)] == ["Báo cáo số liệu ngành"]
    village = selectors.tasks_for(cast.village_head_a, today)
    assert [(t.kind, t.title, t.owner_label) for t in village] == [
        (selectors.ASSIGNMENT, "Mời đại biểu thôn", "Trưởng các thôn")
    ]
    assert village[0].plan is not None
    assert village[0].url.startswith(reverse("plans:detail", args=[cast.commune_a.pk, village[0].plan.pk]))
    assert selectors.tasks_for(cast.officer_b, today) == []


def test_it_does_not_list_a_duty_twice_when_a_step_stands_for_it(cast):
    # The Front's summary is a step of the conference due 02/6; the plan's duty says the same.
    plan = plan_with_duties(
        cast, [duty("Gửi báo cáo tổng hợp ý kiến", role=Role.FRONT, due=D(2026, 6, 2), assignee="Ủy ban MTTQ xã")]
    )
    assert [t.kind for t in selectors.tasks_for(cast.front_a, D(2026, 5, 10))] == [selectors.ASSIGNMENT]
    make_conference(plan, cast.officer_a, cast.village_a, D(2026, 6, 5), made_on=D(2026, 5, 4))
    tasks = selectors.tasks_for(cast.front_a, D(2026, 5, 10))
    assert [t.kind for t in tasks] == [selectors.STEP, selectors.STEP]


def test_it_lists_no_duty_of_a_draft_or_closed_plan(cast):
    with on_day(D(2026, 3, 2)):
        plan = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
        plan_section_save(
            actor=cast.officer_a, plan=plan, section="assignments",
            rows=[duty("Việc của Mặt trận", role=Role.FRONT, due=D(2026, 5, 20))],
        )  # fmt: skip
    assert selectors.tasks_for(cast.front_a, D(2026, 5, 10)) == []


def test_it_marks_a_duty_done_from_the_list(client, cast):
    plan = plan_with_duties(cast, [duty("Gửi giấy mời", role=Role.OFFICE, due=D(2026, 5, 20))])
    assignment = plan.assignments.get()
    url = reverse("todo:assignment_complete", args=[assignment.pk])
    with on_day(D(2026, 5, 18)):
        client.force_login(cast.officer_a)
        html = client.get(LIST).content.decode()
        assert url in html
        response = client.post(url, {"next": LIST})
        assert response.status_code == 302
        assert response["Location"] == LIST
    done = AssignmentDone.objects.get(assignment=assignment)
    assert done.done_by == cast.officer_a
    event = AuditEvent.objects.get(event_type="assignment.completed")
    assert event.unit == cast.commune_a
    tasks = selectors.tasks_for(cast.officer_a, D(2026, 5, 19))
    assert [(t.title, t.done, t.done_on) for t in tasks] == [("Gửi giấy mời", True, D(2026, 5, 18))]
    assert selectors.open_tasks_count(cast.officer_a, D(2026, 5, 19)) == 0
    with pytest.raises(ValidationError):
        actions.assignment_complete(actor=cast.officer_a, assignment=assignment)
    assert AuditEvent.objects.filter(event_type="assignment.completed").count() == 1


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.OFFICE, True),
        (Role.CHAIR, True),
        (Role.FRONT, True),  # the duty is the Front's
        (Role.VICE_CHAIR, False),
        (Role.DEPARTMENT_OFFICER, False),
        (Role.VILLAGE_HEAD, False),
        (Role.COUNCIL, False),
        (Role.HIGHER_OFFICIAL, False),
        (Role.CITIZEN, False),
        (Role.ACCOUNTANT, False),
    ],
)
def test_it_lets_the_assignee_the_office_and_the_chair_mark_a_duty_done(cast, role, allowed):
    plan = plan_with_duties(cast, [duty("Phát phiếu", role=Role.FRONT, due=D(2026, 5, 20))])
    assignment = plan.assignments.get()
    if allowed:
        actions.assignment_complete(actor=cast.user_for(role), assignment=assignment)
        assert AssignmentDone.objects.filter(assignment=assignment).exists()
    else:
        with pytest.raises(PermissionDenied):
            actions.assignment_complete(actor=cast.user_for(role), assignment=assignment)
        assert not AssignmentDone.objects.exists()


def test_it_lets_only_the_officers_of_the_named_department_mark_its_duty_done(cast):
    plan = plan_with_duties(cast, [duty("Số liệu", department=cast.department_a, due=D(2026, 5, 20))])
    assignment = plan.assignments.get()
    other = Membership.objects.create(
        user=cast.village_head_a, unit=cast.commune_a, role=Role.DEPARTMENT_OFFICER,
        department=Department.objects.create(unit=cast.commune_a, name="Công an xã"),
    )  # fmt: skip
    assert other.pk
    with pytest.raises(PermissionDenied):
        actions.assignment_complete(actor=cast.village_head_a, assignment=assignment)
    actions.assignment_complete(actor=cast.department_officer_a, assignment=assignment)


def test_it_answers_404_to_another_commune_and_403_to_a_role_of_the_unit(client, cast):
    plan = plan_with_duties(cast, [duty("Gửi giấy mời", role=Role.OFFICE, due=D(2026, 5, 20))])
    url = reverse("todo:assignment_complete", args=[plan.assignments.get().pk])
    client.force_login(cast.officer_b)
    assert client.post(url).status_code == 404
    client.force_login(cast.village_head_a)
    assert client.post(url).status_code == 403
    assert client.get(url).status_code == 405
    client.force_login(cast.officer_a)
    assert client.post(reverse("todo:assignment_complete", args=[999999])).status_code == 404
    assert not AssignmentDone.objects.exists()


def test_it_ignores_a_next_address_of_another_site(client, cast):
    plan = plan_with_duties(cast, [duty("Gửi giấy mời", role=Role.OFFICE, due=D(2026, 5, 20))])
    client.force_login(cast.officer_a)
    url = reverse("todo:assignment_complete", args=[plan.assignments.get().pk])
    response = client.post(url, {"next": "https://example.com/"})
    assert response["Location"] == LIST


# ---------------------------------------------------------------- the badge and the unit home page


def test_it_counts_open_tasks_for_the_badge(client, cast, conference_a):
    with on_day(D(2026, 5, 25)):
        client.force_login(cast.front_a)
        html = client.get(reverse("todo:badge")).content.decode()
        assert 'data-testid="tasks-badge"' in html
        assert ">2<" in html
        # Every page of a signed-in person with a role links to the list and loads the badge.
        home = client.get(reverse("units:home", args=[cast.commune_a.pk])).content.decode()
        assert 'data-testid="nav-tasks"' in home
        assert reverse("todo:badge") in home
        client.force_login(cast.village_head_a)
        assert "tasks-badge" not in client.get(reverse("todo:badge")).content.decode()


def test_it_shows_the_person_s_own_tasks_on_the_unit_home_page(client, cast, conference_a):
    with on_day(D(2026, 5, 25)):
        client.force_login(cast.front_a)
        html = client.get(reverse("units:home", args=[cast.commune_a.pk])).content.decode()
    panel = html.split('data-testid="unit-tasks"')[1].split("</section>")[0]
    assert "Lấy ý kiến Nhân dân" in panel
    assert "Thông báo công khai" not in panel  # the office's
    assert f"{LIST}?don-vi={cast.commune_a.pk}" in panel


# ---------------------------------------------------------------- queries


def _count_queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_it_reads_the_tasks_in_a_fixed_number_of_queries(cast, upper_plan):
    rows = [duty(f"Việc {i}", role=Role.OFFICE, due=D(2026, 5, 20 + i)) for i in range(2)]
    plan = plan_with_duties(cast, rows)
    make_conference(plan, cast.officer_a, cast.village_a, D(2026, 6, 5), made_on=D(2026, 5, 4))
    today = D(2026, 5, 10)
    small = _count_queries(lambda: selectors.tasks_for(cast.officer_a, today))
    n_small = len(selectors.tasks_for(cast.officer_a, today))
    for day in (D(2026, 6, 19), D(2026, 7, 3)):
        make_conference(plan, cast.officer_a, cast.village_a, day, made_on=D(2026, 5, 4))
    plan_with_duties(cast, [duty(f"Việc {i}", role=Role.OFFICE, due=D(2027, 5, 20 + i)) for i in range(4)], year=2027)
    n_large = len(selectors.tasks_for(cast.officer_a, today))
    large = _count_queries(lambda: selectors.tasks_for(cast.officer_a, today))
    assert n_large >= 2 * n_small
    assert large == small
    assert small <= 7


def test_it_shows_the_page_in_a_fixed_number_of_queries(client, cast, upper_plan, django_assert_max_num_queries):
    plan = plan_with_duties(cast, [duty("Việc 0", role=Role.OFFICE, due=D(2026, 5, 20))])
    make_conference(plan, cast.officer_a, cast.village_a, D(2026, 6, 5), made_on=D(2026, 5, 4))

    def page_queries() -> tuple[int, int]:
        with on_day(D(2026, 5, 10)):
            client.force_login(cast.officer_a)
            client.get(LIST)  # warm the caches (content types, the session)
            with CaptureQueriesContext(connection) as ctx:
                page = client.get(LIST)
        return len(ctx.captured_queries), page.content.decode().count('data-testid="task"')

    small, small_rows = page_queries()
    for day in (D(2026, 6, 19), D(2026, 7, 3)):
        make_conference(plan, cast.officer_a, cast.village_a, day, made_on=D(2026, 5, 4))
    plan_with_duties(cast, [duty(f"Việc {i}", role=Role.OFFICE, due=D(2027, 5, 20 + i)) for i in range(4)], year=2027)
    large, large_rows = page_queries()
    assert large_rows >= 2 * small_rows
    assert large == small
    with on_day(D(2026, 5, 10)), django_assert_max_num_queries(20):
        client.get(LIST)
