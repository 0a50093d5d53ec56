from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "redflag.home"
    label = "home"
    verbose_name = "Home"
