from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "pathfinder.core"
    label = "core"

    def ready(self):
        from pathfinder.core import security_audit

        security_audit.connect()
