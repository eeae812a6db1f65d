"""The petitions' data layer (issue 4, first part): intake, versions, classification and the lifecycle."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from doithoai.accounts.roles import Role
from doithoai.audit.models import AuditEvent
from doithoai.petitions import actions, selectors, workflow
from doithoai.petitions.models import Channel, Jurisdiction, Kind, Petition, PetitionStatus, Sector

S = PetitionStatus
MONDAY = dt.datetime(2026, 6, 8, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture
def sectors(cast):
    return {s.code: s for s in actions.sectors_ensure(actor=cast.officer_a, unit=cast.commune_a)}


def receive(cast, text="Đường từ thôn Nà Pàn ra quốc lộ xuống cấp, đề nghị sửa.", key="", actor=None, **data):
    values = {"text": text, "channel": Channel.PAPER_FORM, "village": cast.village_a}
    values.update(data)
    return actions.petition_receive(actor=actor or cast.officer_a, unit=cast.commune_a, data=values, submission_key=key)


def test_each_unit_gets_its_own_editable_copy_of_the_sectors_once(cast, sectors):
    assert "DD" in sectors and sectors["DD"].name == "Đất đai"
    assert len(sectors) == 17
    again = actions.sectors_ensure(actor=cast.officer_a, unit=cast.commune_a)
    assert len(again) == 17
    assert AuditEvent.objects.filter(event_type="sectors.created").count() == 1
    assert not Sector.objects.filter(unit=cast.commune_b).exists()


def test_it_keeps_the_original_text_and_every_later_wording(cast):
    petition, created = receive(cast, text="  Đường   xuống cấp  ")
    assert created
    assert petition.original_text == petition.text == "Đường xuống cấp"
    actions.petition_revise_text(actor=cast.front_a, petition=petition, text="Đường liên thôn xuống cấp", reason="rõ")
    actions.petition_revise_text(actor=cast.officer_a, petition=petition, text="Đường liên thôn Nà Pàn xuống cấp")
    petition.refresh_from_db()
    assert petition.original_text == "Đường xuống cấp"
    assert petition.text == "Đường liên thôn Nà Pàn xuống cấp"
    assert [v.text for v in petition.versions.all()] == [
        "Đường liên thôn xuống cấp",
        "Đường liên thôn Nà Pàn xuống cấp",
    ]


def test_a_submission_sent_twice_gives_one_petition(cast):
    first, created = receive(cast, key="form-token-1")
    second, created_again = receive(cast, key="form-token-1", text="something else")
    assert created and not created_again
    assert first.pk == second.pk
    assert Petition.objects.count() == 1
    assert AuditEvent.objects.filter(event_type="petition.received").count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": ""}, "text", "Nhập nội dung ý kiến, kiến nghị."),
        ({"text": "x" * 50_000}, "text", "Nội dung dài 50.000 ký tự, quá 10.000 ký tự."),
        ({"channel": "pigeon"}, "channel", "Chọn kênh tiếp nhận."),
        ({"submitter_phone": "12345"}, "submitter_phone", "Số điện thoại không đúng"),
        ({"submitter_phone": "0912345678"}, "consent_contact", "Chỉ lưu số điện thoại khi người gửi đồng ý"),
        ({"kind": "rumour"}, "kind", "Chọn tính chất."),
    ],
)
def test_bad_input_is_refused_at_its_field_and_nothing_is_saved(cast, data, field, message):
    with pytest.raises(ValidationError) as caught:
        receive(cast, **data)
    assert any(message in m for m in caught.value.message_dict[field])
    assert not Petition.objects.exists()
    assert not AuditEvent.objects.filter(event_type="petition.received").exists()


def test_it_refuses_a_village_or_sector_of_another_commune(cast):
    other = actions.sectors_ensure(actor=cast.officer_b, unit=cast.commune_b)[0]
    with pytest.raises(ValidationError) as caught:
        receive(cast, village=cast.village_b, sector=other)
    assert set(caught.value.message_dict) == {"village", "sector"}


def test_script_in_the_text_is_kept_as_text_never_run(cast):
    petition, _created = receive(cast, text="<script>alert(1)</script> đường hỏng")
    assert petition.text == "<script>alert(1)</script> đường hỏng"  # stored as typed; templates escape it


def test_the_tracking_code_finds_the_petition_typed_in_any_case_and_nothing_forged(cast):
    petition, _created = receive(cast)
    code = petition.tracking_code
    assert selectors.by_tracking_code(f"{code[:4].lower()}-{code[4:]}") == petition
    assert selectors.by_tracking_code(f"https://x.vn/tra-cuu/{code}/") == petition
    forged = "ABCD2345" if code != "ABCD2345" else "ABCD2346"
    assert selectors.by_tracking_code(forged) is None
    assert selectors.by_tracking_code("O0I1' OR 1=1") is None


def test_officer_b_cannot_read_or_write_commune_a(cast):
    petition, _created = receive(cast)
    assert not selectors.petitions_of(cast.commune_b).exists()
    with pytest.raises(PermissionDenied):
        actions.petition_receive(
            actor=cast.officer_b, unit=cast.commune_a, data={"text": "x", "channel": Channel.ONLINE}
        )
    with pytest.raises(PermissionDenied):
        actions.petition_revise_text(actor=cast.officer_b, petition=petition, text="y")


def test_search_ignores_diacritics(cast):
    receive(cast, text="Đề nghị làm đường bê tông thôn Nà Pàn")
    receive(cast, text="Trạm y tế thiếu thuốc")
    found = selectors.petitions_of(cast.commune_a, query="duong be tong")
    assert [p.text for p in found] == ["Đề nghị làm đường bê tông thôn Nà Pàn"]


def test_a_petition_lives_through_its_whole_lifecycle(cast, sectors):
    with time_machine.travel(MONDAY, tick=False):
        petition, _created = receive(cast)
        petition = actions.petition_classify(
            actor=cast.front_a,
            petition=petition,
            kind=Kind.RECOMMENDATION,
            sector=sectors["XD-GT-HT"],
            jurisdiction=Jurisdiction.THIS_UNIT,
        )
        assert petition.status == S.CLASSIFIED
        petition = actions.petition_accept(actor=cast.officer_a, petition=petition, department=cast.department_a)
        # 10 working days from Monday 08/6/2026: Monday 22/6/2026.
        assert petition.due_date == dt.date(2026, 6, 22)
        petition = actions.petition_resolve(actor=cast.chair_a, petition=petition)
        petition = actions.petition_notify(actor=cast.officer_a, petition=petition)
        assert petition.status == S.NOTIFIED
        petition = actions.petition_reopen(actor=cast.officer_a, petition=petition)
        assert petition.status == S.ACCEPTED
    events = list(
        AuditEvent.objects.filter(object_id=str(petition.pk)).order_by("pk").values_list("event_type", flat=True)
    )
    assert events == [
        "petition.received",
        "petition.classified",
        "petition.accepted",
        "petition.resolved",
        "petition.notified",
        "petition.reopened",
    ]


def test_complaints_are_not_assigned_like_petitions(cast, sectors):
    petition, _created = receive(cast)
    petition = actions.petition_classify(
        actor=cast.officer_a, petition=petition, kind=Kind.COMPLAINT, sector=sectors["DD"], jurisdiction="this_unit"
    )
    with pytest.raises(ValidationError) as caught:
        actions.petition_accept(actor=cast.officer_a, petition=petition, department=cast.department_a)
    assert "Khiếu nại, tố cáo" in caught.value.message_dict["kind"][0]


def test_refusing_needs_a_reason(cast, sectors):
    petition, _created = receive(cast)
    petition = actions.petition_classify(
        actor=cast.officer_a, petition=petition, kind=Kind.OPINION, sector=sectors["KHAC"], jurisdiction="this_unit"
    )
    with pytest.raises(ValidationError):
        actions.petition_refuse(actor=cast.officer_a, petition=petition, reason="  ")
    petition = actions.petition_refuse(actor=cast.officer_a, petition=petition, reason="Nội dung không rõ")
    assert petition.status == S.REFUSED and petition.refused_reason == "Nội dung không rõ"


def test_reading_the_submitter_is_audited_and_limited(cast):
    petition, _created = receive(
        cast, submitter_name="Nông Thị Sim", submitter_phone="0912345678", consent_contact=True
    )
    assert actions.submitter_view(actor=cast.front_a, petition=petition)["phone"] == "0912345678"
    assert AuditEvent.objects.filter(event_type="petition.submitter_viewed", actor=cast.front_a).count() == 1
    for user in (cast.council_a, cast.department_officer_a, cast.village_head_a, cast.officer_b):
        with pytest.raises(PermissionDenied):
            actions.submitter_view(actor=user, petition=petition)


# ------------------------------------------------------------ the transition table as a role × state matrix

# Who may make each transition (when the state allows it): the specification, written out by hand.
MAY = {
    workflow.CLASSIFY: {Role.CHAIR, Role.VICE_CHAIR, Role.OFFICE, Role.FRONT},
    workflow.ANSWER_AT_CONFERENCE: {Role.CHAIR, Role.VICE_CHAIR, Role.OFFICE},
    workflow.ACCEPT: {Role.CHAIR, Role.VICE_CHAIR, Role.OFFICE},
    workflow.REFER: {Role.CHAIR, Role.VICE_CHAIR, Role.OFFICE},
    workflow.REFUSE: {Role.CHAIR, Role.VICE_CHAIR, Role.OFFICE},
    workflow.RESOLVE: {Role.CHAIR, Role.VICE_CHAIR},
    workflow.NOTIFY: {Role.CHAIR, Role.OFFICE},
    workflow.REOPEN: {Role.CHAIR, Role.OFFICE},
}
FROM = {
    workflow.CLASSIFY: {S.RECEIVED, S.CLASSIFIED},
    workflow.ANSWER_AT_CONFERENCE: {S.CLASSIFIED, S.ACCEPTED},
    workflow.ACCEPT: {S.CLASSIFIED, S.NOTIFIED},
    workflow.REFER: {S.CLASSIFIED, S.ACCEPTED},
    workflow.REFUSE: {S.CLASSIFIED},
    workflow.RESOLVE: {S.ACCEPTED, S.REFERRED},
    workflow.NOTIFY: {S.ANSWERED_AT_CONFERENCE, S.RESOLVED},
    workflow.REOPEN: {S.NOTIFIED},
}
ROLES = [r for r in Role if r is not Role.SYSTEM_ADMIN]


def test_the_matrix_names_every_transition():
    assert set(MAY) == set(workflow.TABLE.transitions) == set(FROM)


@pytest.mark.parametrize("name", sorted(MAY))
@pytest.mark.parametrize("state", list(S))
def test_who_may_make_each_transition_in_each_state(cast, name, state):
    petition, _created = receive(cast)
    Petition.objects.filter(pk=petition.pk).update(status=state)
    petition.refresh_from_db()
    for role in ROLES:
        allowed = role in MAY[name] and state in FROM[name]
        assert workflow.TABLE.can(cast.user_for(role), petition, name) is allowed, (role, state, name)
    assert not workflow.TABLE.can(cast.officer_b, petition, name)


def test_it_uses_the_time_zone_of_vietnam_for_the_day_received(cast):
    late = dt.datetime(2026, 6, 8, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    with time_machine.travel(late, tick=False):
        petition, _created = receive(cast)
    assert petition.received_on == dt.date(2026, 6, 8)
    assert timezone.get_current_timezone_name() == "Asia/Ho_Chi_Minh"
