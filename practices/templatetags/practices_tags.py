"""Template tags that put practices on other apps' pages."""

from django import template

from register.models import Agency

register = template.Library()


@register.simple_tag
def agency_practices(agency: Agency) -> str:
    """The agency's published practices with the measured change (placeholder hook)."""
    return ""
