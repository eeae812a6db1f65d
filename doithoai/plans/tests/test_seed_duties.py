"""Every duty named in "Tổ chức thực hiện" of seeds 000 and 001 becomes a task with an owner and a deadline.

The duties are read from the seeds' text (tests/seeds/texts, the copies of ../shared/seeds checked by
test_seeds): one per bullet, or the paragraph under a numbered heading that has no bullet. Each must be one
row of the seed as entered (tests/seeds/seed_000.py, seed_001.py), so that a duty dropped from the entry
fails here. Then, for each duty on its own, the unit's office types the seed's duties into the plan's
"Tổ chức thực hiện" page (a duty the seed dates from the conference keeps its number of days; one it leaves
without a deadline gets a date, as the office would give it), the chair issues the plan, the office creates
a conference and gives it the plan's duties dated from it; the duty must then be among the tasks
("Việc cần làm") of a person who holds its role or works in its department, with the expected due date.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from doithoai.accounts.models import Membership, User
from doithoai.accounts.roles import Role
from doithoai.conferences.actions import conference_create
from doithoai.conferences.models import TimelineStep
from doithoai.core.testing import PASSWORD
from doithoai.lib.text import fold
from doithoai.plans.models import Assignment, Plan, PlanStatus
from doithoai.plans.sections import SECTIONS
from doithoai.plans.tests.seeds import SEEDS, pages
from doithoai.plans.tests.seeds.base import SeedPlan
from doithoai.todo import selectors as todo
from doithoai.units.models import AdminUnit, Department
from doithoai.workdays.selectors import calendar_for

SEED_TEXTS = Path(__file__).resolve().parent / "seeds" / "texts"
# Where "Tổ chức thực hiện" starts and what follows it, in each seed's text.
SECTION_BOUNDS = {
    "000": ("V. Tổ chức thực hiện", "Trên đây là"),
    "001": ("IV. TỔ CHỨC THỰC HIỆN", "V. KINH PHÍ THỰC HIỆN"),
}
HEADING = re.compile(r"^\d+\.\s")
DAYS_AHEAD = 30  # the conference, about a month from today
DATED_BEFORE = 14  # a duty the seed gives no deadline is typed with a date two weeks before the conference


def _plain(line: str) -> str:
    return line.replace("*", "").replace("#", "").strip()


def duties_in_text(key: str) -> list[str]:
    """The duties of the seed's "Tổ chức thực hiện", in order, each as one line of text."""
    text = (SEED_TEXTS / SEEDS[key].source).read_text()
    start, end = SECTION_BOUNDS[key]
    section = text[text.index(start) + len(start) : text.index(end)]
    duties: list[str] = []
    under_heading = True  # until a duty is read under the current heading
    for raw in section.splitlines():
        line = _plain(raw)
        if not line or line == ":":
            continue
        if HEADING.match(line):
            under_heading = True
            continue
        if line.startswith("- "):
            duties.append(line[2:].strip())
            under_heading = False
        elif under_heading:  # a heading whose duty is a paragraph (Công an xã, Trưởng các thôn)
            duties.append(line)
            under_heading = False
        else:  # a bullet broken over two lines
            duties[-1] = f"{duties[-1]} {line}"
    return duties


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


def row_for(seed: SeedPlan, duty: str) -> dict[str, Any]:
    """The row of the seed's entry that carries the duty read in the text (its deadline may be written
    inside the text's sentence: "… được biết chậm nhất 07 ngày trước ngày tiếp xúc. Cử phóng viên …")."""
    found = []
    for row in seed.sections["assignments"]:
        typed = words(row["duty"])
        text = words(duty)
        without_deadline = words(duty.replace(row.get("due_rule", "") or "\0", " ")) if row.get("due_rule") else text
        if typed and (typed in text or typed in without_deadline):
            found.append(row)
    assert len(found) == 1, f"{len(found)} rows of the seed's entry carry the duty: {duty[:80]}"
    return found[0]


PARAMS = [
    pytest.param(key, index, duty, id=f"{key}-{index + 1:02d}-{words(duty)[:40].replace(' ', '-')}")
    for key in sorted(SECTION_BOUNDS)
    for index, duty in enumerate(duties_in_text(key))
]


def test_it_reads_every_duty_of_the_seeds_texts():
    # 7 bullets in seed 000; 5 + 3 + 3 + 2 + 3 and three paragraphs in seed 001.
    assert [len(duties_in_text(key)) for key in sorted(SECTION_BOUNDS)] == [7, 19]
    for key in SECTION_BOUNDS:
        # Every row of the entry is a duty of the text, and every duty of the text one row.
        rows = [id(row_for(SEEDS[key], duty)) for duty in duties_in_text(key)]
        assert sorted(rows) == sorted(id(r) for r in SEEDS[key].sections["assignments"])


