"""The profile page: who I am, my roles in each unit, and correcting my name and contacts."""

from __future__ import annotations

from django.urls import reverse

from doithoai.accounts.models import Membership, User
from doithoai.accounts.roles import Role
from doithoai.audit.models import AuditEvent

PROFILE = reverse("accounts:profile")


def test_it_shows_the_person_and_their_roles_in_each_unit(client, cast):
    Membership.objects.create(user=cast.officer_a, unit=cast.commune_b, role=Role.COUNCIL)
    client.force_login(cast.officer_a)

    page = client.get(PROFILE).content.decode()

    assert "Nông Thị Văn" in page
    assert "vanphong_a" in page
    assert "vanphong_a@example.vn" in page
    memberships = page.split('data-testid="memberships"', 1)[1].split("</ul>", 1)[0]
    assert cast.commune_a.name in memberships and "Văn phòng / thư ký" in memberships
    assert cast.commune_b.name in memberships and "Giám sát HĐND" in memberships
    assert reverse("accounts:password_change") in page
    assert reverse("accounts:two_factor_setup") in page
    # The unit security page is offered only where the person may set it.
    assert reverse("accounts:unit_security", args=[cast.commune_a.pk]) not in page


def test_it_offers_the_chair_the_security_page_of_their_unit(client, cast):
    client.force_login(cast.chair_a)

    page = client.get(PROFILE).content.decode()

    assert reverse("accounts:unit_security", args=[cast.commune_a.pk]) in page


def test_it_saves_a_corrected_name_email_and_phone_with_an_audit_event(client, cast):
    client.force_login(cast.officer_a)

    response = client.post(
        PROFILE, {"full_name": "  Nông  Thị Vân ", "email": "Van.Nong@Example.VN", "phone": "0912 345 678"}
    )

    assert response.status_code == 302
    assert "Đã lưu thông tin cá nhân." in client.get(PROFILE).content.decode()
    user = User.objects.get(pk=cast.officer_a.pk)
    assert (user.full_name, user.email, user.phone) == ("Nông Thị Vân", "van.nong@example.vn", "0912345678")
    event = AuditEvent.objects.get(event_type="user.profile_updated")
    assert event.actor == cast.officer_a
    assert event.object_id == str(cast.officer_a.pk)
    assert event.changes["full_name"] == {"before": "Nông Thị Văn", "after": "Nông Thị Vân"}
    assert event.changes["phone"] == {"before": "", "after": "0912345678"}


def test_it_shows_bad_input_at_the_field_and_saves_nothing(client, cast):
    client.force_login(cast.officer_a)

    response = client.post(PROFILE, {"full_name": "Nông Thị Vân", "email": "khong-phai-email", "phone": "09ab"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Địa chỉ thư điện tử không hợp lệ." in html
    assert "Số điện thoại chỉ gồm chữ số" in html
    assert html.count("is-invalid") == 2  # the two fields at fault are marked, not the name
    assert User.objects.get(pk=cast.officer_a.pk).full_name == "Nông Thị Văn"
    assert not AuditEvent.objects.filter(event_type="user.profile_updated").exists()


def test_it_requires_a_name(client, cast):
    client.force_login(cast.officer_a)

    response = client.post(PROFILE, {"full_name": "   ", "email": "", "phone": ""})

    assert "Cần nhập họ và tên." in response.content.decode()
    assert User.objects.get(pk=cast.officer_a.pk).full_name == "Nông Thị Văn"


def test_it_asks_for_sign_in_first(client, db):
    response = client.get(PROFILE)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
