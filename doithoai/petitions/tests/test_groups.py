"""Grouping petitions about the same matter (issue 4): create from a suggestion or from a petition's page,
add, remove, split, merge, rename — through HTTP, with the cast; every petition and every original text
is kept, answers are shared, and only those who classify may change anything."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doithoai.accounts.roles import Role
from doithoai.audit.models import AuditEvent
from doithoai.core.testing import MATRIX_ROLES
from doithoai.petitions import actions
from doithoai.petitions.actions import groups as group_actions
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
from doithoai.petitions.views.groups import detail_panel
from doithoai.units.models import Village

S = PetitionStatus
ROADS = [
    "Đề nghị sửa chữa tuyến đường từ thôn Nà Pàn ra trung tâm xã, đường xuống cấp, nhiều ổ gà.",
    "Tuyến đường liên thôn Khòn Pịt đi trung tâm xã bị hư hỏng nặng, nhiều ổ gà, đề nghị sửa chữa.",
    "de nghi sua chua duong lien thon Ban Cam, duong xuong cap nang, nhieu o ga",
    "Đường liên thôn xuống cấp nghiêm trọng, ổ gà khắp nơi, đề nghị xã sửa chữa sớm.",
]
POWER = [
    "Giá điện tăng cao, hóa đơn tiền điện tháng 5 tăng gấp đôi, đề nghị ngành điện kiểm tra lại công tơ.",
    "tien dien thang nay tang cao bat thuong, de nghi dien luc kiem tra lai cong to",
]


@pytest.fixture
def sectors(cast):
    return {s.code: s for s in actions.sectors_ensure(actor=cast.officer_a, unit=cast.commune_a)}


@pytest.fixture
def villages(cast):
    return [cast.village_a] + [
        Village.objects.create(unit=cast.commune_a, name=name) for name in ("Thôn Khòn Pịt", "Thôn Bản Cằm")
    ]


def receive(cast, text, sector=None, village=None):
    petition, _ = actions.petition_receive(
        actor=cast.officer_a,
        unit=cast.commune_a,
        data={"text": text, "channel": Channel.PAPER_FORM, "village": village or cast.village_a, "sector": sector},
    )
    return petition


@pytest.fixture
def roads(cast, sectors, villages):
    return [receive(cast, t, sectors["XD-GT-HT"], villages[i % 3]) for i, t in enumerate(ROADS)]


@pytest.fixture
def power(cast, sectors, villages):
    return [receive(cast, t, sectors["KT-TC"], villages[i]) for i, t in enumerate(POWER)]


def url(cast, name, *args, **query):
    result = reverse(f"petitions:{name}", args=[cast.commune_a.pk, *args])
    if query:
        result += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return result


def ids(petitions):
    return [p.pk for p in petitions]


def make_group(cast, petitions, title="Sửa chữa đường liên thôn xuống cấp"):
    return group_actions.group_create(actor=cast.officer_a, unit=cast.commune_a, petitions=petitions, title=title)


def members(group):
    return set(Petition.objects.filter(group=group).values_list("pk", flat=True))


def originals():
    return dict(Petition.objects.values_list("pk", "original_text"))


def draft(cast, petitions, approved=False):
    answer = Answer.objects.create(
        unit=cast.commune_a,
        mode=AnswerMode.IN_WRITING,
        text="Xã đã đưa tuyến đường vào kế hoạch sửa chữa năm 2026.",
        approved_at=timezone.now() if approved else None,
    )
    Petition.objects.filter(pk__in=ids(petitions)).update(answer=answer)
    return answer


# ---------------------------------------------------------------- creating from the suggestions


def test_the_office_creates_a_group_from_a_suggested_cluster(client, cast, roads, power):
    client.force_login(cast.officer_a)
    before = originals()
    page = client.get(url(cast, "group_suggestions"))
    assert page.status_code == 200
    clusters = page.context["clusters"]
    assert [len(c["petitions"]) for c in clusters] == [4, 2]
    road_cluster = clusters[0]
    assert set(ids(road_cluster["petitions"])) == set(ids(roads))
    assert road_cluster["title"] in ROADS and road_cluster["villages"] == [
        "Thôn Bản Cằm",
        "Thôn Khòn Pịt",
        "Thôn Nà Pàn",
    ]
    content = page.content.decode()
    assert content.count('data-testid="cluster"') == 2 and "nhieu o ga" in content

    data = {"petitions": ids(roads[:3]), "candidates": ids(roads), "title": "Sửa đường liên thôn", "index": 1}
    response = client.post(url(cast, "group_create"), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'data-testid="cluster-created"' in response.content.decode()
    group = PetitionGroup.objects.get()
    assert group.title == "Sửa đường liên thôn" and members(group) == set(ids(roads[:3]))
    assert group.sector is not None and group.sector.code == "XD-GT-HT"
    assert group.conference is None and group.unit == cast.commune_a
    assert originals() == before
    assert AuditEvent.objects.filter(event_type="petition_group.created", object_id=str(group.pk)).count() == 1
    assert AuditEvent.objects.filter(event_type="petition.grouped").count() == 3

    # A second click sends the same again: the same group, nothing more.
    again = client.post(url(cast, "group_create"), data, HTTP_HX_REQUEST="true")
    assert again.status_code == 200 and PetitionGroup.objects.count() == 1
    assert AuditEvent.objects.filter(event_type="petition_group.created").count() == 1

    # Grouped petitions are no longer suggested; the fourth road, alone, neither.
    page = client.get(url(cast, "group_suggestions"))
    assert [set(ids(c["petitions"])) for c in page.context["clusters"]] == [set(ids(power))]

    # Without htmx the office lands on the new group's page.
    response = client.post(url(cast, "group_create"), {"petitions": ids(power), "title": "Giá điện cao"})
    power_group = PetitionGroup.objects.get(title="Giá điện cao")
    assert response.status_code == 302 and response["Location"] == url(cast, "group_detail", power_group.pk)


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("   ", "Nhập nội dung chung của nhóm."),
        ("Đường" * 120, "Nội dung chung dài 600 ký tự, quá 500 ký tự"),
    ],
)
def test_a_group_without_a_proper_wording_is_refused_and_what_was_typed_stays(client, cast, roads, title, message):
    client.force_login(cast.officer_a)
    data = {"petitions": ids(roads[:2]), "candidates": ids(roads), "title": title, "index": 3}
    response = client.post(url(cast, "group_create"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    # Every petition of the card is still there, the two ticked still ticked.
    for petition in roads:
        assert f'value="{petition.pk}" id="c3-p{petition.pk}" checked' in page or petition in roads[2:]
    assert f'value="{roads[2].pk}" id="c3-p{roads[2].pk}" checked' not in page
    htmx = client.post(url(cast, "group_create"), data, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200 and message in htmx.content.decode()
    assert 'data-testid="cluster-created"' not in htmx.content.decode()
    assert not PetitionGroup.objects.exists() and not Petition.objects.filter(group__isnull=False).exists()


def test_a_petition_in_another_group_is_not_taken_from_it(client, cast, roads):
    first = make_group(cast, roads[:2])
    client.force_login(cast.officer_a)
    response = client.post(url(cast, "group_create"), {"petitions": ids(roads[1:3]), "title": "Đường"})
    assert response.status_code == 400
    assert f"đã thuộc nhóm “{first.title}”. Tách ý kiến khỏi nhóm đó trước, hoặc gộp hai nhóm." in (
        response.content.decode()
    )
    assert PetitionGroup.objects.count() == 1 and members(first) == set(ids(roads[:2]))
    assert client.post(url(cast, "group_create"), {"title": "Đường"}).status_code == 400
    assert client.post(url(cast, "group_create"), {"petitions": ["abc"], "title": "Đường"}).status_code == 404


# ---------------------------------------------------------------- one group's page


def test_the_group_page_shows_its_petitions_and_renames_it(client, cast, roads):
    actions.petition_revise_text(actor=cast.officer_a, petition=roads[0], text="Sửa đường thôn Nà Pàn")
    group = make_group(cast, roads[:3])
    client.force_login(cast.officer_a)
    page = client.get(url(cast, "group_detail", group.pk))
    assert page.status_code == 200
    content = page.content.decode()
    assert group.title in content and "Sửa đường thôn Nà Pàn" in content
    assert ROADS[0] in content  # the original text, under the current one
    assert "Thôn Khòn Pịt" in content and 'data-testid="rename-form"' in content

    response = client.post(url(cast, "group_rename", group.pk), {"title": "  Sửa chữa  các tuyến đường liên thôn "})
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.title == "Sửa chữa các tuyến đường liên thôn"
    event = AuditEvent.objects.get(event_type="petition_group.renamed")
    assert event.changes["title"]["after"] == "Sửa chữa các tuyến đường liên thôn"

    response = client.post(url(cast, "group_rename", group.pk), {"title": ""})
    assert response.status_code == 400 and "Nhập nội dung chung của nhóm." in response.content.decode()
    long = "x" * 501
    response = client.post(url(cast, "group_rename", group.pk), {"title": long})
    assert response.status_code == 400 and long in response.content.decode()
    group.refresh_from_db()
    assert group.title == "Sửa chữa các tuyến đường liên thôn"


def test_split_and_remove_keep_every_petition_and_its_original(client, cast, roads):
    group = make_group(cast, roads)
    before = originals()
    count = Petition.objects.count()
    client.force_login(cast.officer_a)

    response = client.post(
        url(cast, "group_split", group.pk), {"petitions": ids(roads[2:]), "split_title": "Đường thôn Bản Cằm"}
    )
    new = PetitionGroup.objects.get(title="Đường thôn Bản Cằm")
    assert response.status_code == 302 and response["Location"] == url(cast, "group_detail", new.pk)
    assert members(group) == set(ids(roads[:2])) and members(new) == set(ids(roads[2:]))
    assert AuditEvent.objects.filter(event_type="petition_group.split", object_id=str(group.pk)).exists()

    response = client.post(url(cast, "group_remove", new.pk), {"petitions": [roads[3].pk]})
    assert response.status_code == 302
    assert members(new) == {roads[2].pk} and Petition.objects.get(pk=roads[3].pk).group is None
    assert AuditEvent.objects.filter(event_type="petition.ungrouped", object_id=str(roads[3].pk)).exists()

    # Removing the last one deletes the emptied group.
    response = client.post(url(cast, "group_remove", new.pk), {"petitions": [roads[2].pk]})
    assert response["Location"] == url(cast, "groups")
    assert not PetitionGroup.objects.filter(pk=new.pk).exists()

    # A split must leave one behind; a split without a wording keeps what was ticked.
    response = client.post(url(cast, "group_split", group.pk), {"petitions": ids(roads[:2]), "split_title": "X"})
    assert response.status_code == 400 and "Phải để lại ít nhất một ý kiến trong nhóm cũ." in response.content.decode()
    response = client.post(url(cast, "group_split", group.pk), {"petitions": [roads[0].pk], "split_title": ""})
    assert response.status_code == 400
    content = response.content.decode()
    assert (
        "Nhập nội dung chung của nhóm." in content and f'value="{roads[0].pk}" id="m-{roads[0].pk}" checked' in content
    )
    # Only petitions of the group can leave it.
    response = client.post(url(cast, "group_remove", group.pk), {"petitions": [roads[3].pk]})
    assert response.status_code == 400 and "không thuộc nhóm này" in response.content.decode()

    assert Petition.objects.count() == count and originals() == before
    assert members(group) == set(ids(roads[:2]))


def test_merging_moves_every_petition_and_deletes_the_emptied_groups(client, cast, roads, power):
    a = make_group(cast, roads[:2], "Sửa đường liên thôn")
    b = make_group(cast, roads[2:], "Đường xuống cấp, ổ gà")
    c = make_group(cast, power, "Giá điện")
    before = originals()
    client.force_login(cast.officer_a)
    # The search box finds groups by their wording, without diacritics, not the group itself.
    found = client.get(url(cast, "group_search", q="duong o ga", nhom=a.pk))
    assert found.status_code == 200 and list(found.context["found"]) == [b]
    assert 'data-testid="found-' in found.content.decode()

    response = client.post(url(cast, "group_merge", a.pk), {"others": [b.pk]})
    assert response.status_code == 302
    assert members(a) == set(ids(roads)) and not PetitionGroup.objects.filter(pk=b.pk).exists()
    a.refresh_from_db()
    assert a.title == "Sửa đường liên thôn" and a.sector is not None and a.sector.code == "XD-GT-HT"
    event = AuditEvent.objects.get(event_type="petition_group.merged")
    assert event.changes["_extra"]["merged_groups"] == [{"id": b.pk, "title": "Đường xuống cấp, ổ gà"}]
    assert originals() == before and Petition.objects.count() == 6

    # Merging groups of two sectors: the group keeps both, with no sector of its own.
    client.post(url(cast, "group_merge", a.pk), {"others": [c.pk]})
    a.refresh_from_db()
    assert members(a) == set(ids(roads + power)) and a.sector is None

    response = client.post(url(cast, "group_merge", a.pk), {"others": [a.pk]})
    assert response.status_code == 400 and "Không gộp một nhóm vào chính nó." in response.content.decode()
    assert client.post(url(cast, "group_merge", a.pk), {"others": [b.pk]}).status_code == 404  # gone
    response = client.post(url(cast, "group_merge", a.pk), {})
    assert response.status_code == 400 and "Chọn nhóm cần gộp vào nhóm này." in response.content.decode()


# ---------------------------------------------------------------- answers are shared


def test_petitions_joining_a_group_share_its_answer_and_leave_a_draft_behind(cast, roads):
    group = make_group(cast, roads[:2])
    answer = draft(cast, roads[:2])
    group_actions.group_add(actor=cast.officer_a, group=group, petitions=[roads[2]])
    assert Petition.objects.get(pk=roads[2].pk).answer == answer
    group_actions.group_remove(actor=cast.officer_a, group=group, petitions=[roads[2]])
    assert Petition.objects.get(pk=roads[2].pk).answer is None
    # An approved answer stays with the petition it answered.
    answer.approved_at = timezone.now()
    answer.save()
    group_actions.group_remove(actor=cast.officer_a, group=group, petitions=[roads[1]])
    assert Petition.objects.get(pk=roads[1].pk).answer == answer
    # A newcomer's draft becomes the group's when the group has none.
    other = make_group(cast, [roads[3]], "Đường xuống cấp")
    own = draft(cast, [roads[2]])
    group_actions.group_add(actor=cast.officer_a, group=other, petitions=[roads[2]])
    assert set(Petition.objects.filter(group=other).values_list("answer", flat=True)) == {own.pk}


def test_answered_or_closed_petitions_do_not_join_a_group_with_another_answer(cast, sectors, roads):
    group = make_group(cast, roads[:2])
    draft(cast, roads[:2])
    answered = roads[2]
    draft(cast, [answered], approved=True)
    with pytest.raises(ValidationError) as caught:
        group_actions.group_add(actor=cast.officer_a, group=group, petitions=[answered])
    assert "đã có những trả lời khác nhau" in str(caught.value)
    refused = actions.petition_classify(
        actor=cast.officer_a,
        petition=roads[3],
        kind=Kind.RECOMMENDATION,
        sector=sectors["XD-GT-HT"],
        jurisdiction=Jurisdiction.THIS_UNIT,
    )
    refused = actions.petition_refuse(actor=cast.officer_a, petition=refused, reason="Đã trả lời năm trước.")
    with pytest.raises(ValidationError) as caught:
        group_actions.group_add(actor=cast.officer_a, group=group, petitions=[refused])
    assert f"đã kết thúc ({S.REFUSED.label}); không đưa vào nhóm có trả lời khác được." in str(caught.value)
    # Into a group without an answer, a refused petition may go (its refusal is not changed).
    plain = make_group(cast, [answered], "Đường đã trả lời")
    with pytest.raises(ValidationError):
        group_actions.group_add(actor=cast.officer_a, group=plain, petitions=[refused])
    assert members(group) == set(ids(roads[:2])) and Petition.objects.get(pk=refused.pk).group is None


def test_groups_with_different_answers_are_not_merged(client, cast, roads):
    a = make_group(cast, roads[:2])
    b = make_group(cast, roads[2:], "Đường xuống cấp")
    draft(cast, roads[:2])
    draft(cast, roads[2:])
    client.force_login(cast.officer_a)
    response = client.post(url(cast, "group_merge", a.pk), {"others": [b.pk]})
    assert response.status_code == 400
    assert "đã có những trả lời khác nhau; không gộp vào một nhóm được" in response.content.decode()
    assert members(b) == set(ids(roads[2:]))


# ---------------------------------------------------------------- the panel on a petition's page


def test_a_petition_page_shows_likely_duplicates_and_groups_them(client, cast, roads, power):
    client.force_login(cast.officer_a)
    page = client.get(url(cast, "detail", roads[0].pk)).content.decode()
    assert "Các ý kiến có thể trùng" in page
    for other in roads[1:]:
        assert f'data-testid="similar-{other.pk}"' in page and f'data-testid="create-with-{other.pk}"' in page
    assert f'data-testid="similar-{power[0].pk}"' not in page
    assert "Thôn Khòn Pịt" in page and "giống " in page and "%" in page

    # "Tạo nhóm với ý kiến này": a group of the two, worded by the shorter text, then its page.
    response = client.post(
        url(cast, "group_create"), {"petitions": [roads[0].pk, roads[1].pk], "title": "Sửa đường liên thôn"}
    )
    group = PetitionGroup.objects.get()
    assert response["Location"] == url(cast, "group_detail", group.pk)

    # Another petition now offers "Gộp vào nhóm" for the grouped ones.
    page = client.get(url(cast, "detail", roads[2].pk)).content.decode()
    assert f'data-testid="join-{roads[0].pk}"' in page
    here = url(cast, "detail", roads[2].pk)
    response = client.post(url(cast, "group_add", group.pk), {"petitions": [roads[2].pk], "next": here})
    assert response.status_code == 302 and response["Location"] == here
    assert members(group) == set(ids(roads[:3]))
    page = client.get(here).content.decode()
    assert 'data-testid="panel-group-link"' in page and group.title in page and "3 ý kiến" in page

    # Joining a second group is refused with a message on the petition's page.
    other = make_group(cast, [roads[3]], "Đường khác")
    response = client.post(url(cast, "group_add", other.pk), {"petitions": [roads[2].pk], "next": here}, follow=True)
    assert "đã thuộc nhóm “Sửa đường liên thôn”" in response.content.decode()
    assert members(other) == {roads[3].pk}

    # The panel's search finds a group to join; "Tách khỏi nhóm" from the panel goes back to the petition.
    found = client.get(url(cast, "group_search", q="duong khac", y_kien=roads[1].pk))
    assert list(found.context["found"]) == [other]
    response = client.post(url(cast, "group_remove", group.pk), {"petitions": [roads[2].pk], "next": here})
    assert response["Location"] == here and Petition.objects.get(pk=roads[2].pk).group is None
    # A next pointing elsewhere is not followed.
    response = client.post(
        url(cast, "group_add", group.pk), {"petitions": [roads[2].pk], "next": "https://example.com/"}
    )
    assert response["Location"] == url(cast, "group_detail", group.pk)


def test_the_panel_is_read_only_for_the_council_and_empty_for_those_who_cannot_see(rf, client, cast, roads):
    make_group(cast, roads[:2])
    client.force_login(cast.council_a)
    page = client.get(url(cast, "detail", roads[2].pk)).content.decode()
    assert f'data-testid="similar-{roads[0].pk}"' in page
    assert 'data-testid="join-' not in page and 'data-testid="create-with-' not in page
    assert 'data-testid="panel-search"' not in page
    page = client.get(url(cast, "detail", roads[0].pk)).content.decode()
    assert 'data-testid="panel-group-link"' in page and 'data-testid="panel-remove"' not in page
    request = rf.get("/")
    request.user = cast.citizen
    assert detail_panel(request, cast.commune_a, roads[0]) == ""


# ---------------------------------------------------------------- permissions


def test_the_council_reads_the_groups_and_changes_nothing(client, cast, roads):
    group = make_group(cast, roads[:2])
    other = make_group(cast, roads[2:], "Đường xuống cấp")
    client.force_login(cast.council_a)
    assert client.get(url(cast, "groups")).status_code == 200
    page = client.get(url(cast, "group_detail", group.pk)).content.decode()
    assert group.title in page
    for form in ("rename-form", "remove-button", "split-button", "merge-search", "select-"):
        assert f'data-testid="{form}' not in page, form
    assert client.get(url(cast, "group_suggestions")).status_code == 403
    assert client.get(url(cast, "group_search", q="duong")).status_code == 403
    posts = {
        url(cast, "group_create"): {"petitions": ids(roads[:1]), "title": "X"},
        url(cast, "group_rename", group.pk): {"title": "X"},
        url(cast, "group_add", group.pk): {"petitions": [roads[3].pk]},
        url(cast, "group_remove", group.pk): {"petitions": [roads[0].pk]},
        url(cast, "group_split", group.pk): {"petitions": [roads[0].pk], "split_title": "X"},
        url(cast, "group_merge", group.pk): {"others": [other.pk]},
    }
    for target, data in posts.items():
        assert client.post(target, data).status_code == 403, target
    assert PetitionGroup.objects.count() == 2 and members(group) == set(ids(roads[:2]))
    assert not AuditEvent.objects.filter(actor=cast.council_a).exists()


def test_officer_b_gets_404_for_every_group_page_and_action_of_commune_a(client, cast, roads):
    group = make_group(cast, roads[:2])
    client.force_login(cast.officer_b)
    for target in (
        url(cast, "groups"),
        url(cast, "group_detail", group.pk),
        url(cast, "group_suggestions"),
        url(cast, "group_search", q="duong"),
    ):
        assert client.get(target).status_code == 404, target
    for target in (
        url(cast, "group_create"),
        url(cast, "group_rename", group.pk),
        url(cast, "group_add", group.pk),
        url(cast, "group_remove", group.pk),
        url(cast, "group_split", group.pk),
        url(cast, "group_merge", group.pk),
    ):
        assert client.post(target, {"petitions": ids(roads), "title": "X"}).status_code == 404, target
    # Commune B's own pages do not reach commune A's groups or petitions either.
    own = reverse("petitions:group_detail", args=[cast.commune_b.pk, group.pk])
    assert client.get(own).status_code == 404
    create = reverse("petitions:group_create", args=[cast.commune_b.pk])
    assert client.post(create, {"petitions": ids(roads[:2]), "title": "X"}).status_code == 404
    assert PetitionGroup.objects.count() == 1


ALLOWED = {Role.CHAIR, Role.VICE_CHAIR, Role.OFFICE, Role.FRONT}


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_who_may_group_every_role(cast, roads, role):
    user = cast.user_for(role)
    alone = receive(cast, "Xin lắp đèn đường thôn")
    group = make_group(cast, roads[:2])
    other = make_group(cast, roads[3:], "Đường xuống cấp")
    calls = {
        "create": lambda: group_actions.group_create(actor=user, unit=cast.commune_a, petitions=[alone], title="T"),
        "rename": lambda: group_actions.group_rename(actor=user, group=group, title="Tên mới"),
        "add": lambda: group_actions.group_add(actor=user, group=group, petitions=[roads[2]]),
        "split": lambda: group_actions.group_split(actor=user, group=group, petitions=[roads[0]], title="Tách"),
        "remove": lambda: group_actions.group_remove(actor=user, group=group, petitions=[roads[1]]),
        "merge": lambda: group_actions.group_merge(actor=user, target=group, others=[other]),
    }
    for name, call in calls.items():
        if role in ALLOWED:
            call()
        else:
            with pytest.raises(PermissionDenied):
                call()
            assert name  # every call refused, nothing written
    if role not in ALLOWED:
        assert PetitionGroup.objects.count() == 2 and members(group) == set(ids(roads[:2]))


# ---------------------------------------------------------------- the list


def _queries(client, target):
    client.get(target)
    with CaptureQueriesContext(connection) as context:
        response = client.get(target)
    assert response.status_code == 200
    return len(context.captured_queries), response


def test_the_group_list_counts_villages_and_states_in_a_number_of_queries_that_does_not_grow(
    client, cast, sectors, villages
):
    # session, user, roles, unit; count and page of groups; villages and states of their petitions;
    # conferences and sectors of the filters; the menu's units and notifications.
    client.force_login(cast.officer_a)
    road = sectors["XD-GT-HT"]

    def add(n, start):
        for i in range(start, start + n):
            petitions = [receive(cast, f"Đường số {i} hỏng, ý kiến {k}", road, villages[k]) for k in range(3)]
            group = make_group(cast, petitions, f"Sửa đường số {i}")
            actions.petition_classify(
                actor=cast.officer_a,
                petition=petitions[0],
                kind=Kind.RECOMMENDATION,
                sector=road,
                jurisdiction=Jurisdiction.THIS_UNIT,
            )
            assert group

    add(2, 0)
    few, response = _queries(client, url(cast, "groups"))
    add(10, 2)
    many, response = _queries(client, url(cast, "groups"))
    assert few == many == 12
    rows = response.context["rows"]
    assert len(rows) == 12
    group, summary = rows[0]
    assert group.petition_count == 3
    assert summary.villages == ["Thôn Bản Cằm", "Thôn Khòn Pịt", "Thôn Nà Pàn"]
    assert summary.statuses == [(S.RECEIVED, str(S.RECEIVED.label), 2), (S.CLASSIFIED, str(S.CLASSIFIED.label), 1)]
    page = response.content.decode()
    assert "Sửa đường số 11" in page and "Mới tiếp nhận: 2" in page
    filtered, response = _queries(client, url(cast, "groups", linh_vuc=road.pk, q="duong so 1"))
    assert filtered == many + 1  # the sector of the filter
    assert {g.title for g, _ in response.context["rows"]} == {"Sửa đường số 1", "Sửa đường số 10", "Sửa đường số 11"}
    assert client.get(url(cast, "groups", linh_vuc=sectors["DD"].pk)).context["rows"] == []
    assert client.get(url(cast, "groups", hoi_nghi=999999)).status_code == 404


def test_while_typing_a_petition_the_ones_it_may_repeat_are_shown(client, cast, sectors, roads, power):
    client.force_login(cast.village_head_a)
    hint = client.get(url(cast, "similar_hint", text="duong lien thon hu hong nhieu o ga, de nghi sua"))
    assert hint.status_code == 200
    page = hint.content.decode()
    assert "Có thể trùng với:" in page
    assert all(f'data-testid="hint-{p.pk}"' in page for p in roads[:3])
    assert f'data-testid="hint-{power[0].pk}"' not in page
    narrowed = client.get(url(cast, "similar_hint", text=POWER[0], sector=sectors["KT-TC"].pk)).content.decode()
    assert f'data-testid="hint-{power[1].pk}"' in narrowed and f'data-testid="hint-{roads[0].pk}"' not in narrowed
    assert client.get(url(cast, "similar_hint", text="đường")).content.decode().strip() == ""
    client.force_login(cast.officer_b)
    assert client.get(url(cast, "similar_hint", text=ROADS[0])).status_code == 404
