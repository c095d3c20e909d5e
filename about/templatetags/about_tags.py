"""``{% about_footer_contact %}``: the operator's name, postal address, phone and e-mail
for the footer of every page (förvaltningslagen 7 §), from the same settings as the
"Om webbplatsen" page."""

from __future__ import annotations

from typing import Any

from django import template

from about.selectors import contact_get

register = template.Library()


@register.inclusion_tag("about/_footer_contact.html")
def about_footer_contact() -> dict[str, Any]:
    return {"contact": contact_get()}
