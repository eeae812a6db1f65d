"""The to-do page ("Việc cần làm"), its badge in the top bar, and marking a plan's duty done."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.core.permissions import has_perm
from doithoai.core.redirects import safe_next
from doithoai.lib.params import query_id
from doithoai.lib.vndates import short_date
from doithoai.plans import rules as plan_rules
from doithoai.plans import selectors as plan_selectors
from doithoai.todo import actions, rules, selectors


def _today() -> dt.date:
    return timezone.localdate()


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    """Every task of the signed-in person, grouped: overdue, due within 7 days, later, done recently."""
    memberships = selectors.memberships_of(request.user)
    if not any(has_perm(request.user, rules.VIEW_TASKS, m.unit) for m in memberships):
        raise PermissionDenied(rules.VIEW_TASKS.code)
    today = _today()
    tasks = selectors.tasks_of(memberships, today)
    units = {m.unit_id: m.unit for m in memberships}
    unit_filter = request.GET.get("don-vi", "")
    if (unit_pk := query_id(unit_filter)) in units:
        tasks = [t for t in tasks if t.unit.pk == unit_pk]
    else:
        unit_filter = ""
    boards = [
        plan
        for plan in plan_selectors.upper_plans_of(units.values())
        if has_perm(request.user, plan_rules.VIEW_COMPLIANCE, units[plan.unit_id])
    ]
    context = {
        "groups": selectors.group_tasks(tasks, today),
        "open_count": sum(1 for t in tasks if not t.done),
        "units": sorted(units.values(), key=lambda u: u.name),
        "unit_filter": unit_filter,
        "boards": boards,
        "today_text": short_date(today),
    }
    return render(request, "todo/list.html", context)


@login_required
def badge(request: HttpRequest) -> HttpResponse:
    """The number next to "Việc cần làm" in the top bar, loaded after the page (htmx) so pages stay fast."""
    count = selectors.open_tasks_count(request.user, _today())
    return render(request, "todo/_badge.html", {"count": count})


@login_required
@require_POST
def assignment_complete(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = selectors.get_assignment(request.user, assignment_id)
    try:
        actions.assignment_complete(actor=request.user, assignment=assignment)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã ghi nhận hoàn thành nhiệm vụ."))
    return redirect(safe_next(request, reverse("todo:list")))
