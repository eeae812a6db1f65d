"""Public pages, mounted at y-kien/ (namespace "petitions_public"): no sign-in."""

from doithoai.petitions.views import public

app_name = "petitions_public"

urlpatterns = [*public.URLS]
