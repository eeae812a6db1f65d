"""The history pages (nhật ký thao tác): what each action records, and how the unit reads it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from doithoai.accounts import actions as account_actions
from doithoai.audit.models import AuditEvent
from doithoai.units import actions
from doithoai.units.models import Department, Village

# Every action of the unit pages, what it records, and one change it must show.
ACTIONS = {
    "villages_create": lambda c: actions.villages_create(actor=c.officer_a, unit=c.commune_a, lines="Thôn Bó Củng"),
    "village_update": lambda c: actions.village_update(
        actor=c.officer_a, village=c.village_a, name="Thôn Nà Pàn Trên", kind="bản"
    ),
    "village_retire": lambda c: actions.village_retire(actor=c.officer_a, village=c.village_a, on=dt.date(2026, 3, 1)),
    "villages_merge": lambda c: actions.villages_merge(
        actor=c.officer_a,
        unit=c.commune_a,
        sources=[c.village_a, Village.objects.create(unit=c.commune_a, name="Thôn Bó Củng")],
        into=c.village_a,
    ),
    "village_delete": lambda c: actions.village_delete(
        actor=c.officer_a, village=Village.objects.create(unit=c.commune_a, name="Thôn Nhầm")
    ),
    "departments_create": lambda c: actions.departments_create(actor=c.officer_a, unit=c.commune_a, lines="Công an xã"),
    "department_update": lambda c: actions.department_update(
        actor=c.officer_a, department=c.department_a, name="Phòng Kinh tế", short_name="KT"
    ),
    "department_set_active": lambda c: actions.department_set_active(
        actor=c.officer_a, department=c.department_a, active=False
    ),
    "department_delete": lambda c: actions.department_delete(
        actor=c.officer_a, department=Department.objects.create(unit=c.commune_a, name="Phòng Nhầm")
    ),
    "unit_update_profile": lambda c: actions.unit_update_profile(
        actor=c.chair_a,
        unit=c.commune_a,
        profile={"committee_name": "ỦY BAN NHÂN DÂN XÃ ĐIỀM HE", "place_name": "Điềm He", "phone": "0205 3 830 123"},
    ),
    "member_create": lambda c: account_actions.member_create(
        actor=c.officer_a, unit=c.commune_a, username="lanht", full_name="Hoàng Thị Lan", email="", role="council"
    ),
    "membership_revoke": lambda c: account_actions.membership_revoke(
        actor=c.officer_a, membership=c.front_a.memberships.get()
    ),
}
EXPECTED: dict[str, list[tuple[str, str, object, object]]] = {
    # action: [(event type, field, before, after)] in the order recorded
    "villages_create": [("village.created", "name", None, "Thôn Bó Củng")],
    "village_update": [("village.updated", "name", "Thôn Nà Pàn", "Thôn Nà Pàn Trên")],
    "village_retire": [("village.retired", "retired_on", None, "2026-03-01")],
    "villages_merge": [("village.merged", "status", "active", "retired")],
    "village_delete": [("village.deleted", "name", "Thôn Nhầm", None)],
    "departments_create": [("department.created", "name", None, "Công an xã")],
    "department_update": [("department.updated", "short_name", "", "KT")],
    "department_set_active": [("department.deactivated", "is_active", True, False)],
    "department_delete": [("department.deleted", "name", "Phòng Nhầm", None)],
    "unit_update_profile": [("unit.profile_updated", "phone", "", "0205 3 830 123")],
    "member_create": [("user.created", "username", None, "lanht"), ("membership.granted", "role", None, "council")],
    "membership_revoke": [("membership.revoked", "is_active", True, False)],
}
# How the history page shows each first event: its label, and the change in words.
SHOWN = {
    "villages_create": ("Thêm thôn, tổ dân phố", "Thôn Bó Củng"),
    "village_update": ("Sửa thôn, tổ dân phố", "Thôn Nà Pàn → Thôn Nà Pàn Trên"),
    "village_retire": ("Cho thôn, tổ dân phố thôi hoạt động", "Đang hoạt động → Đã giải thể / sáp nhập"),
    "villages_merge": ("Sáp nhập thôn, tổ dân phố", "(trống) → Thôn Nà Pàn"),
    "village_delete": ("Xóa thôn, tổ dân phố", "<s>Thôn Nhầm</s>"),
    "departments_create": ("Thêm cơ quan chuyên môn", "Công an xã"),
    "department_update": ("Sửa cơ quan chuyên môn", "(trống) → KT"),
    "department_set_active": ("Ngừng sử dụng cơ quan chuyên môn", "có → không"),
    "department_delete": ("Xóa cơ quan chuyên môn", "<s>Phòng Nhầm</s>"),
    "unit_update_profile": ("Sửa thông tin đơn vị", "(trống) → 0205 3 830 123"),
    "member_create": ("Tạo tài khoản", "lanht"),
    "membership_revoke": ("Thu hồi vai trò", "có → không"),
}


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_it_records_each_action_with_before_and_after_and_shows_it(client, cast, name):
    start = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ACTIONS[name](cast)

    events = list(AuditEvent.objects.filter(id__gt=start, event_type__in=[e[0] for e in EXPECTED[name]]).order_by("id"))
    recorded = [
        (event.event_type, field, event.changes[field]["before"], event.changes[field]["after"])
        for event, (_type, field, _before, _after) in zip(events, EXPECTED[name], strict=True)
    ]
    assert recorded == EXPECTED[name]
    for event in events:
        assert event.unit_id == cast.commune_a.pk
        assert event.actor_id in {cast.officer_a.pk, cast.chair_a.pk}

    client.force_login(cast.council_a)
    html = client.get(reverse("units:history", args=[cast.commune_a.pk])).content.decode()
    label, change = SHOWN[name]
    assert label in html
    assert change in html
    assert "Người thực hiện:" in html


@time_machine.travel(dt.datetime(2026, 6, 5, 17, 30, tzinfo=dt.UTC))
def test_it_shows_when_in_vietnam_time_and_who(client, cast):
    actions.villages_create(actor=cast.officer_a, unit=cast.commune_a, lines="Thôn Bó Củng")
    client.force_login(cast.officer_a)
    html = client.get(reverse("units:history", args=[cast.commune_a.pk])).content.decode()
    assert "06/06/2026 00:30" in html  # 17:30 UTC is half past midnight the next day in Hà Nội
    assert "Nông Thị Văn (vanphong_a)" in html


def test_it_filters_by_event_type_and_by_text(client, cast):
    actions.villages_create(actor=cast.officer_a, unit=cast.commune_a, lines="Thôn Bó Củng\nThôn Đồng Tâm")
    actions.departments_create(actor=cast.chair_a, unit=cast.commune_a, lines="Công an xã")
    client.force_login(cast.officer_a)
    url = reverse("units:history", args=[cast.commune_a.pk])

    by_type = client.get(url, {"loai": "department.created"}).content.decode()
    assert "Công an xã" in by_type
    assert "Thôn Bó Củng" not in by_type.split('id="event-list"', 1)[1]

    by_text = client.get(url, {"q": "dong tam"}).content.decode().split('id="event-list"', 1)[1]
    assert "Thôn Đồng Tâm" in by_text
    assert "Thôn Bó Củng" not in by_text

    by_person = client.get(url, {"q": "hoang van chu"}).content.decode().split('id="event-list"', 1)[1]
    assert "Công an xã" in by_person
    assert "Thôn Bó Củng" not in by_person

    partial = client.get(url, {"q": "cong an"}, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="event-list"')


def test_it_pages_fifty_events_newest_first(client, cast):
    actions.villages_create(
        actor=cast.officer_a, unit=cast.commune_a, lines="\n".join(f"Thôn {i:03d}" for i in range(60))
    )
    client.force_login(cast.officer_a)
    url = reverse("units:history", args=[cast.commune_a.pk])

    first = client.get(url).content.decode()
    second = client.get(url, {"trang": 2}).content.decode()

    assert first.count('data-testid="event"') == 50
    assert second.count('data-testid="event"') == 10
    assert first.index("Thôn 059") < first.index("Thôn 058")
    assert "Thôn 000" in second and "Thôn 000" not in first
    assert "Trang 1/2" in first


def test_it_shows_the_history_of_one_village_only(client, cast):
    actions.village_update(actor=cast.officer_a, village=cast.village_a, name="Thôn Nà Pàn Trên", kind="thôn")
    actions.villages_create(actor=cast.officer_a, unit=cast.commune_a, lines="Thôn Bó Củng")
    village_type = ContentType.objects.get_for_model(Village)
    client.force_login(cast.officer_a)

    html = client.get(
        reverse("units:object_history", args=[cast.commune_a.pk, village_type.pk, cast.village_a.pk])
    ).content.decode()

    assert "Lịch sử: Thôn Nà Pàn Trên" in html
    assert "Thôn Nà Pàn → Thôn Nà Pàn Trên" in html
    assert "Thôn Bó Củng" not in html.split('data-testid="events"', 1)[1]
    villages_page = client.get(reverse("units:villages", args=[cast.commune_a.pk])).content.decode()
    assert (
        reverse("units:object_history", args=[cast.commune_a.pk, village_type.pk, cast.village_a.pk]) in villages_page
    )


def test_it_answers_404_for_an_object_without_history_in_the_unit(client, cast):
    village_type = ContentType.objects.get_for_model(Village)
    client.force_login(cast.officer_a)
    url = reverse("units:object_history", args=[cast.commune_a.pk, village_type.pk, 999999])
    assert client.get(url).status_code == 404


def test_it_lets_no_page_change_or_delete_an_event(client, cast):
    actions.villages_create(actor=cast.officer_a, unit=cast.commune_a, lines="Thôn Bó Củng")
    event = AuditEvent.objects.get()
    client.force_login(cast.sysadmin)
    url = reverse("units:history", args=[cast.commune_a.pk])
    client.post(url, {"id": event.pk, "event_type": "sửa"})
    assert AuditEvent.objects.get().event_type == "village.created"
    assert AuditEvent.objects.count() == 1


def test_it_keeps_the_history_from_citizens_and_other_communes(client, cast):
    client.force_login(cast.citizen)
    assert client.get(reverse("units:history", args=[cast.commune_a.pk])).status_code == 404
    client.force_login(cast.officer_b)
    assert client.get(reverse("units:history", args=[cast.commune_a.pk])).status_code == 404
