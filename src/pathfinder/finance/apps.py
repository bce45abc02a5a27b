from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "pathfinder.finance"
    label = "finance"
