from django.apps import AppConfig


class AgendasConfig(AppConfig):
    name = "pathfinder.agendas"
    label = "agendas"
