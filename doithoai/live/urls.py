"""Staff pages, mounted at don-vi/<unit_id>/hoi-nghi/<conference_id>/dieu-hanh/ (namespace "live")."""

from doithoai.live.views import agenda, exchanges, minutes, registrations, room, screen, speakers

app_name = "live"

urlpatterns = [
    *room.URLS,
    *agenda.URLS,
    *speakers.URLS,
    *screen.URLS,
    *exchanges.URLS,
    *minutes.URLS,
    *registrations.URLS,
]
