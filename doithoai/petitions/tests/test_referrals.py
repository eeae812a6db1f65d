"""Referral across units (issue 4 §6): commune A sends what is beyond it to the province, which answers it
in its own inbox or forwards it to another body; the answer comes back down to every original petition and
to the citizen. Also referral straight to another body, the transfer letter, and the compliance board's count.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doithoai.accounts.models import User
from doithoai.accounts.roles import Role
from doithoai.audit.display import event_label
from doithoai.audit.models import AuditEvent
from doithoai.notifications.models import Notification
from doithoai.petitions import actions, selectors
from doithoai.petitions.actions import answers, referrals
from doithoai.petitions.models import (
    AnswerMode,
    Channel,
    Jurisdiction,
    Kind,
    Petition,
    PetitionGroup,
    PetitionStatus,
    Referral,
)
from doithoai.todo.tests.conftest import make_user
from doithoai.units.models import Department

S = PetitionStatus
ICT = dt.timezone(dt.timedelta(hours=7))
MONDAY = dt.datetime(2026, 6, 8, 9, 0, tzinfo=ICT)
ROAD = "Đường tỉnh 226 đoạn qua xã Điềm He sạt lở, đề nghị tỉnh sửa chữa."
BODY = "Công ty Điện lực Lạng Sơn"


@pytest.fixture(autouse=True)
def monday():
    with time_machine.travel(MONDAY, tick=False):
        yield


@pytest.fixture
def province_chair(cast) -> User:
    return make_user("chutich_tinh", "Nguyễn Văn Tỉnh", cast.province, Role.CHAIR)


@pytest.fixture
def province_department(cast) -> Department:
    return Department.objects.create(unit=cast.province, name="Sở Xây dựng")


def sector(unit, code="XD-GT-HT"):
    return next(s for s in actions.sectors_ensure(actor=None, unit=unit) if s.code == code)


def classify(petition, actor, jurisdiction=Jurisdiction.HIGHER_LEVEL) -> Petition:
    return actions.petition_classify(
        actor=actor,
        petition=petition,
        kind=Kind.RECOMMENDATION,
        sector=sector(petition.unit),
        jurisdiction=jurisdiction,
    )


@pytest.fixture
def road(cast) -> list[Petition]:
    """Two citizens of commune A about the same provincial road: one online from an account, one on paper
    with a phone and consent to be called; grouped, classified as the province's matter."""
    online, _ = actions.create_petition(
        actor=cast.citizen,
        unit=cast.commune_a,
        data={"text": "Đường 226 sạt lở", "channel": Channel.ONLINE, "village": cast.village_a},
        submitted_by=cast.citizen,
    )
    paper, _ = actions.create_petition(
        actor=cast.officer_a,
        unit=cast.commune_a,
        data={
            "text": "Đường tỉnh sạt lở nguy hiểm",
            "channel": Channel.PAPER_FORM,
            "village": cast.village_a,
            "submitter_name": "Nông Văn Pàn",
            "submitter_phone": "0912345678",
            "consent_contact": True,
        },
    )
    group = PetitionGroup.objects.create(unit=cast.commune_a, title=ROAD)
    Petition.objects.filter(pk__in=[online.pk, paper.pk]).update(group=group)
    return [classify(Petition.objects.get(pk=p.pk), cast.officer_a) for p in (online, paper)]


def fresh(petition) -> Petition:
    return Petition.objects.select_related("answer", "referral").get(pk=petition.pk)


def url(name, unit, *args):
    return reverse(f"petitions:{name}", args=[unit.pk, *args])


