from django.urls import path, re_path

from coopai.web.reviews import checklist_views, views

P = "proposals/<int:pk>/"
urlpatterns = [
    path("attention/", views.attention, name="attention"),
    re_path(
        r"^proposals/(?P<pk>[0-9]+)/report\.(?P<fmt>pdf|docx|markdown)$",
        views.committee_report,
        name="committee_report",
    ),
    path(f"{P}review/", views.review, name="review"),
    path(f"{P}review/start/", views.review_start, name="review_start"),
    path(f"{P}review/vote/", views.review_vote, name="review_vote"),
    path(f"{P}review/conditions/", views.condition_add, name="condition_add"),
    path(
        f"{P}review/conditions/<int:condition>/close/",
        views.condition_close_form,
        name="condition_close_form",
    ),
    path(
        f"{P}review/conditions/<int:condition>/closed/",
        views.condition_close,
        name="condition_close",
    ),
    path(
        f"{P}review/conditions/<int:condition>/remove/",
        views.condition_remove,
        name="condition_remove",
    ),
    path(f"{P}review/<slug:move>/", views.move_confirm, name="move_confirm"),
    path(f"{P}review/<slug:move>/done/", views.move_make, name="move_make"),
    path(f"{P}requirements/", checklist_views.checklist, name="checklist"),
    path(
        f"{P}requirements/<slug:requirement>/evidence/",
        checklist_views.evidence_add,
        name="evidence_add",
    ),
    path(
        f"{P}requirements/<slug:requirement>/exception/",
        checklist_views.exception_add,
        name="exception_add",
    ),
    path(
        f"{P}requirements/evidence/<int:evidence>/accept/",
        checklist_views.evidence_accept,
        name="evidence_accept",
    ),
    path(
        f"{P}requirements/evidence/<int:evidence>/withdraw/",
        checklist_views.evidence_withdraw,
        name="evidence_withdraw",
    ),
    path(
        f"{P}requirements/evidence/<int:evidence>/document/",
        checklist_views.evidence_document,
        name="evidence_document",
    ),
    path(
        f"{P}requirements/exceptions/<int:exception>/remove/",
        checklist_views.exception_remove,
        name="exception_remove",
    ),
    path(f"{P}comments/", views.comments, name="comments"),
    path(f"{P}comments/add/", views.comment_add, name="comment_add"),
]
