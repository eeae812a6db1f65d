"""Staff intake pages: paper opinion forms typed in one after the other, and Excel summaries imported.

Views translate HTTP: the unit through `units.selectors.get_unit` (404 for a unit the user cannot see),
the permission with `require_perm` (403), the writes through `actions.imports`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from doithoai.conferences.models import Conference
from doithoai.core.forms import VietnameseDateField, error_dict
from doithoai.lib.codes import format_code
from doithoai.lib.numbers import grouped
from doithoai.lib.text import fold
from doithoai.lib.vndates import short_date
from doithoai.petitions import actions, excel, rules
from doithoai.petitions.actions import answers as answer_actions
from doithoai.petitions.actions import imports
from doithoai.petitions.models import REDIRECTED_KINDS, Channel, ImportStatus, Kind, PetitionImport, Sector
from doithoai.petitions.selectors import intake as selectors
from doithoai.petitions.views import unit_for
from doithoai.units.forms import BootstrapForm
from doithoai.units.models import AdminUnit, Village
from doithoai.units.views import is_htmx, unit_context

SESSION_KEY = "petitions.paper_entry"


def _context(request: HttpRequest, unit: AdminUnit, **extra: Any) -> dict[str, Any]:
    context = unit_context(request, unit)
    context["section"] = "petitions"
    context.update(extra)
    return context


def _sectors(request: HttpRequest, unit: AdminUnit) -> list[Sector]:
    sectors = selectors.intake_sectors(unit)
    if not sectors and not Sector.objects.filter(unit=unit).exists():
        # The first petition of a unit: its own copy of the default list (once, audited).
        actions.sectors_ensure(actor=request.user, unit=unit)
        sectors = selectors.intake_sectors(unit)
    return sectors


def _conference_label(conference: Conference) -> str:
    return f"{conference.title} ({short_date(timezone.localdate(conference.starts_at))})"


def _conference_choices(conferences: list[Conference]) -> list[tuple[str, str]]:
    return [("", _("— Không gắn với hội nghị —")), *((str(c.pk), _conference_label(c)) for c in conferences)]


def _list_url(unit: AdminUnit, **params: Any) -> str:
    """The petition list (views.staff) narrowed by `params`, named as `selectors.PetitionFilters` names them."""
    url = reverse("petitions:list", args=[unit.pk])
    query = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{url}?{urlencode(query)}" if query else url


# ---------------------------------------------------------------- paper forms


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = []
        for item in items:
            cleaned.append(super().clean(item, initial))
        return cleaned


def _combobox_attrs(listbox: str) -> dict[str, str]:
    return {
        "role": "combobox",
        "aria-autocomplete": "list",
        "aria-expanded": "false",
        "aria-controls": listbox,
        "autocomplete": "off",
        "autocapitalize": "off",
        "spellcheck": "false",
        "data-combobox-input": "",
    }


class PaperForm(BootstrapForm):
    """One paper opinion form as typed. Village and sector come as typed text (resolved here without
    diacritics) and, when the page's script chose from the list, as the chosen id."""

    conference = forms.ChoiceField(label=gettext_lazy("Hội nghị"), required=False)
    received_on = VietnameseDateField(
        label=gettext_lazy("Ngày tiếp nhận"),
        error_messages={"required": gettext_lazy("Nhập ngày tiếp nhận phiếu.")},
    )
    village_text = forms.CharField(
        label=gettext_lazy("Thôn, tổ dân phố"),
        required=False,
        help_text=gettext_lazy("Gõ không dấu cũng được, ví dụ “na po”; ↓ ↑ để chọn, Enter hoặc Tab để nhận."),
        widget=forms.TextInput(attrs=_combobox_attrs("village-listbox")),
    )
    village = forms.CharField(required=False, widget=forms.HiddenInput(attrs={"data-combobox-value": ""}))
    text = forms.CharField(
        label=gettext_lazy("Nội dung ý kiến, kiến nghị"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
    )
    sector_text = forms.CharField(
        label=gettext_lazy("Lĩnh vực"),
        required=False,
        help_text=gettext_lazy("Không bắt buộc; gõ không dấu, ví dụ “giao thong”."),
        widget=forms.TextInput(attrs=_combobox_attrs("sector-listbox")),
    )
    sector = forms.CharField(required=False, widget=forms.HiddenInput(attrs={"data-combobox-value": ""}))
    kind = forms.ChoiceField(label=gettext_lazy("Tính chất"), choices=Kind.choices, initial=Kind.RECOMMENDATION)
    submitter_name = forms.CharField(
        label=gettext_lazy("Họ tên người góp ý"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "maxlength": 160}),
    )
    submitter_phone = forms.CharField(
        label=gettext_lazy("Số điện thoại"),
        required=False,
        help_text=gettext_lazy("Chỉ ghi khi người góp ý đồng ý được liên hệ."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off", "maxlength": 20}),
    )
    consent_contact = forms.BooleanField(label=gettext_lazy("Đồng ý được liên hệ qua số điện thoại"), required=False)
    consent_publish_name = forms.BooleanField(label=gettext_lazy("Đồng ý công khai họ tên"), required=False)
    attachments = MultipleFileField(
        label=gettext_lazy("Ảnh chụp, bản quét phiếu"),
        required=False,
        help_text=gettext_lazy("Không bắt buộc. Ảnh JPG, PNG, WEBP hoặc PDF, tối đa 5 tệp, mỗi tệp đến 10 MB."),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
    )
    submission_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        conferences: list[Conference],
        villages: list[Village],
        sectors: list[Sector],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.conferences = {str(c.pk): c for c in conferences}
        self.villages = {v.pk: v for v in villages}
        self.sectors = {s.pk: s for s in sectors}
        self.village_lookup = selectors.village_lookup(villages)
        self.sector_lookup = selectors.sector_lookup(sectors)
        cast(forms.ChoiceField, self.fields["conference"]).choices = _conference_choices(conferences)

    def _resolve(self, name: str, lookup: selectors.Lookup, what: str) -> selectors.Option | None:
        text = self.cleaned_data.get(f"{name}_text") or ""
        chosen = lookup.get(self.cleaned_data.get(name))
        if chosen is not None and (not text.strip() or fold(text) == fold(chosen.label)):
            return chosen
        if not text.strip():
            return None
        found = lookup.resolve(text)
        if found.option is not None:
            return found.option
        shown = text.strip()[:60]
        if found.candidates:
            message = _("“%(typed)s” khớp nhiều %(what)s: %(names)s. Gõ thêm để chọn một.") % {
                "typed": shown,
                "what": what,
                "names": ", ".join(o.label for o in found.candidates[:6]),
            }
        else:
            message = _("Không tìm thấy %(what)s “%(typed)s”.") % {"what": what, "typed": shown}
        self.add_error(f"{name}_text", message)
        return None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        village = self._resolve("village", self.village_lookup, _("thôn, tổ dân phố"))
        sector = self._resolve("sector", self.sector_lookup, _("lĩnh vực"))
        data["village_obj"] = self.villages.get(int(village.pk)) if village else None
        data["sector_obj"] = self.sectors.get(int(sector.pk)) if sector else None
        # Show back what was understood: "na po" becomes "Thôn Nà Pò".
        if village and not self.has_error("village_text"):
            self._show("village", village)
        if sector and not self.has_error("sector_text"):
            self._show("sector", sector)
        return data

    def _show(self, name: str, option: selectors.Option) -> None:
        values = cast(QueryDict, self.data).copy()
        values[f"{name}_text"] = option.label
        values[name] = str(option.pk)
        self.data = values

    def data_for_action(self) -> dict[str, Any]:
        c = self.cleaned_data
        return {
            "conference": self.conferences.get(c.get("conference") or ""),
            "received_on": c.get("received_on"),
            "village": c.get("village_obj"),
            "sector": c.get("sector_obj"),
            "kind": c.get("kind"),
            "text": c.get("text") or "",
            "submitter_name": c.get("submitter_name") or "",
            "submitter_phone": c.get("submitter_phone") or "",
            "consent_contact": bool(c.get("consent_contact")),
            "consent_publish_name": bool(c.get("consent_publish_name")),
        }

    def add_action_errors(self, errors: dict[str, list[str]], *, prefix: str = "") -> None:
        # The action names the village and sector; the page has their text boxes.
        renamed = {{"village": "village_text", "sector": "sector_text"}.get(k, k): v for k, v in errors.items()}
        super().add_action_errors(renamed, prefix=prefix)

    def first_error(self) -> str:
        for name, field in self.fields.items():
            if name in self.errors and not field.widget.is_hidden:
                return name
        return ""


def _session(request: HttpRequest, unit: AdminUnit) -> dict[str, Any]:
    stored: dict[str, Any] = request.session.get(SESSION_KEY, {}).get(str(unit.pk), {})
    return dict(stored)


def _remember(request: HttpRequest, unit: AdminUnit, values: dict[str, Any]) -> None:
    everything = dict(request.session.get(SESSION_KEY, {}))
    everything[str(unit.pk)] = values
    request.session[SESSION_KEY] = everything


def _sticky_date(value: Any) -> dt.date:
    """The date of the previous form (kept in the session as text); today when there is none."""
    today = timezone.localdate()
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return today
    return min(day, today)


def _initial(
    request: HttpRequest, sticky: dict[str, Any], conferences: list[Conference], villages: list[Village]
) -> dict[str, Any]:
    """A new, empty form that keeps the conference, date and village of the previous one."""
    by_pk = {str(c.pk): c for c in conferences}
    asked = request.GET.get("hoi_nghi", "")
    if asked in by_pk:
        conference = asked
    elif "conference" in sticky:
        conference = sticky["conference"] if sticky["conference"] in by_pk else ""
    else:
        default = selectors.default_conference(conferences)
        conference = str(default.pk) if default else ""
    initial: dict[str, Any] = {
        "conference": conference,
        "received_on": _sticky_date(sticky.get("received_on")),
        "kind": Kind.RECOMMENDATION,
        # A new key for every form shown: the same form sent twice gives one petition.
        "submission_key": uuid.uuid4().hex,
    }
    village = next((v for v in villages if str(v.pk) == str(sticky.get("village"))), None)
    if village is None and len(villages) == 1:
        village = villages[0]  # a village head of one village
    if village is not None:
        initial["village"] = str(village.pk)
        initial["village_text"] = village.name
    return initial


FLOOR = "hoi-nghi"


@login_required
def paper_entry(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id, rules.RECEIVE_PETITIONS)
    user = request.user
    allowed = selectors.headed_villages(user, unit)
    choosable = selectors.intake_villages(unit, allowed)
    # Typed names are read against all the unit's villages: a village head who types another village is told
    # why it is refused, rather than that it does not exist.
    villages = selectors.intake_villages(unit, None)
    sectors = _sectors(request, unit)
    conferences = selectors.intake_conferences(unit)
    # "Phát biểu tại hội nghị": the same page records what is said in the hall, through the action the live
    # room uses (channel "conference", the conference required, no scans).
    floor = (request.GET.get("kenh") or request.POST.get("kenh")) == FLOOR
    sticky = _session(request, unit)
    saved: dict[str, Any] | None = None
    if request.method == "POST":
        form = PaperForm(request.POST, request.FILES, conferences=conferences, villages=villages, sectors=sectors)
        if form.is_valid():
            try:
                data = form.data_for_action()
                if floor:
                    if data["conference"] is None:
                        raise ValidationError({"conference": [_("Chọn hội nghị nơi ý kiến được phát biểu.")]})
                    petition, created = answer_actions.raise_at_conference(
                        actor=user,
                        conference=data["conference"],
                        data={k: v for k, v in data.items() if k != "conference"},
                        submission_key=form.cleaned_data.get("submission_key") or "",
                    )
                else:
                    petition, created = imports.paper_form_receive(
                        actor=user,
                        unit=unit,
                        data=data,
                        files=form.cleaned_data.get("attachments") or [],
                        submission_key=form.cleaned_data.get("submission_key") or "",
                    )
            except ValidationError as exc:
                form.add_action_errors(error_dict(exc))
            else:
                # Post/redirect/get: the next form comes back empty but for what stays the same in a stack.
                sticky.update(
                    {
                        "conference": form.cleaned_data.get("conference") or "",
                        "received_on": form.cleaned_data["received_on"].isoformat(),
                        "village": petition.village_id,
                        "count": int(sticky.get("count", 0)) + int(created),
                        "saved": {"id": petition.pk, "code": petition.tracking_code, "created": created},
                    }
                )
                _remember(request, unit, sticky)
                url = reverse("petitions:paper_entry", args=[unit.pk])
                return redirect(f"{url}?kenh={FLOOR}" if floor else url)
        else:
            form.mark_invalid()
        status = 400
    else:
        saved = sticky.pop("saved", None)
        if saved is not None:
            _remember(request, unit, sticky)  # the success line is shown once
        form = PaperForm(
            initial=_initial(request, sticky, conferences, choosable),
            conferences=conferences,
            villages=villages,
            sectors=sectors,
        )
        status = 200
    focus = form.first_error() if form.is_bound else ""
    if not focus:
        focus = "text" if form["village_text"].value() else "village_text"
    form.fields[focus].widget.attrs["autofocus"] = True
    context = _context(
        request,
        unit,
        form=form,
        saved=saved,
        saved_code=format_code(saved["code"]) if saved else "",
        saved_url=reverse("petitions:detail", args=[unit.pk, saved["id"]]) if saved else "",
        count=int(sticky.get("count", 0)),
        village_options=selectors.village_lookup(choosable).as_json(),
        sector_options=selectors.sector_lookup(sectors).as_json(),
        redirected_kinds=sorted(str(k) for k in REDIRECTED_KINDS),
        show_redirect_warning=form["kind"].value() in REDIRECTED_KINDS,
        restricted=allowed is not None,
        no_villages=not choosable,
        floor=floor,
        floor_param=FLOOR,
    )
    return render(request, "petitions/intake/paper_entry.html", context, status=status)


# ---------------------------------------------------------------- Excel


class ImportForm(BootstrapForm):
    conference = forms.ChoiceField(label=gettext_lazy("Gắn các ý kiến với hội nghị"), required=False)
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx) theo mẫu"),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{excel.XLSX_CONTENT_TYPE}"}),
        error_messages={
            "required": gettext_lazy("Chọn tệp Excel để nhập."),
            "empty": gettext_lazy("Tệp rỗng: chọn tệp Excel theo mẫu."),
        },
    )

    def __init__(self, *args: Any, conferences: list[Conference], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conferences = {str(c.pk): c for c in conferences}
        cast(forms.ChoiceField, self.fields["conference"]).choices = _conference_choices(conferences)

    def chosen_conference(self) -> Conference | None:
        return self.conferences.get(self.cleaned_data.get("conference") or "")


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=excel.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def import_upload(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id, rules.RECEIVE_PETITIONS)
    conferences = selectors.intake_conferences(unit)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, conferences=conferences)
        if form.is_valid():
            try:
                petition_import = imports.import_start(
                    actor=request.user,
                    unit=unit,
                    conference=form.chosen_conference(),
                    upload=form.cleaned_data["file"],
                )
            except ValidationError as exc:
                form.add_action_errors(error_dict(exc))
            else:
                imports.import_schedule(petition_import)
                return redirect("petitions:import_status", unit_id=unit.pk, import_id=petition_import.pk)
        else:
            form.mark_invalid()
        status = 400
    else:
        asked = request.GET.get("hoi_nghi", "")
        default = selectors.default_conference(conferences)
        chosen = asked if asked in {str(c.pk) for c in conferences} else (str(default.pk) if default else "")
        form = ImportForm(initial={"conference": chosen}, conferences=conferences)
        status = 200
    context = _context(
        request,
        unit,
        form=form,
        columns=list(excel.COLUMNS),
        max_mb=excel.MAX_BYTES // (1024 * 1024),
        max_rows=grouped(excel.MAX_ROWS),
        imports=list(selectors.recent_imports(unit)),
    )
    return render(request, "petitions/intake/import.html", context, status=status)


