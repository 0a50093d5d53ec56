from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "redflag.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import language  # noqa: F401  (connects the sign-in receiver)
