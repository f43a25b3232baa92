from django.contrib import admin

from coopai.web.councils.models import Council, Membership


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin[Council]):
    list_display = ["name", "slug", "brand_colour"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "council", "role"]
    list_filter = ["council", "role"]
