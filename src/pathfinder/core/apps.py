from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "pathfinder.core"
    label = "core"
