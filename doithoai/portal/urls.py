"""The public portal, mounted at /cong-khai/. No sign-in; every page is read-only."""

from django.urls import path

from doithoai.portal import published, views

app_name = "portal"

urlpatterns = [
    path("", views.index, name="index"),
    path("don-vi/<int:unit_id>/", views.unit_page, name="unit"),
    path("don-vi/<int:unit_id>/van-ban/<int:document_id>.<str:fmt>", published.download, name="document"),
    path("hoi-nghi/<int:conference_id>/", views.conference_page, name="conference"),
    path("hoi-nghi/<int:conference_id>/ban-in/", views.poster, name="poster"),
    path("hoi-nghi/<int:conference_id>/ket-luan/", views.conclusions, name="conclusions"),
    path("hoi-nghi/<int:conference_id>/kich-ban-phat-thanh/", views.radio_page, name="radio"),
    path("hoi-nghi/<int:conference_id>/kich-ban-phat-thanh.txt", views.radio_text, name="radio_text"),
    path("hoi-nghi/<int:conference_id>/lich.ics", views.calendar_file, name="calendar"),
]
