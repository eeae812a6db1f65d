from django.urls import path

from doithoai.conferences import views

app_name = "conferences"

urlpatterns = [
    path("ke-hoach/<int:plan_id>/", views.conference_list, name="list"),
    path("ke-hoach/<int:plan_id>/tao-moi/", views.conference_create, name="create"),
    path("<int:conference_id>/", views.conference_detail, name="detail"),
    path("<int:conference_id>/doi-thoi-gian/", views.conference_reschedule, name="reschedule"),
    path("<int:conference_id>/chuyen/<str:transition>/", views.conference_transition, name="transition"),
    path("<int:conference_id>/buoc/<int:step_id>/hoan-thanh/", views.step_complete, name="step_complete"),
]