def test_the_answer_of_the_province_comes_back_to_the_commune_s_citizens(
    client, cast, road, province_chair, province_department
):
    referral = referrals.refer_to_parent(
        actor=cast.officer_a, petitions=road, letter_number="45/UBND-VP", letter_date=dt.date(2026, 6, 8)
    )

    # Commune A: both petitions wait on the province; their own deadline no longer runs.
    assert referral.from_unit == cast.commune_a and referral.to_unit == cast.province
    for petition in road:
        petition = fresh(petition)
        assert petition.status == S.REFERRED and petition.referral == referral and petition.due_date is None
    # The province: one petition in its inbox, in the group's wording, with nothing of the submitters.
    inbox = referral.inbox_petition
    assert inbox is not None
    assert inbox.unit == cast.province and inbox.channel == Channel.REFERRAL and inbox.text == ROAD
    assert inbox.village is None and inbox.submitted_by is None
    assert (inbox.submitter_name, inbox.submitter_phone, inbox.consent_contact) == ("", "", False)
    assert Petition.objects.filter(unit=cast.province).count() == 1

    # The province's office sees it in its inbox: from which unit, how many, which villages.
    client.force_login(cast.province_officer)
    html = client.get(url("inbox", cast.province)).content.decode()
    assert 'data-testid="inbox-row"' in html and "Xã Điềm He" in html
    assert 'data-testid="inbox-count">2<' in html and "Thôn Nà Pàn" in html
    assert "Nông Văn Pàn" not in html and "0912345678" not in html
    # It handles the petition with the province's own roles.
    inbox = classify(inbox, cast.province_officer, Jurisdiction.THIS_UNIT)
    answers.assign(actor=cast.province_officer, petitions=[inbox], department=province_department)
    answer = answers.answer_draft(
        actor=cast.province_officer, petitions=[inbox], text="Sở Xây dựng khắc phục sạt lở trước 30/9/2026."
    )
    with pytest.raises(PermissionDenied):  # the province's office drafts, its chair approves
        answers.answer_approve(actor=cast.province_officer, answer=answer)
    answers.answer_approve(actor=province_chair, answer=answer)

    # Back in commune A: the same answer on both petitions, resolved; the referral answered.
    for petition in road:
        petition = fresh(petition)
        assert petition.status == S.RESOLVED and petition.answer == answer
    assert fresh(inbox).status == S.RESOLVED
    referral.refresh_from_db()
    assert referral.answered_at is not None
    resolved = AuditEvent.objects.filter(event_type="petition.resolved", object_id=str(road[0].pk)).get()
    assert resolved.unit == cast.commune_a and resolved.changes["_extra"]["on_behalf_of"] == f"referral:{referral.pk}"
    # The citizen who sent it online is told, once.
    notice = Notification.objects.get(recipient=cast.citizen)
    assert "Sở Xây dựng khắc phục" in notice.body
    assert notice.url == reverse("petitions_public:track", kwargs={"code": road[0].tracking_code})
    # Tracking by code shows the answer.
    tracked = selectors.by_tracking_code(road[0].tracking_code)
    assert tracked.answer.text == "Sở Xây dựng khắc phục sạt lở trước 30/9/2026." and tracked.answer.is_approved  # type: ignore[union-attr]
    client.logout()
    page = client.get(notice.url).content.decode()
    assert "Sở Xây dựng khắc phục sạt lở trước 30/9/2026." in page
    # The commune's office sees the answer on the petition and both in "Cần báo cho người dân".
    client.force_login(cast.officer_a)
    assert "Sở Xây dựng khắc phục" in client.get(url("detail", cast.commune_a, road[1].pk)).content.decode()
    html = client.get(url("to_notify", cast.commune_a)).content.decode()
    assert html.count('data-testid="notify-row"') == 2 and 'data-testid="contact-consent"' in html
    # Every step is in the audit trail, in words.
    types = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {"referral.sent", "referral.answered", "answer.drafted", "answer.approved"} <= types
    assert all(event_label(t) != t for t in types)


def test_forwarded_further_by_the_province_the_answer_comes_back_two_levels(cast, road):
    referral = referrals.refer_to_parent(actor=cast.officer_a, petitions=road)
    inbox = classify(referral.inbox_petition, cast.province_officer, Jurisdiction.OTHER_BODY)
    onward = referrals.refer_to_body(
        actor=cast.province_officer, petitions=[inbox], to_body="Khu Quản lý đường bộ I", letter_number="12/SXD"
    )
    assert fresh(inbox).status == S.REFERRED and fresh(road[0]).status == S.REFERRED

    answer = referrals.referral_record_answer(
        actor=cast.province_officer,
        referral=onward,
        text="Đã cắm biển cảnh báo, sửa trong tháng 7.",
        document_ref="88/KQLĐB",
    )

    assert answer.mode == AnswerMode.BY_REFERRAL and answer.referral == onward and answer.is_approved
    assert fresh(inbox).status == S.RESOLVED and fresh(inbox).answer == answer
    assert [fresh(p).answer for p in road] == [answer, answer]
    assert {fresh(p).status for p in road} == {S.RESOLVED}
    onward.refresh_from_db()
    referral.refresh_from_db()
    assert onward.answered_at is not None and referral.answered_at is not None
    assert Notification.objects.filter(recipient=cast.citizen).count() == 1
    assert selectors.by_tracking_code(road[0].tracking_code).answer.text.startswith("Đã cắm biển")  # type: ignore[union-attr]
    with pytest.raises(ValidationError):  # recorded once
        referrals.referral_record_answer(actor=cast.province_officer, referral=onward, text="lại")


