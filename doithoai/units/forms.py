"""Forms of the unit pages: they read what was typed and show errors at the field.

The rules (duplicates, permissions, what may be deleted) are the actions'; a
form only carries the values and the action's messages back to the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from doithoai.accounts.roles import UNIT_ROLES, Role
from doithoai.units.actions import PROFILE_FIELDS
from doithoai.units.models import AdminUnit, VillageKind

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class BootstrapForm(forms.Form):
    """Bootstrap classes on every widget, and `is-invalid` on those with errors (also when added by a view)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()

    def style_fields(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if "form-" in widget.attrs.get("class", ""):
                continue
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def mark_invalid(self) -> None:
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                if "is-invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"

    def add_action_errors(self, errors: dict[str, list[str]], *, prefix: str = "") -> None:
        """Put an action's ValidationError messages on the fields they name; others on the form."""
        for key, messages in errors.items():
            if prefix and not key.startswith(prefix):
                continue
            name = key[len(prefix) :]
            target = name if name in self.fields else None
            for message in messages:
                self.add_error(target, message)
        self.mark_invalid()

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_invalid()


def _text(label: StrOrPromise, *, required: bool = False, max_length: int = 255, **attrs: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        strip=False,
        widget=forms.TextInput(attrs=attrs),
    )


def _lines(label: StrOrPromise, help_text: StrOrPromise, rows: int = 6) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": str(rows), "spellcheck": "false"}),
    )


