from django.contrib import admin

from coopai.web.proposals.models import Answer, Change, Proposal


class AnswerInline(admin.TabularInline[Answer, Proposal]):
    model = Answer
    extra = 0


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin[Proposal]):
    list_display = ["title", "council", "stage", "tier", "recommendation", "updated_at"]
    list_filter = ["council", "stage", "tier"]
    search_fields = ["title", "description"]
    inlines = [AnswerInline]
    # The stage moves only through the lifecycle (coopai.framework.lifecycle), which
    # checks each move and records it; the cached result is the engine's.
    readonly_fields = [
        "stage",
        "submitted_by",
        "review_date",
        "review_reminded_at",
        "tier",
        "recommendation",
        "score",
        "red_line_count",
        "complete",
    ]


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin[Change]):
    list_display = ["proposal", "field", "user", "at"]
    list_filter = ["proposal__council"]
