from django.urls import path

from doithoai.reports.views import dashboard, rollup

app_name = "reports"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("bao-cao-ky.xlsx", dashboard.period_workbook, name="period_workbook"),
    path("cac-don-vi/", rollup.rollup, name="rollup"),
    path("cac-don-vi/tai-ve/", rollup.rollup_export, name="rollup_export"),
]