class ProfileForm(BootstrapForm):
    """The letterhead of the unit. Labels and help come from the model so that they read the same everywhere."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in PROFILE_FIELDS:
            model_field = AdminUnit._meta.get_field(name)
            widget = forms.EmailInput() if name == "email" else forms.TextInput()
            if name == "phone":
                widget = forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})
            label = str(getattr(model_field, "verbose_name", name))
            self.fields[name] = forms.CharField(
                label=label[:1].upper() + label[1:],
                required=False,
                strip=False,
                help_text=getattr(model_field, "help_text", ""),
                widget=widget,
            )
        self.style_fields()
        for name in ("committee_name", "parent_line"):
            self.fields[name].widget.attrs["style"] = "text-transform: uppercase"

    @staticmethod
    def initial_for(unit: AdminUnit) -> dict[str, str]:
        return {name: getattr(unit, name) for name in PROFILE_FIELDS}

    def profile(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name in PROFILE_FIELDS}


class SetUpForm(ProfileForm):
    villages = _lines(
        _("Thôn, tổ dân phố"),
        _("Dán danh sách, mỗi dòng một tên (ví dụ: Thôn Nà Pàn). Có thể bổ sung sau."),
        rows=8,
    )
    departments = _lines(
        _("Cơ quan chuyên môn"),
        _("Mỗi dòng một cơ quan (ví dụ: Phòng Kinh tế, Công an xã, Trạm y tế). Có thể bổ sung sau."),
        rows=6,
    )


# Roles offered for the extra first accounts: those that need no village or department.
EXTRA_FIRST_ROLES = [Role.VICE_CHAIR, Role.OFFICE, Role.FRONT, Role.COUNCIL, Role.CHAIR]


class PersonForm(BootstrapForm):
    """One of the first accounts on the set-up page. Fixed rows carry their role; extra rows choose it."""

    role = forms.ChoiceField(label=_("Vai trò"), required=False, choices=[])
    full_name = _text(_("Họ và tên"), max_length=150, autocomplete="off")
    username = _text(_("Tên đăng nhập"), max_length=150, autocomplete="off", autocapitalize="none", spellcheck="false")
    email = _text(_("Thư điện tử"), max_length=254, inputmode="email", autocomplete="off")
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"),
        required=False,
        strip=False,
        help_text=_("Để trống để hệ thống tạo mật khẩu ngẫu nhiên, hiển thị một lần sau khi thiết lập."),
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, fixed_role: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fixed_role = fixed_role
        if fixed_role:
            del self.fields["role"]
        else:
            role_field = self.fields["role"]
            assert isinstance(role_field, forms.ChoiceField)
            role_field.choices = [(r.value, r.label) for r in EXTRA_FIRST_ROLES]

    @property
    def role_value(self) -> str:
        if self.fixed_role:
            return self.fixed_role
        return (self.cleaned_data.get("role") or "") if hasattr(self, "cleaned_data") else ""

    @property
    def role_label(self) -> str:
        return str(Role(self.fixed_role).label) if self.fixed_role else ""

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any((data.get(name) or "").strip() for name in ("full_name", "username", "email", "password"))


class LinesForm(BootstrapForm):
    lines = _lines(_("Danh sách"), "")

    def __init__(self, *args: Any, label: str = "", help_text: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["lines"].label = label
        if help_text:
            self.fields["lines"].help_text = help_text


class VillageForm(BootstrapForm):
    name = _text(_("Tên thôn, tổ dân phố"), max_length=200, autocomplete="off")
    kind = forms.ChoiceField(label=_("Loại"), choices=VillageKind.choices)


class MergeForm(BootstrapForm):
    new_name = _text(
        _("hoặc tên thôn mới sau sáp nhập"),
        max_length=200,
        autocomplete="off",
    )


class DepartmentForm(BootstrapForm):
    name = _text(_("Tên cơ quan"), max_length=200, autocomplete="off")
    short_name = _text(_("Tên viết tắt"), max_length=80, autocomplete="off")


def _role_choices() -> list[tuple[str, StrOrPromise]]:
    return [("", _("— Chọn vai trò —")), *((r.value, r.label) for r in UNIT_ROLES)]


class RoleFieldsMixin(forms.Form):
    """Role with the department or village it needs. Ids are resolved by the view, inside the unit (404 otherwise)."""

    role = forms.ChoiceField(label=_("Vai trò"), choices=_role_choices, required=False)
    department = forms.CharField(label=_("Cơ quan chuyên môn"), required=False, widget=forms.Select())
    village = forms.CharField(label=_("Thôn, tổ dân phố"), required=False, widget=forms.Select())

    def set_places(self, departments: list[tuple[int, str]], villages: list[tuple[int, str]]) -> None:
        department_widget = self.fields["department"].widget
        village_widget = self.fields["village"].widget
        assert isinstance(department_widget, forms.Select) and isinstance(village_widget, forms.Select)
        department_widget.choices = [("", _("— Chọn cơ quan —")), *departments]
        village_widget.choices = [("", _("— Chọn thôn, tổ dân phố —")), *villages]
        department_widget.attrs["data-role-detail"] = Role.DEPARTMENT_OFFICER.value
        village_widget.attrs["data-role-detail"] = Role.VILLAGE_HEAD.value
        self.fields["role"].widget.attrs["data-role-select"] = "1"


class MemberCreateForm(RoleFieldsMixin, BootstrapForm):
    full_name = _text(_("Họ và tên"), max_length=150, autocomplete="off")
    username = _text(_("Tên đăng nhập"), max_length=150, autocomplete="off", autocapitalize="none", spellcheck="false")
    email = _text(_("Thư điện tử"), max_length=254, inputmode="email", autocomplete="off")
    phone = _text(_("Số điện thoại"), max_length=20, inputmode="tel", autocomplete="off")
    position = _text(_("Chức vụ"), max_length=150, autocomplete="off")
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"),
        required=False,
        strip=False,
        help_text=_("Để trống để hệ thống tạo mật khẩu ngẫu nhiên, hiển thị một lần."),
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "new-password"}),
    )

    field_order = ("full_name", "username", "email", "phone", "position", "password", "role", "department", "village")


class GrantForm(RoleFieldsMixin, BootstrapForm):
    username = _text(
        _("Tên đăng nhập của người đã có tài khoản"),
        max_length=150,
        autocomplete="off",
        autocapitalize="none",
        spellcheck="false",
    )

    field_order = ("username", "role", "department", "village")
