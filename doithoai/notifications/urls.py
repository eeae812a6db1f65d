from django.urls import path

from doithoai.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:notification_id>/mo/", views.notification_open, name="open"),
    path("<int:notification_id>/da-doc/", views.notification_read, name="read"),
    path("da-doc-tat-ca/", views.notifications_read_all, name="read_all"),
    path("tuy-chon/", views.preference_update, name="preference"),
]
