"""Account pages: sign-in with throttling and two-factor codes, password reset and change, profile, unit security.

Views translate HTTP: they read the form, call an action, and render or redirect.
"""

from __future__ import annotations

import ipaddress
import time
from base64 import b32encode
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from doithoai.accounts import actions, forms, selectors
from doithoai.core.permissions import has_perm, require_perm
from doithoai.core.redirects import safe_next
from doithoai.units import rules as unit_rules
from doithoai.units.actions import unit_set_two_factor_policy
from doithoai.units.selectors import get_unit
from doithoai.units.views import unit_context

# Session keys. The middleware reads them too.
SETUP_KEY_SESSION_KEY = "two_factor_setup_key"


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from, as far as we can trust it.

    Behind `LOGIN_TRUSTED_PROXIES` reverse proxies, the client is the entry that
    many places from the right of X-Forwarded-For (the rest can be forged by the
    client); otherwise it is the peer address.
    """
    candidate = request.META.get("REMOTE_ADDR", "")
    proxies = settings.LOGIN_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            candidate = hops[-proxies] if len(hops) >= proxies else hops[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _start_session_clock(request: HttpRequest) -> None:
    now = int(time.time())
    request.session["signed_in_at"] = now
    request.session["last_seen"] = now
    request.session["two_factor_required"] = selectors.two_factor_required(request.user)


# ---------------------------------------------------------------- sign-in


class LoginView(auth_views.LoginView):
    """Username and password, refused while the username or the address is locked out."""

    template_name = "accounts/login.html"
    form_class = forms.LoginForm

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form()
        username = request.POST.get("username", "")
        ip = client_ip(request)
        if username.strip() and request.POST.get("password"):
            lockout = selectors.login_lockout(username=username, ip_address=ip)
            if lockout is not None:
                # Refused without checking the password: a right one would only tell a guesser they found it.
                actions.login_attempt_record(
                    actor=None, username=username, ip_address=ip, succeeded=False, refused=True
                )
                fresh = self.form_class(request, initial={"username": username})
                return self.render_to_response(self.get_context_data(form=fresh, lockout=lockout))
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        device = selectors.confirmed_device(user)
        actions.login_attempt_record(
            actor=user,
            username=form.cleaned_data["username"],
            ip_address=client_ip(self.request),
            succeeded=True,
            signed_in=device is None,
        )
        auth_login(self.request, user)
        _start_session_clock(self.request)
        target = self.get_success_url()
        if device is not None:
            return HttpResponseRedirect(_with_next("accounts:two_factor_verify", target))
        if self.request.session["two_factor_required"]:
            return HttpResponseRedirect(_with_next("accounts:two_factor_setup", target))
        return HttpResponseRedirect(target)

    def form_invalid(self, form: Any) -> HttpResponse:
        context = self.get_context_data(form=form)
        username = form.data.get("username", "")
        if username.strip() and form.data.get("password") and form.has_error("__all__"):
            ip = client_ip(self.request)
            actions.login_attempt_record(actor=None, username=username, ip_address=ip, succeeded=False)
            context["lockout"] = selectors.login_lockout(username=username, ip_address=ip)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["expired"] = self.request.GET.get("expired") == "1"
        return context


login_view = LoginView.as_view()


class LogoutView(auth_views.LogoutView):
    """POST only; back to the sign-in page with a word that it worked."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("Anh/chị đã đăng xuất."))
        return response


logout_view = LogoutView.as_view()


