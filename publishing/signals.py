"""Signals other apps listen to when the public record changes.

``round_published`` is sent after the transaction that published a round (first
publication or correction) has committed, with ``publication`` the new version. Open
data files and the yearly report are rebuilt from it.
"""

from django.dispatch import Signal

round_published = Signal()
