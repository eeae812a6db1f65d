"""Open slots from the plan's composition, topped up idempotently, and the quota check."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.delegates import actions, selectors
from doithoai.delegates.models import CODE_ALPHABET, Delegate
from doithoai.delegates.tests.conftest import FIXED_SLOTS, HEADS, LEADERS, PEOPLE, SLOTS_PER_VILLAGE, set_state
from doithoai.units.models import Village


def _slots(conference):
    return Delegate.objects.filter(conference=conference)


def test_it_makes_per_village_slots_for_each_village_and_fixed_ones_once(cast, conference, village_c):
    result = actions.slots_generate(actor=cast.officer_a, conference=conference)
    assert result.created == 2 * SLOTS_PER_VILLAGE + FIXED_SLOTS
    rows = _slots(conference)
    assert rows.filter(village=cast.village_a, role_label=PEOPLE).count() == 3
    assert rows.filter(village=village_c, role_label=HEADS).count() == 1
    assert rows.filter(village__isnull=True, role_label=LEADERS).count() == 2
    assert not rows.exclude(full_name="").exists()
    assert all(d.composition_rule_id and d.group for d in rows)
    # Rules that give no slots are said so, with why.
    skipped = {rule.role_label: why for rule, why in result.skipped}
    assert "không áp dụng cho hội nghị cấp xã" in skipped["Đại biểu mỗi xã"]
    assert "không ghi số lượng" in skipped["Người có uy tín"]
    # One audit event for the whole generation.
    assert AuditEvent.objects.filter(event_type="delegates.slots_generated").count() == 1


def test_it_gives_every_slot_a_distinct_code_people_can_type(cast, conference):
    actions.slots_generate(actor=cast.officer_a, conference=conference)
    codes = list(_slots(conference).values_list("code", flat=True))
    assert len(set(codes)) == len(codes)
    assert all(len(c) == 8 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set("".join(codes)) & set("01OI")


def test_it_only_tops_up_when_run_again(cast, conference):
    actions.slots_generate(actor=cast.officer_a, conference=conference)
    again = actions.slots_generate(actor=cast.officer_a, conference=conference)
    assert again.created == 0
    assert _slots(conference).count() == 2 * SLOTS_PER_VILLAGE + FIXED_SLOTS
    assert AuditEvent.objects.filter(event_type="delegates.slots_generated").count() == 1
    # A filled slot counts; a removed one is made again.
    slot = _slots(conference).filter(village=cast.village_a, role_label=PEOPLE).first()
    actions.delegate_update(actor=cast.officer_a, delegate=slot, data={"full_name": "Hoàng Văn Pẻo"})
    other = _slots(conference).filter(village=cast.village_a, role_label=PEOPLE, full_name="").first()
    actions.delegate_delete(actor=cast.officer_a, delegate=other)
    assert actions.slots_generate(actor=cast.officer_a, conference=conference).created == 1
    assert _slots(conference).filter(village=cast.village_a, role_label=PEOPLE).count() == 3


def test_it_uses_the_units_active_villages_when_the_conference_lists_none(cast, conference, village_c):
    conference.villages.clear()
    Village.objects.create(unit=cast.commune_a, name="Thôn Cũ", status="retired")
    Village.objects.create(unit=cast.commune_b, name="Thôn Khác")
    actions.slots_generate(actor=cast.officer_a, conference=conference)
    villages = set(_slots(conference).exclude(village=None).values_list("village__name", flat=True))
    assert villages == {"Thôn Nà Pàn", "Thôn Bản Châu"}


def test_the_quota_check_shows_under_full_and_over(cast, conference, village_c):
    actions.slots_generate(actor=cast.officer_a, conference=conference)
    for name in ["Nông Văn A", "Nông Văn B", "Nông Văn C"]:
        actions.delegate_create(
            actor=cast.officer_a,
            conference=conference,
            data={"full_name": name, "role_label": PEOPLE},
            village=cast.village_a,
        )
    # One more than the quota: added beyond the slots, still counted against the rule.
    placed = actions.delegate_create(
        actor=cast.officer_a,
        conference=conference,
        data={"full_name": "Nông Văn D", "role_label": PEOPLE},
        village=cast.village_a,
    )
    rule = placed.delegate.composition_rule
    assert placed.filled_slot is False and rule is not None and rule.role_label == PEOPLE
    report = selectors.quota_report(conference)
    states = {(line.rule.role_label, line.village.name if line.village else None): line.state for line in report.lines}
    assert states[(PEOPLE, "Thôn Nà Pàn")] == selectors.OVER
    assert states[(PEOPLE, "Thôn Bản Châu")] == selectors.UNDER
    assert states[(HEADS, "Thôn Nà Pàn")] == selectors.UNDER
    assert report.named_total == 4
    assert report.below_minimum  # the plan asks for at least 10
    assert not report.above_maximum


def test_the_quota_check_warns_above_the_plans_maximum(cast, conference):
    for i in range(13):
        actions.delegate_create(actor=cast.officer_a, conference=conference, data={"full_name": f"Người {i}"})
    report = selectors.quota_report(conference)
    assert report.above_maximum and not report.below_minimum


def test_the_quota_page_lists_each_rule_and_village_and_generates(client, cast, conference):
    client.force_login(cast.officer_a)
    url = reverse("delegates:quotas", args=[cast.commune_a.pk, conference.pk])
    page = client.get(url).content.decode()
    assert "Còn thiếu 10 chỗ" in page
    response = client.post(reverse("delegates:generate", args=[cast.commune_a.pk, conference.pk]))
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert 'data-state="under"' in page
    assert "Tính theo từng xã, phường cấp dưới" in page
    assert _slots(conference).count() == 10


@pytest.mark.parametrize("state", ["held", "concluded", "cancelled"])
def test_it_makes_no_slots_once_the_conference_has_been_held_or_cancelled(cast, conference, state):
    set_state(conference, state)
    with pytest.raises(ValidationError):
        actions.slots_generate(actor=cast.officer_a, conference=conference)
    assert not _slots(conference).exists()
