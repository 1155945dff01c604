"""Taking complaints in: from staff at the desk, and from patrons through the public form."""

import re
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from patroncare.complaints import events
from patroncare.patrons.models import Person
from patroncare.patrons.services import person_for_contact

from ..models import Channel, Complaint, EntryKind, Judgement, Kind, Outcome, Status
from ._common import add_entry, require
from .configuration import categories_install_defaults
from .notify import mail_patron
from .replies import reply_templates_install_defaults
from .resolution import complaint_close
from .routing import restricts, start_clock_at_receipt, tell_owner_of_new_case
from .workflow import apply_triage, require_first_contact_authority

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud over the phone


def new_reference() -> str:
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def secret_lifetime() -> timedelta:
    return timedelta(days=getattr(settings, "COMPLAINTS_STATUS_SECRET_DAYS", 180))


def _unique_reference() -> str:
    for _attempt in range(10):
        reference = new_reference()
        if not Complaint.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("Could not find a free reference")


STATUS_SECRET_SALT = "patroncare.complaints.status-secret"  # noqa: S105 - a key-derivation salt, not a secret
STATUS_SECRET_PREFIX = "hmac-sha256$"  # noqa: S105 - a marker of the hash format, not a secret


def hash_status_secret(secret: str) -> str:
    """A keyed fast hash: the secret carries 72 random bits, so a slow password hash adds only CPU cost."""
    digest = salted_hmac(STATUS_SECRET_SALT, secret, algorithm="sha256").hexdigest()
    return STATUS_SECRET_PREFIX + digest


# A secret is read off a slip or heard over the phone, so it uses the reference's letters and digits (no 0/O,
# no 1/I) in groups: 16 symbols of 32 carry 80 random bits. Secrets issued before this were URL-safe base64,
# case-sensitive; they keep working as they were given.
SECRET_LENGTH = 16
SECRET_GROUP = 4
_SEPARATORS = re.compile(r"[\s\-]+")


def new_status_secret() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(SECRET_LENGTH))


def group_secret(secret: str) -> str:
    """ "K7QM29XDH4TR8WZP" -> "K7QM 29XD H4TR 8WZP"; an older secret (other letters) is shown as it is."""
    if len(secret) != SECRET_LENGTH or any(char not in REFERENCE_ALPHABET for char in secret):
        return secret
    return " ".join(secret[i : i + SECRET_GROUP] for i in range(0, SECRET_LENGTH, SECRET_GROUP))


def normalise_secret(given: str) -> str:
    """What a patron types, as the secret was issued: without spaces or dashes, in capitals."""
    return _SEPARATORS.sub("", given).upper()


def _issue_secret(complaint: Complaint, now) -> str:
    secret = new_status_secret()
    complaint.secret_hash = hash_status_secret(secret)
    complaint.secret_expires_at = now + secret_lifetime()
    return secret


def secret_matches(*, complaint: Complaint, secret: str) -> bool:
    stored, given = complaint.secret_hash, secret.strip()
    if not stored:
        return False
    if stored.startswith(STATUS_SECRET_PREFIX):
        # The new form first (typed in groups or in small letters), then exactly as given (an older secret).
        normalised = constant_time_compare(stored, hash_status_secret(normalise_secret(given)))
        return normalised or constant_time_compare(stored, hash_status_secret(given))
    if not check_password(given, stored):
        return False
    # A secret issued before the keyed hash: verified once the slow way, then stored the fast way.
    complaint.secret_hash = hash_status_secret(given)
    Complaint.objects.filter(pk=complaint.pk, secret_hash=stored).update(secret_hash=complaint.secret_hash)
    return True


