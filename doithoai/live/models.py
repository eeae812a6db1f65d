"""The conference on the day: its agenda, the list of speakers with their timer, the room that the hall's
screen follows, each exchange of the dialogue, and the minutes (biên bản).

The agenda and the list of speakers can be prepared before the day; the room (`Room`) is what the
secretary starts in the hall and ends when the chair closes the conference. Exchanges record each
question and what the chair concluded; the petitions they answer, assign or refer go through the
petitions app's actions, so a question raised in the hall is a petition like any other.

Timers are stored as "elapsed before the current run" plus "running since", so that a reload, a second
browser or the hall's screen all compute the same time from the server's clock.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doithoai.conferences.models import Conference
from doithoai.units.models import AdminUnit, Department, Village


def new_screen_token() -> str:
    return secrets.token_urlsafe(18)


def running_seconds(elapsed: int, since: dt.datetime | None, now: dt.datetime | None = None) -> int:
    """Seconds on a timer that had `elapsed` before it was (re)started at `since` (None: not running)."""
    if since is None:
        return elapsed
    now = now or timezone.now()
    return elapsed + max(0, int((now - since).total_seconds()))


class AgendaKind(models.TextChoices):
    """The parts of the standard programme (seeds 001 and 004); "other" for what a unit adds."""

    OPENING = "opening", _("Khai mạc, giới thiệu đại biểu")
    RULES = "rules", _("Thông qua chương trình, nội quy")
    SPEECH = "speech", _("Phát biểu")
    REPORT = "report", _("Báo cáo tình hình kinh tế - xã hội")
    FRONT_REPORT = "front_report", _("Báo cáo tổng hợp ý kiến của Mặt trận")
    DIALOGUE = "dialogue", _("Đối thoại")
    CONCLUSIONS = "conclusions", _("Kết luận từng vấn đề")
    PARTY = "party", _("Phát biểu của đại diện Đảng ủy")
    CLOSING = "closing", _("Kết luận, bế mạc")
    BREAK = "break", _("Giải lao")
    OTHER = "other", _("Khác")


class AgendaItem(models.Model):
    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại"), max_length=20, choices=AgendaKind.choices, default=AgendaKind.OTHER)
    title = models.CharField(_("nội dung"), max_length=255)
    presenter = models.CharField(_("người trình bày"), max_length=160, blank=True)
    planned_minutes = models.PositiveIntegerField(_("thời lượng dự kiến (phút)"), default=10)
    # Time used: seconds accumulated in earlier runs, plus now − current_since while it is the current item.
    elapsed_seconds = models.PositiveIntegerField(_("thời gian đã dùng (giây)"), default=0)
    current_since = models.DateTimeField(null=True, blank=True, editable=False)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True, editable=False)
    ended_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mục chương trình")
        verbose_name_plural = _("chương trình hội nghị")
        ordering = ["conference", "order", "pk"]  # noqa: RUF012

    def __str__(self) -> str:
        return self.title

    @property
    def unit(self) -> AdminUnit:
        return self.conference.unit

    @property
    def is_current(self) -> bool:
        return self.current_since is not None

    @property
    def is_done(self) -> bool:
        return self.ended_at is not None and self.current_since is None

    def used_seconds(self, now: dt.datetime | None = None) -> int:
        return running_seconds(self.elapsed_seconds, self.current_since, now)


class SpeakerStatus(models.TextChoices):
    WAITING = "waiting", _("Chờ phát biểu")
    SPEAKING = "speaking", _("Đang phát biểu")
    PAUSED = "paused", _("Tạm dừng")
    DONE = "done", _("Đã phát biểu")
    WITHDRAWN = "withdrawn", _("Rút, không phát biểu")


class Speaker(models.Model):
    """One entry of the list of speakers: an invited delegate, or a citizen who asked for the floor in the
    hall (name optional). Advance registrations (`SpeakingRequest`) become entries of this list."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="speakers"
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    delegate = models.ForeignKey(
        "delegates.Delegate",
        verbose_name=_("đại biểu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speeches",
    )
    name = models.CharField(_("họ và tên"), max_length=120, blank=True, help_text=_("Không bắt buộc"))
    village = models.ForeignKey(
        Village,
        verbose_name=_("thôn, tổ dân phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    label = models.CharField(_("thành phần"), max_length=160, blank=True, help_text=_("Ví dụ: Cử tri, Trưởng thôn"))
    # Personal data (Luật 91/2025): the name goes on the hall's screen only if the person agrees.
    show_name = models.BooleanField(_("đồng ý hiện tên trên màn hình"), default=False)
    topic = models.CharField(_("nội dung đăng ký phát biểu"), max_length=500, blank=True)
    petitions = models.ManyToManyField(
        "petitions.Petition", verbose_name=_("ý kiến đã gửi"), blank=True, related_name="speeches"
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=SpeakerStatus.choices, default=SpeakerStatus.WAITING, editable=False
    )
    limit_seconds = models.PositiveIntegerField(_("thời gian tối đa (giây)"), default=300)
    elapsed_seconds = models.PositiveIntegerField(_("đã nói (giây)"), default=0, editable=False)
    running_since = models.DateTimeField(null=True, blank=True, editable=False)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True, editable=False)
    ended_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True, editable=False)
    submission_key = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("người phát biểu")
        verbose_name_plural = _("danh sách phát biểu")
        ordering = ["conference", "order", "pk"]  # noqa: RUF012
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(
                fields=["conference", "submission_key"],
                condition=~models.Q(submission_key=""),
                name="live_speaker_unique_submission",
            ),
        ]
        indexes = [models.Index(fields=["conference", "status"], name="live_speaker_conf_status")]  # noqa: RUF012

    def __str__(self) -> str:
        return self.display_name

    @property
    def unit(self) -> AdminUnit:
        return self.conference.unit

    @property
    def display_name(self) -> str:
        """For staff pages: the name, else the group and village ("Cử tri thôn Nà Pò")."""
        return self.name or self.anonymous_label

    @property
    def anonymous_label(self) -> str:
        who = self.label or str(_("Cử tri"))
        return f"{who} – {self.village.name}" if self.village_id and self.village else who

    @property
    def screen_name(self) -> str:
        """For the hall's screen: the name only with consent."""
        if self.name and self.show_name:
            return f"{self.name} ({self.village.name})" if self.village_id and self.village else self.name
        return self.anonymous_label

    def spoken_seconds(self, now: dt.datetime | None = None) -> int:
        return running_seconds(self.elapsed_seconds, self.running_since, now)