# ---------------------------------------------------------------- password reset and change


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by e-mail, at most 3 a hour to one address and 10 a hour from one network address.

    Over the limit nothing is sent, but the answer is the same "sent" page as
    always: it must not tell whether the address has an account.
    """

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    form_class = forms.ResetRequestForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        allowed = actions.password_reset_request_record(
            email=form.cleaned_data["email"], ip_address=client_ip(self.request)
        )
        if not allowed:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


password_reset = PasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    form_class=forms.ResetSetPasswordForm,
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = forms.ChangePasswordForm
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Đã đổi mật khẩu. Các phiên đăng nhập khác của anh/chị đã kết thúc."))
        return response


password_change = PasswordChangeView.as_view()


# ---------------------------------------------------------------- profile


def _apply_errors(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The person's own account: name, contacts, roles in each unit, and links to password and two-factor."""
    user = request.user
    if request.method == "POST":
        form = forms.ProfileForm(request.POST)
        if form.is_valid():
            try:
                actions.user_update_profile(
                    actor=user,
                    user=user,  # type: ignore[arg-type]
                    full_name=form.cleaned_data["full_name"],
                    email=form.cleaned_data["email"],
                    phone=form.cleaned_data["phone"],
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu thông tin cá nhân."))
                return redirect("accounts:profile")
    else:
        form = forms.ProfileForm(
            initial={"full_name": user.full_name, "email": user.email, "phone": user.phone}  # type: ignore[union-attr]
        )
    memberships = list(selectors.memberships_of(user))
    security_units = {m.unit_id for m in memberships if has_perm(user, unit_rules.SET_TWO_FACTOR_POLICY, m.unit)}
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "memberships": memberships,
            "security_units": security_units,
            "device": selectors.confirmed_device(user),
            "required_by": selectors.units_requiring_two_factor(user),
        },
    )


# ---------------------------------------------------------------- two-factor


def _qr_svg(device: TOTPDevice) -> str:
    # The otpauth:// URL goes into the picture only, never into text, so segno's SVG is safe to inline.
    return mark_safe(  # noqa: S308
        segno.make(device.config_url, error="m").svg_inline(
            scale=1, border=2, omitsize=True, dark="#000", light="#fff", svgclass="qr-code"
        )
    )


