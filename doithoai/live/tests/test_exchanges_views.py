"""The exchanges page as the secretary uses it: plain POSTs (no JavaScript) and htmx, the picker, the
control page's panel, errors kept with what was typed, escaping, and a constant number of queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doithoai.live.actions.exchanges import exchange_conclude, exchange_open
from doithoai.live.models import Exchange, ExchangeStatus, Minutes, MinutesStatus, Outcome, Room, RoomStatus, Speaker
from doithoai.petitions.actions import create_petition
from doithoai.petitions.models import Channel, Jurisdiction, Petition, PetitionStatus

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def room(conference):
    return Room.objects.create(conference=conference, status=RoomStatus.RUNNING, started_at=timezone.now())


@pytest.fixture
def walk_in(conference, village_c):
    return Speaker.objects.create(conference=conference, order=1, village=village_c, label="Cử tri")


@pytest.fixture
def named(conference, cast, petitions):
    speaker = Speaker.objects.create(conference=conference, order=2, name="Nông Văn Một", village=cast.village_a)
    speaker.petitions.set([petitions[0]])
    return speaker


def url(cast, conference, name="exchanges", *args):
    return reverse(f"live:{name}", args=[cast.commune_a.pk, conference.pk, *args])


def signed_in(client, user):
    client.force_login(user)
    return client


def add_post(sectors, **extra):
    data = {
        "question": "Đề nghị lắp đèn đường thôn Bản Châu",
        "new_petition": "on",
        "sector": str(sectors["XD-GT-HT"].pk),
        "jurisdiction": Jurisdiction.THIS_UNIT,
        "kind": "recommendation",
        "submission_key": "form-1",
    }
    data.update(extra)
    return data


def test_the_page_before_the_start_says_so_and_offers_no_form(client, cast, conference, petitions):
    response = signed_in(client, cast.officer_a).get(url(cast, conference))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="ex-not-started"' in html
    assert 'data-testid="ex-add-form"' not in html
    response = client.post(
        url(cast, conference, "exchange_open"),
        {"question": "Đường?", "petitions": [str(petitions[0].pk)], "submission_key": "k"},
    )
    assert response.status_code == 400
    assert "chưa bắt đầu" in response.content.decode()


def test_who_sees_the_page(client, cast, conference, room):
    for user, status in [
        (cast.council_a, 200),
        (cast.department_officer_a, 200),
        (cast.officer_b, 404),
        (cast.citizen, 404),
    ]:
        client.force_login(user)
        assert client.get(url(cast, conference)).status_code == status, user
    client.force_login(cast.council_a)
    assert 'data-testid="ex-add-form"' not in client.get(url(cast, conference)).content.decode()
    assert client.post(url(cast, conference, "exchange_open"), {"question": "x"}).status_code == 403


def test_recording_a_walk_ins_question_without_javascript(client, cast, conference, room, walk_in, sectors):
    client = signed_in(client, cast.officer_a)
    page = client.get(url(cast, conference) + f"?nguoi_hoi={walk_in.pk}")
    html = page.content.decode()
    assert f'<option value="{walk_in.pk}" selected>' in html
    # No petition sent before: the question is recorded as a new one by default.
    assert re.search(r'name="new_petition"[^>]*checked', html)
    response = client.post(url(cast, conference, "exchange_open"), add_post(sectors, speaker=str(walk_in.pk)))
    exchange = Exchange.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#ex-{exchange.pk}")
    petition = exchange.petitions.get()
    assert (petition.channel, petition.status, petition.village) == (
        Channel.CONFERENCE,
        PetitionStatus.CLASSIFIED,
        walk_in.village,
    )
    # Sent again (a second click, a resent form): still one question.
    again = client.post(url(cast, conference, "exchange_open"), add_post(sectors, speaker=str(walk_in.pk)))
    assert again.status_code == 302
    assert Exchange.objects.count() == 1
    assert Petition.objects.filter(channel=Channel.CONFERENCE).count() == 1
    html = client.get(url(cast, conference)).content.decode()
    assert "Đề nghị lắp đèn đường thôn Bản Châu" in html
    assert reverse("petitions:detail", args=[cast.commune_a.pk, petition.pk]) in html
    assert 'data-testid="count-total">1 câu hỏi' in html


def test_a_refused_form_comes_back_with_what_was_typed(client, cast, conference, room, sectors):
    client = signed_in(client, cast.officer_a)
    response = client.post(
        url(cast, conference, "exchange_open"),
        add_post(sectors, sector="", question="Câu hỏi về <đèn> đường", submission_key="k"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="errors-sector"' in html
    assert "Câu hỏi về &lt;đèn&gt; đường" in html
    assert not Exchange.objects.exists()
    # The same through htmx: 200 (htmx swaps only those), the add form alone.
    response = client.post(url(cast, conference, "exchange_open"), add_post(sectors, question=""), **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="ex-add"')
    assert 'data-testid="errors-question"' in html


def test_a_petition_of_another_commune_cannot_be_slipped_in(client, cast, conference, room, petitions):
    other, _created = create_petition(
        actor=cast.officer_b, unit=cast.commune_b, data={"text": "Ý kiến xã Văn Quan", "channel": "paper_form"}
    )
    response = signed_in(client, cast.officer_a).post(
        url(cast, conference, "exchange_open"),
        {"question": "Hỏi", "petitions": [str(petitions[0].pk), str(other.pk)], "submission_key": "x"},
    )
    assert response.status_code == 400
    assert 'data-testid="errors-petitions"' in response.content.decode()
    assert "Ý kiến xã Văn Quan" not in response.content.decode()
    assert not Exchange.objects.exists()


def test_htmx_adds_the_card_and_a_fresh_form(client, cast, conference, room, sectors):
    client = signed_in(client, cast.officer_a)
    response = client.post(url(cast, conference, "exchange_open"), add_post(sectors), **HX)
    assert response.status_code == 200
    html = response.content.decode()
    exchange = Exchange.objects.get()
    assert 'hx-swap-oob="beforeend:#ex-list"' in html
    assert f'id="ex-{exchange.pk}"' in html
    assert 'id="ex-counts" class="ex-counts mb-3"' in html and 'hx-swap-oob="true"' in html
    # The fresh form has a new key and no text.
    key = re.search(r'name="submission_key" value="([0-9a-f]+)"', html)
    assert key is not None and key.group(1) != "form-1"
    # The same form again (a double click): no second card.
    again = client.post(url(cast, conference, "exchange_open"), add_post(sectors), **HX)
    assert "beforeend:#ex-list" not in again.content.decode()


def test_the_picker_finds_petitions_by_code_or_words_without_diacritics(client, cast, conference, room, petitions):
    client = signed_in(client, cast.officer_a)
    target = petitions[0]
    typed = f"{target.tracking_code[:4].lower()} {target.tracking_code[4:].lower()}"
    for query in [typed, f"{target.tracking_code[:4]}-{target.tracking_code[4:]}", "lien thon sat lo"]:
        response = client.get(url(cast, conference, "exchange_pick"), {"tim": query, "o": "ex-new"})
        html = response.content.decode()
        assert f'data-testid="pick-{target.tracking_code}"' in html, query
        assert f'data-testid="pick-{petitions[2].tracking_code}"' not in html
    # What is already chosen stays chosen, and is not offered again.
    response = client.get(
        url(cast, conference, "exchange_pick"), {"tim": "duong", "petitions": [str(petitions[1].pk)], "o": "ex-new"}
    )
    html = response.content.decode()
    assert re.search(rf'value="{petitions[1].pk}" id="ex-new-pick-{petitions[1].pk}" checked', html)
    assert html.count(f'value="{petitions[1].pk}"') == 1
    assert f'value="{petitions[0].pk}"' in html
    # Answered petitions are not offered.
    Petition.objects.filter(pk=target.pk).update(status=PetitionStatus.ANSWERED_AT_CONFERENCE)
    html = client.get(url(cast, conference, "exchange_pick"), {"tim": "lien thon"}).content.decode()
    assert f"pick-{target.tracking_code}" not in html
    assert 'data-testid="ex-pick-none"' in html
    # Without JavaScript the "Tìm" button posts the form: matches shown, nothing saved.
    response = client.post(url(cast, conference, "exchange_open"), {"question": "Đường", "_tim": "1", "tim": "duong"})
    assert response.status_code == 200
    assert f"pick-{petitions[1].tracking_code}" in response.content.decode()
    assert not Exchange.objects.exists()


def test_choosing_the_asker_preselects_their_petitions(client, cast, conference, room, named, petitions):
    client = signed_in(client, cast.officer_a)
    html = client.get(url(cast, conference) + f"?nguoi_hoi={named.pk}").content.decode()
    assert re.search(rf'value="{petitions[0].pk}" id="ex-new-pick-{petitions[0].pk}" checked', html)
    assert not re.search(r'name="new_petition"[^>]*checked', html)
    response = client.post(
        url(cast, conference, "exchange_open"),
        {"speaker": str(named.pk), "_doi_nguoi": "1", "question": "Đường?", "petitions": [str(petitions[1].pk)]},
        **HX,
    )
    html = response.content.decode()
    for petition in petitions[:2]:
        assert re.search(rf'value="{petition.pk}" id="ex-new-pick-{petition.pk}" checked', html)
    assert 'data-testid="errors-' not in html
    assert not Exchange.objects.exists()


@pytest.mark.parametrize(
    ("outcome", "extra", "state"),
    [
        (Outcome.ANSWERED, {"answer_text": "Quý III sửa."}, PetitionStatus.ANSWERED_AT_CONFERENCE),
        (Outcome.IN_WRITING, {"department": "A", "due_date": "19/6/2030"}, PetitionStatus.ACCEPTED),
    ],
)
def test_concluding_from_the_card(client, cast, conference, room, petitions, outcome, extra, state):
    exchange, _ = exchange_open(
        actor=cast.officer_a, conference=conference, data={"question": "Đường?", "petitions": [petitions[0]]}
    )
    client = signed_in(client, cast.chair_a)
    page = client.get(url(cast, conference)).content.decode()
    # The chair's name is already in "who answered"; the unit's active departments are offered.
    assert 'value="Hoàng Văn Chủ"' in page
    assert f'<option value="{cast.department_a.pk}">Phòng Kinh tế</option>' in page
    data = {"outcome": outcome, "answered_by": "Hoàng Văn Chủ", **extra}
    if data.get("department") == "A":
        data["department"] = str(cast.department_a.pk)
    response = client.post(url(cast, conference, "exchange_conclude", exchange.pk), data, **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<article id="ex-{exchange.pk}"')
    assert 'data-testid="ex-conclude-form"' not in html
    assert Petition.objects.get(pk=petitions[0].pk).status == state
    if outcome == Outcome.IN_WRITING:
        assert "Giao Phòng Kinh tế trả lời bằng văn bản, hạn 19/6/2030" in html
        assert 'data-testid="count-in_writing">Trả lời bằng văn bản: 1' in html
    else:
        assert 'data-testid="count-answered">Trả lời tại hội nghị: 1' in html
    # A second click on the same form: no error, nothing more.
    again = client.post(url(cast, conference, "exchange_conclude", exchange.pk), data)
    assert again.status_code == 302


def test_a_refused_conclusion_keeps_the_form_and_the_exchange_open(client, cast, conference, room, petitions):
    exchange, _ = exchange_open(
        actor=cast.officer_a, conference=conference, data={"question": "Đường?", "petitions": [petitions[0]]}
    )
    client = signed_in(client, cast.officer_a)
    data = {"outcome": Outcome.IN_WRITING, "due_date": "01/01/2020", "conclusion": "Giao trả lời <sớm>"}
    response = client.post(url(cast, conference, "exchange_conclude", exchange.pk), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="errors-department"' in html
    assert 'data-testid="errors-due_date"' in html
    assert "Giao trả lời &lt;sớm&gt;" in html
    assert re.search(r'value="in_writing"[^>]*checked', html)
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.OPEN
    # Referred upward, a petition of "this unit": the message names its code.
    response = client.post(url(cast, conference, "exchange_conclude", exchange.pk), {"outcome": "referred_up"}, **HX)
    code = f"{petitions[0].tracking_code[:4]}-{petitions[0].tracking_code[4:]}"
    assert response.status_code == 200
    assert code in response.content.decode()


def test_editing_a_card(client, cast, conference, room, petitions):
    exchange, _ = exchange_open(
        actor=cast.officer_a, conference=conference, data={"question": "Đường?", "petitions": [petitions[0]]}
    )
    client = signed_in(client, cast.officer_a)
    form = client.get(url(cast, conference, "exchange_edit", exchange.pk), **HX).content.decode()
    assert 'data-testid="ex-edit-form"' in form
    assert re.search(rf'value="{petitions[0].pk}" id="ex{exchange.pk}-pick-{petitions[0].pk}" checked', form)
    response = client.post(
        url(cast, conference, "exchange_edit", exchange.pk),
        {
            "question": "Đường liên thôn khi nào sửa?",
            "answered_by": "Trưởng phòng Kinh tế",
            "answer_text": "Đang lập dự toán.",
            "petitions": [str(petitions[0].pk), str(petitions[1].pk)],
        },
    )
    assert response.status_code == 302
    exchange.refresh_from_db()
    assert exchange.question == "Đường liên thôn khi nào sửa?"
    assert exchange.petitions.count() == 2
    exchange_conclude(actor=cast.officer_a, exchange=exchange, outcome=Outcome.IN_WRITING, department=cast.department_a)
    form = client.get(url(cast, conference, "exchange_edit", exchange.pk)).content.decode()
    assert 'name="answered_by"' not in form.split('data-testid="ex-edit-form"')[1].split("</form>")[0]
    # Only the brief texts; anything else sent is not a field of this form.
    client.post(
        url(cast, conference, "exchange_edit", exchange.pk),
        {"question": "Sửa chính tả", "answer_text": "Đang lập dự toán.", "answered_by": "X", "petitions": ["1"]},
    )
    exchange.refresh_from_db()
    assert (exchange.question, exchange.answered_by, exchange.petitions.count()) == (
        "Sửa chính tả",
        "Trưởng phòng Kinh tế",
        2,
    )


def test_what_people_typed_is_escaped(client, cast, conference, room, petitions, sectors):
    speaker = Speaker.objects.create(conference=conference, name="<b>Tên</b>", village=cast.village_a)
    exchange, _ = exchange_open(
        actor=cast.officer_a,
        conference=conference,
        data={"question": "<script>alert(1)</script>", "speaker": speaker, "petitions": [petitions[0]]},
    )
    exchange_conclude(
        actor=cast.officer_a,
        exchange=exchange,
        outcome=Outcome.ANSWERED,
        answered_by="<i>Chủ tịch</i>",
        answer_text="<img src=x onerror=alert(2)>",
        conclusion='"><svg onload=alert(3)>',
    )
    html = signed_in(client, cast.officer_a).get(url(cast, conference)).content.decode()
    for raw in ["<script>alert(1)", "<b>Tên</b>", "<i>Chủ tịch</i>", "<img src=x", "<svg onload"]:
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Tên&lt;/b&gt;" in html


def test_the_page_reads_a_constant_number_of_queries(client, cast, conference, room, petitions, sectors):
    client = signed_in(client, cast.officer_a)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(cast, conference)).status_code == 200
        return len(captured)

    def add(n: int) -> None:
        for i in range(n):
            speaker = Speaker.objects.create(conference=conference, order=i, name=f"Người {i}", village=cast.village_a)
            exchange, _ = exchange_open(
                actor=cast.officer_a,
                conference=conference,
                data={
                    "question": f"Câu {i}",
                    "speaker": speaker,
                    "new_petition": True,
                    "sector": sectors["DD"],
                    "jurisdiction": "other_body",
                },
            )
            if i % 2:
                exchange_conclude(
                    actor=cast.officer_a, exchange=exchange, outcome=Outcome.REFERRED_BODY, to_body="Điện lực"
                )

    add(2)
    queries()  # the first request fills caches the later ones do not read again
    few = queries()
    add(6)
    assert queries() == few


def test_the_control_pages_panel(client, cast, conference, room, named, petitions):
    client = signed_in(client, cast.officer_a)
    # What the control page includes: a loader for the panel, and a link without JavaScript.
    html = render_to_string(
        "live/exchanges/_current.html",
        {"unit": cast.commune_a, "conference": conference, "room": room, "speaker": named},
    )
    panel_url = url(cast, conference, "exchange_current") + f"?nguoi_hoi={named.pk}"
    assert f'hx-get="{panel_url}"' in html
    assert url(cast, conference) + f"?nguoi_hoi={named.pk}#ex-add" in html
    # The speaker has no question yet: the form, their petition chosen.
    panel = client.get(panel_url, **HX).content.decode()
    assert 'data-testid="ex-add-form"' in panel
    assert re.search(rf'value="{petitions[0].pk}" id="ex-cur-pick-{petitions[0].pk}" checked', panel)
    response = client.post(
        url(cast, conference, "exchange_open"),
        {
            "_vung": "dieu-hanh",
            "speaker": str(named.pk),
            "question": "Đường liên thôn?",
            "petitions": [str(petitions[0].pk)],
            "submission_key": "cur-1",
        },
        **HX,
    )
    panel = response.content.decode()
    exchange = Exchange.objects.get()
    assert panel.lstrip().startswith('<section id="ex-current-panel"')
    assert 'data-testid="ex-conclude-form"' in panel and 'hx-target="#ex-current-panel"' in panel
    # Concluded from the panel: the card with its badge, and a button for another question.
    response = client.post(
        url(cast, conference, "exchange_conclude", exchange.pk),
        {"_vung": "dieu-hanh", "outcome": "answered", "answered_by": "Hoàng Văn Chủ", "answer_text": "Quý III."},
        **HX,
    )
    panel = response.content.decode()
    assert "Đã trả lời tại hội nghị" in panel
    assert 'data-testid="ex-current-another"' in panel
    panel = client.get(panel_url + "&moi=1", **HX).content.decode()
    assert 'data-testid="ex-add-form"' in panel


def test_the_page_once_the_minutes_are_final_is_read_only(client, cast, conference, room, petitions):
    exchange_open(actor=cast.officer_a, conference=conference, data={"question": "Đường?", "petitions": petitions[:1]})
    Minutes.objects.create(conference=conference, status=MinutesStatus.FINALISED)
    html = signed_in(client, cast.officer_a).get(url(cast, conference)).content.decode()
    assert 'data-testid="ex-locked"' in html
    for form in ("ex-add-form", "ex-conclude-form", "ex-edit"):
        assert f'data-testid="{form}"' not in html
