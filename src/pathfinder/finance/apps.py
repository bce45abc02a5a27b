from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "pathfinder.finance"
    label = "finance"

    def ready(self):
        from pathfinder.finance import signals

        signals.connect()
