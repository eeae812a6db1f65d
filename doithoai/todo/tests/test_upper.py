"""An upper-level plan with two units below: Lạng Sơn requires every commune to hold its dialogue by 31/7/2026.

Commune A (Điềm He) holds its conference on 05/6/2026; commune B (Văn Quan) schedules
its own for 14/8/2026, after the deadline. Both see the requirement in their tasks and
on their home page; once A has held its conference, A's requirement is done; after the
deadline the province's board shows A held and B late.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from doithoai.conferences.actions import timeline_step_complete
from doithoai.conferences.tests.conftest import on_day
from doithoai.plans.actions import plan_close, plan_create_from_preset, plan_start
from doithoai.todo import selectors
from doithoai.todo.tests.conftest import DEADLINE, hold, make_conference

D = dt.date
LIST = reverse("todo:list")


@pytest.fixture
def scenario(cast, upper_plan, plan_a, plan_b):
    conference_a = make_conference(plan_a, cast.officer_a, cast.village_a, D(2026, 6, 5), made_on=D(2026, 5, 4))
    conference_b = make_conference(plan_b, cast.officer_b, cast.village_b, D(2026, 8, 14), made_on=D(2026, 5, 4))
    return conference_a, conference_b


def upper(tasks, kind=selectors.UPPER_CONFERENCE):
    found = [t for t in tasks if t.kind == kind]
    assert len(found) <= 1
    return found[0] if found else None


def test_both_communes_see_the_requirement_in_their_tasks(client, cast, upper_plan, scenario):
    today = D(2026, 5, 10)
    for user, unit in (
        (cast.officer_a, cast.commune_a),
        (cast.officer_b, cast.commune_b),
        (cast.chair_a, cast.commune_a),
    ):
        task = upper(selectors.tasks_for(user, today))
        assert task is not None, user
        assert task.unit == unit
        assert task.due_date == DEADLINE
        assert not task.done
        assert task.title == (
            "Tổ chức hội nghị đối thoại theo Kế hoạch số 12-KH/TU ngày 02/3/2026 của Ban Thường vụ Tỉnh ủy "
            "Lạng Sơn, xong trước ngày 31/7/2026"
        )
        forwarding = upper(selectors.tasks_for(user, today), selectors.UPPER_FORWARDING)
        assert forwarding is not None
        assert "Gửi kiến nghị vượt thẩm quyền về Ban Tuyên giáo và Dân vận Tỉnh ủy" in forwarding.title
    # Only the chair, vice-chair and office answer for it; the Front and the department officer do not.
    for user in (cast.front_a, cast.department_officer_a, cast.village_head_a, cast.province_official):
        assert upper(selectors.tasks_for(user, today)) is None

    with on_day(today):
        client.force_login(cast.officer_b)
        html = client.get(LIST).content.decode()
    assert "xong trước ngày 31/7/2026" in html
    assert "Xã Văn Quan" in html
    assert "Xã Điềm He" not in html


def test_a_s_requirement_is_done_once_a_has_held_its_conference(client, cast, scenario):
    conference_a, _conference_b = scenario
    assert not upper(selectors.tasks_for(cast.officer_a, D(2026, 6, 4))).done
    hold(conference_a, cast.officer_a, D(2026, 6, 5))
    after = D(2026, 6, 8)
    task_a = upper(selectors.tasks_for(cast.officer_a, after))
    assert task_a.done
    assert task_a.done_on == D(2026, 6, 5)
    assert task_a.conference == conference_a
    assert not upper(selectors.tasks_for(cast.officer_b, after)).done
    with on_day(after):
        client.force_login(cast.officer_a)
        html = client.get(LIST).content.decode()
    done = html.split('data-testid="group-done"')[1].split("</section>")[0]
    assert "xong trước ngày 31/7/2026" in done
    assert "Đã xong 05/6/2026" in done


def test_b_s_requirement_is_overdue_after_the_deadline(client, cast, scenario):
    conference_a, _conference_b = scenario
    hold(conference_a, cast.officer_a, D(2026, 6, 5))
    today = D(2026, 8, 1)
    task_b = upper(selectors.tasks_for(cast.officer_b, today))
    assert task_b.group(today) == selectors.OVERDUE
    assert task_b.days_left(today) == -1
    with on_day(today):
        client.force_login(cast.officer_b)
        html = client.get(LIST).content.decode()
    overdue = html.split('data-testid="group-overdue"')[1].split("</section>")[0]
    assert "xong trước ngày 31/7/2026" in overdue
    assert "Quá hạn 1 ngày" in overdue


def test_the_board_shows_a_held_and_b_late(client, cast, upper_plan, scenario):
    conference_a, _conference_b = scenario
    hold(conference_a, cast.officer_a, D(2026, 6, 5))
    url = reverse("plans:compliance", args=[cast.province.pk, upper_plan.pk])
    with on_day(D(2026, 8, 1)):
        client.force_login(cast.province_official)
        html = client.get(url).content.decode()
    row_a = html.split(f'data-testid="row-{cast.commune_a.code}"')[1].split("</tr>")[0]
    row_b = html.split(f'data-testid="row-{cast.commune_b.code}"')[1].split("</tr>")[0]
    assert 'data-standing="held"' in html.split(f'data-testid="row-{cast.commune_a.code}"')[1][:40]
    assert "05/6/2026" in row_a
    assert "Trễ hạn" not in row_a
    assert "Đã ban hành 91/KH-UBND" in row_a
    assert "Trễ hạn" in row_b
    assert "14/8/2026" in row_b  # scheduled, after the deadline
    assert "Đã ban hành 15/KH-UBND" in row_b
    assert 'data-testid="summary-late">1<' in html
    assert 'data-testid="summary-held">1<' in html


def test_before_the_deadline_b_is_flagged_as_scheduled_too_late_not_late(client, cast, upper_plan, scenario):
    url = reverse("plans:compliance", args=[cast.province.pk, upper_plan.pk])
    with on_day(D(2026, 7, 1)):
        client.force_login(cast.province_official)
        html = client.get(url).content.decode()
    row_b = html.split(f'data-testid="row-{cast.commune_b.code}"')[1].split("</tr>")[0]
    assert "Lên lịch sau hạn" in row_b
    assert 'data-testid="summary-late">0<' in html


def test_both_communes_see_the_requirement_on_their_home_page(client, cast, scenario):
    conference_a, _conference_b = scenario
    hold(conference_a, cast.officer_a, D(2026, 6, 5))
    with on_day(D(2026, 6, 8)):
        client.force_login(cast.front_a)  # not answerable for it, but works in the commune
        html_a = client.get(reverse("units:home", args=[cast.commune_a.pk])).content.decode()
        client.force_login(cast.officer_b)
        html_b = client.get(reverse("units:home", args=[cast.commune_b.pk])).content.decode()
    card_a = html_a.split('data-testid="upper-requirement"')[1].split("</section>")[0]
    card_b = html_b.split('data-testid="upper-requirement"')[1].split("</section>")[0]
    assert "Kế hoạch số 12-KH/TU" in card_a
    assert "Đã xong 05/6/2026" in card_a
    assert "Kế hoạch số 12-KH/TU" in card_b
    assert "Còn 53 ngày" in card_b


def test_the_requirement_follows_the_upper_plan_s_state(cast, upper_plan, province_chair, scenario):
    today = D(2026, 5, 10)
    plan_start(actor=province_chair, plan=upper_plan)
    assert upper(selectors.tasks_for(cast.officer_a, today)) is not None
    plan_close(actor=province_chair, plan=upper_plan)
    assert upper(selectors.tasks_for(cast.officer_a, today)) is None


def test_a_draft_upper_plan_requires_nothing(cast, province_chair):
    plan_create_from_preset(actor=cast.sysadmin, unit=cast.province, preset="upper", year=2026)
    assert upper(selectors.tasks_for(cast.officer_a, D(2026, 5, 10))) is None


def test_the_forwarding_task_is_done_with_the_written_answers_step(cast, scenario):
    conference_a, _conference_b = scenario
    hold(conference_a, cast.officer_a, D(2026, 6, 5))
    with on_day(D(2026, 6, 12)):
        timeline_step_complete(actor=cast.officer_a, step=conference_a.steps.get(key="written_answers"))
    task = upper(selectors.tasks_for(cast.officer_a, D(2026, 6, 13)), selectors.UPPER_FORWARDING)
    assert task.done
    assert task.done_on == D(2026, 6, 12)
