from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Severity(models.TextChoices):
    MINOR = "minor", _("Minor")
    MODERATE = "moderate", _("Moderate")
    SERIOUS = "serious", _("Serious")
    CRITICAL = "critical", _("Critical")


SEVERITY_GUIDANCE = {
    Severity.MINOR: _(
        "An inconvenience quickly put right: wrong change, a name mispronounced, a short wait."
    ),
    Severity.MODERATE: _(
        "Poor service that affected the patron: wrong information, unhelpful or incompetent help."
    ),
    Severity.SERIOUS: _(
        "Harm to the patron's dignity or rights: rudeness, mockery, unequal treatment, a wrongful accusation."
    ),
    Severity.CRITICAL: _(
        "The patron was unsafe or emotionally abused, or the matter may involve the law or the press. "
        "The director is told at once."
    ),
}


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    PRAISE = "praise", _("Praise")
    SUGGESTION = "suggestion", _("Suggestion")


class Channel(models.TextChoices):
    DESK = "desk", _("At the desk")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
    SOCIAL = "social", _("Social media")
    WEB = "web", _("Public web form")


class Status(models.TextChoices):
    NEW = "new", _("New")
    # In context: other apps' catalogues say "Confirmada" for their own "Acknowledged" and "Upheld".
    ACKNOWLEDGED = "acknowledged", pgettext_lazy("complaint", "Acknowledged")
    RESPONDED = "responded", _("Response sent")
    REVIEW_REQUESTED = "review_requested", _("Review requested")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = [Status.NEW, Status.ACKNOWLEDGED, Status.RESPONDED, Status.REVIEW_REQUESTED]


class Outcome(models.TextChoices):
    UPHELD = "upheld", pgettext_lazy("complaint", "Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    NOT_UPHELD = "not_upheld", _("Not upheld")
    FIRST_CONTACT = "first_contact", _("Resolved at first contact")


class Remedy(models.TextChoices):
    APOLOGY = "apology", _("Apology")
    FEE_WAIVED = "fee_waived", _("Fine or fee waived")
    COACHING = "coaching", _("Staff coaching")
    INFORMATION = "information", _("Information corrected")
    POLICY = "policy", _("Policy clarified")
    PROCEDURE = "procedure", _("Procedure changed")
    EXPLANATION = "explanation", _("Explanation given")
    NONE = "none", _("No remedy needed")


class Judgement(models.TextChoices):
    ONE_OFF = "one_off", _("One-off")
    SYSTEMIC = "systemic", _("Systemic")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    PARTLY = "partly", _("Partly satisfied")
    NOT_SATISFIED = "not_satisfied", _("Not satisfied")


class EntryKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    NOTE = "note", _("Internal note")
    MESSAGE = "message", _("Message to the patron")
    TRIAGE = "triage", _("Triage")
    ACKNOWLEDGED = "acknowledged", pgettext_lazy("complaint", "Acknowledged")
    EXTENSION = "extension", _("Deadline extended")
    RESPONSE = "response", _("Response")
    REVIEW_REQUEST = "review_request", _("Review requested")
    REASSIGNED = "reassigned", _("Reassigned")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    FOLLOW_UP = "follow_up", _("Follow-up answer")
    PATRON_REPLY = "patron_reply", _("Message from the patron")
    MERGED = "merged", _("Cases merged")


class MessageChannel(models.TextChoices):
    EMAIL = "email", _("E-mail (sent now)")
    PHONE = "phone", _("Phone call (recorded)")
    LETTER = "letter", _("Letter (recorded)")
    IN_PERSON = "in_person", _("In person (recorded)")
