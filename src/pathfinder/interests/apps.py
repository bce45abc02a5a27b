from django.apps import AppConfig


class InterestsConfig(AppConfig):
    name = "pathfinder.interests"
    label = "interests"
