"""Pages of official documents, mounted at don-vi/<unit_id>/van-ban/ (namespace "documents")."""

from doithoai.documents.views import issued, jobs, register, setup, subjects

app_name = "documents"

urlpatterns = [*register.URLS, *issued.URLS, *subjects.URLS, *jobs.URLS, *setup.URLS]
