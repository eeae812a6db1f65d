from django.urls import path

from doithoai.audit import views as audit_views
from doithoai.units import views

app_name = "units"

urlpatterns = [
    path("", views.unit_home, name="home"),
    # Villages
    path("thon/", views.villages, name="villages"),
    path("thon/sap-nhap/", views.villages_merge, name="villages_merge"),
    path("thon/<int:village_id>/sua/", views.village_edit, name="village_edit"),
    path("thon/<int:village_id>/thoi-hoat-dong/", views.village_retire, name="village_retire"),
    path("thon/<int:village_id>/hoat-dong-lai/", views.village_reactivate, name="village_reactivate"),
    path("thon/<int:village_id>/xoa/", views.village_delete, name="village_delete"),
    # Departments
    path("co-quan/", views.departments, name="departments"),
    path("co-quan/<int:department_id>/sua/", views.department_edit, name="department_edit"),
    path("co-quan/<int:department_id>/ngung/", views.department_deactivate, name="department_deactivate"),
    path("co-quan/<int:department_id>/dung-lai/", views.department_activate, name="department_activate"),
    path("co-quan/<int:department_id>/xoa/", views.department_delete, name="department_delete"),
    # People and roles
    path("can-bo/", views.members, name="members"),
    path("can-bo/them/", views.member_create, name="member_create"),
    path("can-bo/giao-vai-tro/", views.membership_grant, name="membership_grant"),
    path("can-bo/vai-tro/<int:membership_id>/thu-hoi/", views.membership_revoke, name="membership_revoke"),
    # Letterhead
    path("thong-tin/", views.profile, name="profile"),
    path("thong-tin/xem-truoc/", views.profile_preview, name="profile_preview"),
    # History
    path("nhat-ky/", audit_views.unit_history, name="history"),
    path(
        "nhat-ky/doi-tuong/<int:content_type_id>/<str:object_id>/",
        audit_views.object_history,
        name="object_history",
    ),
]
