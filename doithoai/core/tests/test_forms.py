"""The date field for dates typed the Vietnamese way, day/month/year."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.utils import translation

from doithoai.core.forms import VietnameseDateField

ERROR = "Ngày không hợp lệ, nhập theo dạng ngày/tháng/năm, ví dụ 05/06/2026."


@pytest.fixture(autouse=True)
def _vietnamese():
    """Outside a request the active language is whatever an earlier test left; these read the Vietnamese."""
    with translation.override("vi"):
        yield


class _Form(forms.Form):
    ngay = VietnameseDateField(label="Ngày")


@pytest.mark.parametrize(
    "typed", ["05/06/2026", "5/6/2026", "05-06-2026", "2026-06-05", " 05/06/2026 ", "05 / 06 / 2026"]
)
def test_it_reads_day_month_year(typed):
    form = _Form({"ngay": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["ngay"] == dt.date(2026, 6, 5)


@pytest.mark.parametrize("typed", ["31/02/2026", "06/13/2026", "hôm nay", "05/06/26", "2026/06/05"])
def test_it_refuses_what_is_not_a_day_month_year_date_in_vietnamese(typed):
    form = _Form({"ngay": typed})
    assert not form.is_valid()
    assert form.errors["ngay"] == [ERROR]


def test_it_renders_a_text_box_showing_day_month_year():
    html = str(_Form(initial={"ngay": dt.date(2026, 6, 5)})["ngay"])
    assert 'type="text"' in html
    assert 'value="05/06/2026"' in html
    assert 'placeholder="dd/mm/yyyy"' in html
    assert 'inputmode="numeric"' in html
    assert 'autocomplete="off"' in html

    assert 'value="05/06/2026"' in str(_Form({"ngay": "2026-6-5"})["ngay"])  # shown back the Vietnamese way
    assert 'value="sai"' in str(_Form({"ngay": "sai"})["ngay"])  # a wrong date stays as typed, to be corrected
