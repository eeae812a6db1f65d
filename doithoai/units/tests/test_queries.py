"""The busiest pages make a fixed number of queries, however long the lists."""

from __future__ import annotations

from django.urls import reverse

from doithoai.units import actions
from doithoai.units.models import Village, VillageStatus


# Every signed-in request reads the session and the user and lists the user's units for the top bar:
# 3 before the page's own (the session is written back at most once a minute, not here).
def _warm(client, url):
    """The first request of a session also decides its two-factor requirement; measure the ones after."""
    client.get(url)


def test_it_lists_sixty_villages_in_a_fixed_number_of_queries(client, cast, django_assert_max_num_queries):
    for i in range(58):
        Village.objects.create(unit=cast.commune_a, name=f"Thôn {i:02d}", sort_order=i)
    Village.objects.create(
        unit=cast.commune_a, name="Thôn Cũ", status=VillageStatus.RETIRED, merged_into=cast.village_a
    )
    assert Village.objects.filter(unit=cast.commune_a).count() == 60
    client.force_login(cast.officer_a)
    url = reverse("units:villages", args=[cast.commune_a.pk])
    _warm(client, url)

    # The page's own: unit (2: higher-official paths, unit with parent), roles (1), villages with mergers (1).
    with django_assert_max_num_queries(8):  # + the unread notifications of the bell
        response = client.get(url)

    assert response.content.decode().count('data-testid="village-row"') == 60


def test_it_shows_the_history_page_in_a_fixed_number_of_queries(client, cast, django_assert_max_num_queries):
    actions.villages_create(actor=cast.officer_a, unit=cast.commune_a, lines="\n".join(f"Thôn {i}" for i in range(40)))
    actions.departments_create(actor=cast.chair_a, unit=cast.commune_a, lines="Công an xã\nTrạm y tế")
    for village in Village.objects.filter(unit=cast.commune_a)[:20]:
        actions.village_retire(actor=cast.officer_a, village=village)
    client.force_login(cast.officer_a)
    url = reverse("units:history", args=[cast.commune_a.pk])
    _warm(client, url)

    # The page's own: unit (2), roles (1), count, page of events with actors, kinds of event for the filter.
    with django_assert_max_num_queries(10):  # + the unread notifications of the bell
        response = client.get(url)

    assert response.content.decode().count('data-testid="event"') == 50
