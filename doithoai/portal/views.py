"""The public portal: no sign-in, read-only (GET and HEAD only), phone-first.

What is public and when is decided in selectors.py; what a page says about a
conference in display.py; the radio script in radio.py; the calendar file in ics.py.
"""

from __future__ import annotations

import datetime as dt

import segno
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.lib.params import query_id
from doithoai.petitions.selectors import public as petitions_public
from doithoai.portal import display, ics, radio, selectors

PAGE_SIZE = 10
CONCLUSIONS_PAGE_SIZE = 20
QUERY_MAX_LENGTH = 100
POSTER_LANGUAGE = "vi"


def _today() -> dt.date:
    return timezone.localdate()


def _page(request: HttpRequest, qs: QuerySet[Conference], param: str) -> Page:
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get(param))


def _qr_svg(url: str, *, scale: int) -> SafeString:
    # segno writes only the picture's path and escapes the title, so its SVG is safe to inline.
    svg = segno.make(url, error="m").svg_inline(
        scale=scale, border=2, omitsize=True, dark="#000", light="#fff", svgclass="qr-code", title=_("Mã QR")
    )
    return mark_safe(svg)  # noqa: S308


def _conference_url(request: HttpRequest, conference: Conference) -> str:
    return request.build_absolute_uri(reverse("portal:conference", args=[conference.pk]))


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Upcoming conferences across every unit, soonest first; the past ones below."""
    query = request.GET.get("q", "").strip()[:QUERY_MAX_LENGTH]
    options = selectors.provinces()
    province = selectors.province_by_id(options, request.GET.get("tinh"))
    today = _today()
    upcoming = _page(request, selectors.upcoming(query=query, province=province), "trang")
    past = _page(request, selectors.past(query=query, province=province), "trang_truoc")
    return render(
        request,
        "portal/index.html",
        {
            "query": query,
            "provinces": options,
            "province": province,
            "upcoming": upcoming,
            "upcoming_cards": display.cards(upcoming.object_list, today),
            "past": past,
            "past_cards": display.cards(past.object_list, today),
            "page_url": request.build_absolute_uri(reverse("portal:index")),
        },
    )


@require_safe
def unit_page(request: HttpRequest, unit_id: int) -> HttpResponse:
    """One unit: its upcoming and past conferences, and its issued plans with their topics."""
    unit = selectors.get_public_unit(unit_id)
    today = _today()
    upcoming = _page(request, selectors.upcoming(unit=unit), "trang")
    past = _page(request, selectors.past(unit=unit), "trang_truoc")
    return render(
        request,
        "portal/unit.html",
        {
            "unit": unit,
            "upcoming": upcoming,
            "upcoming_cards": display.cards(upcoming.object_list, today),
            "past": past,
            "past_cards": display.cards(past.object_list, today),
            "plans": selectors.public_plans(unit),
            "page_url": request.build_absolute_uri(reverse("portal:unit", args=[unit.pk])),
            "accepts_petitions": petitions_public.accepts_online(unit),
        },
    )


@require_safe
def conference_page(request: HttpRequest, conference_id: int) -> HttpResponse:
    """The announcement (R-05): time, venue, content, who is invited, how to take part."""
    conference = selectors.get_public_conference(conference_id)
    url = _conference_url(request, conference)
    return render(
        request,
        "portal/conference.html",
        {
            "ann": display.announcement(conference, _today()),
            "page_url": url,
            "qr_svg": _qr_svg(url, scale=4),
            "takes_petitions": conference.status in petitions_public.OPEN_CONFERENCE_STATES
            and petitions_public.accepts_online(conference.unit),
            "has_conclusions": petitions_public.conclusions_public(conference),
        },
    )


def _chosen[T: Model](options: list[T], value: str | None) -> T | None:
    """The option the filter names, if it is one of them; anything else is ignored."""
    pk = query_id(value)
    return next((o for o in options if o.pk == pk), None) if pk is not None else None


@require_safe
def conclusions(request: HttpRequest, conference_id: int) -> HttpResponse:
    """The conference's answered opinions and petitions, as published: by sector, filtered by sector and
    village, searched without diacritics. Listed once the conference is held (the answers approved by the
    chair); a banner says whether the conclusion notice has been issued. Names only with consent; no phone."""
    conference = petitions_public.conclusions_conference(conference_id)
    published = petitions_public.conclusions_public(conference)
    choices = petitions_public.conclusion_choices(conference) if published else petitions_public.ConclusionChoices()
    query = request.GET.get("q", "").strip()[:QUERY_MAX_LENGTH]
    filters = petitions_public.ConclusionFilters(
        sector=_chosen(choices.sectors, request.GET.get("linh_vuc")),
        village=_chosen(choices.villages, request.GET.get("thon")),
        query=query,
    )
    page = Paginator(petitions_public.conclusions(conference, filters), CONCLUSIONS_PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    return render(
        request,
        "portal/conclusions.html",
        {
            "conference": conference,
            "unit": conference.unit,
            "state": display.state_of(conference, _today()),
            "published": published,
            "concluded": conference.status == ConferenceStatus.CONCLUDED,
            "choices": choices,
            "filters": filters,
            "query": query,
            "page": page,
            "items": petitions_public.conclusion_items(page.object_list),
            "filtered": bool(filters.sector or filters.village or query),
        },
    )


@require_safe
def poster(request: HttpRequest, conference_id: int) -> HttpResponse:
    """The announcement on one A4 page in large type, with the QR code, for the notice board (in Vietnamese)."""
    conference = selectors.get_public_conference(conference_id)
    url = _conference_url(request, conference)
    with translation.override(POSTER_LANGUAGE):
        return render(
            request,
            "portal/poster.html",
            {
                "ann": display.announcement(conference, _today()),
                "page_url": url,
                "qr_svg": _qr_svg(url, scale=6),
                "LANGUAGE_CODE": POSTER_LANGUAGE,
            },
        )


@require_safe
def radio_page(request: HttpRequest, conference_id: int) -> HttpResponse:
    """The radio script on a page, to copy or download."""
    conference = selectors.get_public_conference(conference_id)
    today = _today()
    text = radio.script(conference, today)
    return render(
        request,
        "portal/radio.html",
        {
            "ann": display.announcement(conference, today),
            "script": text,
            "words": len(text.split()),
            "minutes": radio.reading_minutes(text),
            "page_url": _conference_url(request, conference),
        },
    )


def _download(content: str, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content.encode("utf-8"), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def radio_text(request: HttpRequest, conference_id: int) -> HttpResponse:
    """The radio script as a plain UTF-8 text file."""
    conference = selectors.get_public_conference(conference_id)
    return _download(
        radio.script(conference, _today()),
        content_type="text/plain; charset=utf-8",
        filename=f"kich-ban-phat-thanh-hoi-nghi-{conference.pk}.txt",
    )


@require_safe
def calendar_file(request: HttpRequest, conference_id: int) -> HttpResponse:
    """The conference as an iCalendar event, to add to a phone's calendar."""
    conference = selectors.get_public_conference(conference_id)
    ann = display.announcement(conference, _today())
    url = _conference_url(request, conference)
    description = "\n".join(
        [
            ann.words.organiser,
            *([_("Chủ đề: %(topic)s") % {"topic": ann.topics[0]}] if ann.topics else []),
            *ann.how_to_take_part,
            url,
        ]
    )
    title = _("ĐÃ HỦY: %(title)s") % {"title": conference.title} if ann.is_cancelled else conference.title
    event = ics.Event(
        uid=f"hoi-nghi-{conference.pk}@{request.get_host().split(':')[0]}",
        starts_at=conference.starts_at,
        summary=f"{title} – {conference.unit.name}",
        location=conference.venue,
        description=description,
        url=url,
        cancelled=ann.is_cancelled,
        reminder=_("Ngày mai: %(title)s") % {"title": conference.title},
    )
    return _download(
        ics.calendar(event, now=timezone.now()),
        content_type="text/calendar; charset=utf-8",
        filename=f"hoi-nghi-doi-thoai-{conference.pk}.ics",
    )
