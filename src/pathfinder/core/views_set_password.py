"""The set-password page an invitation's link opens, and the page after it
(docs/decisions/0143)."""

from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy

from pathfinder.core import accounts_actions
from pathfinder.core.errors import UserError


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The page an invitation's link opens. Django's view checks the token and keeps it
    out of the address (and so out of Referer headers); the password is saved through
    the audited action."""

    template_name = "users/set_password.html"
    success_url = reverse_lazy("users:password_set")
    extra_context = {"title": "Choose your password"}

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        try:
            accounts_actions.set_password(
                by=self.user, user=self.user, password=form.cleaned_data["new_password1"]
            )
        except UserError as e:
            form.add_error("new_password1", str(e))
            return self.form_invalid(form)
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return redirect(self.get_success_url())


def password_set(request):
    return render(request, "users/password_set.html", {"title": "Your password is set"})
