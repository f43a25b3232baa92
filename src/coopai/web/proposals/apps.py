from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "coopai.web.proposals"
    verbose_name = "Proposals and assessments"
