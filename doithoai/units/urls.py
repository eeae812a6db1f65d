from django.urls import path

from doithoai.units import views

app_name = "units"

urlpatterns = [
    path("", views.unit_home, name="home"),
]

# Filled in by the management pages below.
urlpatterns += [
    path("thon/", views.villages, name="villages"),
    path("co-quan/", views.departments, name="departments"),
    path("can-bo/", views.members, name="members"),
    path("thong-tin/", views.profile, name="profile"),
    path("nhat-ky/", views.history, name="history"),
]
