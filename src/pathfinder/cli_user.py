"""The `pathfinder user` commands: accounts and roles for a real deployment
(docs/decisions/0143)."""

import sys


def add_user_commands(sub):
    u = sub.add_parser("user", help="add accounts, give and end roles, deactivate")
    us = u.add_subparsers(dest="user_command", required=True, parser_class=type(u))
    a = us.add_parser("add", help="create an account with a role on an organisation")
    a.add_argument("username")
    a.add_argument("--email", required=True)
    a.add_argument("--role", required=True, help="viewer, editor, governance_lead or administrator")
    a.add_argument("--org", required=True, help="the organisation's code")
    a.add_argument("--first-name", default="")
    a.add_argument("--last-name", default="")
    a.add_argument(
        "--link",
        action="store_true",
        help="print a one-time set-password link instead of asking for the password "
        "(the default when not on a terminal)",
    )
    r = us.add_parser("role", help="give a role on an organisation, or end it with --end")
    r.add_argument("username")
    r.add_argument("--role", help="viewer, editor, governance_lead or administrator")
    r.add_argument("--org", required=True, help="the organisation's code")
    r.add_argument("--end", action="store_true", help="end the role held on the organisation")
    r.set_defaults(usage_parser=r)
    d = us.add_parser("deactivate", help="stop an account signing in; its roles stay on record")
    d.add_argument("username")
    k = us.add_parser("link", help="print a new one-time set-password link for an account")
    k.add_argument("username")


def check_usage(args) -> None:
    """Rules argparse cannot say: a wrong combination is a usage error (exit 2)."""
    if args.command == "user" and args.user_command == "role" and not (args.end or args.role):
        args.usage_parser.error("give --role R, or --end to end the role held on --org")


def cmd_user(args) -> int:
    """Accounts for a real deployment: whoever runs this holds the database, so it is
    not limited to a scope; every change is audited as `cli:user` (docs/decisions/0143)."""
    from pathfinder.core import accounts_actions
    from pathfinder.core.errors import UserError

    by = "cli:user"
    if args.user_command == "add":
        password = None
        if not args.link and sys.stdin.isatty():
            password = ask_new_password()
        user = accounts_actions.add_user(
            by=by,
            username=args.username,
            email=args.email,
            role=args.role,
            org_code=args.org,
            password=password,
            first_name=args.first_name,
            last_name=args.last_name,
        )
        print(f"added {user.username}, {args.role} of {args.org}", file=sys.stderr)
        if password is None:
            print_set_password_link(user)
        return 0
    user = accounts_actions.find_user(args.username)
    if args.user_command == "role":
        if args.end:
            ended = accounts_actions.end_role(by=by, user=user, org_code=args.org, role=args.role)
            print(f"ended {user.username}'s {ended} role on {args.org}", file=sys.stderr)
            return 0
        previous = accounts_actions.grant_role(by=by, user=user, role=args.role, org_code=args.org)
        was = f" (was {previous})" if previous else ""
        print(f"{user.username} is {args.role} of {args.org}{was}", file=sys.stderr)
        return 0
    if args.user_command == "deactivate":
        accounts_actions.deactivate(by=by, user=user)
        print(f"deactivated {user.username}", file=sys.stderr)
        return 0
    if not user.is_active:
        raise UserError(f"{user.username} is deactivated")
    print_set_password_link(user)
    return 0


def ask_new_password() -> str:
    import getpass

    from pathfinder.core.errors import UserError

    first = getpass.getpass("Password: ")
    if not first:
        raise UserError("no password given; run with --link to print a set-password link")
    if getpass.getpass("Password again: ") != first:
        raise UserError("the two passwords differ; nothing was written")
    return first


def print_set_password_link(user):
    from django.conf import settings

    from pathfinder.core.invitations import link_expires, set_password_path

    expires = link_expires()
    print(settings.PATHFINDER_SITE_URL.rstrip("/") + set_password_path(user))
    print(
        f"give {user.username} this link to choose a password; it works once, until "
        f"{expires:%Y-%m-%d %H:%M} (set PATHFINDER_SITE_URL for the address)",
        file=sys.stderr,
    )
