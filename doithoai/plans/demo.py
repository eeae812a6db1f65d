"""Demo data of the plans: the 2026 plan of Xã Điềm He from the commune preset (seed 001)."""

from __future__ import annotations

from doithoai.accounts.models import User
from doithoai.plans.actions import plan_create_from_preset, plan_update
from doithoai.units.models import AdminUnit

DEMO_YEAR = 2026


def load_demo_plan(admin: User, commune: AdminUnit) -> None:
    """Drafted by the office ("vanphong") as it would be; by the administrator if that account is missing."""
    author = User.objects.filter(username="vanphong").first() or admin
    plan = plan_create_from_preset(actor=author, unit=commune, preset="commune", year=DEMO_YEAR)
    plan_update(actor=author, plan=plan, data={"signer_name": "Hoàng Văn Thắng"})
