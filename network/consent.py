"""The consent text a contact agrees to. Pure: no database access.

The text shown beside the checkbox is stored verbatim with the contact, in the language
it was shown in, so the record says exactly what the person agreed to.
"""

from __future__ import annotations

from django.utils.translation import gettext


def consent_text() -> str:
    """The consent text in the active language."""
    return gettext(
        "Jag samtycker till att mitt namn, min roll, min e-postadress och mitt "
        "telefonnummer (om jag anger det) visas för inloggade användare på andra "
        "myndigheter och för uppföljningsenheten, som kontaktperson för min myndighets "
        "e-handel. Uppgifterna visas aldrig på öppna sidor, i öppna data, i API:t eller i "
        "rapporten. Jag kan när som helst återkalla samtycket här i tjänsten; då raderas "
        "uppgifterna direkt och bara noteringen att samtycke lämnats och återkallats "
        "sparas."
    )
