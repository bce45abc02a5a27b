from django.apps import AppConfig


class QippConfig(AppConfig):
    name = "pathfinder.qipp"
    label = "qipp"
