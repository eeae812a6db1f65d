"""The five seed plans (../shared/seeds/) as their offices would type them into the plan pages."""

from __future__ import annotations

from doithoai.plans.tests.seeds import seed_000, seed_001, seed_002, seed_003, seed_004
from doithoai.plans.tests.seeds.base import SeedPlan

SEEDS: dict[str, SeedPlan] = {s.key: s for s in (m.SEED for m in (seed_000, seed_001, seed_002, seed_003, seed_004))}
