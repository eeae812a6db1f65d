"""Assignment, drafts, approval, answers at the conference, overdue lists, notifying citizens (issue 4 §5).

Who may do what is written out as matrices; the rest goes through the pages a person uses.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from doithoai.accounts.models import Membership
from doithoai.accounts.roles import Role
from doithoai.audit.models import AuditEvent
from doithoai.conferences.models import Conference
from doithoai.core.testing import MATRIX_ROLES
from doithoai.notifications.models import Notification
from doithoai.petitions import actions, selectors
from doithoai.petitions.actions import answers
from doithoai.petitions.models import (
    Answer,
    AnswerMode,
    Channel,
    Jurisdiction,
    Kind,
    Petition,
    PetitionGroup,
    PetitionStatus,
)
from doithoai.units.models import Department

S = PetitionStatus
ICT = dt.timezone(dt.timedelta(hours=7))
MONDAY = dt.datetime(2026, 6, 8, 9, 0, tzinfo=ICT)  # 10 working days later: Monday 22/6/2026
D = dt.date


@pytest.fixture(autouse=True)
def monday():
    with time_machine.travel(MONDAY, tick=False):
        yield


@pytest.fixture
def sectors(cast):
    return {s.code: s for s in actions.sectors_ensure(actor=cast.officer_a, unit=cast.commune_a)}


def make(
    cast,
    sectors,
    text="Đường từ thôn Nà Pàn ra quốc lộ xuống cấp, đề nghị sửa.",
    *,
    unit=None,
    village=None,
    jurisdiction=Jurisdiction.THIS_UNIT,
    classify=True,
    submitted_by=None,
    **typed,
) -> Petition:
    """A petition of commune A (or `unit`), classified unless told not to; `typed` as the intake form sends it."""
    unit = unit or cast.commune_a
    data = {"text": text, "channel": Channel.PAPER_FORM, "village": village or cast.village_a, **typed}
    if unit != cast.commune_a:
        data["village"] = None
    fixed = {"submitted_by": submitted_by} if submitted_by is not None else {}
    petition, _created = actions.create_petition(actor=cast.officer_a, unit=unit, data=data, **fixed)
    if classify:
        petition = actions.petition_classify(
            actor=cast.chair_a,
            petition=petition,
            kind=Kind.RECOMMENDATION,
            sector=sectors["XD-GT-HT"],
            jurisdiction=jurisdiction,
        )
    return petition


def group_of(petitions, title="Đường liên thôn Nà Pàn xuống cấp") -> PetitionGroup:
    group = PetitionGroup.objects.create(unit=petitions[0].unit, title=title)
    Petition.objects.filter(pk__in=[p.pk for p in petitions]).update(group=group)
    return group


def fresh(petition: Petition) -> Petition:
    return Petition.objects.select_related("answer").get(pk=petition.pk)


def other_department(cast) -> Department:
    return Department.objects.create(unit=cast.commune_a, name="Phòng Văn hóa - Xã hội")


# ---------------------------------------------------------------- who may: the matrices

ALLOWED = {
    "assign": {Role.CHAIR, Role.VICE_CHAIR, Role.OFFICE},
    "draft": {Role.CHAIR, Role.VICE_CHAIR, Role.OFFICE, Role.DEPARTMENT_OFFICER},
    "approve": {Role.CHAIR, Role.VICE_CHAIR},
    "at_conference": {Role.CHAIR, Role.VICE_CHAIR, Role.OFFICE},
    "notify": {Role.CHAIR, Role.OFFICE},
}


def _attempt(cast, sectors, what: str, user) -> object:
    petition = make(cast, sectors)
    if what == "assign":
        return answers.assign(actor=user, petitions=[petition], department=cast.department_a)
    answers.assign(actor=cast.officer_a, petitions=[petition], department=cast.department_a)
    if what == "draft":
        return answers.answer_draft(actor=user, petitions=[petition], text="Sẽ sửa trong quý III.")
    if what == "at_conference":
        return answers.answer_at_conference(
            actor=user, petitions=[petition], text="Đã trả lời.", answered_by="Ông Hoàng Văn Chủ"
        )
    answer = answers.answer_draft(actor=cast.officer_a, petitions=[petition], text="Sẽ sửa trong quý III.")
    if what == "approve":
        return answers.answer_approve(actor=user, answer=answer)
    answers.answer_approve(actor=cast.chair_a, answer=answer)
    return answers.notify_citizens(actor=user, petitions=[petition])


@pytest.mark.parametrize("what", list(ALLOWED))
@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_who_may_assign_draft_approve_answer_and_notify(cast, sectors, what, role):
    user = cast.user_for(role)
    if role in ALLOWED[what]:
        assert _attempt(cast, sectors, what, user)
    else:
        with pytest.raises(PermissionDenied):
            _attempt(cast, sectors, what, user)


def test_a_department_officer_drafts_only_for_their_own_department(cast, sectors):
    mine, theirs = make(cast, sectors), make(cast, sectors, "Trường mầm non thiếu phòng học.")
    answers.assign(actor=cast.officer_a, petitions=[mine], department=cast.department_a)
    answers.assign(actor=cast.officer_a, petitions=[theirs], department=other_department(cast))
    answer = answers.answer_draft(actor=cast.department_officer_a, petitions=[mine], text="Sẽ sửa.")
    assert fresh(mine).answer == answer and not answer.is_approved
    with pytest.raises(PermissionDenied):
        answers.answer_draft(actor=cast.department_officer_a, petitions=[theirs], text="Sẽ xây thêm.")
    # Officer B's role is in another commune.
    with pytest.raises(PermissionDenied):
        answers.answer_draft(actor=cast.officer_b, petitions=[mine], text="x")
    # The office drafts for any department.
    assert answers.answer_draft(actor=cast.officer_a, petitions=[theirs], text="Sẽ xây thêm.")


# ---------------------------------------------------------------- assignment


def test_assigning_sets_a_due_date_of_ten_working_days_or_the_one_given(cast, sectors):
    first, second = make(cast, sectors), make(cast, sectors, "Thiếu đèn chiếu sáng.")
    [first] = answers.assign(actor=cast.officer_a, petitions=[first], department=cast.department_a)
    assert first.status == S.ACCEPTED and first.due_date == D(2026, 6, 22)
    [second] = answers.assign(
        actor=cast.officer_a, petitions=[second], department=cast.department_a, due_date=D(2026, 6, 30)
    )
    assert second.due_date == D(2026, 6, 30)
    # Given again to another department: reassigned, audited; the same form twice changes nothing.
    department = other_department(cast)
    answers.assign(actor=cast.officer_a, petitions=[first], department=department, due_date=D(2026, 7, 1))
    answers.assign(actor=cast.officer_a, petitions=[first], department=department, due_date=D(2026, 7, 1))
    first = fresh(first)
    assert first.assigned_department == department and first.due_date == D(2026, 7, 1)
    assert AuditEvent.objects.filter(event_type="petition.reassigned", object_id=str(first.pk)).count() == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"department": None}, "department", "Chọn cơ quan được giao xử lý."),
        ({"due_date": D(2026, 6, 1)}, "due_date", "Hạn xử lý không được trước hôm nay."),
        ({"classify": False}, "petitions", "đang ở trạng thái “Mới tiếp nhận”"),
    ],
)
def test_assigning_refuses_bad_input_and_writes_nothing(cast, sectors, change, field, message):
    petition = make(cast, sectors, classify=change.pop("classify", True))
    arguments = {"department": cast.department_a, **change}
    with pytest.raises(ValidationError) as caught:
        answers.assign(actor=cast.officer_a, petitions=[petition], **arguments)
    assert any(message in m for m in caught.value.message_dict[field])
    assert fresh(petition).assigned_department is None


def test_a_department_of_another_commune_is_refused(cast, sectors):
    petition = make(cast, sectors)
    with pytest.raises(ValidationError) as caught:
        answers.assign(actor=cast.officer_a, petitions=[petition], department=cast.department_b)
    assert "department" in caught.value.message_dict


# ---------------------------------------------------------------- one answer for a group; approval


def test_a_group_gets_one_shared_answer_and_approval_resolves_them_all(cast, sectors):
    petitions = [make(cast, sectors, f"Đường Nà Pàn hỏng đoạn {n}") for n in range(3)]
    group_of(petitions)
    answers.assign(actor=cast.officer_a, petitions=petitions, department=cast.department_a)
    answer = answers.answer_draft(actor=cast.department_officer_a, petitions=petitions, text="Dự thảo 1")
    again = answers.answer_draft(
        actor=cast.department_officer_a, petitions=petitions, text="Dự thảo 2\n\n\n  đoạn hai  "
    )
    assert again.pk == answer.pk and again.text == "Dự thảo 2\n\nđoạn hai"
    assert Answer.objects.count() == 1
    assert {fresh(p).answer_id for p in petitions} == {answer.pk}
    # A draft is never public.
    assert not fresh(petitions[0]).answer.is_approved  # type: ignore[union-attr]

    approved = answers.answer_approve(actor=cast.vice_chair_a, answer=answer, text="Trả lời đã sửa khi duyệt.")

    assert approved.is_approved and approved.approved_by == cast.vice_chair_a
    assert approved.text == "Trả lời đã sửa khi duyệt."
    assert [fresh(p).status for p in petitions] == [S.RESOLVED] * 3
    with pytest.raises(ValidationError):
        answers.answer_approve(actor=cast.chair_a, answer=answer)
    # An approved answer is never redrafted.
    with pytest.raises(ValidationError):
        answers.answer_draft(actor=cast.officer_a, petitions=petitions, text="Sửa lại")
    assert Answer.objects.get().text == "Trả lời đã sửa khi duyệt."


def test_one_answer_covers_one_petition_or_one_group_only(cast, sectors):
    first, second = make(cast, sectors), make(cast, sectors, "Thiếu nước sạch.")
    answers.assign(actor=cast.officer_a, petitions=[first, second], department=cast.department_a)
    with pytest.raises(ValidationError) as caught:
        answers.answer_draft(actor=cast.officer_a, petitions=[first, second], text="x")
    assert "cùng một nhóm" in caught.value.message_dict["petitions"][0]
    with pytest.raises(ValidationError) as caught:
        answers.answer_draft(actor=cast.officer_a, petitions=[first], text="   ")
    assert caught.value.message_dict["text"] == ["Nhập nội dung trả lời."]
    assert not Answer.objects.exists()


def test_answered_at_the_conference_is_approved_at_once_and_reuses_the_draft(cast, sectors):
    assigned, classified = make(cast, sectors), make(cast, sectors, "Hỏi về chính sách hỗ trợ giống lúa.")
    answers.assign(actor=cast.officer_a, petitions=[assigned], department=cast.department_a)
    draft = answers.answer_draft(actor=cast.department_officer_a, petitions=[assigned], text="Chuẩn bị sẵn")
    given = answers.answer_at_conference(
        actor=cast.chair_a,
        petitions=[assigned],
        text="Đã bố trí vốn sửa đường trong tháng 8.",
        answered_by="Ông Hoàng Văn Chủ, Chủ tịch UBND xã",
        conclusion="Giao Phòng Kinh tế theo dõi.",
    )
    assert given.pk == draft.pk and given.mode == AnswerMode.AT_CONFERENCE and given.is_approved
    assert fresh(assigned).status == S.ANSWERED_AT_CONFERENCE
    other = answers.answer_at_conference(
        actor=cast.officer_a, petitions=[classified], text="Có hỗ trợ 50%.", answered_by="Bà Nông Thị Văn"
    )
    assert other.department is None and fresh(classified).answer == other
    with pytest.raises(ValidationError) as caught:
        answers.answer_at_conference(actor=cast.officer_a, petitions=[classified], text="x", answered_by="y")
    assert "status" in caught.value.message_dict


def test_a_question_raised_in_the_hall_is_a_petition_of_the_conference(cast, sectors):
    from doithoai.conferences.tests.conftest import make_conference
    from doithoai.plans.actions import plan_create_from_preset, plan_issue

    plan = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
    plan = plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=D(2026, 3, 2))
    conference = make_conference(cast, plan, D(2026, 6, 19))
    data = {"text": "Khi nào làm cầu treo Khau Phìn?", "village": cast.village_a}
    petition, created = answers.raise_at_conference(
        actor=cast.front_a, conference=conference, data=data, submission_key="k1"
    )
    again, again_created = answers.raise_at_conference(
        actor=cast.front_a, conference=conference, data=data, submission_key="k1"
    )
    assert created and not again_created
    assert petition.pk == again.pk
    assert petition.channel == Channel.CONFERENCE and petition.conference == conference
    with pytest.raises(PermissionDenied):
        answers.raise_at_conference(actor=cast.council_a, conference=conference, data=data)
    Conference.objects.filter(pk=conference.pk).update(status="cancelled")
    conference.refresh_from_db()
    with pytest.raises(ValidationError):
        answers.raise_at_conference(actor=cast.front_a, conference=conference, data=data)


def test_notifying_citizens_tells_those_with_an_account_once(cast, sectors):
    online = make(cast, sectors, submitted_by=cast.citizen)
    paper = make(cast, sectors, "Thiếu đèn đường.")
    group_of([online, paper])
    answers.assign(actor=cast.officer_a, petitions=[online, paper], department=cast.department_a)
    answer = answers.answer_draft(actor=cast.officer_a, petitions=[online, paper], text="Sẽ lắp đèn.")
    answers.answer_approve(actor=cast.chair_a, answer=answer)
    assert not Notification.objects.filter(recipient=cast.citizen).exists()

    answers.notify_citizens(actor=cast.officer_a, petitions=[online, paper])

    assert [fresh(p).status for p in (online, paper)] == [S.NOTIFIED, S.NOTIFIED]
    notice = Notification.objects.get(recipient=cast.citizen)
    assert online.tracking_code[:4] in notice.title and notice.body == "Sẽ lắp đèn."
    with pytest.raises(ValidationError):
        answers.notify_citizens(actor=cast.officer_a, petitions=[online])
    assert Notification.objects.filter(recipient=cast.citizen).count() == 1


# ---------------------------------------------------------------- the pages


def url(name, unit, *args):
    return reverse(f"petitions:{name}", args=[unit.pk, *args])


def test_the_department_sees_its_assigned_work_overdue_first_and_drafts_inline(client, cast, sectors):
    late, soon = make(cast, sectors, "Đường hỏng (cũ)"), make(cast, sectors, "Cống thoát nước tắc")
    elsewhere = make(cast, sectors, "Trường học dột")
    answers.assign(actor=cast.officer_a, petitions=[soon], department=cast.department_a)
    answers.assign(actor=cast.officer_a, petitions=[late], department=cast.department_a, due_date=D(2026, 6, 9))
    answers.assign(actor=cast.officer_a, petitions=[elsewhere], department=other_department(cast))
    with time_machine.travel(dt.datetime(2026, 6, 12, 9, tzinfo=ICT), tick=False):
        client.force_login(cast.department_officer_a)
        html = client.get(url("assigned", cast.commune_a)).content.decode()
    client.force_login(cast.department_officer_a)
    codes = [part.split('"')[0] for part in html.split('data-testid="work-item" data-code="')[1:]]
    assert codes == [late.tracking_code, soon.tracking_code]
    assert "Quá hạn 3 ngày" in html
    assert "Trường học dột" not in html

    response = client.post(
        url("draft", cast.commune_a, soon.pk),
        {
            "du_thao-text": "Sẽ nạo vét trong tuần tới.",
            "du_thao-mode": "in_writing",
            "next": url("assigned", cast.commune_a),
        },
    )
    assert response.status_code == 302 and response["Location"] == url("assigned", cast.commune_a)
    assert fresh(soon).answer.text == "Sẽ nạo vét trong tuần tới."  # type: ignore[union-attr]
    # Nothing typed is lost on an error: the page comes back with the text.
    response = client.post(
        url("draft", cast.commune_a, late.pk), {"du_thao-text": "x" * 20_001, "du_thao-mode": "in_writing"}
    )
    assert response.status_code == 400
    assert "quá 20.000 ký tự" in response.content.decode()
    # Another department's petition: forbidden.
    assert client.post(url("draft", cast.commune_a, elsewhere.pk), {"du_thao-text": "x"}).status_code == 403


def test_the_chair_approves_from_the_queue_with_an_edit(client, cast, sectors):
    petition = make(cast, sectors)
    answers.assign(actor=cast.officer_a, petitions=[petition], department=cast.department_a)
    answer = answers.answer_draft(actor=cast.department_officer_a, petitions=[petition], text="Dự thảo")
    client.force_login(cast.chair_a)
    html = client.get(url("approvals", cast.commune_a)).content.decode()
    assert f'data-answer="{answer.pk}"' in html and petition.tracking_code in html
    response = client.post(url("approve", cast.commune_a, answer.pk), {"duyet-text": "Trả lời chính thức"})
    assert response.status_code == 302
    assert fresh(petition).status == S.RESOLVED and fresh(petition).answer.text == "Trả lời chính thức"  # type: ignore[union-attr]
    # A second click changes nothing and is not an error.
    assert client.post(url("approve", cast.commune_a, answer.pk), {"duyet-text": "khác"}).status_code == 302
    assert Answer.objects.get().text == "Trả lời chính thức"
    assert "Không có dự thảo nào chờ duyệt" in client.get(url("approvals", cast.commune_a)).content.decode()
    client.force_login(cast.officer_a)
    assert client.get(url("approvals", cast.commune_a)).status_code == 403


OVERDUE_PAGE = {
    Role.CHAIR: 200,
    Role.VICE_CHAIR: 200,
    Role.OFFICE: 200,
    Role.DEPARTMENT_OFFICER: 403,
    Role.FRONT: 200,
    Role.VILLAGE_HEAD: 403,
    Role.COUNCIL: 200,
    Role.HIGHER_OFFICIAL: 200,
    Role.SYSTEM_ADMIN: 403,
    Role.CITIZEN: 404,
    Role.ACCOUNTANT: 403,
}


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_the_overdue_list_by_department_for_those_who_route_and_supervise(client, cast, sectors, role):
    late = make(cast, sectors, "Đường hỏng")
    answers.assign(actor=cast.officer_a, petitions=[late], department=cast.department_a, due_date=D(2026, 6, 9))
    on_time = make(cast, sectors, "Cống tắc")
    answers.assign(actor=cast.officer_a, petitions=[on_time], department=cast.department_a)
    with time_machine.travel(dt.datetime(2026, 6, 16, 9, tzinfo=ICT), tick=False):
        client.force_login(cast.user_for(role))
        response = client.get(url("overdue", cast.commune_a))
    assert response.status_code == OVERDUE_PAGE[role]
    if response.status_code == 200:
        html = response.content.decode()
        assert f'data-code="{late.tracking_code}"' in html and "7 ngày" in html
        assert on_time.tracking_code not in html
        assert cast.department_a.name in html


def test_officer_b_sees_none_of_commune_a_s_work(client, cast, sectors):
    petition = make(cast, sectors)
    answers.assign(actor=cast.officer_a, petitions=[petition], department=cast.department_a)
    answer = answers.answer_draft(actor=cast.officer_a, petitions=[petition], text="x")
    client.force_login(cast.officer_b)
    for page in ("assigned", "approvals", "overdue", "to_notify", "referrals", "inbox"):
        assert client.get(url(page, cast.commune_a)).status_code == 404, page
    assert client.post(url("approve", cast.commune_a, answer.pk), {"duyet-text": "x"}).status_code == 404
    assert client.get(url("approve", cast.commune_b, answer.pk)).status_code in (403, 404)
    assert client.post(url("assign", cast.commune_b, petition.pk), {}).status_code == 404


def test_the_panel_and_the_assignment_form_on_a_petition(client, cast, sectors):
    petition = make(cast, sectors)
    client.force_login(cast.officer_a)
    html = client.get(url("detail", cast.commune_a, petition.pk)).content.decode()
    assert 'data-testid="answers-panel"' in html and 'data-testid="assign-form"' in html
    assert "Thứ Hai, ngày 22 tháng 6 năm 2026" in html  # the default due date, as documents write it
    assert 'value="22/06/2026"' in html
    response = client.post(
        url("assign", cast.commune_a, petition.pk),
        {"giao-department": cast.department_a.pk, "giao-due_date": "31/13/2026"},
    )
    assert response.status_code == 400 and "Ngày không hợp lệ" in response.content.decode()
    assert 'value="31/13/2026"' in response.content.decode()
    response = client.post(
        url("assign", cast.commune_a, petition.pk),
        {"giao-department": cast.department_a.pk, "giao-due_date": "26/06/2026"},
    )
    assert response.status_code == 302
    assert fresh(petition).due_date == D(2026, 6, 26)
    # A supervisor sees the page without any form of this area.
    client.force_login(cast.council_a)
    html = client.get(url("detail", cast.commune_a, petition.pk)).content.decode()
    assert 'data-testid="assign-form"' not in html and 'data-testid="draft-form"' not in html
    assert client.post(url("assign", cast.commune_a, petition.pk), {}).status_code == 403


def test_a_group_is_assigned_and_answered_from_its_own_page(client, cast, sectors):
    petitions = [make(cast, sectors, f"Đường Nà Pàn hỏng đoạn {n}") for n in range(2)]
    group = group_of(petitions)
    client.force_login(cast.officer_a)
    page = client.get(url("group_assign", cast.commune_a, group.pk)).content.decode()
    assert page.count('data-testid="matter-petition"') == 2
    response = client.post(url("group_assign", cast.commune_a, group.pk), {"giao-department": cast.department_a.pk})
    assert response.status_code == 302
    assert {fresh(p).status for p in petitions} == {S.ACCEPTED}
    response = client.post(
        url("group_answer_at_conference", cast.commune_a, group.pk),
        {"hoi_nghi-text": "Đã trả lời tại hội trường.", "hoi_nghi-answered_by": "Ông Chủ"},
    )
    assert response.status_code == 302
    assert len({fresh(p).answer_id for p in petitions}) == 1
    assert {fresh(p).status for p in petitions} == {S.ANSWERED_AT_CONFERENCE}


def test_the_to_notify_list_and_marking_citizens_told(client, cast, sectors, django_assert_max_num_queries):
    consented = make(cast, sectors, submitter_phone="0912345678", consent_contact=True)
    online = make(cast, sectors, "Thiếu nước", submitted_by=cast.citizen)
    for petition in (consented, online):
        answers.assign(actor=cast.officer_a, petitions=[petition], department=cast.department_a)
        answer = answers.answer_draft(actor=cast.officer_a, petitions=[petition], text="Đã xử lý.")
        answers.answer_approve(actor=cast.chair_a, answer=answer)
    client.force_login(cast.officer_a)
    client.get(url("to_notify", cast.commune_a))
    with django_assert_max_num_queries(12):
        html = client.get(url("to_notify", cast.commune_a)).content.decode()
    assert html.count('data-testid="notify-row"') == 2
    assert 'data-testid="contact-consent"' in html
    assert "0912345678" not in html  # the phone is read on the petition's page, audited
    response = client.post(url("to_notify", cast.commune_a), {"y_kien": []})
    assert response.status_code == 400 and "Chọn ít nhất một ý kiến" in response.content.decode()
    response = client.post(url("to_notify", cast.commune_a), {"y_kien": [consented.pk, online.pk]})
    assert response.status_code == 302
    assert {fresh(p).status for p in (consented, online)} == {S.NOTIFIED}
    assert Notification.objects.filter(recipient=cast.citizen).count() == 1
    client.force_login(cast.department_officer_a)
    assert client.get(url("to_notify", cast.commune_a)).status_code == 403


def test_list_pages_take_a_fixed_number_of_queries(client, cast, sectors):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counts() -> dict[str, int]:
        client.force_login(cast.chair_a)
        out = {}
        for page in ("assigned", "approvals", "overdue", "to_notify", "referrals"):
            client.get(url(page, cast.commune_a))
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url(page, cast.commune_a)).status_code == 200
            out[page] = len(ctx.captured_queries)
        return out

    def add(n: int) -> None:
        for i in range(n):
            petition = make(cast, sectors, f"Ý kiến {i}")
            answers.assign(
                actor=cast.officer_a, petitions=[petition], department=cast.department_a, due_date=D(2026, 6, 9)
            )
            answers.answer_draft(actor=cast.officer_a, petitions=[petition], text="x")

    add(1)
    with time_machine.travel(dt.datetime(2026, 6, 12, 9, tzinfo=ICT), tick=False):
        small = counts()
    add(4)
    with time_machine.travel(dt.datetime(2026, 6, 12, 9, tzinfo=ICT), tick=False):
        large = counts()
    assert large == small


def test_a_department_officer_without_a_department_gets_a_clear_note(client, cast, sectors):
    Membership.objects.filter(user=cast.department_officer_a).update(department=None)
    client.force_login(cast.department_officer_a)
    html = client.get(url("assigned", cast.commune_a)).content.decode()
    assert "chưa gắn với cơ quan chuyên môn" in html


def test_the_selectors_answer_404_for_another_unit(cast, sectors):
    from django.http import Http404

    from doithoai.petitions.selectors import work

    petition = make(cast, sectors)
    group = group_of([petition])
    with pytest.raises(Http404):
        work.get_group(cast.commune_b, group.pk)
    answers.assign(actor=cast.officer_a, petitions=[petition], department=cast.department_a)
    answer = answers.answer_draft(actor=cast.officer_a, petitions=[petition], text="x")
    with pytest.raises(Http404):
        work.get_answer(cast.commune_b, answer.pk)
    assert selectors.get_petition(cast.commune_a, petition.pk) == petition


def test_a_draft_stays_off_the_public_tracking_page_until_approved(client, cast, sectors):
    petition = make(cast, sectors)
    answers.assign(actor=cast.officer_a, petitions=[petition], department=cast.department_a)
    answer = answers.answer_draft(actor=cast.officer_a, petitions=[petition], text="Dự thảo nội bộ chưa duyệt")
    track = reverse("petitions_public:track", kwargs={"code": petition.tracking_code})
    assert "Dự thảo nội bộ chưa duyệt" not in client.get(track).content.decode()
    answers.answer_approve(actor=cast.chair_a, answer=answer, text="Trả lời chính thức đã duyệt")
    assert "Trả lời chính thức đã duyệt" in client.get(track).content.decode()


def test_answering_part_of_a_draft_s_petitions_at_the_conference_leaves_the_draft_to_the_others(cast, sectors):
    petitions = [make(cast, sectors, f"Đường hỏng đoạn {n}") for n in range(2)]
    group_of(petitions)
    answers.assign(actor=cast.officer_a, petitions=petitions, department=cast.department_a)
    draft = answers.answer_draft(actor=cast.officer_a, petitions=petitions, text="Dự thảo chung")
    given = answers.answer_at_conference(
        actor=cast.chair_a, petitions=[petitions[0]], text="Đã trả lời một người hỏi.", answered_by="Ông Chủ"
    )
    assert given.pk != draft.pk
    draft.refresh_from_db()
    assert not draft.is_approved and fresh(petitions[1]).answer == draft
