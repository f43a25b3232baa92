from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "coopai.web.councils"
    verbose_name = "Councils and people"
