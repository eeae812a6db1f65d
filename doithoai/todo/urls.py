from django.urls import path

from doithoai.todo import views

app_name = "todo"

urlpatterns = [
    path("", views.task_list, name="list"),
    path("so-viec/", views.badge, name="badge"),
    path("nhiem-vu/<int:assignment_id>/hoan-thanh/", views.assignment_complete, name="assignment_complete"),
]
