from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "pathfinder.governance"
    label = "governance"
