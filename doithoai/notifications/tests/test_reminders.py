"""The daily reminder run, through the background task: who gets what, on which day, once, by which channel."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from doithoai.accounts.models import Membership, User
from doithoai.accounts.roles import Role
from doithoai.audit.models import AuditEvent
from doithoai.conferences.actions import (
    conference_announce,
    conference_cancel,
    conference_conclude,
    conference_hold,
    conference_reschedule,
    timeline_step_complete,
)
from doithoai.conferences.tests.conftest import at, on_day
from doithoai.notifications import actions
from doithoai.notifications.models import EmailState, Notification, NotificationKind
from doithoai.notifications.tests.conftest import run, step
from doithoai.units.models import Department

D = dt.date
FRIDAY = D(2026, 5, 29)  # 3 days before Monday 01/6 (opinion collection due) and the announcement's due day
MONDAY = D(2026, 6, 1)


def keys_of(user) -> set[str]:
    return set(Notification.objects.filter(recipient=user).values_list("dedupe_key", flat=True))


def key(conference, step_key, slot) -> str:
    s = step(conference, step_key)
    return f"step:{s.pk}:{s.due_date.isoformat()}:{slot}"


def test_it_reminds_the_front_on_friday_of_its_step_due_monday_and_not_at_the_weekend(cast, conference):
    run(D(2026, 5, 28))
    assert key(conference, "opinion_collection", "before:3") not in keys_of(cast.front_a)
    thursday = Notification.objects.count()

    counts = run(FRIDAY)

    assert key(conference, "opinion_collection", "before:3") in keys_of(cast.front_a)
    notification = Notification.objects.get(
        recipient=cast.front_a, dedupe_key=key(conference, "opinion_collection", "before:3")
    )
    assert notification.kind == NotificationKind.STEP_DUE_SOON
    assert notification.title.startswith("Còn 3 ngày đến hạn: Lấy ý kiến Nhân dân")
    assert notification.unit == cast.commune_a
    assert notification.url == f"/don-vi/{cast.commune_a.pk}/hoi-nghi/{conference.pk}/"
    assert counts["notifications"] == Notification.objects.count() - thursday > 0

    before_weekend = Notification.objects.count()
    assert run(D(2026, 5, 30))["notifications"] == 0
    assert run(D(2026, 5, 31))["notifications"] == 0
    assert Notification.objects.count() == before_weekend

    run(MONDAY)
    today = Notification.objects.get(
        recipient=cast.front_a, dedupe_key=key(conference, "opinion_collection", "before:0")
    )
    assert today.kind == NotificationKind.STEP_DUE_TODAY
    assert today.title.startswith("Hôm nay đến hạn: Lấy ý kiến")


def test_it_sends_nothing_new_when_the_day_is_run_twice(cast, conference):
    first = run(FRIDAY)
    sent = len(mail.outbox)
    count = Notification.objects.count()

    second = run(FRIDAY)

    assert first["notifications"] > 0 and first["emails_sent"] == sent > 0
    assert second["notifications"] == 0 and second["emails_sent"] == 0
    assert Notification.objects.count() == count
    assert len(mail.outbox) == sent
    # One audit event per run, with its counts; none per e-mail.
    events = AuditEvent.objects.filter(event_type="notifications.reminders_sent").order_by("pk")
    assert [e.changes["_extra"]["notifications"] for e in events] == [first["notifications"], 0]
    assert events[0].changes["_extra"]["emails_sent"] == sent
    assert events[0].changes["_extra"]["day"] == "2026-05-29"


def test_it_emails_the_reminder_in_vietnamese_with_the_date_as_documents_write_it(cast, conference, settings):
    settings.SITE_URL = "https://doithoai.langson.gov.vn"

    run(FRIDAY)

    to_front = [m for m in mail.outbox if m.to == ["mattran_a@example.vn"] and "Lấy ý kiến" in m.subject]
    assert len(to_front) == 1
    message = to_front[0]
    assert message.subject.startswith("[Đối thoại với Nhân dân] Còn 3 ngày đến hạn: Lấy ý kiến Nhân dân")
    assert "\n" not in message.subject
    body = message.body
    assert body.startswith("Kính gửi Lộc Thị Mặt,")
    assert "Còn 3 ngày đến hạn: Lấy ý kiến Nhân dân (phát phiếu qua MTTQ" in body
    assert "Hội nghị: Hội nghị đối thoại năm 2026, 07 giờ 30, Thứ Sáu, ngày 05 tháng 6 năm 2026" in body
    assert "Đơn vị: Xã Điềm He" in body
    assert "Hạn: Thứ Hai, ngày 01 tháng 6 năm 2026" in body
    assert f"https://doithoai.langson.gov.vn/don-vi/{cast.commune_a.pk}/hoi-nghi/{conference.pk}/" in body
    assert "https://doithoai.langson.gov.vn/thong-bao/" in body
    assert "&" not in body  # not HTML-escaped


def test_it_marks_a_statutory_due_date_in_the_reminder(cast, conference):
    run(FRIDAY)

    notification = Notification.objects.get(
        recipient=cast.officer_a, dedupe_key=key(conference, "announcement", "before:0")
    )
    assert "Hạn: Thứ Sáu, ngày 29 tháng 5 năm 2026 (thời hạn luật định)" in notification.body


def test_it_sends_nothing_for_a_step_that_is_done(cast, conference):
    with on_day(D(2026, 5, 28)):
        timeline_step_complete(actor=cast.front_a, step=step(conference, "opinion_collection"))

    run(FRIDAY)
    run(MONDAY)
    run(D(2026, 6, 9))

    assert not any(k.startswith(f"step:{step(conference, 'opinion_collection').pk}:") for k in keys_of(cast.front_a))
    # The Front's other step is still reminded.
    assert key(conference, "front_summary", "before:3") in keys_of(cast.front_a)


def test_it_sends_nothing_for_a_cancelled_conference(cast, conference):
    with on_day(D(2026, 5, 20)):
        conference_cancel(actor=cast.chair_a, conference=conference)

    for day in (FRIDAY, MONDAY, D(2026, 6, 2), D(2026, 6, 16)):
        assert run(day)["notifications"] == 0

    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_it_keeps_reminding_after_the_conference_until_the_written_answers_are_sent(cast, conference):
    with on_day(D(2026, 5, 29)):
        conference_announce(actor=cast.officer_a, conference=conference)
    with on_day(D(2026, 6, 5)):
        conference_hold(actor=cast.officer_a, conference=conference)

    run(D(2026, 6, 15))  # the conclusion notice is due
    assert key(conference, "conclusion_notice", "before:0") in keys_of(cast.officer_a)

    with on_day(D(2026, 6, 15)):
        conference_conclude(actor=cast.officer_a, conference=conference)
    # Concluded, but the answers in writing are due 10 working days after Friday 05/6: Friday 19/6.
    run(D(2026, 6, 19))
    assert key(conference, "written_answers", "before:0") in keys_of(cast.officer_a)


def test_it_reminds_an_overdue_step_once_then_weekly(cast, conference):
    overdue = [D(2026, 6, 2), D(2026, 6, 3), D(2026, 6, 5), D(2026, 6, 8), D(2026, 6, 9), D(2026, 6, 10)]
    for day in overdue:
        run(day)

    opinion = step(conference, "opinion_collection")
    found = sorted(k for k in keys_of(cast.front_a) if k.startswith(f"step:{opinion.pk}:") and "overdue" in k)
    assert found == [
        key(conference, "opinion_collection", "overdue:0"),
        key(conference, "opinion_collection", "overdue:1"),
    ]
    first = Notification.objects.get(recipient=cast.front_a, dedupe_key=found[0])
    assert first.kind == NotificationKind.STEP_OVERDUE
    assert first.title.startswith("Quá hạn 1 ngày: Lấy ý kiến")


def test_it_reminds_again_for_the_new_date_when_the_conference_is_rescheduled(cast, conference):
    run(FRIDAY)
    with on_day(D(2026, 5, 29)):
        conference_reschedule(actor=cast.officer_a, conference=conference, starts_at=at(D(2026, 6, 12), 7, 30))
    opinion = step(conference, "opinion_collection")
    assert opinion.due_date == D(2026, 6, 8)

    run(D(2026, 6, 5))

    assert key(conference, "opinion_collection", "before:3") in keys_of(cast.front_a)
    assert f"step:{opinion.pk}:2026-06-01:before:3" in keys_of(cast.front_a)


def test_it_reminds_the_office_of_the_announcement_and_the_front_of_its_own_steps_only(cast, conference):
    run(FRIDAY)

    assert key(conference, "announcement", "before:0") in keys_of(cast.officer_a)
    assert keys_of(cast.front_a) == {
        key(conference, "opinion_collection", "before:3"),
        key(conference, "front_summary", "before:3"),
    }
    for user in (cast.chair_a, cast.vice_chair_a, cast.council_a, cast.village_head_a, cast.department_officer_a):
        assert keys_of(user) == set(), user
    assert keys_of(cast.officer_b) == set()


def drafts(conference):
    """The answer drafts step (the department officers'; one per department when the plan assigns them)."""
    return conference.steps.filter(owner_role=Role.DEPARTMENT_OFFICER).order_by("pk").first()


def test_it_reminds_every_department_officer_of_a_step_that_names_no_department(cast, conference):
    answer_drafts = drafts(conference)
    answer_drafts.owner_department = None
    answer_drafts.save(update_fields=["owner_department"])

    run(MONDAY)  # answer drafts due Thursday 04/6: 3 days before

    drafts_key = f"step:{answer_drafts.pk}:2026-06-04:before:3"
    assert drafts_key in keys_of(cast.department_officer_a)
    assert keys_of(cast.front_a) >= {key(conference, "front_summary", "before:3")}
    assert drafts_key not in keys_of(cast.front_a)
    assert drafts_key not in keys_of(cast.officer_a)


def test_it_reminds_only_the_officers_of_the_department_a_step_names(cast, conference):
    culture = Department.objects.create(unit=cast.commune_a, name="Phòng Văn hóa - Xã hội")
    culture_officer = User.objects.create(username="vanhoa_a", full_name="Hoàng Thị Hóa", email="vanhoa@example.vn")
    Membership.objects.create(
        user=culture_officer, unit=cast.commune_a, role=Role.DEPARTMENT_OFFICER, department=culture
    )
    answer_drafts = drafts(conference)
    answer_drafts.owner_department = culture
    answer_drafts.save(update_fields=["owner_department"])

    run(MONDAY)

    drafts_key = f"step:{answer_drafts.pk}:2026-06-04:before:3"
    assert keys_of(culture_officer) == {drafts_key}
    assert drafts_key not in keys_of(cast.department_officer_a)


def test_it_skips_inactive_memberships_and_inactive_accounts(cast, conference):
    Membership.objects.filter(user=cast.front_a).update(is_active=False)
    cast.officer_a.is_active = False
    cast.officer_a.save(update_fields=["is_active"])

    run(FRIDAY)

    assert keys_of(cast.front_a) == set()
    assert keys_of(cast.officer_a) == set()


def test_it_sends_an_overdue_statutory_step_to_the_office_too(cast, conference):
    summary = step(conference, "front_summary")
    summary.is_statutory = True
    summary.save(update_fields=["is_statutory"])

    run(D(2026, 6, 3))  # the Front summary (Tue 02/6) and the opinion collection (Mon 01/6) are overdue

    assert key(conference, "front_summary", "overdue:0") in keys_of(cast.front_a)
    assert key(conference, "front_summary", "overdue:0") in keys_of(cast.officer_a)
    # A step that is not statutory stays with its owner.
    assert key(conference, "opinion_collection", "overdue:0") in keys_of(cast.front_a)
    assert key(conference, "opinion_collection", "overdue:0") not in keys_of(cast.officer_a)


def test_it_sends_in_app_only_to_a_person_without_an_e_mail_address(cast, conference):
    cast.front_a.email = ""
    cast.front_a.save(update_fields=["email"])

    run(FRIDAY)

    assert Notification.objects.filter(recipient=cast.front_a).count() == 2
    assert set(Notification.objects.filter(recipient=cast.front_a).values_list("email_state", flat=True)) == {
        EmailState.NONE
    }
    assert not [m for m in mail.outbox if "Lấy ý kiến" in m.subject]
    assert [m for m in mail.outbox if m.to == ["vanphong_a@example.vn"]]


def test_it_sends_no_e_mail_to_a_person_who_switched_them_off(cast, conference):
    actions.preference_update(actor=cast.front_a, email_reminders=False)

    run(FRIDAY)

    assert Notification.objects.filter(recipient=cast.front_a).count() == 2
    assert not [m for m in mail.outbox if m.to == ["mattran_a@example.vn"]]
    assert [m for m in mail.outbox if m.to == ["vanphong_a@example.vn"]]

    actions.preference_update(actor=cast.front_a, email_reminders=True)
    run(MONDAY)
    assert [m for m in mail.outbox if m.to == ["mattran_a@example.vn"]]


def test_it_tries_a_refused_e_mail_again_at_the_next_run_and_never_sends_it_twice(cast, conference, monkeypatch):
    from doithoai.notifications import emails

    real = emails.deliver

    def refuse(notification):
        raise OSError("mail server down")

    monkeypatch.setattr(emails, "deliver", refuse)
    counts = run(FRIDAY)
    assert counts["emails_sent"] == 0 and counts["emails_failed"] > 0
    assert mail.outbox == []
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.PENDING}

    monkeypatch.setattr(emails, "deliver", real)
    again = run(FRIDAY)
    assert again["notifications"] == 0
    assert again["emails_sent"] == counts["emails_failed"] == len(mail.outbox)
    assert run(FRIDAY)["emails_sent"] == 0
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.SENT}


