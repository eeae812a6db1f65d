from io import StringIO

from django.core.management import call_command

from doithoai.accounts.models import Membership, User
from doithoai.accounts.roles import UNIT_ROLES
from doithoai.audit.models import AuditEvent
from doithoai.core.demo import DEMO_PASSWORD
from doithoai.units.models import AdminUnit


def test_it_loads_the_demo_commune_with_one_login_per_role(national_units):
    out = StringIO()
    call_command("load_demo", stdout=out)
    commune = AdminUnit.objects.get(era="current", level="commune", code="06280")
    assert commune.is_set_up
    assert commune.villages.count() >= 15
    assert commune.departments.filter(name="Công an xã").exists()
    held = set(Membership.objects.values_list("role", flat=True))
    assert held == {r.value for r in UNIT_ROLES}
    printed = out.getvalue()
    assert DEMO_PASSWORD in printed
    for username in ["quantri", "chutich", "vanphong", "mattran", "truongthon", "hdnd", "tinh", "congdan"]:
        assert username in printed
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)
    # Made through the actions, so the set-up left its audit trail.
    assert AuditEvent.objects.filter(unit=commune, event_type="village.created").count() == commune.villages.count()


def test_it_is_safe_to_run_twice(national_units):
    call_command("load_demo", stdout=StringIO())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "đã có sẵn" in out.getvalue()
    assert User.objects.filter(username="chutich").count() == 1


def test_the_demo_conference_is_announced_ten_days_ahead_with_steps_in_several_states(national_units):
    from django.utils import timezone

    from doithoai.conferences.models import Conference, ConferenceStatus
    from doithoai.plans.models import PlanStatus

    call_command("load_demo", stdout=StringIO())
    # The conference ahead (the live room's demo adds one held three weeks ago).
    conference = Conference.objects.get(unit__code="06280", status=ConferenceStatus.ANNOUNCED)
    assert conference.plan.status == PlanStatus.ISSUED
    assert conference.status == ConferenceStatus.ANNOUNCED
    days_ahead = (timezone.localdate(conference.starts_at) - timezone.localdate()).days
    assert 10 <= days_ahead <= 16
    done = {s.key for s in conference.steps.all() if s.is_done}
    assert done == {"announcement"}
    assert conference.steps.filter(done_at__isnull=True, due_date__gt=timezone.localdate()).exists()
    assert conference.steps.filter(done_at__isnull=True, due_date__lt=timezone.localdate()).exists()
    assert conference.delegates.filter(full_name__gt="").exists()
