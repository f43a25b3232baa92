from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "coopai.web.reviews"
    verbose_name = "Reviews: decisions on the record"
