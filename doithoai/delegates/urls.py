from django.urls import path

from doithoai.delegates import views

app_name = "delegates"

# Mounted at don-vi/<unit_id>/hoi-nghi/<conference_id>/dai-bieu/
urlpatterns = [
    path("", views.delegate_list, name="list"),
    path("them/", views.delegate_add, name="add"),
    path("<int:delegate_id>/sua/", views.delegate_edit, name="edit"),
    path("<int:delegate_id>/dong/", views.delegate_row, name="row"),
    path("<int:delegate_id>/xoa/", views.delegate_delete, name="delete"),
    path("dinh-muc/", views.quotas, name="quotas"),
    path("dinh-muc/tao-cho/", views.slots_generate, name="generate"),
    path("nhap-excel/", views.delegates_import, name="import"),
    path("nhap-excel/mau/", views.import_template, name="template"),
    path("xuat-excel/", views.delegates_export, name="export"),
    path("giay-moi/", views.invitations_print, name="invitations"),
    path("diem-danh/", views.check_in_page, name="check_in"),
    path("diem-danh/ma/", views.check_in_by_code, name="check_in_code"),
    path("diem-danh/tim/", views.check_in_search, name="check_in_search"),
    path("diem-danh/khach/", views.walk_in, name="walk_in"),
    path("diem-danh/<int:delegate_id>/", views.check_in_delegate, name="check_in_delegate"),
    path("diem-danh/<int:delegate_id>/huy/", views.check_in_undo, name="check_in_undo"),
    path("so-nguoi-du/", views.attendance, name="attendance"),
    path("so-nguoi-du/bang/", views.attendance_panel, name="attendance_panel"),
]
