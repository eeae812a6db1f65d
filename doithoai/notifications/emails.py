"""The e-mail that goes with a notification: Vietnamese text, absolute links, sent through `django.core.mail`.

Links in e-mails are absolute. The background worker has no request to take
the host from (the password-reset e-mail takes it from the request), so the
address is the `SITE_URL` setting when there is one (e.g.
"https://doithoai.langson.gov.vn"), else the first real name in
`ALLOWED_HOSTS` (https in production; the demo server's http://…:8000 when
DEBUG is on and the host is the local machine).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from doithoai.notifications.models import Notification

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


def site_url() -> str:
    """The scheme and host of the site, without a trailing slash."""
    configured = str(getattr(settings, "SITE_URL", "") or "").rstrip("/")
    if configured:
        return configured
    hosts = [h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*"))]
    host = hosts[0] if hosts else "localhost"
    if settings.DEBUG:
        return f"http://{host}:8000" if host in LOCAL_HOSTS else f"http://{host}"
    return f"https://{host}"


def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return f"{site_url()}{path if path.startswith('/') else '/' + path}"


def render(notification: Notification) -> tuple[str, str]:
    """Subject (one line) and body of the e-mail for `notification`."""
    context = {
        "notification": notification,
        "user": notification.recipient,
        "link": absolute_url(notification.url) if notification.url else "",
        "settings_link": absolute_url(reverse("notifications:list")),
    }
    subject = " ".join(render_to_string("notifications/email_subject.txt", context).split())
    body = render_to_string("notifications/email_body.txt", context)
    return subject, body


def deliver(notification: Notification) -> None:
    """Send the e-mail now (raises when the mail server refuses)."""
    subject, body = render(notification)
    EmailMessage(subject=subject, body=body, to=[notification.recipient.email]).send()
