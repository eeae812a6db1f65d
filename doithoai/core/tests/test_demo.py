from io import StringIO

from django.core.management import call_command

from doithoai.accounts.models import Membership, User
from doithoai.accounts.roles import UNIT_ROLES
from doithoai.audit.models import AuditEvent
from doithoai.core.demo import DEMO_PASSWORD
from doithoai.units.models import AdminUnit


def test_it_loads_the_demo_commune_once_with_one_login_per_role_and_its_conference(loaded_demo):
    commune = AdminUnit.objects.get(era="current", level="commune", code="06280")
    assert commune.is_set_up
    assert commune.villages.count() >= 15
    assert commune.departments.filter(name="Công an xã").exists()
    held = set(Membership.objects.values_list("role", flat=True))
    assert held == {r.value for r in UNIT_ROLES}
    printed = loaded_demo
    assert DEMO_PASSWORD in printed
    for username in ["quantri", "chutich", "vanphong", "mattran", "truongthon", "hdnd", "ketoan", "tinh", "congdan"]:
        assert username in printed
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)
    # The budget's loaders ran (budget/tests/test_demo.py checks what they make): a settlement approved.
    from doithoai.budget.models import Settlement

    assert Settlement.objects.filter(unit=commune, status="approved").count() == 1
    # Made through the actions, so the set-up left its audit trail.
    assert AuditEvent.objects.filter(unit=commune, event_type="village.created").count() == commune.villages.count()
    check_demo_conference()
    check_safe_to_run_twice()


def check_demo_conference() -> None:
    """The demo conference is announced ten days ahead, with steps in several states."""
    from django.utils import timezone

    from doithoai.conferences.models import Conference, ConferenceStatus
    from doithoai.plans.models import PlanStatus

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


def check_safe_to_run_twice() -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "đã có sẵn" in out.getvalue()
    assert User.objects.filter(username="chutich").count() == 1
