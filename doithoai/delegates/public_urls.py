from django.urls import path

from doithoai.delegates import views

app_name = "invitations"

# Mounted at giay-moi/ (no sign-in): the invited person's own page, by the code on their invitation.
urlpatterns = [
    path("<str:code>/", views.invitation_public, name="show"),
]
