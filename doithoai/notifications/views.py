"""The notifications page. Views translate HTTP: reads through selectors, changes through actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doithoai.core.redirects import is_safe_url
from doithoai.notifications import actions, selectors
from doithoai.notifications.forms import PreferenceForm

PAGE_SIZE = 30


def _back_to_list(request: HttpRequest) -> HttpResponseRedirect:
    url = reverse("notifications:list")
    page = request.POST.get("trang", "")
    return HttpResponseRedirect(f"{url}?trang={page}" if page.isdigit() else url)


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """The person's notifications, newest first, 30 a page; unread ones highlighted."""
    page = Paginator(selectors.notifications_for(request.user), PAGE_SIZE).get_page(request.GET.get("trang"))
    preference = selectors.preference_for(request.user)
    form = PreferenceForm(initial={"email_reminders": preference.email_reminders})
    return render(
        request,
        "notifications/list.html",
        {"page": page, "notifications": list(page.object_list), "preference_form": form},
    )


@login_required
@require_POST
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark the notification read and go to what it is about."""
    notification = selectors.get_notification(request.user, notification_id)
    actions.notification_mark_read(actor=request.user, notification=notification)
    if is_safe_url(request, notification.url):
        return HttpResponseRedirect(notification.url)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = selectors.get_notification(request.user, notification_id)
    actions.notification_mark_read(actor=request.user, notification=notification)
    return _back_to_list(request)


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = actions.notifications_mark_all_read(actor=request.user)
    if count:
        messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": count})
    return _back_to_list(request)


@login_required
@require_POST
def preference_update(request: HttpRequest) -> HttpResponse:
    form = PreferenceForm(request.POST)
    form.is_valid()  # a checkbox: always valid; unchecked is False
    preference = actions.preference_update(
        actor=request.user, email_reminders=bool(form.cleaned_data.get("email_reminders"))
    )
    if preference.email_reminders:
        messages.success(request, _("Anh/chị sẽ nhận nhắc việc cả trên hệ thống và qua thư điện tử."))
    else:
        messages.success(request, _("Anh/chị sẽ chỉ nhận nhắc việc trên hệ thống, không nhận thư điện tử."))
    return redirect("notifications:list")
