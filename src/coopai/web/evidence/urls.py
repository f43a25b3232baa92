from django.urls import path

from coopai.web.evidence import views

urlpatterns = [
    path("proposals/<int:pk>/evidence/", views.evidence, name="evidence"),
    path("proposals/<int:pk>/evidence/upload/", views.evidence_upload, name="evidence_upload"),
    path("proposals/<int:pk>/evidence/<int:run>/", views.evidence_run, name="evidence_run"),
    path(
        "proposals/<int:pk>/evidence/<int:run>/columns/",
        views.evidence_mapping,
        name="evidence_mapping",
    ),
    path(
        "proposals/<int:pk>/evidence/<int:run>/progress/",
        views.evidence_progress,
        name="evidence_progress",
    ),
    path(
        "proposals/<int:pk>/evidence/<int:run>/report.<slug:fmt>",
        views.evidence_report,
        name="evidence_report",
    ),
    path(
        "proposals/<int:pk>/evidence/<int:run>/attach/",
        views.evidence_attach,
        name="evidence_attach",
    ),
    path(
        "proposals/<int:pk>/evidence/<int:run>/delete-upload/",
        views.evidence_delete_upload,
        name="evidence_delete_upload",
    ),
]
