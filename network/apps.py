from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Nätverket")

    def ready(self) -> None:
        # Approved comments show on the public agency pages: a change to them must make
        # cached public pages revalidate.
        from network.selectors import public_comments_changed_at
        from public.caching import register_public_clock

        register_public_clock(public_comments_changed_at)
