"""Agency comments: a respondent writes, the office approves or rejects with a reason,
approved ones stand on the public agency page without their author."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from network import services
from network.exceptions import CommentInvalidError, ReviewError
from network.models import AgencyComment, CommentStatus
from network.selectors import public_comments_changed_at
from public.caching import public_last_modified

pytestmark = pytest.mark.django_db

TEXT = "Andelen matchade steg när vi införde automatisk matchning mot order i mars."


def _submit(client, people, **changes):
    data = {
        "agency": str(people.world.storverket.pk),
        "round": str(people.world.round_2024.pk),
        "text": TEXT,
        **changes,
    }
    return client.post("/natverk/kommentarer/", data)


def test_full_review_flow_to_the_public_page(client, people):
    world = people.world
    public_url = f"/myndigheter/{world.storverket.org_nr}/"
    client.force_login(people.respondent)
    assert _submit(client, people).status_code == 302
    comment = AgencyComment.objects.get()
    assert (comment.status, comment.round, comment.created_by) == (
        CommentStatus.SUBMITTED,
        world.round_2024,
        people.respondent,
    )
    assert "Inskickad för granskning" in client.get("/natverk/kommentarer/").content.decode()
    client.logout()
    assert TEXT not in client.get(public_url).content.decode()

    client.force_login(people.office)
    review = client.get("/natverk/kommentarer/granska/").content.decode()
    assert TEXT in review
    assert "anna.respondent@example.se" in review
    response = client.post(f"/natverk/kommentarer/{comment.pk}/granska/", {"action": "approve"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    assert comment.reviewed_by == people.office
    assert comment.reviewed_at is not None
    client.logout()

    html = client.get(public_url).content.decode()
    assert TEXT in html
    assert "Myndighetens kommentar" in html
    assert "omgång 2024" in html
    assert "anna.respondent@example.se" not in html
    assert "Anna" not in html
    assert "kansliet@example.se" not in html
    assert client.get(public_url).cookies == {}
    # English page too
    assert "The agency's comment" in client.get("/en" + public_url).content.decode()


def test_respondent_can_take_an_approved_comment_off_the_public_page(client, people):
    world = people.world
    comment = services.comment_submit(
        user=people.respondent, agency=world.storverket, round=None, text=TEXT
    )
    services.comment_approve(user=people.office, comment=comment)
    approved_at = public_comments_changed_at()
    assert approved_at is not None
    client.force_login(people.respondent)
    assert client.post(f"/natverk/kommentarer/{comment.pk}/dra-tillbaka/").status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.WITHDRAWN
    client.logout()
    assert TEXT not in client.get(f"/myndigheter/{world.storverket.org_nr}/").content.decode()
    # the public change time moves forward, never back
    assert public_comments_changed_at() > approved_at
    assert public_last_modified() >= public_comments_changed_at()


def test_another_agency_cannot_withdraw_the_comment(client, people):
    comment = services.comment_submit(
        user=people.respondent, agency=people.world.storverket, round=None, text=TEXT
    )
    client.force_login(people.other_respondent)
    assert client.post(f"/natverk/kommentarer/{comment.pk}/dra-tillbaka/").status_code == 403
    comment.refresh_from_db()
    assert comment.status == CommentStatus.SUBMITTED


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": "   "}, "Skriv kommentaren."),
        ({"text": "x" * 1001}, "högst 1000 tecken"),
        ({"round": "draft"}, "Välj en publicerad omgång"),
        ({"agency": "smaverket"}, "Välj en av dina myndigheter."),
    ],
)
def test_bad_comments_are_refused(client, people, changes, message):
    world = people.world
    if changes.get("round") == "draft":
        changes["round"] = str(world.draft_2025.pk)
    if changes.get("agency") == "smaverket":
        changes["agency"] = str(world.smaverket.pk)
    client.force_login(people.respondent)
    response = _submit(client, people, **changes)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Det finns ett problem" in html
    assert message in html
    assert AgencyComment.objects.count() == 0


def test_service_refuses_an_unpublished_round_and_the_office(people):
    world = people.world
    with pytest.raises(CommentInvalidError) as error:
        services.comment_submit(
            user=people.respondent, agency=world.storverket, round=world.draft_2025, text=TEXT
        )
    assert error.value.field == "round"
    with pytest.raises(PermissionDenied):
        services.comment_submit(user=people.office, agency=world.storverket, round=None, text=TEXT)
    with pytest.raises(PermissionDenied):
        services.comment_submit(
            user=people.other_respondent, agency=world.storverket, round=None, text=TEXT
        )


def test_reject_needs_a_reason_and_the_agency_reads_it(client, people):
    comment = services.comment_submit(
        user=people.respondent, agency=people.world.storverket, round=None, text=TEXT
    )
    url = f"/natverk/kommentarer/{comment.pk}/granska/"
    client.force_login(people.office)
    missing = client.post(url, {"action": "reject", f"c{comment.pk}-reason": "  "})
    assert missing.status_code == 400
    html = missing.content.decode()
    assert "Det finns ett problem" in html
    assert "Skriv varför kommentaren avslås" in html
    assert f'href="#id_c{comment.pk}-reason"' in html
    comment.refresh_from_db()
    assert comment.status == CommentStatus.SUBMITTED

    assert client.post(url, {"action": "publish"}).status_code == 400
    reason = "Kommentaren innehåller ett namn på en anställd. Skriv om utan namnet."
    ok = client.post(url, {"action": "reject", f"c{comment.pk}-reason": reason})
    assert ok.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.review_comment) == (CommentStatus.REJECTED, reason)

    # reviewing twice is refused with a message, not a crash
    again = client.post(url, {"action": "approve"})
    assert again.status_code == 409
    assert "redan granskad" in again.content.decode()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED

    client.force_login(people.respondent)
    own = client.get("/natverk/kommentarer/").content.decode()
    assert "Avslagen" in own
    assert reason in own
    client.logout()
    public = client.get(f"/myndigheter/{people.world.storverket.org_nr}/").content.decode()
    assert TEXT not in public


def test_only_the_office_reviews(client, people):
    comment = services.comment_submit(
        user=people.respondent, agency=people.world.storverket, round=None, text=TEXT
    )
    client.force_login(people.respondent)
    url = f"/natverk/kommentarer/{comment.pk}/granska/"
    assert client.post(url, {"action": "approve"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.comment_approve(user=people.respondent, comment=comment)
    with pytest.raises(ReviewError):
        services.comment_reject(user=people.office, comment=comment, reason="")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.SUBMITTED


def test_public_clock_is_registered_and_follows_approvals(people):
    assert public_comments_changed_at() is None
    comment = services.comment_submit(
        user=people.respondent, agency=people.world.storverket, round=None, text=TEXT
    )
    # a comment under review is not public: the clock does not move
    assert public_comments_changed_at() is None
    approved = services.comment_approve(user=people.office, comment=comment)
    assert public_comments_changed_at() == approved.updated_at
    assert public_last_modified() >= approved.updated_at


def test_cached_agency_page_revalidates_when_a_comment_is_approved(client, people):
    """Last-Modified follows approvals: a browser's conditional GET gets 304 until the
    comment is approved, then the page with the comment."""
    url = f"/myndigheter/{people.world.storverket.org_nr}/"
    first = client.get(url)
    last_modified = first["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    comment = services.comment_submit(
        user=people.respondent, agency=people.world.storverket, round=None, text=TEXT
    )
    # still 304: a comment under review is not public
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    services.comment_approve(user=people.office, comment=comment)
    # HTTP dates have whole seconds: place the approval clearly after the first response
    AgencyComment.objects.filter(pk=comment.pk).update(
        updated_at=timezone.now() + datetime.timedelta(seconds=5)
    )
    fresh = client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert fresh.status_code == 200
    assert TEXT in fresh.content.decode()


def test_unknown_ids_are_404(client, people):
    client.force_login(people.office)
    assert (
        client.post("/natverk/kommentarer/999/granska/", {"action": "approve"}).status_code == 404
    )
    assert client.get("/natverk/kontakt/999/aterkalla/").status_code == 404
    client.force_login(people.respondent)
    assert client.post("/natverk/kommentarer/999/dra-tillbaka/").status_code == 404
    assert client.get("/natverk/kontakt/999/andra/").status_code == 404
