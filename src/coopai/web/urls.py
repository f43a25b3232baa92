from django.contrib import admin
from django.urls import include, path

from coopai.web.councils import views as council_views

# Django's admin site has its own access rule: staff only (tests/web/test_access.py).
urlpatterns = [
    path("", council_views.home, name="home"),
    path("accounts/login/", council_views.login, name="login"),
    path("accounts/logout/", council_views.logout, name="logout"),
    path("accessibility/", council_views.accessibility, name="accessibility"),
    path("settings/", council_views.council_settings, name="council_settings"),
    path("", include("coopai.web.proposals.urls")),
    path("", include("coopai.web.evidence.urls")),
    path("", include("coopai.web.reviews.urls")),
    path("", include("coopai.web.publication.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "coopai.web.errors.forbidden"
handler404 = "coopai.web.errors.not_found"
handler500 = "coopai.web.errors.server_error"
