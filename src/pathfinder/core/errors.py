"""Errors a user can act on; the CLI, API and pages show their message, never a trace."""


class UserError(Exception):
    """Bad input or a failed check, with a message saying what and where."""


class NotFound(UserError):
    pass