def test_it_gives_up_an_e_mail_after_three_refusals(cast, conference, monkeypatch):
    from doithoai.notifications import emails

    def refuse(notification):
        raise OSError("mail server down")

    monkeypatch.setattr(emails, "deliver", refuse)
    for _ in range(4):
        run(FRIDAY)

    states = set(Notification.objects.values_list("email_state", "email_attempts"))
    assert states == {(EmailState.FAILED, 3)}


def test_it_tells_the_front_of_a_new_conference_once(cast, plan):
    from doithoai.conferences.tests.conftest import make_conference

    with on_day(D(2026, 5, 4)):
        conference = make_conference(cast, plan, D(2026, 6, 5))

    run(D(2026, 5, 4))
    run(D(2026, 5, 5))

    notices = Notification.objects.filter(kind=NotificationKind.CONFERENCE_CREATED)
    assert [(n.recipient, n.dedupe_key) for n in notices] == [(cast.front_a, f"conference:{conference.pk}:created")]
    assert notices[0].title == "Hội nghị mới: Hội nghị đối thoại năm 2026"
    assert "Thời gian: 07 giờ 30, Thứ Sáu, ngày 05 tháng 6 năm 2026" in notices[0].body


def test_it_does_not_tell_of_a_conference_created_long_before_the_first_run(cast, conference):
    run(D(2026, 5, 20))

    assert not Notification.objects.filter(kind=NotificationKind.CONFERENCE_CREATED).exists()


def test_it_follows_the_reminder_days_setting(cast, conference, settings):
    settings.DOITHOAI_REMINDER_DAYS_BEFORE = (7,)

    for day in (D(2026, 5, 25), FRIDAY, MONDAY):  # 7 and 3 days before the opinion collection (Mon 01/6), the day
        run(day)

    opinion = step(conference, "opinion_collection")
    assert {k for k in keys_of(cast.front_a) if k.startswith(f"step:{opinion.pk}:")} == {
        key(conference, "opinion_collection", "before:7")
    }


@pytest.mark.parametrize("language", ["en", "vi"])
def test_it_writes_reminders_in_vietnamese_whatever_language_is_active(cast, conference, language):
    from django.utils import translation

    with translation.override(language):
        run(FRIDAY)

    notification = Notification.objects.get(
        recipient=cast.front_a, dedupe_key=key(conference, "opinion_collection", "before:3")
    )
    assert notification.title.startswith("Còn 3 ngày đến hạn")
    # "Đối thoại với Nhân dân" has an English translation: the e-mail must not use it.
    assert all(m.subject.startswith("[Đối thoại với Nhân dân] ") for m in mail.outbox)
