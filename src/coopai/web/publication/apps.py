from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "coopai.web.publication"
    verbose_name = "Publication: the public register and transparency records"
