"""The reminder days of the policy (reminders.slot_for), on the nationwide calendar: weekends, Tết, overdue weeks."""

from __future__ import annotations

import datetime as dt

import pytest

from doithoai.notifications.reminders import slot_for
from doithoai.workdays.selectors import WorkingCalendar

D = dt.date
OFFSETS = (3, 0)


@pytest.fixture
def calendar():
    return WorkingCalendar(None, overrides=[])


def slots(calendar, due, first, last, offsets=OFFSETS, every=7):
    """{day: slot key} for every day from `first` to `last` that has a reminder."""
    found = {}
    day = first
    while day <= last:
        slot = slot_for(due, day, calendar, offsets, every)
        if slot is not None:
            found[day] = (slot.key, slot.days_left)
        day += dt.timedelta(days=1)
    return found


def test_it_reminds_a_step_due_monday_on_the_friday_before_and_on_the_day(calendar):
    due = D(2026, 6, 8)  # a Monday

    found = slots(calendar, due, D(2026, 6, 1), D(2026, 6, 8))

    # Friday 05/6 is 3 days before; nothing on the weekend; Monday is the due day.
    assert found == {
        D(2026, 6, 5): ("before:3", 3),
        D(2026, 6, 8): ("before:0", 0),
    }


def test_it_moves_a_reminder_day_that_falls_on_a_weekend_to_the_friday_before(calendar):
    due = D(2026, 6, 9)  # a Tuesday: 3 days before is Saturday 06/6

    found = slots(calendar, due, D(2026, 6, 1), D(2026, 6, 9))

    # Friday and Monday belong to the same reminder (a catch-up day when Friday's run did not happen).
    assert found == {
        D(2026, 6, 5): ("before:3", 4),
        D(2026, 6, 8): ("before:3", 1),
        D(2026, 6, 9): ("before:0", 0),
    }


def test_it_reminds_before_the_tet_holiday_of_a_step_due_just_after_it(calendar):
    due = D(2026, 2, 23)  # the Monday after Tết (14/2 – 22/2/2026 off)

    found = slots(calendar, due, D(2026, 2, 9), D(2026, 2, 23))

    assert found[D(2026, 2, 13)] == ("before:3", 10)
    assert not any(D(2026, 2, 14) <= day <= D(2026, 2, 22) for day in found)
    assert found[D(2026, 2, 23)] == ("before:0", 0)


def test_it_reminds_an_overdue_step_on_the_next_working_day_then_every_week(calendar):
    due = D(2026, 6, 5)  # a Friday

    found = slots(calendar, due, D(2026, 6, 6), D(2026, 6, 23))

    assert D(2026, 6, 6) not in found and D(2026, 6, 7) not in found
    assert found[D(2026, 6, 8)] == ("overdue:0", -3)
    assert {key for key, _left in found.values()} == {"overdue:0", "overdue:1", "overdue:2"}
    assert found[D(2026, 6, 15)] == ("overdue:1", -10)
    assert found[D(2026, 6, 22)] == ("overdue:2", -17)


def test_it_reminds_an_overdue_step_only_once_when_the_interval_is_zero(calendar):
    found = slots(calendar, D(2026, 6, 5), D(2026, 6, 6), D(2026, 7, 31), every=0)

    assert {key for key, _left in found.values()} == {"overdue:0"}


def test_it_follows_the_offsets_setting(calendar):
    due = D(2026, 6, 12)  # a Friday

    found = slots(calendar, due, D(2026, 6, 1), D(2026, 6, 12), offsets=(7, 1))

    assert found[D(2026, 6, 5)] == ("before:7", 7)
    assert found[D(2026, 6, 11)] == ("before:1", 1)
    assert found[D(2026, 6, 12)] == ("before:1", 0)
    assert D(2026, 6, 4) not in found
