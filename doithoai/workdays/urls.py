from django.urls import path

from doithoai.workdays import views

app_name = "workdays"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("them/", views.override_add, name="add"),
    path("nhap/", views.override_import, name="import"),
    path("<int:override_id>/xoa/", views.override_delete, name="delete"),
    path("tinh-han/", views.deadline, name="deadline"),
]
