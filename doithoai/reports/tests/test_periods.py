"""The period a page is asked for: what the query string cannot say falls back to this year."""

import datetime as dt

import pytest

from doithoai.reports.periods import Period

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize("year", ["²⁰²⁶", "", "abc", "1999", "2100", "99999999999999999999"])
def test_a_year_that_is_not_one_is_this_year(year):
    period = Period.from_query({"nam": year}, today=TODAY)
    assert (period.start, period.end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_a_year_asked_for_is_kept():
    assert Period.from_query({"nam": "2025"}, today=TODAY).start == dt.date(2025, 1, 1)