@login_required
@require_GET
def import_template(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id, rules.RECEIVE_PETITIONS)
    villages = selectors.intake_villages(unit, selectors.headed_villages(request.user, unit))
    sectors = _sectors(request, unit)
    kinds = [str(label) for value, label in Kind.choices]
    data = excel.template_workbook(
        title=_("Tổng hợp ý kiến, kiến nghị – %(unit)s") % {"unit": unit.name},
        villages=[v.name for v in villages],
        sectors=[s.name for s in sectors],
        kinds=kinds,
    )
    stem = slugify(fold(unit.name))[:60] or f"don-vi-{unit.pk}"
    with translation.override("vi"):
        return _xlsx(data, f"mau-y-kien-{stem}.xlsx")


def _status_context(unit: AdminUnit, petition_import: PetitionImport) -> dict[str, Any]:
    running = petition_import.status in (ImportStatus.PENDING, ImportStatus.RUNNING)
    total = petition_import.total_rows
    if petition_import.status == ImportStatus.DONE:
        percent = 100
    elif total:
        percent = min(99, petition_import.done_rows * 100 // total)
    else:
        percent = 0
    already = max(0, total - petition_import.created_count) if petition_import.status == ImportStatus.DONE else 0
    return {
        "petition_import": petition_import,
        "running": running,
        "percent": percent,
        "already": already,
        "errors": petition_import.errors or [],
        "list_url": _list_url(unit, kenh=Channel.SUMMARY_IMPORT, hoi_nghi=petition_import.conference_id or ""),
        "status_url": reverse("petitions:import_status", args=[unit.pk, petition_import.pk]),
    }


@login_required
@require_GET
def import_status(request: HttpRequest, unit_id: int, import_id: int) -> HttpResponse:
    unit = unit_for(request, unit_id, rules.RECEIVE_PETITIONS)
    petition_import = selectors.get_import(unit, import_id)
    context = _context(request, unit, **_status_context(unit, petition_import))
    if is_htmx(request):
        return render(request, "petitions/intake/_import_status.html", context)
    return render(request, "petitions/intake/import_status.html", context)


URLS: list[URLPattern] = [
    path("nhap-phieu/", paper_entry, name="paper_entry"),
    path("nhap-excel/", import_upload, name="import"),
    path("nhap-excel/mau/", import_template, name="import_template"),
    path("nhap-excel/<int:import_id>/", import_status, name="import_status"),
]
