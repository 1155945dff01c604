"""The people the library deals with: one record per person, whichever module first met them.

A person is known by library card number, by name and contact, or only by a description of appearance and
clothing. No field records a diagnosis, housing status, race, ethnicity, religion, disability or any other
protected trait.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionedModel
from patroncare.core.files import random_upload_to
from patroncare.libraries.models import LibrarySystem


class Person(VersionedModel):
    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="patrons")
    card_number = models.CharField(_("library card number"), max_length=20, blank=True)
    name = models.CharField(_("name, if known"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("preferred language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    description = models.CharField(_("appearance and clothing"), max_length=300, blank=True)
    is_minor = models.BooleanField(_("under 18"), default=False)
    # The prefix stays where the first photos were stored: moving the model moved no file.
    photo = models.FileField(_("photo"), upload_to=random_upload_to("incidents/people"), blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                fields=["system", "card_number"],
                condition=~Q(card_number=""),
                name="person_card_unique_in_system",
            ),
        ]
        indexes = [models.Index(fields=["system", "email"])]

    def __str__(self) -> str:
        if self.name:
            return self.name
        if self.card_number:
            return str(_("Card ending %(digits)s") % {"digits": self.card_number[-4:]})
        return self.description[:60] or str(_("Person not identified"))


class RightsRequestKind(models.TextChoices):
    ACCESS = "access", _("Access: a copy of what the library holds")
    CORRECTION = "correction", _("Correction of their details")
    ERASURE = "erasure", _("Erasure")


class RightsRequestOutcome(models.TextChoices):
    PENDING = "", _("Not handled yet")
    GRANTED = "granted", _("Granted")
    PARTLY = "partly", _("Partly granted")
    REFUSED = "refused", _("Refused")


class RightsRequest(models.Model):
    """A patron's request about the records kept on them, and how and when it was answered."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="rights_requests")
    # Kept when the person is erased: the log of requests outlives the identity it was about.
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rights_requests",
    )
    kind = models.CharField(_("kind of request"), max_length=20, choices=RightsRequestKind.choices)
    received_on = models.DateField(_("received on"))
    handled_on = models.DateField(_("handled on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=RightsRequestOutcome.choices, blank=True, default=""
    )
    outcome_note = models.CharField(_("what was done"), max_length=500, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("rights request")
        verbose_name_plural = _("rights requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=RightsRequestKind.values), name="rightsrequest_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=RightsRequestOutcome.values), name="rightsrequest_outcome_valid"
            ),
            # Handled means both when and how; not handled means neither.
            models.CheckConstraint(
                condition=(Q(handled_on__isnull=True) & Q(outcome=""))
                | (Q(handled_on__isnull=False) & ~Q(outcome="")),
                name="rightsrequest_handled_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(handled_on__isnull=True) | Q(handled_on__gte=F("received_on")),
                name="rightsrequest_handled_after_received",
            ),
        ]
        indexes = [models.Index(fields=["system", "-received_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.received_on:%Y-%m-%d}"
