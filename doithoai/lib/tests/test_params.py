import datetime as dt

import pytest

from doithoai.lib.params import query_date, query_id, query_ids


@pytest.mark.parametrize(
    ("value", "pk"),
    [
        ("12", 12),
        (" 7 ", 7),
        (12, 12),
        ("", None),
        (None, None),
        ("abc", None),
        ("-3", None),
        ("1.5", None),
        ("²", None),  # a digit to str.isdigit, not to int()
        ("١٢", None),  # Arabic-Indic digits: not an id a page ever writes
        ("12345678901", 12345678901),
        ("123456789012", None),  # too long for an id column
    ],
)
def test_an_id_is_ascii_digits_short_enough_for_the_column(value, pk):
    assert query_id(value) == pk


def test_a_list_of_ids_drops_the_rest_keeps_the_order_and_stops_at_the_limit():
    assert query_ids(["3", "x", "1", "3", "²", "2"]) == [3, 1, 2]
    assert query_ids([str(n) for n in range(100)], limit=5) == [0, 1, 2, 3, 4]
    assert query_ids([]) == []


def test_a_date_is_an_iso_date_or_nothing():
    assert query_date("2026-11-22") == dt.date(2026, 11, 22)
    assert query_date("2026-11-22T10:00") == dt.date(2026, 11, 22)
    assert query_date("22/11/2026") is None
    assert query_date("2026-02-30") is None
    assert query_date(None) is None


def test_digits_are_0_to_9_only():
    from doithoai.lib.params import is_digits

    assert is_digits("2026") and is_digits("0")
    assert not is_digits("") and not is_digits("²") and not is_digits("١٢") and not is_digits("12a")
