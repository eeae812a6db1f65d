from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

login_view = auth_views.LoginView.as_view(template_name="accounts/login.html")


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html")


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html")


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html")
