"""The departments page: paste-to-add, rename, short name, deactivate, activate, delete."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.units.models import Department


def _url(cast, name="departments", *args):
    return reverse(f"units:{name}", args=[cast.commune_a.pk, *args])


def _snapshot(cast):
    return (
        list(
            Department.objects.filter(unit=cast.commune_a).order_by("pk").values_list("name", "short_name", "is_active")
        ),
        AuditEvent.objects.count(),
    )


def test_it_adds_pasted_departments(office, cast):
    assert office.post(_url(cast), {"lines": "Công an xã\nTrạm y tế\n"}).status_code == 302
    assert set(Department.objects.filter(unit=cast.commune_a).values_list("name", flat=True)) == {
        "Phòng Kinh tế",
        "Công an xã",
        "Trạm y tế",
    }
    assert AuditEvent.objects.filter(event_type="department.created").count() == 2


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ("Công an xã\ncong an xa", "Dòng 2: “cong an xa” trùng với dòng 1."),
        ("PHÒNG KINH TẾ", "Dòng 1: Đã có cơ quan tên “Phòng Kinh tế”."),
        ("  \n", "Nhập ít nhất một tên cơ quan (mỗi dòng một tên)."),
    ],
)
def test_it_refuses_a_bad_paste_of_departments_whole(office, cast, lines, message):
    before = _snapshot(cast)
    response = office.post(_url(cast), {"lines": lines})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _snapshot(cast) == before


def test_it_renames_a_department_and_sets_its_short_name(office, cast):
    response = office.post(
        _url(cast, "department_edit", cast.department_a.pk), {"name": "Phòng Kinh tế - Hạ tầng", "short_name": "KT-HT"}
    )
    assert response.status_code == 302
    department = Department.objects.get(pk=cast.department_a.pk)
    assert (department.name, department.short_name) == ("Phòng Kinh tế - Hạ tầng", "KT-HT")
    assert AuditEvent.objects.get(event_type="department.updated").changes["short_name"] == {
        "before": "",
        "after": "KT-HT",
    }


def test_it_refuses_an_empty_department_name(office, cast):
    before = _snapshot(cast)
    response = office.post(_url(cast, "department_edit", cast.department_a.pk), {"name": " ", "short_name": ""})
    assert "Tên cơ quan không được để trống." in response.content.decode()
    assert _snapshot(cast) == before


def test_it_deactivates_and_activates_a_department(office, cast):
    office.post(_url(cast, "department_deactivate", cast.department_a.pk))
    assert not Department.objects.get(pk=cast.department_a.pk).is_active
    html = office.get(_url(cast)).content.decode()
    assert "đã ngừng sử dụng" in html
    office.post(_url(cast, "department_activate", cast.department_a.pk))
    assert Department.objects.get(pk=cast.department_a.pk).is_active
    assert list(AuditEvent.objects.order_by("id").values_list("event_type", flat=True)) == [
        "department.deactivated",
        "department.activated",
    ]


def test_it_refuses_to_deactivate_twice(office, cast):
    office.post(_url(cast, "department_deactivate", cast.department_a.pk))
    before = _snapshot(cast)
    html = office.post(_url(cast, "department_deactivate", cast.department_a.pk)).content.decode()
    assert "Cơ quan này đã ngừng sử dụng trước đó." in html
    assert _snapshot(cast) == before


def test_it_deletes_an_unused_department_and_refuses_a_used_one(office, cast):
    unused = Department.objects.create(unit=cast.commune_a, name="Phòng nhập nhầm")
    assert office.post(_url(cast, "department_delete", unused.pk)).status_code == 302
    assert not Department.objects.filter(pk=unused.pk).exists()

    before = _snapshot(cast)
    html = office.post(_url(cast, "department_delete", cast.department_a.pk)).content.decode()
    assert "Không thể xóa “Phòng Kinh tế” vì đang được sử dụng (1 vai trò tại đơn vị)." in html
    assert "Hãy ngừng sử dụng thay vì xóa." in html
    assert _snapshot(cast) == before


def test_it_searches_departments_without_diacritics(office, cast):
    Department.objects.create(unit=cast.commune_a, name="Trạm y tế")
    html = office.get(_url(cast), {"q": "tram y te"}).content.decode()
    listed = html[html.index('id="department-list"') :]
    assert "Trạm y tế" in listed
    assert "Phòng Kinh tế" not in listed
