from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AboutConfig(AppConfig):
    name = "about"
    verbose_name = _("Om webbplatsen")
    default_auto_field = "django.db.models.BigAutoField"