class RoomStatus(models.TextChoices):
    READY = "ready", _("Chưa bắt đầu")
    RUNNING = "running", _("Đang diễn ra")
    ENDED = "ended", _("Đã kết thúc")


class Room(models.Model):
    """The conference as it runs: what is current, for the secretary's pages and the hall's screen.

    `version` goes up with every change the screen shows; the screen asks for the state only when it has
    changed. `screen_token` opens the screen without signing in (a TV in the hall), and can be renewed."""

    conference = models.OneToOneField(
        Conference, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="room"
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=RoomStatus.choices, default=RoomStatus.READY, editable=False
    )
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True, editable=False)
    ended_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True, editable=False)
    current_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    current_speaker = models.ForeignKey(
        Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    notice = models.CharField(_("dòng thông báo trên màn hình"), max_length=200, blank=True)
    screen_token = models.CharField(max_length=40, unique=True, default=new_screen_token, editable=False)
    version = models.PositiveBigIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("phòng hội nghị")
        verbose_name_plural = _("phòng hội nghị")

    def __str__(self) -> str:
        return str(self.conference)

    @property
    def unit(self) -> AdminUnit:
        return self.conference.unit


class Outcome(models.TextChoices):
    """The chair's conclusion on one question."""

    ANSWERED = "answered", _("Đã trả lời tại hội nghị")
    IN_WRITING = "in_writing", _("Giao trả lời bằng văn bản")
    REFERRED_UP = "referred_up", _("Kiến nghị cấp trên")
    REFERRED_BODY = "referred_body", _("Chuyển cơ quan có thẩm quyền")


class ExchangeStatus(models.TextChoices):
    OPEN = "open", _("Đang ghi")
    CONCLUDED = "concluded", _("Đã kết luận")


class Exchange(models.Model):
    """One question of the dialogue and its answer: who asked, the petitions it concerns (raised in the hall
    or sent before), who answered, the answer in brief and the chair's conclusion."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="exchanges"
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    speaker = models.ForeignKey(
        Speaker,
        verbose_name=_("người hỏi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exchanges",
    )
    question = models.TextField(_("nội dung câu hỏi (tóm tắt)"))
    petitions = models.ManyToManyField(
        "petitions.Petition", verbose_name=_("ý kiến, kiến nghị"), blank=True, related_name="exchanges"
    )
    answered_by = models.CharField(_("người trả lời"), max_length=160, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("cơ quan trả lời"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answer_text = models.TextField(_("nội dung trả lời (tóm tắt)"), blank=True)
    outcome = models.CharField(_("kết luận của chủ trì"), max_length=20, choices=Outcome.choices, blank=True)
    conclusion = models.TextField(_("nội dung kết luận"), blank=True)
    due_date = models.DateField(_("hạn trả lời bằng văn bản"), null=True, blank=True)
    to_body = models.CharField(_("cơ quan nhận"), max_length=255, blank=True)
    answer = models.ForeignKey(
        "petitions.Answer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    referral = models.ForeignKey(
        "petitions.Referral", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=ExchangeStatus.choices, default=ExchangeStatus.OPEN, editable=False
    )
    concluded_at = models.DateTimeField(_("kết luận lúc"), null=True, blank=True, editable=False)
    submission_key = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lượt đối thoại")
        verbose_name_plural = _("các lượt đối thoại")
        ordering = ["conference", "order", "pk"]  # noqa: RUF012
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(
                fields=["conference", "submission_key"],
                condition=~models.Q(submission_key=""),
                name="live_exchange_unique_submission",
            ),
        ]

    def __str__(self) -> str:
        return self.question[:80]

    @property
    def unit(self) -> AdminUnit:
        return self.conference.unit


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Đang ghi")
    FINALISED = "finalised", _("Đã hoàn thành, chờ ký")
    SIGNED = "signed", _("Đã ký")


class Minutes(models.Model):
    """The minutes (biên bản, NĐ 30 Mẫu 1.9) of one conference.

    What the system knows (attendance from check-in, the agenda as held, each exchange) is read from the
    data while the minutes are a draft; what the secretary types is in `MinutesSection`s, each saved on
    its own with a revision number so that two browsers never overwrite each other silently. Finalising
    freezes everything into `content` (with its hash); the chair and the secretary then sign, and the
    minutes are read-only."""

    conference = models.OneToOneField(
        Conference, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="minutes"
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT, editable=False
    )
    content = models.JSONField(_("nội dung đã chốt"), null=True, blank=True, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    finalised_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True, editable=False)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    secretary_signed_at = models.DateTimeField(_("thư ký ký lúc"), null=True, blank=True, editable=False)
    secretary_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    chair_signed_at = models.DateTimeField(_("chủ tọa ký lúc"), null=True, blank=True, editable=False)
    chair_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("biên bản hội nghị")
        verbose_name_plural = _("biên bản hội nghị")

    def __str__(self) -> str:
        return str(self.conference)

    @property
    def unit(self) -> AdminUnit:
        return self.conference.unit


class MinutesSection(models.Model):
    """One block of text the secretary types: `key` is "participants", "agenda:<item id>",
    "exchange:<exchange id>" or "closing". `revision` goes up with every save; a save names the revision
    it was typed on, and is refused (a conflict, shown to the person) if someone saved in between."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=40)
    text = models.TextField(blank=True)
    revision = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đoạn biên bản")
        verbose_name_plural = _("các đoạn biên bản")
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=["minutes", "key"], name="live_minutes_section_unique_key"),
        ]

    def __str__(self) -> str:
        return self.key


