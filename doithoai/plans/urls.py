from django.urls import path

from doithoai.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("tao-moi/", views.plan_create, name="create"),
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("<int:plan_id>/sua/", views.plan_edit, name="edit"),
    path("<int:plan_id>/xoa/", views.plan_delete, name="delete"),
    path("<int:plan_id>/ban-hanh/", views.plan_issue, name="issue"),
    path("<int:plan_id>/chuyen/<str:transition>/", views.plan_transition, name="transition"),
    path("<int:plan_id>/muc/<slug:slug>/", views.plan_section, name="section"),
    path("<int:plan_id>/tuan-thu/", views.plan_compliance, name="compliance"),
    path("<int:plan_id>/tuan-thu/excel/", views.plan_compliance_excel, name="compliance_excel"),
]
