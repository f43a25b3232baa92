from django.contrib import admin

from coopai.web.evidence.models import AuditRun


@admin.register(AuditRun)
class AuditRunAdmin(admin.ModelAdmin[AuditRun]):
    list_display = ["file_name", "kind", "status", "proposal", "attached_to", "created_at"]
    list_filter = ["kind", "status", "proposal__council"]
    # The stored result and the file are the engine's and the uploader's: not edited here.
    readonly_fields = ["result", "problems", "columns", "upload", "task_id"]
