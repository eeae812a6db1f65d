from decimal import Decimal

import pytest

from doithoai.lib.numbers import grouped


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (12345, "12.345"),
        (2500000, "2.500.000"),
        (-1350000, "-1.350.000"),
        (Decimal("8000000"), "8.000.000"),
        (Decimal("-999"), "-999"),
    ],
)
def test_it_puts_a_dot_between_thousands(value, text):
    assert grouped(value) == text


def test_none_is_the_empty_text_given():
    assert grouped(None) == ""
    assert grouped(None, empty="—") == "—"
