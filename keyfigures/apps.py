from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KeyfiguresConfig(AppConfig):
    name = "keyfigures"
    verbose_name = _("Nyckeltal")
