"""Template tags that put the network's public parts (approved comments) on other pages."""

from django import template

from register.models import Agency

register = template.Library()


@register.simple_tag
def agency_comments(agency: Agency) -> str:
    """The agency's approved comments on its own figures (placeholder hook)."""
    return ""
