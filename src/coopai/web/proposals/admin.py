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


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin[Change]):
    list_display = ["proposal", "field", "user", "at"]
    list_filter = ["proposal__council"]
