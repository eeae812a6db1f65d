from django.urls import path

from doithoai.accounts import views

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", views.login_view, name="login"),
    path("dang-xuat/", views.logout_view, name="logout"),
    path("cua-toi/", views.profile, name="profile"),
    path("doi-mat-khau/", views.password_change, name="password_change"),
    path("quen-mat-khau/", views.password_reset, name="password_reset"),
    path("quen-mat-khau/da-gui/", views.password_reset_done, name="password_reset_done"),
    path("dat-lai-mat-khau/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("dat-lai-mat-khau/xong/", views.password_reset_complete, name="password_reset_complete"),
    path("xac-thuc-hai-lop/", views.two_factor_setup, name="two_factor_setup"),
    path("xac-thuc-hai-lop/nhap-ma/", views.two_factor_verify, name="two_factor_verify"),
    path("don-vi/<int:unit_id>/bao-mat/", views.unit_security, name="unit_security"),
    path(
        "don-vi/<int:unit_id>/can-bo/<int:user_id>/dat-lai-xac-thuc-hai-lop/",
        views.two_factor_reset,
        name="two_factor_reset",
    ),
]
