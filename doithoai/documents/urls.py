"""Pages of official documents, mounted at don-vi/<unit_id>/van-ban/ (namespace "documents")."""

from doithoai.documents.views import hall, issued, jobs, materials, register, setup, subjects

app_name = "documents"

urlpatterns = [*hall.URLS, *materials.URLS, *register.URLS, *issued.URLS, *subjects.URLS, *jobs.URLS, *setup.URLS]
