from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "redflag.accounts"
    label = "accounts"
    verbose_name = "Accounts"