class RequestSource(models.TextChoices):
    """Where an advance registration to speak came from."""

    PORTAL = "portal", _("Cổng công khai")
    VILLAGE_HEAD = "village_head", _("Qua trưởng thôn")
    OFFICE = "office", _("Văn phòng nhập")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Chờ xếp")
    SCHEDULED = "scheduled", _("Đã đưa vào danh sách phát biểu")
    DECLINED = "declined", _("Không xếp")


class SpeakingRequest(models.Model):
    """An advance registration to speak (đăng ký phát biểu): a delegate or citizen asks, before the conference,
    to speak on a topic or put a question, on the portal or through their village head. The office sees them
    by topic and village, links them to petitions already sent, and puts them into the list of speakers
    (`speaker`) or declines them with a reason. No phone: the list of speakers needs none (Luật 91/2025)."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="speaking_requests"
    )
    source = models.CharField(_("nguồn"), max_length=16, choices=RequestSource.choices, editable=False)
    village = models.ForeignKey(
        Village,
        verbose_name=_("thôn, tổ dân phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    delegate = models.ForeignKey(
        "delegates.Delegate",
        verbose_name=_("đại biểu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speaking_requests",
    )
    name = models.CharField(_("họ và tên"), max_length=120, blank=True, help_text=_("Không bắt buộc"))
    # Personal data (Luật 91/2025): asked separately, never ticked in advance.
    show_name = models.BooleanField(_("đồng ý hiện tên trên màn hình"), default=False)
    topic = models.CharField(_("nội dung, câu hỏi đăng ký phát biểu"), max_length=1000)
    sector = models.ForeignKey(
        "petitions.Sector",
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    petitions = models.ManyToManyField(
        "petitions.Petition", verbose_name=_("ý kiến đã gửi"), blank=True, related_name="speaking_requests"
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.PENDING, editable=False
    )
    decline_reason = models.CharField(_("lý do không xếp"), max_length=500, blank=True, editable=False)
    speaker = models.ForeignKey(
        Speaker,
        verbose_name=_("trong danh sách phát biểu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
        editable=False,
    )
    submission_key = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đăng ký phát biểu")
        verbose_name_plural = _("đăng ký phát biểu")
        ordering = ["conference", "created_at", "pk"]  # noqa: RUF012
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(
                fields=["conference", "submission_key"],
                condition=~models.Q(submission_key=""),
                name="live_speakingrequest_unique_submission",
            ),
        ]
        indexes = [models.Index(fields=["conference", "status"], name="live_request_conf_status")]  # noqa: RUF012

    def __str__(self) -> str:
        # The audit trail's label: no name (personal data).
        return str(_("Đăng ký phát biểu số %(n)s") % {"n": self.pk})

    @property
    def unit(self) -> AdminUnit:
        return self.conference.unit