def _unit(seed: SeedPlan) -> AdminUnit:
    era, level, code = seed.unit
    return AdminUnit.objects.get(era=era, level=level, code=code)


def _person(unit: AdminUnit, role: str, department: Department | None = None) -> User:
    name = f"{role}-{department.pk if department else 0}-{unit.pk}"
    user = User(username=name, full_name=f"Người {name}")
    user.set_password(PASSWORD)
    user.save()
    Membership.objects.create(user=user, unit=unit, role=role, department=department)
    return user


def _people(seed: SeedPlan, unit: AdminUnit) -> dict[Any, User]:
    """One person per role of the unit, and one officer per department (and one of no department)."""
    departments = [Department.objects.get_or_create(unit=unit, name=name)[0] for name in seed.departments]
    people: dict[Any, User] = {
        role: _person(unit, role) for role in (Role.OFFICE, Role.CHAIR, Role.FRONT, Role.VILLAGE_HEAD, Role.COUNCIL)
    }
    people[Role.DEPARTMENT_OFFICER] = _person(unit, Role.DEPARTMENT_OFFICER)
    for department in departments:
        people[department.name] = _person(unit, Role.DEPARTMENT_OFFICER, department)
    return people


def _owner(row: dict[str, Any], people: dict[Any, User]) -> User:
    """Who does the duty: the holder of its role; for a department's officers (or a department alone), an
    officer of that department; with neither, the office, which coordinates the plan."""
    role, department = row.get("assignee_role", ""), row.get("assignee_department", "")
    if role and role != Role.DEPARTMENT_OFFICER:
        return people[role]
    if department:
        return people[department]
    return people[role or Role.OFFICE]


def _conference_day(unit: AdminUnit, today: dt.date) -> dt.date:
    return calendar_for(unit).next_working_day(today + dt.timedelta(days=DAYS_AHEAD))


def _typed_rows(seed: SeedPlan, day: dt.date) -> list[dict[str, Any]]:
    dated = (day - dt.timedelta(days=DATED_BEFORE)).strftime("%d/%m/%Y")
    rows = []
    for row in seed.sections["assignments"]:
        typed = dict(row)
        if not typed.get("due_offset_days") and not typed.get("due_date"):
            typed["due_date"] = dated
        rows.append(typed)
    return rows


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "index", "duty"), PARAMS)
def test_it_makes_each_duty_a_task_with_an_owner_and_a_deadline(client, cast, key, index, duty):
    seed = SEEDS[key]
    row = row_for(seed, duty)
    unit = _unit(seed)
    people = _people(seed, unit)
    today = timezone.localdate()
    day = _conference_day(unit, today)

    client.force_login(people[Role.OFFICE])
    plan_id = pages.create_plan(client, unit.pk, seed.preset, seed.year)
    pages.enter_rows(client, unit.pk, plan_id, SECTIONS["assignments"].slug, _typed_rows(seed, day))
    client.force_login(people[Role.CHAIR])
    response = pages.issue(client, unit.pk, plan_id, seed.number, seed.issued_on)
    assert response.status_code == 302, pages.errors_of(response)
    plan = Plan.objects.get(pk=plan_id)
    assert plan.status == PlanStatus.ISSUED
    conference = conference_create(
        actor=people[Role.OFFICE],
        plan=plan,
        data={
            "title": "Hội nghị đối thoại",
            "starts_at": timezone.make_aware(dt.datetime.combine(day, dt.time(7, 30))),
        },
    )
    client.force_login(people[Role.OFFICE])
    response = client.post(reverse("conferences:duties_assign", args=[unit.pk, conference.pk]))
    assert response.status_code == 302

    assignment = next(a for a in Assignment.objects.filter(plan=plan) if words(a.duty) == words(row["duty"]))
    owner = _owner(row, people)
    tasks = todo.tasks_for(owner, today)
    expected: dt.date | None
    if assignment.due_offset_days is not None:
        expected = calendar_for(unit).add_calendar_days(day, assignment.due_offset_days, roll_to_working_day=True)
        found = [
            t
            for t in tasks
            if t.kind == todo.STEP
            and t.conference == conference
            and isinstance(t.source_object, TimelineStep)
            and (
                t.source_object.key == f"duty:{assignment.pk}" or words(assignment.duty) in words(t.source_object.note)
            )
        ]
    else:
        expected = assignment.due_date
        found = [t for t in tasks if t.kind == todo.ASSIGNMENT and t.source_object.pk == assignment.pk]
    assert len(found) == 1, f"{owner.username} has no task for: {assignment.duty[:80]}"
    task = found[0]
    assert task.due_date == expected
    assert task.owner_label
    assert not task.done
