from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Öppna data")

    def ready(self) -> None:
        from opendata.services import on_round_published
        from publishing.signals import round_published

        round_published.connect(on_round_published, dispatch_uid="opendata-rebuild")
