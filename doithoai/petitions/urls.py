"""Staff pages, mounted at don-vi/<unit_id>/y-kien/ (namespace "petitions")."""

from doithoai.petitions.views import answers, groups, intake, staff, summary

app_name = "petitions"

urlpatterns = [*staff.URLS, *intake.URLS, *groups.URLS, *answers.URLS, *summary.URLS]