def test_the_province_answering_at_its_own_conference_also_flows_down(cast, road):
    referral = referrals.refer_to_parent(actor=cast.officer_a, petitions=road)
    inbox = classify(referral.inbox_petition, cast.province_officer, Jurisdiction.THIS_UNIT)
    answer = answers.answer_at_conference(
        actor=cast.province_officer, petitions=[inbox], text="Tỉnh đã bố trí vốn.", answered_by="Giám đốc Sở Xây dựng"
    )
    assert {fresh(p).answer_id for p in road} == {answer.pk}
    assert {fresh(p).status for p in road} == {S.RESOLVED}


def test_a_referral_to_another_body_and_its_recorded_reply(client, cast):
    petition, _ = actions.create_petition(
        actor=cast.officer_a,
        unit=cast.commune_a,
        data={"text": "Điện chập chờn ở thôn Nà Pàn", "channel": Channel.PAPER_FORM, "village": cast.village_a},
    )
    petition = classify(petition, cast.officer_a, Jurisdiction.OTHER_BODY)
    client.force_login(cast.officer_a)
    form = client.get(url("refer", cast.commune_a, petition.pk)).content.decode()
    assert "Đơn vị cấp trên: Tỉnh Lạng Sơn" in form
    response = client.post(
        url("refer", cast.commune_a, petition.pk), {"chuyen-target": "co_quan", "chuyen-to_body": ""}
    )
    assert response.status_code == 400 and "Ghi tên cơ quan nhận" in response.content.decode()
    response = client.post(
        url("refer", cast.commune_a, petition.pk),
        {
            "chuyen-target": "co_quan",
            "chuyen-to_body": BODY,
            "chuyen-letter_number": "46/UBND-VP",
            "chuyen-letter_date": "08/06/2026",
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.to_body == BODY and referral.to_unit is None and referral.inbox_petition is None
    assert fresh(petition).status == S.REFERRED
    # A second click changes nothing.
    again = client.post(url("refer", cast.commune_a, petition.pk), {"chuyen-target": "co_quan", "chuyen-to_body": BODY})
    assert again.status_code == 302 and Referral.objects.count() == 1

    letter = client.get(url("referral_letter", cast.commune_a, referral.pk)).content.decode()
    assert "Kính gửi: Công ty Điện lực Lạng Sơn." in letter
    assert "Số: 46/UBND-VP" in letter and "Điềm He, ngày 08 tháng 6 năm 2026" in letter
    assert "Cử tri Thôn Nà Pàn phản ánh" in letter and "Điện chập chờn" in letter
    panel = client.get(url("detail", cast.commune_a, petition.pk)).content.decode()
    assert 'data-testid="record-form"' in panel and "Đang chờ trả lời" in panel

    response = client.post(
        url("referral_answer", cast.commune_a, referral.pk), {"ket_qua-text": "", "ket_qua-document_ref": "x"}
    )
    assert response.status_code == 400 and 'value="x"' in response.content.decode()
    response = client.post(
        url("referral_answer", cast.commune_a, referral.pk),
        {"ket_qua-text": "Đã thay dây, ổn định điện áp.", "ket_qua-document_ref": "123/PCLS"},
    )
    assert response.status_code == 302
    petition = fresh(petition)
    assert petition.status == S.RESOLVED and petition.answer.text == "Đã thay dây, ổn định điện áp."  # type: ignore[union-attr]
    assert petition.answer.answered_by == BODY  # type: ignore[union-attr]
    sent = client.get(url("referrals", cast.commune_a)).content.decode()
    assert "Đã có trả lời" in sent


def test_only_what_is_beyond_the_unit_goes_up_and_only_to_a_parent_that_uses_the_system(cast, road):
    own, _ = actions.create_petition(
        actor=cast.officer_a, unit=cast.commune_a, data={"text": "Họp thôn", "channel": Channel.PAPER_FORM}
    )
    own = classify(own, cast.officer_a, Jurisdiction.THIS_UNIT)
    with pytest.raises(ValidationError) as caught:
        referrals.refer_to_parent(actor=cast.officer_a, petitions=[own])
    assert "phân loại lại thẩm quyền" in caught.value.message_dict["petitions"][0]
    with pytest.raises(PermissionDenied):
        referrals.refer_to_parent(actor=cast.front_a, petitions=road)
    with pytest.raises(PermissionDenied):
        referrals.refer_to_parent(actor=cast.department_officer_a, petitions=road)
    cast.province.is_set_up = False
    cast.province.save(update_fields=["is_set_up"])
    with pytest.raises(ValidationError) as caught:
        referrals.refer_to_parent(actor=cast.officer_a, petitions=road)
    assert "chưa sử dụng hệ thống" in caught.value.message_dict["to_unit"][0]
    # The province itself has nobody above it on the system.
    cast.province.is_set_up = True
    cast.province.save(update_fields=["is_set_up"])
    inbox = referrals.refer_to_parent(actor=cast.officer_a, petitions=road).inbox_petition
    inbox = classify(inbox, cast.province_officer, Jurisdiction.CENTRAL)
    with pytest.raises(ValidationError) as caught:
        referrals.refer_to_parent(actor=cast.province_officer, petitions=[inbox])
    assert "to_unit" in caught.value.message_dict
    assert not Referral.objects.filter(from_unit=cast.province).exists()


def test_officer_b_sees_nothing_of_commune_a_s_referral(client, cast, road):
    referral = referrals.refer_to_parent(actor=cast.officer_a, petitions=road)
    client.force_login(cast.officer_b)
    assert client.get(url("referral_letter", cast.commune_a, referral.pk)).status_code == 404
    assert client.get(url("referral_letter", cast.commune_b, referral.pk)).status_code == 404
    assert client.get(url("referral_answer", cast.commune_b, referral.pk)).status_code == 404
    assert client.get(url("inbox", cast.province)).status_code == 404
    assert referral.pk not in [r.pk for r in referrals_sent_b(cast)]
    # The province's office reads the letter it received, not the commune's petitions.
    client.force_login(cast.province_officer)
    assert client.get(url("referral_letter", cast.province, referral.pk)).status_code == 200
    assert client.get(url("detail", cast.commune_a, road[0].pk)).status_code == 404


def referrals_sent_b(cast):
    from doithoai.petitions.selectors import work

    return work.referrals_sent(cast.commune_b)


def test_the_compliance_board_counts_the_petitions_referred(client, cast, road):
    from doithoai.todo.tests.conftest import issued_plan

    province_chair = make_user("chutich_tinh", "Nguyễn Văn Tỉnh", cast.province, Role.CHAIR)
    upper = issued_plan(cast.province, office=cast.sysadmin, chair=province_chair, preset="upper", number="12-KH/TU")
    board = reverse("plans:compliance", args=[cast.province.pk, upper.pk])

    def row_a() -> tuple[str, int]:
        client.force_login(cast.province_official)
        client.get(board)
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(board).content.decode()
        return html.split(f'data-testid="row-{cast.commune_a.code}"')[1].split("</tr>")[0], len(ctx.captured_queries)

    before, queries = row_a()
    assert "kiến nghị</td>" not in before
    referrals.refer_to_parent(actor=cast.officer_a, petitions=road)
    after, queries_after = row_a()
    assert "2 kiến nghị" in after
    assert queries_after == queries


def test_the_inbox_takes_a_fixed_number_of_queries(client, cast, road):
    def count() -> int:
        client.force_login(cast.province_officer)
        client.get(url("inbox", cast.province))
        with CaptureQueriesContext(connection) as ctx:
            client.get(url("inbox", cast.province))
        return len(ctx.captured_queries)

    referrals.refer_to_parent(actor=cast.officer_a, petitions=road)
    small = count()
    for n in range(3):
        petition, _ = actions.create_petition(
            actor=cast.officer_a,
            unit=cast.commune_a,
            data={"text": f"Cầu {n} hỏng", "channel": Channel.PAPER_FORM, "village": cast.village_a},
        )
        referrals.refer_to_parent(actor=cast.officer_a, petitions=[classify(petition, cast.officer_a)])
    assert count() == small
