"""What the public portal shows: reads for everyone, signed in or not. Nothing here depends on the user.

A conference becomes public when it is announced: the announcement is the act
of publishing it (R-05). So:

- planned: not public (404), even by its id;
- announced: public, in "sắp diễn ra" until its day has passed, then in the past list;
- held, concluded: public, in the past list ("đã tổ chức");
- cancelled: public only if it had been announced (people may already know the
  date and must not come), shown as "Đã hủy" among the upcoming ones until its
  day has passed, then left out of the lists; its own page stays reachable so
  that a link already shared on Zalo does not break. Whether it had been
  announced is `Conference.announced_at`, set by the announcement.

Only conferences of units that use the system (`is_set_up`) are shown, and
only public facts: no delegate, citizen or user appears anywhere here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from doithoai.conferences.models import Conference, ConferenceStatus, TimelineStep
from doithoai.core.search import search
from doithoai.plans.models import CompositionRule, Plan, PlanStatus, Topic
from doithoai.units.models import AdminUnit, Level, Village

S = ConferenceStatus
OPINION_STEP = "opinion_collection"
SEARCH_FIELDS = ["unit__name", "unit__parent__name", "unit__parent__parent__name", "title", "venue"]


def start_of_today() -> dt.datetime:
    """Midnight today in Việt Nam: a conference of today is still 'upcoming' all day."""
    today = timezone.localdate()
    return timezone.make_aware(dt.datetime.combine(today, dt.time.min))


def public_conferences() -> QuerySet[Conference]:
    """Every conference the public may see, in any section."""
    return Conference.objects.filter(unit__is_set_up=True).filter(
        Q(status__in=[S.ANNOUNCED, S.HELD, S.CONCLUDED]) | Q(status=S.CANCELLED, announced_at__isnull=False)
    )


def _for_cards(qs: QuerySet[Conference]) -> QuerySet[Conference]:
    return qs.select_related("unit", "unit__parent").prefetch_related(
        Prefetch("villages", queryset=Village.objects.order_by("sort_order", "name"))
    )


def upcoming(
    *, unit: AdminUnit | None = None, query: str = "", province: AdminUnit | None = None
) -> QuerySet[Conference]:
    """Announced conferences from today on (cancelled ones labelled), soonest first."""
    qs = public_conferences().filter(status__in=[S.ANNOUNCED, S.CANCELLED], starts_at__gte=start_of_today())
    return _for_cards(_narrow(qs, unit=unit, query=query, province=province)).order_by("starts_at", "pk")


def past(*, unit: AdminUnit | None = None, query: str = "", province: AdminUnit | None = None) -> QuerySet[Conference]:
    """Held and concluded conferences, and announced ones whose day has passed, latest first."""
    qs = public_conferences().filter(
        Q(status__in=[S.HELD, S.CONCLUDED]) | Q(status=S.ANNOUNCED, starts_at__lt=start_of_today())
    )
    return _for_cards(_narrow(qs, unit=unit, query=query, province=province)).order_by("-starts_at", "-pk")


def _narrow(
    qs: QuerySet[Conference], *, unit: AdminUnit | None, query: str, province: AdminUnit | None
) -> QuerySet[Conference]:
    if unit is not None:
        qs = qs.filter(unit=unit)
    if province is not None:
        qs = qs.filter(unit__path__startswith=province.path)
    if query.strip():
        qs = search(qs, query, SEARCH_FIELDS)
    return qs


def provinces() -> list[AdminUnit]:
    """Provinces with at least one unit that uses the system, for the filter."""
    below = AdminUnit.objects.filter(is_set_up=True, path__startswith=OuterRef("path"))
    return list(AdminUnit.objects.filter(level=Level.PROVINCE).filter(Exists(below)).order_by("name"))


def province_by_id(options: Iterable[AdminUnit], value: str | None) -> AdminUnit | None:
    """The province chosen in the filter, if it is one of the options; anything else is ignored."""
    if not value or not value.isdigit():
        return None
    return next((p for p in options if p.pk == int(value)), None)


def get_public_unit(unit_id: int) -> AdminUnit:
    """A unit that uses the system; 404 for any other unit of the national list."""
    unit = AdminUnit.objects.select_related("parent", "parent__parent").filter(pk=unit_id, is_set_up=True).first()
    if unit is None:
        raise Http404
    return unit


def public_plans(unit: AdminUnit, limit: int = 3) -> list[Plan]:
    """The unit's issued plans (never drafts), newest first, with their topics."""
    return list(
        Plan.objects.filter(unit=unit)
        .exclude(status=PlanStatus.DRAFT)
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("order", "pk")))
        .order_by("-year", "-issued_on", "-pk")[:limit]
    )


def get_public_conference(conference_id: int) -> Conference:
    """The conference if it is public (see the module's docstring); 404 otherwise."""
    conference = (
        public_conferences()
        .select_related("unit", "unit__parent", "unit__parent__parent", "plan")
        .prefetch_related(
            Prefetch("villages", queryset=Village.objects.order_by("sort_order", "name")),
            Prefetch("plan__topics", queryset=Topic.objects.order_by("order", "pk")),
            Prefetch("plan__composition", queryset=CompositionRule.objects.order_by("order", "pk")),
            Prefetch("steps", queryset=TimelineStep.objects.filter(key=OPINION_STEP), to_attr="opinion_steps"),
        )
        .filter(pk=conference_id)
        .first()
    )
    if conference is None:
        raise Http404
    return conference


def opinion_step(conference: Conference) -> TimelineStep | None:
    steps = getattr(conference, "opinion_steps", None)
    if steps is None:
        steps = list(conference.steps.filter(key=OPINION_STEP))
    return steps[0] if steps else None
