"""The national data generator of the benchmarks (bench/national_data.py), run small so that it cannot rot
unnoticed: two provinces, a sample of their communes, 2,000 petitions."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from django.db.models import Count
from django.utils.timezone import localdate

from doithoai.conferences.models import Conference, ConferenceStatus, TimelineStep
from doithoai.petitions.models import Answer, Channel, Petition, PetitionStatus, Referral, Sector
from doithoai.petitions.taxonomy import DEFAULT_SECTORS
from doithoai.plans.models import Plan, PlanStatus
from doithoai.units.models import AdminUnit, Level, Village

# The bench folder is not a package: its scripts import each other by file name.
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))

from national_data import generate

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def national(national_units):
    return generate(0.12, provinces=2, petitions=2000, today=TODAY)


def _it_makes_the_petitions_asked_for_and_they_add_up_per_unit(national):
    communes = national.commune_ids
    assert 2 <= len(communes) <= 40
    per_unit = dict(Petition.objects.values_list("unit").annotate(n=Count("pk")).values_list("unit", "n"))
    assert sum(per_unit[c] for c in communes) == 2000
    assert sum(per_unit.values()) == national.counts["petitions"]
    assert per_unit[national.commune_id] == max(per_unit[c] for c in communes)
    assert AdminUnit.objects.get(pk=national.commune_id).parent_id == national.province_id
    levels = set(Petition.objects.values_list("unit__level", flat=True).distinct())
    assert levels == {Level.COMMUNE, Level.PROVINCE}
    assert not Petition.objects.filter(unit__level=Level.PROVINCE).exclude(channel=Channel.REFERRAL).exists()


def _it_sets_up_every_unit_with_villages_sectors_and_plans(national):
    units = AdminUnit.objects.filter(is_set_up=True)
    assert units.filter(level=Level.PROVINCE).count() == 2
    assert units.filter(level=Level.COMMUNE).count() == len(national.commune_ids)
    for commune in units.filter(level=Level.COMMUNE):
        assert 8 <= Village.objects.filter(unit=commune).count() <= 20
        assert commune.committee_name and commune.place_name
    per_unit = Sector.objects.values("unit").annotate(n=Count("pk"))
    assert {row["n"] for row in per_unit} == {len(DEFAULT_SECTORS)}
    assert Plan.objects.filter(status=PlanStatus.ISSUED).count() == 2 * units.count()


def _statuses_channels_and_routes_cover_the_set(national):
    assert set(Petition.objects.values_list("status", flat=True).distinct()) == set(PetitionStatus.values)
    assert set(Petition.objects.values_list("channel", flat=True).distinct()) == set(Channel.values)
    answered = Petition.objects.filter(status__in=["answered_at_conference", "resolved", "notified"])
    assert not answered.filter(answer__isnull=True).exists()
    assert (
        not Petition.objects.filter(status="answered_at_conference")
        .exclude(conference__status__in=[ConferenceStatus.HELD, ConferenceStatus.CONCLUDED])
        .exists()
    )
    shared = Answer.objects.annotate(n=Count("petitions")).filter(n__gt=1)
    assert shared.exists()
    open_due = Petition.objects.filter(status="accepted", due_date__isnull=False)
    overdue = open_due.filter(due_date__lt=TODAY).count()
    assert 0 < overdue < open_due.count() / 2


def _referred_petitions_have_an_inbox_petition_at_the_province(national):
    referred = Petition.objects.filter(referral__isnull=False).select_related("referral", "unit")
    assert referred.filter(status=PetitionStatus.REFERRED).exists()
    assert not Petition.objects.filter(status=PetitionStatus.REFERRED, referral__isnull=True).exists()
    for petition in referred:
        referral = petition.referral
        assert referral is not None
        inbox = referral.inbox_petition
        assert referral.from_unit_id == petition.unit_id
        if referral.to_unit_id is not None:
            assert referral.to_unit_id == petition.unit.parent_id
            assert inbox is not None
            assert inbox.unit_id == referral.to_unit_id
            assert inbox.channel == Channel.REFERRAL
        else:
            assert referral.to_body and inbox is None
    assert Referral.objects.filter(to_unit__isnull=False).count() == national.counts["petitions at provinces"]


def _some_communes_conclude_late_and_timestamps_are_historical(national):
    conclusions = TimelineStep.objects.filter(key="conclusion_notice", done_at__isnull=False).select_related(
        "conference"
    )
    late = [
        s
        for s in conclusions
        if s.done_at and localdate(s.done_at) > localdate(s.conference.starts_at) + dt.timedelta(days=10)
    ]
    assert 0 < len(late) < conclusions.count() / 2
    assert Conference.objects.filter(starts_at__date__gt=TODAY, status=ConferenceStatus.CONCLUDED).count() == 0
    assert Petition.objects.filter(created_at__year=2025).exists()  # not the day of the run


def _nothing_breaks_the_models_rules(national):
    for model in (Petition, Answer, Referral, Conference, TimelineStep, Plan, Village, Sector):
        for row in model.objects.order_by("?")[:40]:
            row.full_clean()


def test_the_national_generator_at_a_small_scale(national):
    """One generation (a few seconds), looked at from every side."""
    _it_makes_the_petitions_asked_for_and_they_add_up_per_unit(national)
    _it_sets_up_every_unit_with_villages_sectors_and_plans(national)
    _statuses_channels_and_routes_cover_the_set(national)
    _referred_petitions_have_an_inbox_petition_at_the_province(national)
    _some_communes_conclude_late_and_timestamps_are_historical(national)
    _nothing_breaks_the_models_rules(national)