def _secret_for_typing(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it when typed by hand: base32 without padding, in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@sensitive_post_parameters("token")
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Turn two-factor sign-in on (scan, type a code) or off (type a code)."""
    user = request.user
    device = selectors.confirmed_device(user)
    next_url = safe_next(request, resolve_url("accounts:profile"), query=True)
    if device is not None and not user.is_verified():  # type: ignore[union-attr]
        return redirect(_with_next("accounts:two_factor_verify", request.get_full_path()))
    required_by = selectors.units_requiring_two_factor(user)
    form = forms.TokenForm(request.POST or None)
    if device is not None:
        if request.method == "POST" and form.is_valid():
            try:
                actions.two_factor_disable(actor=user, token=form.cleaned_data["token"])
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                request.session.pop(DEVICE_ID_SESSION_KEY, None)
                request.session["two_factor_required"] = selectors.two_factor_required(user)
                messages.success(request, _("Đã tắt xác thực hai lớp."))
                return redirect("accounts:profile")
        return render(
            request,
            "accounts/two_factor_setup.html",
            {"device": device, "form": form, "required_by": required_by, "next": next_url},
        )

    if not required_by:
        # A unit may have stopped requiring it since this session began: nothing is owed any more.
        request.session["two_factor_required"] = False
    key = request.session.get(SETUP_KEY_SESSION_KEY) or actions.two_factor_new_key()
    request.session[SETUP_KEY_SESSION_KEY] = key
    if request.method == "POST" and form.is_valid():
        try:
            new_device = actions.two_factor_enable(actor=user, key=key, token=form.cleaned_data["token"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            request.session.pop(SETUP_KEY_SESSION_KEY, None)
            otp_login(request, new_device)
            request.session["two_factor_required"] = True
            messages.success(
                request, _("Đã bật xác thực hai lớp. Từ lần đăng nhập sau, anh/chị cần nhập mã trong ứng dụng.")
            )
            return redirect(next_url)
    candidate = TOTPDevice(user=user, key=key)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "device": None,
            "form": form,
            "required_by": required_by,
            "qr_svg": _qr_svg(candidate),
            "secret": _secret_for_typing(candidate),
            "next": next_url,
        },
    )


def _record_code_attempt(
    request: HttpRequest, ip: str | None, *, succeeded: bool, refused: bool = False, signed_in: bool = False
) -> None:
    """A code typed at the second step of signing in: counted against the same limits as passwords."""
    actions.login_attempt_record(
        actor=request.user,  # type: ignore[arg-type]
        username=request.user.get_username(),
        ip_address=ip,
        succeeded=succeeded,
        refused=refused,
        two_factor=True,
        signed_in=signed_in,
    )


@never_cache
@sensitive_post_parameters("token")
@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Second step of signing in: the code from the authenticator app."""
    user = request.user
    next_url = safe_next(request, resolve_url(settings.LOGIN_REDIRECT_URL), query=True)
    device = selectors.confirmed_device(user)
    if device is None:
        if request.session.get("two_factor_required") or selectors.units_requiring_two_factor(user):
            return redirect(_with_next("accounts:two_factor_setup", next_url))
        return redirect(next_url)
    if user.is_verified():  # type: ignore[union-attr]
        return redirect(next_url)
    form = forms.TokenForm(request.POST or None)
    lockout = None
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        username = user.get_username()
        lockout = selectors.login_lockout(username=username, ip_address=ip)
        if lockout is not None:
            _record_code_attempt(request, ip, succeeded=False, refused=True)
        else:
            try:
                verified = actions.two_factor_check_code(actor=user, token=form.cleaned_data["token"])
            except ValidationError as exc:
                throttled = any(e.code == "throttled" for e in exc.error_dict.get("token", []))
                _record_code_attempt(request, ip, succeeded=False, refused=throttled)
                _apply_errors(form, exc)
                lockout = selectors.login_lockout(username=username, ip_address=ip)
            else:
                otp_login(request, verified)
                _record_code_attempt(request, ip, succeeded=True, signed_in=True)
                return redirect(next_url)
    return render(request, "accounts/two_factor_verify.html", {"form": form, "lockout": lockout, "next": next_url})


# ---------------------------------------------------------------- unit security


@login_required
def unit_security(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Whether the unit's staff must sign in with two-factor: set by the chair (or a system administrator)."""
    unit = get_unit(request.user, unit_id)
    require_perm(request.user, unit_rules.SET_TWO_FACTOR_POLICY, unit)
    if request.method == "POST":
        form = forms.UnitSecurityForm(request.POST)
        if form.is_valid():
            required = form.cleaned_data["require_two_factor"]
            unit_set_two_factor_policy(actor=request.user, unit=unit, required=required)
            if required:
                messages.success(
                    request,
                    _(
                        "Đã bật yêu cầu xác thực hai lớp. Cán bộ của đơn vị sẽ phải thiết lập "
                        "và nhập mã từ lần đăng nhập tiếp theo."
                    ),
                )
            else:
                messages.success(request, _("Đã tắt yêu cầu xác thực hai lớp cho cán bộ của đơn vị."))
            return redirect("accounts:unit_security", unit_id=unit.pk)
    else:
        form = forms.UnitSecurityForm(initial={"require_two_factor": unit.require_two_factor})
    staff = selectors.unit_staff_two_factor(unit)
    context = unit_context(request, unit)
    context.update(
        {
            "section": "security",
            "form": form,
            "staff": staff,
            "enrolled_count": sum(1 for s in staff if s.enrolled),
            "actor_enrolled": selectors.confirmed_device(request.user) is not None,
        }
    )
    return render(request, "accounts/unit_security.html", context)


@login_required
@require_POST
def two_factor_reset(request: HttpRequest, unit_id: int, user_id: int) -> HttpResponse:
    """Remove the authenticator app of someone of the unit who lost their phone (members page button)."""
    unit = get_unit(request.user, unit_id)
    # The permission comes before telling whether the person works here.
    require_perm(request.user, unit_rules.RESET_TWO_FACTOR, unit)
    person = selectors.active_member(unit, user_id)
    if person is None:
        raise Http404
    try:
        actions.two_factor_reset(actor=request.user, user=person, unit=unit)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _(
                "Đã đặt lại xác thực hai lớp cho %(name)s. Lần đăng nhập tới, người này chỉ cần mật khẩu "
                "và sẽ được hướng dẫn cài lại ứng dụng xác thực nếu đơn vị yêu cầu."
            )
            % {"name": person},
        )
    return redirect("units:members", unit_id=unit.pk)
