"""The villages page: list, search, paste-to-add, rename, retire, reactivate, merge, delete."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doithoai.accounts.models import Membership
from doithoai.audit.models import AuditEvent
from doithoai.units.models import Village, VillageStatus


def _url(cast, name="villages", *args):
    return reverse(f"units:{name}", args=[cast.commune_a.pk, *args])


def _snapshot(cast):
    return (
        list(Village.objects.filter(unit=cast.commune_a).order_by("pk").values_list("name", "kind", "status")),
        AuditEvent.objects.count(),
    )


def test_it_adds_pasted_villages_with_their_kind_guessed(office, cast):
    response = office.post(_url(cast), {"lines": "1. Thôn Bó Củng\n\n- Bản Khuổi Khỉn\nTổ dân phố 3\n"})

    assert response.status_code == 302
    rows = dict(Village.objects.filter(unit=cast.commune_a).values_list("name", "kind"))
    assert rows == {
        "Thôn Nà Pàn": "thôn",
        "Thôn Bó Củng": "thôn",
        "Bản Khuổi Khỉn": "bản",
        "Tổ dân phố 3": "tổ dân phố",
    }
    page = office.get(_url(cast)).content.decode()
    assert "Đã thêm 3 thôn, tổ dân phố." in page


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ("Thôn Bó Củng\nThôn Nà Lầu\nthon bo cung", "Dòng 3: “thon bo cung” trùng với dòng 1."),
        ("Thôn Nà Lầu\n\nTHÔN NÀ LẦU", "Dòng 3: “THÔN NÀ LẦU” trùng với dòng 1."),
        ("Thôn Bó Củng\nthôn na pan", "Dòng 2: Đã có thôn, tổ dân phố tên “Thôn Nà Pàn”."),
        ("Thôn Nà Pàn", "Dòng 1: Đã có thôn, tổ dân phố tên “Thôn Nà Pàn”."),
        ("Thôn Bó Củng\n" + "Thôn " + "A" * 130, "Dòng 2: tên quá dài (tối đa 120 ký tự)."),
        ("\n   \n-\n", "Nhập ít nhất một tên thôn, tổ dân phố (mỗi dòng một tên)."),
    ],
)
def test_it_refuses_a_bad_paste_whole_and_says_which_line(office, cast, lines, message):
    before = _snapshot(cast)

    response = office.post(_url(cast), {"lines": lines})

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    # What was typed stays in the box.
    assert lines.strip().splitlines()[0] in html if lines.strip() else True
    assert _snapshot(cast) == before


def test_it_keeps_the_typed_lines_in_the_box_after_an_error(office, cast):
    response = office.post(_url(cast), {"lines": "Thôn Bó Củng\nThôn Nà Pàn"})
    assert "Thôn Bó Củng\nThôn Nà Pàn</textarea>" in response.content.decode()


def test_it_lists_active_villages_first_and_retired_ones_greyed_with_their_merger(office, cast):
    target = Village.objects.create(unit=cast.commune_a, name="Thôn Nà Pàn Mới", sort_order=5)
    Village.objects.create(
        unit=cast.commune_a, name="Thôn Cũ", status=VillageStatus.RETIRED, merged_into=target, sort_order=0
    )
    Village.objects.create(unit=cast.commune_a, name="Thôn Giải Thể", status=VillageStatus.RETIRED, sort_order=1)

    html = office.get(_url(cast)).content.decode()

    order = [html.index(name) for name in ("Thôn Nà Pàn Mới", "Thôn Cũ", "Thôn Giải Thể")]
    assert html.index("Thôn Nà Pàn<") < order[1]
    assert order[0] < order[1] and order[0] < order[2]
    assert "sáp nhập vào Thôn Nà Pàn Mới" in html
    assert "đã thôi hoạt động" in html
    assert html.count('data-status="retired"') == 2


def test_it_searches_villages_without_diacritics(office, cast):
    Village.objects.create(unit=cast.commune_a, name="Thôn Đồng Tâm")
    html = office.get(_url(cast), {"q": "dong tam"}).content.decode()
    listed = html[html.index('id="village-list"') :]
    assert "Thôn Đồng Tâm" in listed
    assert "Thôn Nà Pàn" not in listed


def test_it_answers_htmx_searches_with_the_list_only(office, cast):
    response = office.get(_url(cast), {"q": "na pan"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="village-list"' in html
    assert "<html" not in html
    assert "Thôn Nà Pàn" in html


def test_it_shows_the_list_read_only_to_those_who_may_not_manage_it(client, cast):
    client.force_login(cast.village_head_a)
    html = client.get(_url(cast)).content.decode()
    assert "Thôn Nà Pàn" in html
    assert 'data-testid="read-only"' in html
    assert "villages-add" not in html
    assert reverse("units:village_retire", args=[cast.commune_a.pk, cast.village_a.pk]) not in html
    assert client.get(_url(cast, "village_edit", cast.village_a.pk)).status_code == 403


def test_it_renames_a_village_and_keeps_the_old_name_in_the_history(office, cast):
    response = office.post(_url(cast, "village_edit", cast.village_a.pk), {"name": "Thôn Nà Pàn Trên", "kind": "bản"})

    assert response.status_code == 302
    event = AuditEvent.objects.get(event_type="village.updated")
    assert event.changes == {
        "name": {"before": "Thôn Nà Pàn", "after": "Thôn Nà Pàn Trên"},
        "kind": {"before": "thôn", "after": "bản"},
    }


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Tên thôn, tổ dân phố không được để trống."),
        ("   ", "Tên thôn, tổ dân phố không được để trống."),
        ("THÔN BÓ CỦNG", "Đã có thôn, tổ dân phố tên “Thôn Bó Củng”."),
        ("thon bo cung", "Đã có thôn, tổ dân phố tên “Thôn Bó Củng”."),
    ],
)
def test_it_refuses_an_empty_or_taken_name_at_the_field(office, cast, name, message):
    Village.objects.create(unit=cast.commune_a, name="Thôn Bó Củng")
    before = _snapshot(cast)

    response = office.post(_url(cast, "village_edit", cast.village_a.pk), {"name": name, "kind": "thôn"})

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "is-invalid" in html
    assert _snapshot(cast) == before


def test_it_retires_and_reactivates_a_village(office, cast):
    office.post(_url(cast, "village_retire", cast.village_a.pk))
    assert Village.objects.get(pk=cast.village_a.pk).status == VillageStatus.RETIRED
    office.post(_url(cast, "village_reactivate", cast.village_a.pk))
    village = Village.objects.get(pk=cast.village_a.pk)
    assert village.status == VillageStatus.ACTIVE
    assert village.retired_on is None
    assert list(AuditEvent.objects.order_by("id").values_list("event_type", flat=True)) == [
        "village.retired",
        "village.reactivated",
    ]


def test_it_merges_villages_into_a_new_one(office, cast):
    other = Village.objects.create(unit=cast.commune_a, name="Thôn Bó Củng")

    response = office.post(
        _url(cast, "villages_merge"), {"sources": [cast.village_a.pk, other.pk], "new_name": "Thôn Nà Pàn - Bó Củng"}
    )

    assert response.status_code == 302
    target = Village.objects.get(name="Thôn Nà Pàn - Bó Củng")
    for village in Village.objects.filter(pk__in=[cast.village_a.pk, other.pk]):
        assert village.status == VillageStatus.RETIRED
        assert village.merged_into == target
    assert sorted(AuditEvent.objects.values_list("event_type", flat=True)) == [
        "village.created",
        "village.merged",
        "village.merged",
    ]


def test_it_merges_villages_into_an_existing_one(office, cast):
    other = Village.objects.create(unit=cast.commune_a, name="Thôn Bó Củng")

    office.post(_url(cast, "villages_merge"), {"sources": [cast.village_a.pk, other.pk], "into": cast.village_a.pk})

    assert Village.objects.get(pk=other.pk).merged_into_id == cast.village_a.pk
    assert Village.objects.get(pk=cast.village_a.pk).is_active


@pytest.mark.parametrize("into", ["99999999999999999999", "²", "-1"])
def test_a_village_to_merge_into_that_is_no_id_is_not_found(office, cast, into):
    """Twenty digits are longer than any id; "²" and "-1" name no village either."""
    other = Village.objects.create(unit=cast.commune_a, name="Thôn Bó Củng")
    before = _snapshot(cast)

    response = office.post(_url(cast, "villages_merge"), {"sources": [cast.village_a.pk, other.pk], "into": into})

    assert response.status_code == 404
    assert _snapshot(cast) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"sources": ["A"], "new_name": "Thôn Gộp"}, "Chọn ít nhất hai thôn, tổ dân phố để sáp nhập."),
        ({"sources": ["A", "B"], "new_name": ""}, "Nhập tên thôn mới sau sáp nhập, hoặc chọn một thôn để giữ lại."),
        ({"sources": ["A", "B"], "new_name": "thon na pan"}, "Đã có thôn, tổ dân phố tên “Thôn Nà Pàn”."),
    ],
)
def test_it_refuses_a_bad_merge_and_keeps_the_choice(office, cast, data, message):
    other = Village.objects.create(unit=cast.commune_a, name="Thôn Bó Củng")
    ids = {"A": cast.village_a.pk, "B": other.pk}
    data = {**data, "sources": [ids[s] for s in data["sources"]]}
    before = _snapshot(cast)

    response = office.post(_url(cast, "villages_merge"), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'value="{cast.village_a.pk}" checked' in html
    assert _snapshot(cast) == before


def test_it_deletes_a_village_typed_by_mistake(office, cast):
    typo = Village.objects.create(unit=cast.commune_a, name="Thôn Nhầm")

    response = office.post(_url(cast, "village_delete", typo.pk))

    assert response.status_code == 302
    assert not Village.objects.filter(pk=typo.pk).exists()
    event = AuditEvent.objects.get(event_type="village.deleted")
    assert event.changes["name"] == {"before": "Thôn Nhầm", "after": None}


def test_it_refuses_to_delete_a_village_that_a_role_refers_to(office, cast):
    assert Membership.objects.filter(village=cast.village_a).exists()
    before = _snapshot(cast)

    response = office.post(_url(cast, "village_delete", cast.village_a.pk))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Không thể xóa “Thôn Nà Pàn” vì đang được sử dụng (1 vai trò tại đơn vị)." in html
    assert "Hãy cho thôi hoạt động thay vì xóa." in html
    assert 'data-testid="row-error"' in html
    assert Village.objects.filter(pk=cast.village_a.pk).exists()
    assert _snapshot(cast) == before


def test_it_refuses_to_delete_a_village_others_were_merged_into(office, cast):
    Village.objects.create(
        unit=cast.commune_a, name="Thôn Cũ", status=VillageStatus.RETIRED, merged_into=cast.village_a
    )
    Membership.objects.filter(village=cast.village_a).delete()
    before = _snapshot(cast)

    html = office.post(_url(cast, "village_delete", cast.village_a.pk)).content.decode()

    assert "Hãy cho thôi hoạt động thay vì xóa." in html
    assert _snapshot(cast) == before
