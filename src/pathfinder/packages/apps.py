from django.apps import AppConfig


class PackagesConfig(AppConfig):
    name = "pathfinder.packages"
    label = "packages"