@transaction.atomic
def complaint_record(
    *,
    actor,
    branch,
    channel: str,
    kind: str = Kind.COMPLAINT,
    category=None,
    severity: str = "",
    narrative: str,
    anonymous: bool = False,
    patron_name: str = "",
    patron_email: str = "",
    patron_phone: str = "",
    patron_language: str = "en",
    received_at=None,
    staff_involved: str = "",
    staff_named=(),
    location=None,
    occurred_at=None,
    resolved_now: bool = False,
    resolution: str = "",
    announce: bool = True,
) -> tuple[Complaint, str]:
    """Staff record a complaint taken at the desk, by phone, e-mail, letter or social media.

    Where (a place of the branch) and when it happened are kept as told. A complaint "resolved now" is
    closed at once as resolved at first contact, a one-off, by whoever may resolve it (front-line staff
    only minor and moderate ones); otherwise it is refused and nothing is saved.

    `announce=False` records a case taken in long ago (an old spreadsheet brought in): the patron and the
    staff heard of it then, so no one is mailed or notified now.

    Returns the case and the status secret to give the patron (shown once, stored only as a hash).
    """
    now = timezone.now()
    require(
        location is None or location.branch_id == branch.pk,
        _("That place is in another branch. Choose a place of the branch of the complaint."),
    )
    require(
        occurred_at is None or occurred_at <= now + timedelta(minutes=2),
        _("When it happened cannot be in the future."),
    )
    categories_install_defaults(system=branch.system)
    reply_templates_install_defaults(system=branch.system)
    complaint = Complaint(
        system=branch.system,
        branch=branch,
        reference=_unique_reference(),
        kind=kind,
        channel=channel,
        category=category,
        narrative=narrative.strip(),
        anonymous=anonymous,
        patron=None
        if anonymous
        else person_for_contact(
            system=branch.system,
            name=patron_name,
            email=patron_email,
            phone=patron_phone,
            language=patron_language,
        ),
        patron_language=patron_language,
        recorded_by=actor,
        received_at=received_at or now,
        staff_involved=staff_involved.strip(),
        location=location,
        occurred_at=occurred_at,
    )
    named = [member for member in staff_named if member.library_system_id == branch.system_id]
    complaint.restricted = restricts(
        category=category, staff_involved=staff_involved, staff_named=named, kind=kind
    )
    secret = _issue_secret(complaint, now)
    if severity:
        apply_triage(complaint=complaint, severity=severity, actor=actor)
    start_clock_at_receipt(complaint, named_ids=frozenset(member.pk for member in named))
    if resolved_now:
        _require_may_resolve_now(actor=actor, complaint=complaint, resolution=resolution)
    complaint.full_clean()
    complaint.save()
    complaint.staff_named.set(named)
    add_entry(
        complaint=complaint,
        kind=EntryKind.RECEIVED,
        author=actor,
        data={"code": "received", "channel": complaint.channel},
    )
    events.complaint_recorded(actor=actor, complaint=complaint)
    if announce:
        _after_triage_notifications(complaint)
        tell_owner_of_new_case(complaint, recorded_by=actor)
        mail_patron(
            complaint=complaint,
            subject_template="complaints/email/received_subject.txt",
            body_template="complaints/email/received_body.txt",
            context={"secret": group_secret(secret)},
        )
    if resolved_now:
        complaint_close(
            actor=actor,
            complaint=complaint,
            expected_version=complaint.version,
            judgement=Judgement.ONE_OFF,
            reason=resolution,
            outcome=Outcome.FIRST_CONTACT,
            announce=announce,
        )
    return complaint, secret


def _require_may_resolve_now(*, actor, complaint: Complaint, resolution: str) -> None:
    """Checked before anything is saved: the same authority as closing at first contact."""
    require(complaint.kind == Kind.COMPLAINT, _("Only a complaint is resolved at first contact."))
    require(
        not complaint.restricted,
        _("A complaint about a member of staff goes to a supervisor: record it without “resolved now”."),
    )
    require(bool(complaint.severity), _("Choose the severity of a complaint resolved now."))
    require_first_contact_authority(
        actor=actor, complaint=complaint, doing=pgettext("what front-line staff may not do", "resolve")
    )
    require(bool(resolution.strip()), _("Say what was done to put it right."))


def _after_triage_notifications(complaint):
    from .workflow import notify_critical

    if complaint.severity:
        notify_critical(complaint)


def complaint_submit_public(
    *,
    system,
    branch,
    kind: str,
    narrative: str,
    desired_outcome: str = "",
    patron_name: str = "",
    patron_email: str = "",
    patron_phone: str = "",
    patron_language: str = "en",
    submission_token: uuid.UUID,
) -> tuple[Complaint, str, bool]:
    """A patron's submission from /feedback/. Idempotent on `submission_token`.

    Returns (case, secret, created). A retry of a submission already received returns the first case,
    no secret (it exists only as a hash) and created=False: a double click never makes two cases.
    """
    existing = Complaint.objects.filter(submission_token=submission_token).first()
    if existing is None:
        existing = _same_message_just_sent(
            system=system, narrative=narrative, patron_email=patron_email, patron_name=patron_name
        )
    if existing is not None:
        return existing, "", False
    try:
        with transaction.atomic():
            return (
                *_create_public(
                    system=system,
                    branch=branch,
                    kind=kind,
                    narrative=narrative,
                    desired_outcome=desired_outcome,
                    patron_name=patron_name,
                    patron_email=patron_email,
                    patron_phone=patron_phone,
                    patron_language=patron_language,
                    submission_token=submission_token,
                ),
                True,
            )
    except IntegrityError:
        # Two requests with the same token raced: the unique constraint let only one through.
        existing = Complaint.objects.filter(submission_token=submission_token).first()
        if existing is None:
            raise
        return existing, "", False


