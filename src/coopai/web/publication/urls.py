from django.urls import path, re_path

from coopai.web.publication import views

urlpatterns = [
    path("about-ai/", views.about_ai, name="about_ai"),
    path("about-ai/<slug:technique>/", views.about_ai_technique, name="about_ai_technique"),
    path("public/", views.public_register, name="public_register"),
    re_path(
        r"^public/register\.(?P<fmt>csv|xlsx|json)$",
        views.public_register_export,
        name="public_register_export",
    ),
    path("public/<slug:council>/", views.public_council_register, name="public_council_register"),
    path(
        "public/<slug:council>/accessibility/",
        views.public_accessibility,
        name="public_accessibility",
    ),
    re_path(
        r"^public/(?P<council>[-\w]+)/transparency-records\.(?P<fmt>csv|json)$",
        views.public_council_records,
        name="public_council_records",
    ),
    path("public/<slug:council>/<slug:reference>/", views.public_system, name="public_system"),
    path(
        "public/<slug:council>/<slug:reference>/transparency-record/",
        views.public_record,
        name="public_record",
    ),
    re_path(
        r"^public/(?P<council>[-\w]+)/(?P<reference>\w+)/transparency-record\.(?P<fmt>csv|json)$",
        views.public_record_export,
        name="public_record_export",
    ),
    path("proposals/<int:pk>/transparency/", views.transparency, name="transparency"),
    path(
        "proposals/<int:pk>/transparency/edit/",
        views.transparency_edit,
        name="transparency_edit",
    ),
]
