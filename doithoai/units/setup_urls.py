from django.urls import path

from doithoai.units import setup_views

app_name = "setup"

urlpatterns = [
    path("", setup_views.start, name="start"),
    path("<int:unit_id>/", setup_views.unit, name="unit"),
]
