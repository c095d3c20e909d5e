from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Lära av varandra")

    def ready(self) -> None:
        from learning import signals
        from public.caching import register_public_clock

        signals.connect()
        register_public_clock(signals.public_changed_at)
