from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from doithoai.units import selectors as unit_selectors


def home(request: HttpRequest) -> HttpResponse:
    """Where everyone lands: staff go to their unit, others see the public start page."""
    user = request.user
    if user.is_authenticated:
        units = unit_selectors.units_with_roles(user)
        if len(units) == 1 and not user.is_superuser:
            return redirect("units:home", unit_id=units[0].pk)
        if units or user.is_superuser:
            return render(
                request,
                "core/choose_unit.html",
                {"units": units, "set_up_units": unit_selectors.set_up_units() if user.is_superuser else []},
            )
        return render(request, "core/citizen_home.html", {"set_up_units": unit_selectors.set_up_units()})
    return render(request, "core/public_home.html", {"set_up_units": unit_selectors.set_up_units()})


def health(request: HttpRequest) -> HttpResponse:
    """For the load balancer and the backup script: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
