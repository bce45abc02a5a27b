"""`manage.py create_api_token USERNAME NAME`: create an API token and print it once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from pathfinder.api.tokens import create_token
from pathfinder.core.errors import UserError


class Command(BaseCommand):
    help = (
        "Create an API token for a user and print it once; only its digest is kept, "
        "so store it now."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="what the token is for, e.g. 'finance dashboard'")

    def handle(self, *args, username, name, **options):
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"no user called {username!r}")
        try:
            raw = create_token(user=user, name=name, by="cli:create_api_token")
        except UserError as e:
            raise CommandError(str(e)) from None
        self.stderr.write(f"token {name.strip()!r} created for {username}; it is shown only once:")
        self.stdout.write(raw)
