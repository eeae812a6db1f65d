"""The dialogue's actions: a question recorded (linked to petitions sent before, or raised in the hall as a
new one), corrected, and concluded through the petitions' own actions, all or nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.live.actions.exchanges import exchange_conclude, exchange_open, exchange_update
from doithoai.live.models import (
    Exchange,
    ExchangeStatus,
    Minutes,
    MinutesStatus,
    Outcome,
    Room,
    RoomStatus,
    Speaker,
    SpeakerStatus,
)
from doithoai.live.selectors.exchanges import counts_of, exchanges_for_minutes
from doithoai.petitions.actions import create_petition, sectors_ensure
from doithoai.petitions.actions.answers import answer_at_conference
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
from doithoai.units.models import Department
from doithoai.workdays.selectors import calendar_for

S = PetitionStatus


def code(petition: Petition) -> str:
    return f"{petition.tracking_code[:4]}-{petition.tracking_code[4:]}"


@pytest.fixture
def room(conference):
    return Room.objects.create(conference=conference, status=RoomStatus.RUNNING, started_at=timezone.now())


@pytest.fixture
def named(conference, cast):
    """A delegate of Thôn Nà Pàn who gave her name (not for the screen), with a petition sent before."""
    return Speaker.objects.create(
        conference=conference,
        order=1,
        name="Hoàng Thị Hai",
        village=cast.village_a,
        label="Trưởng thôn",
        status=SpeakerStatus.DONE,
        elapsed_seconds=245,
    )


@pytest.fixture
def walk_in(conference, village_c):
    """A citizen of Thôn Bản Châu who asked for the floor in the hall, without giving a name."""
    return Speaker.objects.create(conference=conference, order=2, village=village_c, label="Cử tri")


def open_one(actor, conference, **data):
    exchange, _created = exchange_open(actor=actor, conference=conference, data=data)
    return exchange


def new_data(sectors, **extra):
    values = {
        "question": "Đề nghị lắp đèn chiếu sáng đường trục thôn Bản Châu",
        "new_petition": True,
        "sector": sectors["XD-GT-HT"],
        "jurisdiction": Jurisdiction.THIS_UNIT,
    }
    values.update(extra)
    return values


# ---------------------------------------------------------------- recording a question


def test_a_question_raised_in_the_hall_becomes_a_classified_petition_of_the_conference(
    cast, conference, room, walk_in, sectors
):
    exchange, created = exchange_open(
        actor=cast.officer_a,
        conference=conference,
        data=new_data(sectors, speaker=walk_in, kind=Kind.FEEDBACK),
        submission_key="k1",
    )
    assert created
    assert exchange.order == 1
    assert exchange.status == ExchangeStatus.OPEN
    [petition] = exchange.petitions.all()
    assert petition.channel == Channel.CONFERENCE
    assert petition.conference == conference
    assert petition.status == S.CLASSIFIED
    assert (petition.kind, petition.sector, petition.jurisdiction) == (
        Kind.FEEDBACK,
        sectors["XD-GT-HT"],
        Jurisdiction.THIS_UNIT,
    )
    assert petition.text == "Đề nghị lắp đèn chiếu sáng đường trục thôn Bản Châu"
    # The walk-in gave no name: the village only, and never a phone.
    assert petition.village == walk_in.village
    assert (petition.submitter_name, petition.submitter_phone) == ("", "")
    # The conference day, even when typed up later.
    assert petition.received_on == timezone.localdate(room.started_at)
    event = AuditEvent.objects.get(event_type="exchange.opened")
    assert event.changes["_extra"]["raised"] == petition.pk
    assert "Bản Châu" not in str(event.changes)  # no texts in the audit trail


def test_the_name_goes_to_the_petition_only_when_the_speaker_gave_one(cast, conference, room, named, sectors):
    exchange = open_one(
        cast.officer_a,
        conference,
        **new_data(sectors, speaker=named, petition_text="Nội dung đầy đủ: đèn đường hỏng từ tháng 3."),
    )
    petition = exchange.petitions.get()
    assert petition.submitter_name == "Hoàng Thị Hai"
    assert petition.village == cast.village_a
    assert petition.text == "Nội dung đầy đủ: đèn đường hỏng từ tháng 3."
    assert not petition.consent_publish_name


def test_a_question_on_petitions_sent_before_links_them(cast, conference, room, named, petitions):
    exchange = open_one(
        cast.officer_a, conference, question="Khi nào sửa đường liên thôn?", speaker=named, petitions=petitions[:2]
    )
    assert set(exchange.petitions.all()) == set(petitions[:2])
    assert Petition.objects.filter(channel=Channel.CONFERENCE).count() == 0
    second = open_one(cast.officer_a, conference, question="Còn đất đai?", petitions=[petitions[2]])
    assert second.order == 2


def test_the_same_submission_twice_records_one_question_and_one_petition(cast, conference, room, walk_in, sectors):
    data = new_data(sectors, speaker=walk_in)
    first, created = exchange_open(actor=cast.officer_a, conference=conference, data=data, submission_key="abc")
    again, created_again = exchange_open(actor=cast.officer_a, conference=conference, data=data, submission_key="abc")
    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    assert Exchange.objects.count() == 1
    assert Petition.objects.filter(channel=Channel.CONFERENCE).count() == 1
    assert AuditEvent.objects.filter(event_type="exchange.opened").count() == 1


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ("empty question", "question"),
        ("no petition at all", "petitions"),
        ("new petition without sector", "sector"),
        ("sector of commune B", "sector"),
        ("no jurisdiction", "jurisdiction"),
        ("petition of commune B", "petitions"),
        ("speaker of another conference", "speaker"),
        ("department of commune B", "department"),
    ],
)
def test_bad_input_is_refused_by_field_and_nothing_is_written(cast, conference, room, walk_in, sectors, case, field):
    sector_b = sectors_ensure(actor=cast.officer_b, unit=cast.commune_b)[0]
    data = new_data(sectors, speaker=walk_in)
    if case == "empty question":
        data["question"] = "   \n "
    elif case == "no petition at all":
        data["new_petition"] = False
    elif case == "new petition without sector":
        data["sector"] = None
    elif case == "sector of commune B":
        data["sector"] = sector_b
    elif case == "no jurisdiction":
        data["jurisdiction"] = ""
    elif case == "petition of commune B":
        other, _created = create_petition(
            actor=cast.officer_b,
            unit=cast.commune_b,
            data={"text": "Ý kiến của xã Văn Quan", "channel": "paper_form"},
        )
        data.update(new_petition=False, petitions=[other])
    elif case == "speaker of another conference":
        data["speaker"] = Speaker(pk=10_000, conference_id=conference.pk + 1, name="Người khác")
    elif case == "department of commune B":
        data["department"] = cast.department_b
    with pytest.raises(ValidationError) as caught:
        exchange_open(actor=cast.officer_a, conference=conference, data=data, submission_key="bad")
    assert field in caught.value.message_dict, caught.value.message_dict
    assert Exchange.objects.count() == 0
    assert Petition.objects.filter(channel=Channel.CONFERENCE).count() == 0


def test_a_petition_already_answered_is_refused_by_its_code(cast, conference, room, petitions):
    done = petitions[0]
    answer_at_conference(actor=cast.chair_a, petitions=[done], text="Đã trả lời.", answered_by="Chủ tịch UBND xã")
    with pytest.raises(ValidationError) as caught:
        exchange_open(
            actor=cast.officer_a, conference=conference, data={"question": "Đường?", "petitions": [done, petitions[1]]}
        )
    [message] = caught.value.message_dict["petitions"]
    assert code(done) in message
    assert "Đã trả lời tại hội nghị" in message


def test_nothing_is_recorded_before_the_conference_starts(cast, conference, petitions):
    with pytest.raises(ValidationError) as caught:
        exchange_open(actor=cast.officer_a, conference=conference, data={"question": "?", "petitions": petitions[:1]})
    assert "chưa bắt đầu" in str(caught.value)
    Room.objects.create(conference=conference)  # ready
    with pytest.raises(ValidationError):
        exchange_open(actor=cast.officer_a, conference=conference, data={"question": "?", "petitions": petitions[:1]})
    assert not Exchange.objects.exists()


# ---------------------------------------------------------------- corrections


def test_an_open_exchange_is_corrected_and_a_concluded_one_only_in_its_brief_texts(
    cast, conference, room, named, petitions
):
    exchange = open_one(cast.officer_a, conference, question="Đường hỏng", petitions=[petitions[0]])
    exchange = exchange_update(
        actor=cast.officer_a,
        exchange=exchange,
        data={
            "question": "Đường liên thôn Nà Pàn sạt lở, khi nào sửa?",
            "speaker": named,
            "answered_by": "Ông Vi Văn Kinh, Trưởng phòng Kinh tế",
            "department": cast.department_a,
            "answer_text": "Đã có kế hoạch.",
            "petitions": petitions[:2],
        },
    )
    assert exchange.speaker == named
    assert set(exchange.petitions.all()) == set(petitions[:2])
    event = AuditEvent.objects.get(event_type="exchange.updated")
    assert event.changes["_extra"] == {"texts": ["question", "answer_text"]}
    # The same again changes nothing and records nothing.
    exchange_update(actor=cast.officer_a, exchange=exchange, data={"question": exchange.question})
    assert AuditEvent.objects.filter(event_type="exchange.updated").count() == 1
    with pytest.raises(ValidationError) as caught:
        exchange_update(actor=cast.officer_a, exchange=exchange, data={"petitions": []})
    assert "petitions" in caught.value.message_dict

    exchange_conclude(
        actor=cast.chair_a,
        exchange=exchange,
        outcome=Outcome.IN_WRITING,
        department=cast.department_a,
    )
    exchange = exchange_update(actor=cast.officer_a, exchange=exchange, data={"answer_text": "Đã có kế hoạch sửa."})
    assert exchange.answer_text == "Đã có kế hoạch sửa."
    for field, value in [("answered_by", "Người khác"), ("petitions", [petitions[2]]), ("speaker", None)]:
        with pytest.raises(ValidationError) as caught:
            exchange_update(actor=cast.officer_a, exchange=exchange, data={field: value})
        assert field in caught.value.message_dict


# ---------------------------------------------------------------- the chair's conclusion


def test_answered_in_the_hall(cast, conference, room, petitions):
    exchange = open_one(cast.officer_a, conference, question="Khi nào sửa đường?", petitions=[petitions[0]])
    exchange = exchange_conclude(
        actor=cast.officer_a,
        exchange=exchange,
        outcome=Outcome.ANSWERED,
        answered_by="Hoàng Văn Chủ, Chủ tịch UBND xã",
        answer_text="Quý III năm 2026 sẽ sửa.",
        conclusion="Giao Phòng Kinh tế lập dự toán.",
    )
    petition = Petition.objects.get(pk=petitions[0].pk)
    assert petition.status == S.ANSWERED_AT_CONFERENCE
    answer = petition.answer
    assert answer is not None and answer.is_approved
    assert answer.mode == AnswerMode.AT_CONFERENCE
    assert (answer.text, answer.answered_by, answer.conclusion) == (
        "Quý III năm 2026 sẽ sửa.",
        "Hoàng Văn Chủ, Chủ tịch UBND xã",
        "Giao Phòng Kinh tế lập dự toán.",
    )
    assert exchange.status == ExchangeStatus.CONCLUDED
    assert exchange.answer == answer
    assert exchange.concluded_at is not None
    assert AuditEvent.objects.filter(event_type="exchange.concluded", object_id=str(exchange.pk)).count() == 1


def test_to_be_answered_in_writing_by_a_department(cast, conference, room, petitions):
    exchange = open_one(cast.officer_a, conference, question="Đường vào thôn?", petitions=[petitions[1]])
    exchange = exchange_conclude(
        actor=cast.chair_a,
        exchange=exchange,
        outcome=Outcome.IN_WRITING,
        department=cast.department_a,
        conclusion="Phòng Kinh tế trả lời bằng văn bản.",
    )
    petition = Petition.objects.get(pk=petitions[1].pk)
    expected = calendar_for(cast.commune_a).add_working_days(timezone.localdate(), 10)
    assert petition.status == S.ACCEPTED
    assert petition.assigned_department == cast.department_a
    assert petition.due_date == expected
    assert (exchange.department, exchange.due_date) == (cast.department_a, expected)
    assert exchange.conclusion == "Phòng Kinh tế trả lời bằng văn bản."


def test_referred_to_the_unit_above(cast, conference, room, petitions):
    exchange = open_one(cast.officer_a, conference, question="Cấp sổ đỏ?", petitions=[petitions[2]])
    exchange = exchange_conclude(
        actor=cast.officer_a,
        exchange=exchange,
        outcome=Outcome.REFERRED_UP,
        conclusion="Kiến nghị UBND tỉnh xem xét.",
    )
    petition = Petition.objects.get(pk=petitions[2].pk)
    assert petition.status == S.REFERRED
    referral = petition.referral
    assert referral is not None and referral.to_unit == cast.commune_a.parent
    assert referral.note == "Kiến nghị UBND tỉnh xem xét."
    inbox = referral.inbox_petition
    assert inbox is not None and inbox.unit == cast.commune_a.parent and inbox.channel == Channel.REFERRAL
    assert exchange.referral == referral
    assert exchange.to_body == cast.commune_a.parent.name


def test_referred_to_another_body(cast, conference, room, walk_in, sectors):
    exchange = open_one(
        cast.officer_a,
        conference,
        **new_data(sectors, speaker=walk_in, question="Điện chập chờn", jurisdiction=Jurisdiction.OTHER_BODY),
    )
    exchange = exchange_conclude(
        actor=cast.vice_chair_a,
        exchange=exchange,
        outcome=Outcome.REFERRED_BODY,
        to_body="Công ty Điện lực Lạng Sơn",
        conclusion="Đề nghị kiểm tra đường dây.",
    )
    petition = exchange.petitions.get()
    assert petition.status == S.REFERRED
    assert petition.referral is not None and petition.referral.to_body == "Công ty Điện lực Lạng Sơn"
    assert exchange.to_body == "Công ty Điện lực Lạng Sơn"
    assert exchange.referral == petition.referral


def test_petitions_of_several_matters_are_answered_once_per_matter(cast, conference, room, petitions):
    group = PetitionGroup.objects.create(unit=cast.commune_a, title="Sửa đường liên thôn Nà Pàn")
    Petition.objects.filter(pk__in=[p.pk for p in petitions[:2]]).update(group=group)
    exchange = open_one(cast.officer_a, conference, question="Đường và đất", petitions=petitions)
    # The third is beyond the commune: answering it in the hall is still the chair's call.
    exchange_conclude(
        actor=cast.chair_a,
        exchange=exchange,
        outcome=Outcome.ANSWERED,
        answered_by="Chủ tịch UBND xã",
        answer_text="Đã giải thích.",
    )
    answers = {p.answer_id for p in Petition.objects.filter(pk__in=[p.pk for p in petitions])}
    assert len(answers) == 2  # the group once, the other petition once
    assert all(p.status == S.ANSWERED_AT_CONFERENCE for p in Petition.objects.filter(pk__in=[p.pk for p in petitions]))


@pytest.mark.parametrize(
    ("outcome", "kwargs", "field"),
    [
        ("", {}, "outcome"),
        (Outcome.ANSWERED, {"answer_text": "Đã trả lời."}, "answered_by"),
        (Outcome.ANSWERED, {"answered_by": "Chủ tịch"}, "answer_text"),
        (Outcome.IN_WRITING, {}, "department"),
        (Outcome.IN_WRITING, {"department": "B"}, "department"),
        (Outcome.IN_WRITING, {"department": "A", "due_date": "yesterday"}, "due_date"),
        (Outcome.REFERRED_BODY, {}, "to_body"),
        (Outcome.REFERRED_UP, {}, "petitions"),  # classified "this unit": not referable upward
    ],
)
def test_a_conclusion_with_bad_input_leaves_everything_as_it_was(
    cast, conference, room, petitions, outcome, kwargs, field
):
    exchange = open_one(cast.officer_a, conference, question="Đường?", petitions=[petitions[0]])
    values = dict(kwargs)
    if values.get("department") == "A":
        values["department"] = cast.department_a
    elif values.get("department") == "B":
        values["department"] = cast.department_b
    if values.get("due_date") == "yesterday":
        values["due_date"] = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        exchange_conclude(actor=cast.officer_a, exchange=exchange, outcome=outcome, **values)
    assert field in caught.value.message_dict, caught.value.message_dict
    if field == "petitions":
        assert code(petitions[0]) in str(caught.value.message_dict["petitions"])
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.OPEN
    assert Petition.objects.get(pk=petitions[0].pk).status == S.CLASSIFIED
    assert not AuditEvent.objects.filter(event_type="exchange.concluded").exists()


def test_a_petition_answered_meanwhile_is_named_by_its_code(cast, conference, room, petitions):
    exchange = open_one(cast.officer_a, conference, question="Đường?", petitions=petitions[:2])
    answer_at_conference(actor=cast.chair_a, petitions=[petitions[1]], text="Đã trả lời.", answered_by="Chủ tịch")
    with pytest.raises(ValidationError) as caught:
        exchange_conclude(
            actor=cast.officer_a, exchange=exchange, outcome=Outcome.IN_WRITING, department=cast.department_a
        )
    [message] = caught.value.message_dict["petitions"]
    assert code(petitions[1]) in message
    assert Petition.objects.get(pk=petitions[0].pk).status == S.CLASSIFIED


def test_when_a_later_petitions_action_refuses_the_earlier_ones_are_undone(cast, conference, room, petitions, sectors):
    """Two matters referred upward: the first goes up, the second is "this unit"'s own and refused; nothing
    stays (no referral, no inbox petition at the province, the first petition still classified)."""
    later = open_one(cast.officer_a, conference, **new_data(sectors, question="Đèn đường")).petitions.get()
    exchange = open_one(cast.officer_a, conference, question="Sổ đỏ và đèn", petitions=[petitions[2], later])
    with pytest.raises(ValidationError) as caught:
        exchange_conclude(actor=cast.officer_a, exchange=exchange, outcome=Outcome.REFERRED_UP, conclusion="Lên tỉnh")
    assert code(later) in str(caught.value.message_dict["petitions"])
    assert not Referral.objects.exists()
    assert not Petition.objects.filter(unit=cast.commune_a.parent).exists()
    assert Petition.objects.get(pk=petitions[2].pk).status == S.CLASSIFIED
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.OPEN and exchange.referral is None


def test_an_exchange_is_concluded_once(cast, conference, room, petitions):
    exchange = open_one(cast.officer_a, conference, question="Đường?", petitions=[petitions[1]])
    exchange_conclude(actor=cast.officer_a, exchange=exchange, outcome=Outcome.IN_WRITING, department=cast.department_a)
    with pytest.raises(ValidationError):
        exchange_conclude(
            actor=cast.officer_a, exchange=exchange, outcome=Outcome.IN_WRITING, department=cast.department_a
        )
    assert AuditEvent.objects.filter(event_type="exchange.concluded").count() == 1


def test_recorded_late_after_the_end_but_not_once_the_minutes_are_final(cast, conference, room, petitions):
    Room.objects.filter(pk=room.pk).update(status=RoomStatus.ENDED, ended_at=timezone.now())
    exchange = open_one(cast.officer_a, conference, question="Ghi bổ sung", petitions=[petitions[1]])
    minutes = Minutes.objects.create(conference=conference, status=MinutesStatus.FINALISED)
    with pytest.raises(ValidationError) as caught:
        exchange_conclude(
            actor=cast.officer_a, exchange=exchange, outcome=Outcome.IN_WRITING, department=cast.department_a
        )
    assert "Biên bản đã hoàn thành" in str(caught.value)
    with pytest.raises(ValidationError):
        exchange_update(actor=cast.officer_a, exchange=exchange, data={"question": "Sửa"})
    Minutes.objects.filter(pk=minutes.pk).update(status=MinutesStatus.DRAFT)  # reopened
    exchange_conclude(actor=cast.officer_a, exchange=exchange, outcome=Outcome.IN_WRITING, department=cast.department_a)


def test_an_inactive_department_is_not_given_a_written_answer(cast, conference, room, petitions):
    gone = Department.objects.create(unit=cast.commune_a, name="Ban cũ", is_active=False)
    exchange = open_one(cast.officer_a, conference, question="Đường?", petitions=[petitions[1]])
    with pytest.raises(ValidationError) as caught:
        exchange_conclude(actor=cast.officer_a, exchange=exchange, outcome=Outcome.IN_WRITING, department=gone)
    assert "department" in caught.value.message_dict


# ---------------------------------------------------------------- what the minutes read


def test_the_rows_for_the_minutes(cast, conference, room, named, walk_in, petitions, sectors):
    first = open_one(cast.officer_a, conference, question="Đường liên thôn?", speaker=named, petitions=[petitions[0]])
    exchange_conclude(
        actor=cast.officer_a,
        exchange=first,
        outcome=Outcome.ANSWERED,
        answered_by="Hoàng Văn Chủ",
        department=cast.department_a,
        answer_text="Quý III sửa.",
        conclusion="Đồng ý.",
    )
    second = open_one(cast.officer_a, conference, question="Đường vào thôn?", petitions=[petitions[1]])
    exchange_conclude(
        actor=cast.officer_a,
        exchange=second,
        outcome=Outcome.IN_WRITING,
        department=cast.department_a,
        due_date=dt.date(2030, 6, 19),
    )
    open_one(cast.officer_a, conference, **new_data(sectors, speaker=walk_in))
    rows = exchanges_for_minutes(conference)
    assert [r["number"] for r in rows] == [1, 2, 3]
    one, two, three = rows
    assert one["asker"] == "Hoàng Thị Hai (Thôn Nà Pàn)"
    assert one["asker_public"] == "Trưởng thôn – Thôn Nà Pàn"  # no consent to show the name
    assert one["spoken_seconds"] == 245
    assert one["petition_codes"] == [code(petitions[0])]
    assert (one["answered_by"], one["answer"], one["conclusion"]) == ("Hoàng Văn Chủ", "Quý III sửa.", "Đồng ý.")
    assert (one["outcome"], one["outcome_label"], one["department"]) == (
        "answered",
        "Đã trả lời tại hội nghị",
        "Phòng Kinh tế",
    )
    assert (two["due_date"], two["due_date_text"], two["result"]) == (
        "2030-06-19",
        "19/6/2030",
        "Phòng Kinh tế, hạn 19/6/2030",
    )
    assert two["asker"] == "" and two["spoken_seconds"] is None
    assert (three["asker"], three["status"], three["outcome_label"]) == (
        "Cử tri – Thôn Bản Châu",
        "open",
        "Chưa kết luận",
    )
    json.dumps(rows)  # ready to be frozen into the finalised minutes
    counts = counts_of(conference)
    assert (counts.total, counts.answered, counts.in_writing, counts.open, counts.referred) == (3, 1, 1, 1, 0)
