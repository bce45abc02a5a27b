"""An administrator invites a user, who sets a password from the emailed link and sees
only what the role given covers; the role pages refuse everyone else."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from pathfinder.core.models import RoleAssignment
from tests.browser.test_journeys import given_i_am_signed_in, then_the_page_is_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long and unusual phrase 42"  # noqa: S105 - a test account's


def test_an_invited_editor_sets_a_password_and_sees_only_their_consortium(
    page, chromium, live_server, demo
):
    # Given I am signed in as the cluster's administrator
    given_i_am_signed_in(page, live_server, "administrator", demo)
    # When I open Users and roles and invite Nia as editor of Hunts Health Consortium
    users = page.get_by_role("link", name="Users", exact=True).first
    if not users.is_visible():  # the header keeps what does not fit under "More"
        page.get_by_role("button", name="More").click()
    users.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Users and roles")
    then_the_page_is_accessible(page)
    page.get_by_role("button", name="Invite a user").click()
    then_the_page_is_accessible(page)
    page.get_by_label("Email address").fill("nia@nhs.net")
    page.get_by_label("Role").select_option(label="Editor")
    page.get_by_label("Organisation").select_option(label="Hunts Health Consortium (C-HUN)")
    page.get_by_role("button", name="Send the invitation").click()
    # Then the user's page says the invitation went, and Nia holds the role
    expect(page.locator("main")).to_contain_text("The invitation has been emailed to nia@nhs.net")
    assert "Invited: no password yet" in page.inner_text("main")
    then_the_page_is_accessible(page)
    (message,) = mail.outbox
    link = re.search(r"http://\S+/set-password/\S+/", message.body).group(0)
    assert link.startswith(live_server.url)

    # When Nia opens the link in her own browser and chooses a password
    nia = chromium.new_context(locale="en-GB").new_page()
    nia.set_default_timeout(30_000)
    nia.goto(link)
    assert "/set-password/" in nia.url and link != nia.url  # the token left the address
    then_the_page_is_accessible(nia)
    nia.get_by_label("New password", exact=True).fill(PASSWORD)
    nia.get_by_label("New password again").fill(PASSWORD)
    nia.get_by_role("button", name="Set my password").click()
    expect(nia.get_by_role("heading", level=1)).to_have_text("Your password is set")
    then_the_page_is_accessible(nia)
    # Then she signs in and sees Hunts Health Consortium and nothing of the rest
    given_i_am_signed_in(nia, live_server, "nia@nhs.net", PASSWORD)
    assert "Hunts Health Consortium" in nia.inner_text("main")
    nia.goto(live_server.url + "/organisations/?status=all")
    listed = nia.inner_text("main")
    assert "Hunts Health Consortium" in listed
    for elsewhere in ("Cambridge Health Consortium", "Cambridgeshire and Peterborough PCT Cluster"):
        assert elsewhere not in listed
    # And, as an editor, the role pages refuse her
    assert nia.get_by_role("link", name="Users", exact=True).count() == 0
    for path in ("/users/", "/users/invite/", "/users/editor/roles/"):
        answer = nia.goto(live_server.url + path)
        assert answer.status == 403, path
        assert "needs the administrator role" in nia.inner_text("main")
    then_the_page_is_accessible(nia)
    # And the link does not work a second time
    nia.goto(link)
    assert "This link does not work" in nia.inner_text("main")

    # When I, the administrator, try to give her a role outside my scope by editing the form
    page.goto(live_server.url + "/users/nia@nhs.net/roles/")
    then_the_page_is_accessible(page)
    page.evaluate(
        "() => { const o = document.querySelector('#f-org_code option:last-child');"
        " o.value = 'LA-PET'; o.selected = true; }"
    )
    answer_status = []
    page.on("response", lambda r: answer_status.append(r.status) if "/roles/" in r.url else None)
    page.get_by_role("button", name="Give the role").click()
    # Then it is refused with the reason, and nothing is written
    page.wait_for_load_state()
    assert 403 in answer_status
    assert "LA-PET is not one of them" in page.inner_text("main")
    assert not RoleAssignment.objects.filter(org_code="LA-PET").exists()
    assert list(
        RoleAssignment.objects.filter(user__username="nia@nhs.net").values_list("role", "org_code")
    ) == [("editor", "C-HUN")]
    # When I end her role from her page, Then she holds none and her pages close to her
    page.goto(live_server.url + "/users/nia@nhs.net/")
    page.get_by_role("link", name="End the editor role on Hunts Health Consortium").click()
    then_the_page_is_accessible(page)
    page.get_by_role("button", name="End the role").click()
    # (back to the list: she holds no role I can see)
    expect(page.get_by_role("heading", level=1)).to_have_text("Users and roles")
    assert "nia@nhs.net" not in page.inner_text("main")
    assert not RoleAssignment.objects.filter(user__username="nia@nhs.net").exists()
    assert nia.goto(live_server.url + "/organisations/C-HUN/").status == 404
    nia.context.close()
