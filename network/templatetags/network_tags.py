"""Template tags that put the network's public parts (approved comments) on other pages,
and tell a menu whether to link to the network.

Nothing here reads contacts: the public sees only the agency's approved comments, without
their author.
"""

from __future__ import annotations

from typing import Any

from django import template

from network.selectors import approved_comments, user_sees_network
from register.models import Agency

register = template.Library()


@register.inclusion_tag("network/_agency_comments.html")
def agency_comments(agency: Agency) -> dict[str, Any]:
    """The agency's approved comments on its own figures (nothing when there are none)."""
    return {"comments": approved_comments(agency=agency), "agency": agency}


@register.simple_tag(takes_context=True)
def network_visible(context: template.Context) -> bool:
    """Whether the logged-in user may see the network (for a menu link):
    ``{% network_visible as show_network %}``."""
    request = context.get("request")
    return user_sees_network(getattr(request, "user", None))
