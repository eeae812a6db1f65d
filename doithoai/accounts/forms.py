"""Forms of the account pages. They parse and label input; the actions decide what is valid to store."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from doithoai.accounts import actions
from doithoai.accounts.models import User


class BootstrapMixin:
    """Bootstrap 5 classes on every widget, `is-invalid` on fields with errors."""

    large = False

    def style_fields(self) -> None:
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            css = "form-check-input" if isinstance(widget, forms.CheckboxInput) else "form-control"
            if self.large and css == "form-control":
                css += " form-control-lg"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)  # type: ignore[misc]
        # Also called by full_clean for each field error, so this covers the form's and the actions' errors.
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                if "is-invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class LoginForm(BootstrapMixin, auth_forms.AuthenticationForm):
    large = True
    error_messages = {  # noqa: RUF012 - the same shape as Django's
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khóa. Vui lòng liên hệ quản trị hệ thống."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["username"].error_messages["required"] = _("Cần nhập tên đăng nhập.")
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false", "autofocus": True}
        )
        self.fields["password"].label = _("Mật khẩu")
        self.fields["password"].error_messages["required"] = _("Cần nhập mật khẩu.")
        self.style_fields()


class TokenForm(BootstrapMixin, forms.Form):
    """The 6-digit code shown by the authenticator app."""

    large = True
    token = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"),
        max_length=12,
        error_messages={"required": _("Cần nhập mã gồm 6 chữ số trong ứng dụng xác thực.")},
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": "[0-9 ]*",
                "autocapitalize": "none",
            }
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()


class ProfileForm(BootstrapMixin, forms.Form):
    full_name = forms.CharField(
        label=_("Họ và tên"), max_length=150, error_messages={"required": _("Cần nhập họ và tên.")}
    )
    email = forms.CharField(
        label=_("Thư điện tử"),
        max_length=254,
        required=False,
        help_text=_("Dùng để nhận liên kết đặt lại mật khẩu khi quên."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.style_fields()


def _vietnamese_password_fields(form: forms.Form) -> None:
    form.fields["new_password1"].label = _("Mật khẩu mới")
    form.fields["new_password1"].help_text = password_validation.password_validators_help_text_html()
    form.fields["new_password2"].label = _("Nhập lại mật khẩu mới")
    form.fields["new_password2"].help_text = _("Nhập lại đúng mật khẩu mới ở trên để kiểm tra.")
    form.error_messages["password_mismatch"] = _("Hai lần nhập mật khẩu mới không giống nhau.")  # type: ignore[attr-defined]


class ResetSetPasswordForm(BootstrapMixin, auth_forms.SetPasswordForm):
    """The new password chosen from the link in the reset e-mail."""

    large = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages = dict(self.error_messages)
        _vietnamese_password_fields(self)
        self.style_fields()

    def save(self, commit: bool = True) -> User:
        user: User = self.user
        return actions.user_set_password(
            actor=user, user=user, password=self.cleaned_data["new_password1"], how="reset"
        )


class ChangePasswordForm(BootstrapMixin, auth_forms.PasswordChangeForm):
    """A signed-in person changes their password."""

    large = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages = dict(self.error_messages)
        self.error_messages["password_incorrect"] = _("Mật khẩu hiện tại không đúng.")
        self.fields["old_password"].label = _("Mật khẩu hiện tại")
        _vietnamese_password_fields(self)
        self.style_fields()

    def save(self, commit: bool = True) -> User:
        user: User = self.user
        return actions.user_set_password(
            actor=user, user=user, password=self.cleaned_data["new_password1"], how="changed"
        )


class ResetRequestForm(BootstrapMixin, auth_forms.PasswordResetForm):
    large = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Thư điện tử của tài khoản")
        self.fields["email"].error_messages["required"] = _("Cần nhập địa chỉ thư điện tử.")
        self.fields["email"].error_messages["invalid"] = _("Địa chỉ thư điện tử không hợp lệ.")
        self.style_fields()


class UnitSecurityForm(forms.Form):
    require_two_factor = forms.BooleanField(
        label=_("Bắt buộc cán bộ của đơn vị đăng nhập bằng xác thực hai lớp"), required=False
    )
