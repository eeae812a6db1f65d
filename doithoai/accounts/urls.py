from django.contrib.auth import views as auth_views
from django.urls import path

from doithoai.accounts import views

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", views.login_view, name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("cua-toi/", views.profile, name="profile"),
    path("xac-thuc-hai-lop/", views.two_factor_setup, name="two_factor_setup"),
    path("xac-thuc-hai-lop/nhap-ma/", views.two_factor_verify, name="two_factor_verify"),
]
