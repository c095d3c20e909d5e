"""Reads of the network.

Contacts are personal data: only views behind :func:`user_sees_network` (logged-in users
of agencies and the office) read them. The one public read is
:func:`approved_comments`, which never carries the author.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Max, Q

from accounts.selectors import agencies_for_user, user_is_office
from keyfigures.selectors import agency_history
from learning.selectors import AgencyLearning, agency_learning, agency_type_label, agency_types
from network.models import AgencyComment, CommentStatus, Contact
from practices.models import Practice
from practices.selectors import published_practices
from register.models import Agency


def user_sees_network(user: Any) -> bool:
    """The office, and active respondents assigned to at least one agency."""
    if user_is_office(user):
        return True
    return agencies_for_user(user=user).exists()


def user_may_opt_in(user: Any) -> bool:
    """Only people at agencies opt in as contacts, never the office on their behalf."""
    return not user_is_office(user) and agencies_for_user(user=user).exists()


def active_contacts(agency_ids: Iterable[int]) -> dict[int, list[Contact]]:
    """agency id -> its contacts whose consent stands, by name (one query)."""
    by_agency: dict[int, list[Contact]] = defaultdict(list)
    contacts = Contact.objects.filter(
        agency_id__in=list(agency_ids), withdrawn_at__isnull=True
    ).order_by("agency_id", "name", "pk")
    for contact in contacts:
        by_agency[contact.agency_id].append(contact)
    return dict(by_agency)


def contact_get(*, contact_id: int) -> Contact | None:
    return Contact.objects.select_related("agency").filter(pk=contact_id).first()


def contacts_of_user(*, user: Any) -> list[Contact]:
    """The user's own contact records whose consent stands."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Contact.objects.filter(user=user, withdrawn_at__isnull=True)
        .select_related("agency")
        .order_by("agency__name", "pk")
    )


def contact_list_all() -> list[Contact]:
    """Every contact record for the office: active first, then withdrawn ones (erased)."""
    return list(
        Contact.objects.select_related("agency").order_by(
            "withdrawn_at", "agency__name", "name", "pk"
        )
    )


@dataclass
class DirectoryRow:
    agency: Agency
    type_label: str
    contacts: list[Contact]


def network_directory(*, query: str = "") -> list[DirectoryRow]:
    """Agencies with at least one active contact, by name; ``query`` matches the agency's
    name, short name or department, or a contact's name or role (case-insensitive)."""
    contacts = Contact.objects.filter(withdrawn_at__isnull=True).select_related("agency")
    query = query.strip()
    if query:
        contacts = contacts.filter(
            Q(agency__name__icontains=query)
            | Q(agency__short_name__icontains=query)
            | Q(agency__department__icontains=query)
            | Q(name__icontains=query)
            | Q(role__icontains=query)
        )
    by_agency: dict[int, list[Contact]] = defaultdict(list)
    agencies: dict[int, Agency] = {}
    for contact in contacts.order_by("agency__name", "name", "pk"):
        by_agency[contact.agency_id].append(contact)
        agencies[contact.agency_id] = contact.agency
    types = agency_types(agencies.values())
    return [
        DirectoryRow(
            agency=agency,
            type_label=agency_type_label(types[agency.pk]),
            contacts=by_agency[agency.pk],
        )
        for agency in agencies.values()
    ]


# Comments ------------------------------------------------------------------------------


def comment_get(*, comment_id: int) -> AgencyComment | None:
    return (
        AgencyComment.objects.select_related("agency", "round", "created_by", "reviewed_by")
        .filter(pk=comment_id)
        .first()
    )


def comments_for_agencies(*, agencies: Sequence[Agency]) -> list[AgencyComment]:
    """The comments of these agencies in every status, newest first (the agency's view)."""
    return list(
        AgencyComment.objects.filter(agency__in=list(agencies))
        .select_related("agency", "round")
        .order_by("-created_at", "-pk")
    )


def comments_for_review() -> list[AgencyComment]:
    """Comments waiting for the office, oldest first."""
    return list(
        AgencyComment.objects.filter(status=CommentStatus.SUBMITTED)
        .select_related("agency", "round", "created_by")
        .order_by("created_at", "pk")
    )


def comments_reviewed(*, limit: int = 20) -> list[AgencyComment]:
    """The latest reviewed comments, for the office's overview."""
    return list(
        AgencyComment.objects.filter(reviewed_at__isnull=False)
        .select_related("agency", "round", "reviewed_by")
        .order_by("-reviewed_at", "-pk")[:limit]
    )


@dataclass(frozen=True)
class PublicComment:
    """What the public sees of an approved comment: no author, no reviewer."""

    text: str
    round_label: str | None
    approved_at: datetime


def approved_comments(*, agency: Agency) -> list[PublicComment]:
    """The agency's approved comments, newest approval first."""
    rows = (
        AgencyComment.objects.filter(agency=agency, status=CommentStatus.APPROVED)
        .select_related("round")
        .order_by("-reviewed_at", "-pk")
    )
    return [
        PublicComment(
            text=c.text,
            round_label=c.round.label if c.round is not None else None,
            approved_at=c.reviewed_at or c.updated_at,
        )
        for c in rows
    ]


def public_comments_changed_at() -> datetime | None:
    """The latest change to a comment that is or was public (approved, or withdrawn after
    approval), for the public pages' Last-Modified. Comments are never deleted, so the
    time never moves backwards."""
    return AgencyComment.objects.filter(
        Q(status=CommentStatus.APPROVED)
        | Q(status=CommentStatus.WITHDRAWN, reviewed_at__isnull=False)
    ).aggregate(latest=Max("updated_at"))["latest"]


# "Lär av" for the logged-in respondent ----------------------------------------------------


@dataclass
class LearnFromAgency:
    """One agency to learn from, with what the network knows of it."""

    agency: Agency
    reason: str
    value: Any
    contacts: list[Contact] = field(default_factory=list)
    practices: list[Practice] = field(default_factory=list)


@dataclass
class LearnFromFigure:
    figure: Any  # keyfigures.registry.KeyFigure
    own_value: Any
    items: list[LearnFromAgency]


@dataclass
class LearnFromBlock:
    """Whom one of the user's agencies should learn from, per key figure."""

    agency: Agency
    learning: AgencyLearning | None
    figures: list[LearnFromFigure]


def learn_from_blocks(*, agencies: Sequence[Agency]) -> list[LearnFromBlock]:
    """For each agency: up to three agencies to learn from per key figure (the ranking in
    learning.recommend), each with its active contacts and published practices."""
    learnings = [
        (agency, agency_learning(agency=agency, history=agency_history(agency=agency)))
        for agency in agencies
    ]
    ids = {
        item.agency.pk
        for _agency, learning in learnings
        if learning is not None
        for figure in learning.learn
        for item in figure.items
    }
    contacts = active_contacts(ids)
    practices: dict[int, list[Practice]] = defaultdict(list)
    for practice in published_practices().filter(agency_id__in=ids):
        practices[practice.agency_id].append(practice)
    blocks = []
    for agency, learning in learnings:
        figures = []
        if learning is not None:
            for figure in learning.learn:
                figures.append(
                    LearnFromFigure(
                        figure=figure.figure,
                        own_value=figure.own_value,
                        items=[
                            LearnFromAgency(
                                agency=item.agency,
                                reason=item.reason,
                                value=item.value,
                                contacts=contacts.get(item.agency.pk, []),
                                practices=practices.get(item.agency.pk, []),
                            )
                            for item in figure.items
                        ],
                    )
                )
        blocks.append(LearnFromBlock(agency=agency, learning=learning, figures=figures))
    return blocks
