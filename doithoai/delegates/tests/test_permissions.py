"""Who may do what with the delegates, and when: written out as tables (not derived from rules.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from doithoai.accounts.roles import Role
from doithoai.conferences.actions import conference_create
from doithoai.core.testing import MATRIX_ROLES
from doithoai.delegates import actions
from doithoai.delegates.models import Delegate
from doithoai.delegates.tests.conftest import PEOPLE, at, on_day, person, set_state, xlsx

ROLES = MATRIX_ROLES
# Y allowed, - refused (403 / PermissionDenied).
# village head: "own" = a row of their village (Thôn Nà Pàn), "other" = a row of another village.
ROLE_TABLE = {
    #                    chair vice office dept front head council higher admin citizen accountant
    "view":             "Y     Y    Y      Y    Y     Y    Y       Y      Y     -       -",
    "arrange":          "Y     -    Y      -    -     -    -       -      -     -       -",
    "fill_own":         "Y     -    Y      -    -     Y    -       -      -     -       -",
    "fill_other":       "Y     -    Y      -    -     -    -       -      -     -       -",
    "check_in":         "Y     Y    Y      -    -     Y    -       -      -     -       -",
    "undo_check_in":    "Y     -    Y      -    -     -    -       -      -     -       -",
    "view_phones":      "Y     Y    Y      -    -     -    -       -      -     -       -",
}  # fmt: skip

STATES = ["planned", "announced", "held", "concluded", "cancelled"]
STATE_TABLE = {
    #                planned announced held concluded cancelled
    "arrange":      "Y       Y         -    -         -",
    "fill_own":     "Y       Y         Y    -         -",
    "check_in":     "-       Y         Y    -         -",
    "rsvp":         "Y       Y         -    -         -",
}  # fmt: skip


def _row(table, key, columns):
    return dict(zip(columns, table[key].split(), strict=True))


@pytest.fixture
def rows(cast, conference, village_c):
    own = actions.delegate_create(
        actor=cast.officer_a, conference=conference, data={"full_name": "Hoàng Văn Pẻo"}, village=cast.village_a
    ).delegate
    other = actions.delegate_create(
        actor=cast.officer_a, conference=conference, data={"full_name": "Nông Thị Sim"}, village=village_c
    ).delegate
    return own, other


def _attempt(operation, actor, conference, own, other):
    if operation == "arrange":
        actions.delegate_create(actor=actor, conference=conference, data={"full_name": "Người Mới"})
    elif operation == "fill_own":
        actions.delegate_update(actor=actor, delegate=own, data={"position": "Trưởng thôn"})
    elif operation == "fill_other":
        actions.delegate_update(actor=actor, delegate=other, data={"position": "Trưởng thôn"})
    elif operation == "check_in":
        actions.delegate_check_in(actor=actor, delegate=own)
    elif operation == "undo_check_in":
        actions.delegate_check_in(actor=_office(conference), delegate=own)
        actions.delegate_check_in_undo(actor=actor, delegate=own)
    elif operation == "view_phones":
        actions.phones_viewed(actor=actor, conference=conference, count=1)
    elif operation == "rsvp":
        actions.delegate_rsvp(delegate=own, answer="attending")


def _office(conference):
    from doithoai.accounts.models import User

    return User.objects.get(username="vanphong_a")


@pytest.mark.parametrize(("operation", "role"), [(o, r) for o in ROLE_TABLE if o != "view" for r in ROLES])
def test_roles_follow_the_table(cast, conference, rows, operation, role):
    set_state(conference, "announced")
    own, other = rows
    allowed = _row(ROLE_TABLE, operation, ROLES)[role] == "Y"
    actor = cast.user_for(role)
    if allowed:
        _attempt(operation, actor, conference, own, other)
    else:
        with pytest.raises(PermissionDenied):
            _attempt(operation, actor, conference, own, other)


@pytest.mark.parametrize("role", ROLES)
def test_the_list_page_follows_the_view_column(client, cast, conference, rows, role):
    client.force_login(cast.user_for(role))
    response = client.get(reverse("delegates:list", args=[cast.commune_a.pk, conference.pk]))
    expected = _row(ROLE_TABLE, "view", ROLES)[role]
    # A citizen holds no role in the commune: for them it does not exist. The accountant is a member of it,
    # refused.
    refused = 404 if role == Role.CITIZEN else 403
    assert response.status_code == (200 if expected == "Y" else refused)


@pytest.mark.parametrize(("operation", "state"), [(o, s) for o in STATE_TABLE for s in STATES])
def test_states_follow_the_table(cast, conference, rows, operation, state):
    set_state(conference, state)
    own, other = rows
    allowed = _row(STATE_TABLE, operation, STATES)[state] == "Y"
    if allowed:
        _attempt(operation, cast.officer_a, conference, own, other)
    else:
        with pytest.raises(ValidationError):
            _attempt(operation, cast.officer_a, conference, own, other)


def test_a_village_head_fills_only_the_person_not_where_the_row_sits(cast, conference, rows, village_c):
    own, _other = rows
    actions.delegate_update(
        actor=cast.village_head_a,
        delegate=own,
        data={"full_name": "Hoàng Văn Pẻo", "phone": "0912345678", "role_label": "Khác"},
        village=village_c,
    )
    own.refresh_from_db()
    assert own.phone == "0912345678"
    assert own.village == cast.village_a and own.role_label == ""


def test_a_village_head_sees_only_the_edit_buttons_of_their_village(client, cast, conference, rows):
    own, other = rows
    client.force_login(cast.village_head_a)
    page = client.get(reverse("delegates:list", args=[cast.commune_a.pk, conference.pk])).content.decode()
    assert reverse("delegates:edit", args=[cast.commune_a.pk, conference.pk, own.pk]) in page
    assert reverse("delegates:edit", args=[cast.commune_a.pk, conference.pk, other.pk]) not in page
    response = client.get(reverse("delegates:edit", args=[cast.commune_a.pk, conference.pk, other.pk]))
    assert response.status_code == 403
    assert "Hiện số điện thoại" not in page
    assert client.get(reverse("delegates:import", args=[cast.commune_a.pk, conference.pk])).status_code == 403


def _all_urls(conference, delegate):
    unit, pk, d = conference.unit_id, conference.pk, delegate.pk
    return [
        ("get", reverse("delegates:list", args=[unit, pk])),
        ("get", reverse("delegates:add", args=[unit, pk])),
        ("post", reverse("delegates:add", args=[unit, pk])),
        ("get", reverse("delegates:edit", args=[unit, pk, d])),
        ("post", reverse("delegates:edit", args=[unit, pk, d])),
        ("get", reverse("delegates:row", args=[unit, pk, d])),
        ("post", reverse("delegates:delete", args=[unit, pk, d])),
        ("get", reverse("delegates:quotas", args=[unit, pk])),
        ("post", reverse("delegates:generate", args=[unit, pk])),
        ("get", reverse("delegates:import", args=[unit, pk])),
        ("post", reverse("delegates:import", args=[unit, pk])),
        ("get", reverse("delegates:template", args=[unit, pk])),
        ("get", reverse("delegates:export", args=[unit, pk])),
        ("get", reverse("delegates:invitations", args=[unit, pk])),
        ("get", reverse("delegates:check_in", args=[unit, pk])),
        ("post", reverse("delegates:check_in_code", args=[unit, pk])),
        ("get", reverse("delegates:check_in_search", args=[unit, pk])),
        ("post", reverse("delegates:walk_in", args=[unit, pk])),
        ("post", reverse("delegates:check_in_delegate", args=[unit, pk, d])),
        ("post", reverse("delegates:check_in_undo", args=[unit, pk, d])),
        ("get", reverse("delegates:attendance", args=[unit, pk])),
        ("get", reverse("delegates:attendance_panel", args=[unit, pk])),
    ]


def test_another_commune_gets_404_everywhere_and_changes_nothing(client, cast, announced, rows):
    own, _other = rows
    client.force_login(cast.officer_b)
    data = {"full_name": "Kẻ Lạ", "code": own.code, "file": ""}
    for method, url in _all_urls(announced, own):
        assert getattr(client, method)(url, data).status_code == 404, url
        # Nor through commune B's own workspace with commune A's ids.
        url_b = url.replace(f"/don-vi/{cast.commune_a.pk}/", f"/don-vi/{cast.commune_b.pk}/", 1)
        assert getattr(client, method)(url_b, data).status_code == 404, url_b
    own.refresh_from_db()
    assert own.full_name == "Hoàng Văn Pẻo" and own.checked_in_at is None
    assert Delegate.objects.filter(conference=announced).count() == 2


def test_a_delegate_of_another_conference_is_404_in_this_one(client, cast, conference, rows, plan):
    with on_day(dt.date(2026, 5, 4)):
        second = conference_create(
            actor=cast.officer_a,
            plan=plan,
            data={"title": "Đợt 2", "starts_at": at(dt.date(2026, 6, 19), 7, 30)},
        )
    own, _other = rows
    client.force_login(cast.officer_a)
    assert client.get(reverse("delegates:edit", args=[cast.commune_a.pk, second.pk, own.pk])).status_code == 404


def test_nothing_is_imported_by_someone_who_may_not(cast, conference):
    data = xlsx([person(1, "Hoàng Văn Pẻo", "Thôn Nà Pàn", PEOPLE)])
    for actor in [cast.village_head_a, cast.vice_chair_a, cast.front_a]:
        with pytest.raises(PermissionDenied):
            actions.delegates_import(actor=actor, conference=conference, upload=data)
    assert not Delegate.objects.exists()
