"""The shared fixtures build what the other tests assume."""

from doithoai.conferences.models import ConferenceStatus
from doithoai.petitions.models import PetitionStatus


def test_fixtures(conference, delegates, petitions):
    assert conference.status == ConferenceStatus.ANNOUNCED
    assert sum(d.checked_in_at is not None for d in delegates) == 3
    assert {p.status for p in petitions} == {PetitionStatus.CLASSIFIED}
