"""The hall's screen opened by its link, without sign-in: mounted at man-hinh/ (namespace "screen")."""

from doithoai.live.views import screen

app_name = "screen"

urlpatterns = screen.PUBLIC_URLS
