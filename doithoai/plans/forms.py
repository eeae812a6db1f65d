"""Forms of the plan pages. They carry what was typed; the rules are the actions'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from doithoai.core.forms import VietnameseDateField
from doithoai.plans.actions import MAIN_FIELDS
from doithoai.plans.models import Plan
from doithoai.plans.presets import presets_for
from doithoai.plans.sections import Section
from doithoai.units.forms import BootstrapForm
from doithoai.units.models import AdminUnit, Department, Village

NUMBER_ERROR = _("Nhập một số, ví dụ 5000000.")


def _capitalized(label: Any) -> str:
    text = str(label)
    return text[:1].upper() + text[1:]


def _model_field(model: type[Any], name: str, unit: AdminUnit | None = None) -> forms.Field:
    """A form field for a model field, optional (the action says what is missing), labelled as the model."""
    model_field = model._meta.get_field(name)
    if name == "villages":
        return forms.ModelMultipleChoiceField(
            label=_capitalized(model_field.verbose_name),
            queryset=Village.objects.filter(unit=unit, status="active"),
            required=False,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        )
    if name == "assignee_department":
        return forms.ModelChoiceField(
            label=_capitalized(model_field.verbose_name),
            queryset=Department.objects.filter(unit=unit, is_active=True),
            required=False,
            empty_label="—",
        )
    field_type = model_field.get_internal_type()
    label = _capitalized(model_field.verbose_name)
    help_text = str(model_field.help_text or "")
    if field_type == "BooleanField":
        return forms.BooleanField(label=label, required=False, help_text=help_text)
    if field_type == "SmallIntegerField":
        # Signed ("-3": three days before): no numeric keypad, which has no minus sign on some phones.
        return forms.IntegerField(
            label=label,
            required=False,
            help_text=help_text,
            error_messages={"invalid": _("Nhập một số nguyên, ví dụ -3 hoặc 10.")},
            widget=forms.NumberInput(),
        )
    if field_type == "DateField":
        return VietnameseDateField(label=label, required=False, help_text=help_text)
    if field_type == "DecimalField":
        return forms.DecimalField(
            label=label,
            required=False,
            help_text=help_text,
            decimal_places=0,
            error_messages={"invalid": NUMBER_ERROR, "max_decimal_places": NUMBER_ERROR},
            widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        )
    if field_type in {"PositiveIntegerField", "PositiveSmallIntegerField", "IntegerField"}:
        return forms.IntegerField(
            label=label,
            required=False,
            help_text=help_text,
            error_messages={"invalid": _("Nhập một số nguyên.")},
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        )
    if model_field.choices:
        choices = list(model_field.choices)
        if model_field.blank:
            choices = [("", "—"), *choices]
        # A new row starts on the model's default choice ("Chi khác"), not on the list's first one.
        default = model_field.default if isinstance(model_field.default, str) and model_field.default else None
        return forms.ChoiceField(label=label, required=False, choices=choices, help_text=help_text, initial=default)
    if field_type == "TextField":
        return forms.CharField(
            label=label, required=False, strip=False, help_text=help_text, widget=forms.Textarea(attrs={"rows": "3"})
        )
    # A new row starts with the model's default words ("Căn cứ"), which the user may change or clear.
    initial = model_field.default if isinstance(model_field.default, str) and model_field.default else None
    return forms.CharField(label=label, required=False, strip=False, help_text=help_text, initial=initial)


class PresetForm(BootstrapForm):
    preset = forms.ChoiceField(label=_("Mẫu kế hoạch"), widget=forms.RadioSelect)
    year = forms.IntegerField(
        label=_("Năm"),
        error_messages={"invalid": _("Nhập năm, ví dụ 2026."), "required": _("Nhập năm, ví dụ 2026.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, unit: AdminUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.presets = presets_for(unit)
        preset_field = self.fields["preset"]
        assert isinstance(preset_field, forms.ChoiceField)
        preset_field.choices = [(p.key, p.name) for p in self.presets]
        self.fields["preset"].error_messages["required"] = _("Chọn một mẫu kế hoạch.")
        self.fields["preset"].widget.attrs["class"] = "form-check-input"


class PlanForm(BootstrapForm):
    """The plan's own fields; the list sections have their own pages."""

    def __init__(self, *args: Any, unit: AdminUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in MAIN_FIELDS:
            self.fields[name] = _model_field(Plan, name, unit)
        self.fields["year"].error_messages["invalid"] = _("Nhập năm, ví dụ 2026.")
        if unit.level == "commune":
            del self.fields["units_below_deadline"]
            del self.fields["forward_issues_to"]
        self.style_fields()

    @staticmethod
    def initial_for(plan: Plan) -> dict[str, Any]:
        return {name: getattr(plan, name) for name in MAIN_FIELDS}


class IssueForm(BootstrapForm):
    number = forms.CharField(label=_("Số, ký hiệu"), required=False, help_text=_("Ví dụ: 91/KH-UBND"))
    issued_on = VietnameseDateField(label=_("Ngày ban hành"), required=False)


class RowForm(BootstrapForm):
    """One row of a list section. Subclassed per section by `row_formset`."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    order = forms.IntegerField(
        label=_("Thứ tự"),
        required=False,
        error_messages={"invalid": _("Nhập một số nguyên.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "style": "max-width: 6rem"}),
    )

    def row(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("order", None)
        data.pop("DELETE", None)
        return data


# Fields of a row that only an upper-level unit (province, legacy district) fills in.
UPPER_LEVEL_ROW_FIELDS = {"for_units_below"}


def row_fields(section: Section, unit: AdminUnit) -> list[str]:
    """The fields of the section's rows that the unit's page shows."""
    if unit.level == "commune":
        return [name for name in section.fields if name not in UPPER_LEVEL_ROW_FIELDS]
    return list(section.fields)


BLANK_ROWS = 2
MORE_ROWS = 10  # "Lưu và thêm dòng": seed 001 has 15 composition rows and 20 duties


def row_formset(section: Section, unit: AdminUnit, *, extra: int = BLANK_ROWS) -> type[forms.BaseFormSet]:
    fields = {name: _model_field(section.model, name, unit) for name in row_fields(section, unit)}
    form_class = type(f"{section.model.__name__}RowForm", (RowForm,), fields)
    return formset_factory(form_class, extra=extra, can_delete=True)


# A blank extra row still sends its order box, the first option of its selects and the words it starts with.
IGNORED_FOR_BLANK = {"id", "order", "DELETE", "kind", "lead", "category"}


def _empty(value: Any) -> bool:
    if value is None or value == "" or value is False:
        return True
    if isinstance(value, str):
        return not value.strip()
    if hasattr(value, "exists"):
        return not value.exists()
    return False


def ordered_rows(formset: forms.BaseFormSet) -> list[tuple[forms.Form, dict[str, Any]]]:
    """The rows to keep, in the order typed: deleted rows and untouched blank rows left out."""
    kept: list[tuple[int, int, forms.Form]] = []
    for position, form in enumerate(formset.forms):
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        if not data.get("id") and all(_empty(value) for key, value in data.items() if key not in IGNORED_FOR_BLANK):
            continue
        order = data.get("order")
        kept.append((order if isinstance(order, int) else 10_000 + position, position, form))
    kept.sort(key=lambda item: (item[0], item[1]))
    return [(form, form.row()) for _order, _position, form in kept]  # type: ignore[attr-defined]
