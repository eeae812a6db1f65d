from django.urls import path

from doithoai.conferences import views

app_name = "conferences"

urlpatterns = [
    path("ke-hoach/<int:plan_id>/", views.conference_list, name="list"),
    path("ke-hoach/<int:plan_id>/tao-moi/", views.conference_create, name="create"),
    path("ke-hoach/<int:plan_id>/moc-thoi-gian/", views.plan_rules, name="plan_rules"),
    path("ke-hoach/<int:plan_id>/moc-thoi-gian/ap-dung/", views.plan_rules_apply, name="plan_rules_apply"),
    path("<int:conference_id>/", views.conference_detail, name="detail"),
    path("<int:conference_id>/sua/", views.conference_edit, name="edit"),
    path("<int:conference_id>/doi-thoi-gian/", views.conference_reschedule, name="reschedule"),
    path("<int:conference_id>/chuyen/<str:transition>/", views.conference_transition, name="transition"),
    path("<int:conference_id>/cac-buoc/", views.conference_timeline, name="timeline"),
    path("<int:conference_id>/buoc/them/", views.step_add, name="step_add"),
    path("<int:conference_id>/buoc/<int:step_id>/hoan-thanh/", views.step_complete, name="step_complete"),
    path("<int:conference_id>/buoc/<int:step_id>/mo-lai/", views.step_reopen, name="step_reopen"),
    path("<int:conference_id>/buoc/<int:step_id>/sua/", views.step_edit, name="step_edit"),
    path("<int:conference_id>/buoc/<int:step_id>/xoa/", views.step_delete, name="step_delete"),
    path("<int:conference_id>/giao-nhiem-vu/", views.duties_assign, name="duties_assign"),
    path("<int:conference_id>/cong-bo/<str:channel>/", views.publication_record, name="publication_record"),
]