# Going Back to the form may give it a new token (a page kept out of the cache is fetched again): the same
# text from the same person within these minutes is the same message sent twice, not a second complaint.
RESEND_WINDOW = timedelta(minutes=30)


def _same_message_just_sent(*, system, narrative: str, patron_email: str, patron_name: str):
    return (
        Complaint.objects.filter(
            system=system,
            channel=Channel.WEB,
            received_at__gte=timezone.now() - RESEND_WINDOW,
            narrative=narrative.strip(),
            **_same_patron(patron_email=patron_email, patron_name=patron_name),
        )
        .order_by("-received_at")
        .first()
    )


def _same_patron(*, patron_email: str, patron_name: str) -> dict:
    """The same sender: by e-mail when one was given (it finds the person), else by the name alone."""
    if patron_email.strip():
        return {"patron__email__iexact": patron_email.strip()}
    if patron_name.strip():
        return {"patron__name": patron_name.strip(), "patron__email": ""}
    return {"patron__isnull": True}


def _create_public(
    *,
    system,
    branch,
    kind,
    narrative,
    desired_outcome,
    patron_name,
    patron_email,
    patron_phone,
    patron_language,
    submission_token,
):
    now = timezone.now()
    categories_install_defaults(system=system)
    reply_templates_install_defaults(system=system)
    anonymous = not (patron_name.strip() or patron_email or patron_phone.strip())
    complaint = Complaint(
        system=system,
        branch=branch,
        reference=_unique_reference(),
        kind=kind,
        channel=Channel.WEB,
        narrative=narrative.strip(),
        desired_outcome=desired_outcome.strip(),
        anonymous=anonymous,
        patron=person_for_contact(
            system=system, name=patron_name, email=patron_email, phone=patron_phone, language=patron_language
        ),
        patron_language=patron_language,
        received_at=now,
        submission_token=submission_token,
        status=Status.NEW,
    )
    secret = _issue_secret(complaint, now)
    start_clock_at_receipt(complaint)
    complaint.full_clean()
    complaint.save()
    add_entry(complaint=complaint, kind=EntryKind.RECEIVED, data={"code": "received", "channel": Channel.WEB})
    tell_owner_of_new_case(complaint)
    events.complaint_received_online(complaint=complaint, system=system)
    mail_patron(
        complaint=complaint,
        subject_template="complaints/email/received_subject.txt",
        body_template="complaints/email/received_body.txt",
        context={"secret": group_secret(secret)},
    )
    return complaint, secret


def _give_patron_email(complaint: Complaint, email: str) -> None:
    """The address is the person's: set on the case's person, or on a new person when the case had none."""
    person = complaint.patron
    if person is None:
        complaint.patron = person_for_contact(system=complaint.system, email=email)
        Complaint.objects.filter(pk=complaint.pk).update(patron=complaint.patron)
        return
    person.email = email
    person.full_clean()
    Person.objects.filter(pk=person.pk).update(email=email, version=F("version") + 1)


@transaction.atomic
def receipt_mail_to_patron(
    *, actor, complaint: Complaint, secret: str, status_url: str, email: str = ""
) -> str:
    """The desk receipt sent to the patron: reference, secret and status address, in their language.

    An address typed on the receipt is saved on the case first (audited). Returns the address written to.
    """
    require(not complaint.anonymous, _("This case is anonymous: it keeps no contact, so nothing is sent."))
    require(bool(secret), _("The secret can no longer be shown, so it cannot be sent either."))
    email = email.strip()
    if email and email != complaint.patron_email:
        had_email = bool(complaint.patron_email)
        _give_patron_email(complaint, email)
        events.receipt_email_given(
            actor=actor, complaint=complaint, changes={"patron_email": [had_email, True]}
        )
    require(bool(complaint.patron_email), _("Type the patron's e-mail address."))
    mail_patron(
        complaint=complaint,
        subject_template="complaints/email/receipt_subject.txt",
        body_template="complaints/email/receipt_body.txt",
        context={"secret": group_secret(secret), "status_url": status_url},
    )
    events.receipt_emailed(actor=actor, complaint=complaint)
    return complaint.patron_email
