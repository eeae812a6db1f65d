"""The conference's documents page with the real kinds: what waits on the conference (the minutes, the conclusion
notice) says why instead of offering a draft or a number; the rest can be drafted and issued; the signer
offered is a name, not "name, title"."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_documents_waiting_on_the_conference_say_why_and_offer_no_number(client, cast, conference, delegates):
    client.force_login(cast.officer_a)
    page = client.get(reverse("documents:conference", args=[cast.commune_a.pk, conference.pk])).content.decode()

    def card(kind: str) -> str:
        return page.split(f'data-testid="card-{kind}"')[1].split("</section>")[0]

    for kind, reason in (
        ("minutes", "Biên bản chưa hoàn thành"),
        ("conclusion_notice", "Hội nghị chưa tổ chức"),
    ):
        assert reason in card(kind)
        assert f'data-testid="issue-form-{kind}"' not in card(kind)
        assert f'data-testid="draft-{kind}"' not in card(kind)
    for kind in ("announcement", "invitations"):
        assert 'data-testid="card-not-ready"' not in card(kind)
        assert f'data-testid="issue-form-{kind}"' in card(kind)
    # The fixture's chair is a bare name on the plan; the conference writes "Hoàng Văn Chủ".
    assert 'name="signer_name"' in card("announcement")
    assert ", Chủ tịch" not in card("announcement").split('name="signer_name"')[1].split(">")[0]
