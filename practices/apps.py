from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Så gjorde vi")

    def ready(self) -> None:
        # Public pages show published practices: they revalidate when one is published,
        # edited, returned or withdrawn.
        from practices.selectors import public_last_changed
        from public.caching import register_public_clock

        register_public_clock(public_last_changed)
