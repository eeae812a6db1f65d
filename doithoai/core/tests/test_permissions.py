from doithoai.accounts.models import Membership
from doithoai.accounts.roles import Role
from doithoai.core.permissions import roles_in


def test_it_gives_higher_officials_every_unit_below_and_nothing_beside(cast):
    official = cast.province_official
    assert Role.HIGHER_OFFICIAL in roles_in(official, cast.province)
    assert Role.HIGHER_OFFICIAL in roles_in(official, cast.commune_a)
    assert Role.HIGHER_OFFICIAL in roles_in(official, cast.commune_b)
    from doithoai.units.models import AdminUnit

    hanoi_ward = AdminUnit.objects.filter(era="current", level="commune", parent__code="01").first()
    assert roles_in(official, hanoi_ward) == {Role.CITIZEN}


def test_it_lets_one_person_hold_roles_in_several_units(cast):
    Membership.objects.create(user=cast.front_a, unit=cast.commune_b, role=Role.COUNCIL)
    assert roles_in(cast.front_a, cast.commune_a) == {Role.CITIZEN, Role.FRONT}
    assert roles_in(cast.front_a, cast.commune_b) == {Role.CITIZEN, Role.COUNCIL}


def test_it_ignores_ended_roles_and_inactive_accounts(cast):
    Membership.objects.filter(user=cast.officer_a).update(is_active=False)
    assert Role.OFFICE not in roles_in(cast.officer_a, cast.commune_a)
    cast.chair_a.is_active = False
    assert roles_in(cast.chair_a, cast.commune_a) == frozenset()
