from django.db import models
from django.db.models import Q

# Consent scopes that allow a participant on the public website.
PUBLIC_WEB_SCOPES = ("web_and_print", "web")


def consent_stands(prefix: str = "") -> Q:
    """The condition under which a participant may appear in public.

    `prefix` lets story queries apply the same rule through their FK
    (`consent_stands("participant__")`), so there is one definition of consent.
    """
    return Q(
        **{
            f"{prefix}consent_given": True,
            f"{prefix}consent_withdrawn_at__isnull": True,
            f"{prefix}consent_scope__in": PUBLIC_WEB_SCOPES,
        }
    )


class ParticipantQuerySet(models.QuerySet):
    def with_consent(self):
        return self.filter(consent_stands())
