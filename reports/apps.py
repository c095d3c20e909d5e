from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Årsrapport")

    def ready(self) -> None:
        from publishing.signals import round_published
        from reports.receivers import on_round_published

        round_published.connect(on_round_published, dispatch_uid="reports_round_published")
