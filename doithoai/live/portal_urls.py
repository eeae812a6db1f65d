"""The portal's form to register to speak, without sign-in: mounted at cong-khai/ next to the portal's own
pages (namespace "live_public")."""

from doithoai.live.views import public_registration

app_name = "live_public"

urlpatterns = public_registration.URLS
