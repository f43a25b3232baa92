from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "coopai.web.evidence"
    verbose_name = "Evidence: audits of an AI's outputs"
