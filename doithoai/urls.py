from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.i18n import set_language

# Admin sign-in goes through our login page, so its throttling and two-factor apply there too.
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", include("doithoai.core.urls")),
    path("tai-khoan/", include("doithoai.accounts.urls")),
    path("thiet-lap/", include("doithoai.units.setup_urls")),
    path("don-vi/<int:unit_id>/", include("doithoai.units.urls")),
    path("don-vi/<int:unit_id>/lich-lam-viec/", include("doithoai.workdays.urls")),
    path("don-vi/<int:unit_id>/ke-hoach/", include("doithoai.plans.urls")),
    path("don-vi/<int:unit_id>/hoi-nghi/", include("doithoai.conferences.urls")),
    path("don-vi/<int:unit_id>/hoi-nghi/<int:conference_id>/dai-bieu/", include("doithoai.delegates.urls")),
    path("don-vi/<int:unit_id>/y-kien/", include("doithoai.petitions.urls")),
    path("don-vi/<int:unit_id>/hoi-nghi/<int:conference_id>/dieu-hanh/", include("doithoai.live.urls")),
    path("don-vi/<int:unit_id>/van-ban/", include("doithoai.documents.urls")),
    path("don-vi/<int:unit_id>/thong-ke/", include("doithoai.reports.urls")),
    path("don-vi/<int:unit_id>/kinh-phi/", include("doithoai.budget.urls")),
    path("giay-moi/", include("doithoai.delegates.public_urls")),
    path("y-kien/", include("doithoai.petitions.public_urls")),
    path("man-hinh/", include("doithoai.live.public_urls")),
    path("viec-can-lam/", include("doithoai.todo.urls")),
    path("thong-bao/", include("doithoai.notifications.urls")),
    path("cong-khai/", include("doithoai.portal.urls")),
    path("cong-khai/", include("doithoai.live.portal_urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("quan-tri-he-thong/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
