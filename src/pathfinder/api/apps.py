from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "pathfinder.api"
    label = "api"
