"""Assigned petitions in "Việc cần làm" and in the daily reminders: to the department that answers, and
drafts waiting in the chair's list; reminded before, on and after the due date, each reminder once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from doithoai.conferences.tests.conftest import on_day
from doithoai.notifications.models import Notification, NotificationKind
from doithoai.notifications.tests.conftest import run
from doithoai.petitions import actions
from doithoai.petitions.actions import answers
from doithoai.petitions.models import Channel, Jurisdiction, Kind, Petition, PetitionGroup
from doithoai.todo import selectors as todo

D = dt.date
MONDAY = D(2026, 6, 8)  # assigned on: due 10 working days later, Monday 22/6/2026
DUE = D(2026, 6, 22)


def assigned(cast, texts, *, group_title="", department=None) -> list[Petition]:
    with on_day(MONDAY):
        sector = next(s for s in actions.sectors_ensure(actor=cast.officer_a, unit=cast.commune_a) if s.code == "KHAC")
        petitions = []
        for text in texts:
            petition, _ = actions.create_petition(
                actor=cast.officer_a,
                unit=cast.commune_a,
                data={"text": text, "channel": Channel.PAPER_FORM, "village": cast.village_a},
            )
            petitions.append(
                actions.petition_classify(
                    actor=cast.officer_a,
                    petition=petition,
                    kind=Kind.RECOMMENDATION,
                    sector=sector,
                    jurisdiction=Jurisdiction.THIS_UNIT,
                )
            )
        if group_title:
            group = PetitionGroup.objects.create(unit=cast.commune_a, title=group_title)
            Petition.objects.filter(pk__in=[p.pk for p in petitions]).update(group=group)
            petitions = [Petition.objects.get(pk=p.pk) for p in petitions]
        return answers.assign(actor=cast.officer_a, petitions=petitions, department=department or cast.department_a)


def keys_of(user) -> set[str]:
    return set(Notification.objects.filter(recipient=user).values_list("dedupe_key", flat=True))


def test_assigned_petitions_are_the_department_s_tasks_and_drafts_the_chair_s(client, cast):
    [single] = assigned(cast, ["Đèn đường thôn Nà Pàn hỏng"])
    grouped = assigned(cast, ["Đường hỏng đoạn 1", "Đường hỏng đoạn 2"], group_title="Đường liên thôn xuống cấp")
    tasks = {t.key: t for t in todo.tasks_for(cast.department_officer_a, MONDAY) if t.kind == todo.PETITION}
    assert set(tasks) == {f"petition:{single.pk}", f"petition:group:{grouped[0].group_id}:{cast.department_a.pk}"}
    group_task = tasks[f"petition:group:{grouped[0].group_id}:{cast.department_a.pk}"]
    assert group_task.title == "Trả lời ý kiến: Đường liên thôn xuống cấp (2 ý kiến)"
    assert group_task.due_date == DUE and group_task.owner_label == "Phòng Kinh tế"
    assert not [t for t in todo.tasks_for(cast.chair_a, MONDAY) if t.kind == todo.ANSWER_APPROVAL]

    with on_day(MONDAY):
        answer = answers.answer_draft(actor=cast.department_officer_a, petitions=grouped, text="Sẽ sửa.")
    [approval] = [t for t in todo.tasks_for(cast.chair_a, MONDAY) if t.kind == todo.ANSWER_APPROVAL]
    assert approval.key == f"answer_approval:{answer.pk}" and approval.url.endswith(f"/tra-loi/{answer.pk}/duyet/")
    assert [t.key for t in todo.tasks_for(cast.vice_chair_a, MONDAY) if t.kind == todo.ANSWER_APPROVAL] == [
        approval.key
    ]
    # The to-do page shows them, with the due date as officials write it.
    with on_day(MONDAY):
        client.force_login(cast.department_officer_a)
        html = client.get(reverse("todo:list")).content.decode()
    assert 'data-kind="petition"' in html and "Đèn đường thôn Nà Pàn hỏng" in html and "Hạn 22/6/2026" in html

    with on_day(MONDAY):
        answers.answer_approve(actor=cast.chair_a, answer=answer)
    assert not [t for t in todo.tasks_for(cast.chair_a, MONDAY) if t.kind == todo.ANSWER_APPROVAL]
    assert [t.key for t in todo.tasks_for(cast.department_officer_a, MONDAY) if t.kind == todo.PETITION] == [
        f"petition:{single.pk}"
    ]
    # Nobody else gets them: not the office, not the other commune.
    assert not [t for t in todo.tasks_for(cast.officer_a, MONDAY) if t.kind in (todo.PETITION, todo.ANSWER_APPROVAL)]
    assert not todo.tasks_for(cast.officer_b, MONDAY)


def test_the_task_list_keeps_its_number_of_queries_with_more_petitions(cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            todo.tasks_for(cast.chair_a, MONDAY)
        return len(ctx.captured_queries)

    petitions = assigned(cast, ["Một"])
    with on_day(MONDAY):
        answers.answer_draft(actor=cast.officer_a, petitions=petitions, text="x")
    small = queries()
    for text in ("Hai", "Ba", "Bốn"):
        more = assigned(cast, [text])
        with on_day(MONDAY):
            answers.answer_draft(actor=cast.officer_a, petitions=more, text="x")
    assert queries() == small <= 8


def test_the_department_is_reminded_before_on_and_after_the_due_date_each_time_once(cast):
    [petition] = assigned(cast, ["Cống thoát nước thôn Nà Pàn tắc"])
    key = f"petition:{petition.pk}:{DUE.isoformat()}"

    run(D(2026, 6, 18))
    assert not {k for k in keys_of(cast.department_officer_a) if k.startswith("petition:")}
    run(D(2026, 6, 19))  # Friday: 3 days before Monday 22/6
    assert f"{key}:before:3" in keys_of(cast.department_officer_a)
    notice = Notification.objects.get(recipient=cast.department_officer_a, dedupe_key=f"{key}:before:3")
    assert notice.kind == NotificationKind.STEP_DUE_SOON
    assert notice.title == "Còn 3 ngày đến hạn trả lời ý kiến: Cống thoát nước thôn Nà Pàn tắc"
    assert "Thứ Hai, ngày 22 tháng 6 năm 2026" in notice.body and petition.tracking_code in notice.body
    assert notice.url == reverse("petitions:assigned", args=[cast.commune_a.pk])
    assert f"{key}:before:3" not in keys_of(cast.officer_a)  # the department has its officer
    count = Notification.objects.count()
    assert run(D(2026, 6, 19))["notifications"] == 0 and Notification.objects.count() == count

    run(DUE)
    assert f"{key}:before:0" in keys_of(cast.department_officer_a)
    run(D(2026, 6, 23))
    assert f"{key}:overdue:0" in keys_of(cast.department_officer_a)
    assert f"{key}:overdue:0" in keys_of(cast.officer_a)  # overdue: the office is told too
    run(D(2026, 6, 24))
    run(D(2026, 6, 30))
    petition_keys = sorted(k for k in keys_of(cast.department_officer_a) if k.startswith("petition:"))
    assert petition_keys == [f"{key}:before:0", f"{key}:before:3", f"{key}:overdue:0", f"{key}:overdue:1"]

    # Answered: no more reminders.
    with on_day(D(2026, 7, 1)):
        answer = answers.answer_draft(actor=cast.officer_a, petitions=[petition], text="Đã nạo vét.")
        answers.answer_approve(actor=cast.chair_a, answer=answer)
    run(D(2026, 7, 7))
    assert f"{key}:overdue:2" not in keys_of(cast.department_officer_a)


def test_a_group_is_reminded_once_and_a_department_without_officer_goes_to_the_office(cast):
    from doithoai.units.models import Department

    nobody = Department.objects.create(unit=cast.commune_a, name="Công an xã")
    grouped = assigned(cast, ["Trộm cắp 1", "Trộm cắp 2"], group_title="An ninh thôn Nà Pàn", department=nobody)
    run(D(2026, 6, 19))
    keys = [k for k in keys_of(cast.officer_a) if k.startswith("petition_group:")]
    assert keys == [f"petition_group:{grouped[0].group_id}:{nobody.pk}:{DUE.isoformat()}:before:3"]
    assert not [k for k in keys_of(cast.department_officer_a) if k.startswith("petition_group:")]


@pytest.mark.parametrize("day", [D(2026, 6, 20), D(2026, 6, 21)])
def test_nobody_is_reminded_at_the_weekend(cast, day):
    assigned(cast, ["Cầu treo hỏng"])
    assert run(day)["notifications"] == 0
