from django.urls import path, re_path

from coopai.web.proposals import views

urlpatterns = [
    path("register/", views.register, name="register"),
    re_path(r"^register/export\.(?P<fmt>csv|xlsx)$", views.register_export, name="register_export"),
    path("proposals/new/", views.proposal_new, name="proposal_new"),
    path("proposals/upload/", views.proposal_upload, name="proposal_upload"),
    path("proposals/<int:pk>/", views.proposal_tasks, name="proposal"),
    path("proposals/<int:pk>/upload/", views.proposal_upload, name="proposal_reupload"),
    path(
        "proposals/<int:pk>/assessment/<slug:section>/<slug:slug>/",
        views.assessment_step,
        name="assessment_step",
    ),
    path(
        "proposals/<int:pk>/assessment/<slug:section>/<slug:slug>/preview/",
        views.assessment_preview,
        name="assessment_preview",
    ),
    path("proposals/<int:pk>/check/", views.check_answers, name="check_answers"),
    path("proposals/<int:pk>/submit/", views.proposal_submit, name="proposal_submit"),
    path("proposals/<int:pk>/result/", views.result, name="result"),
    path("proposals/<int:pk>/history/", views.history, name="history"),
    path("proposals/<int:pk>/proposal.yaml", views.download, name="download"),
    path("proposals/<int:pk>/rescore/", views.rescore, name="rescore"),
]
