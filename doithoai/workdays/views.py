from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def calendar(request: HttpRequest, unit_id: int) -> HttpResponse:
    return render(request, "workdays/calendar.html")
