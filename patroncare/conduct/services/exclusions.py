"""Issuing exclusions: the ladder's recommendation, role limits, deviations, minors, delivery of notices."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.accounts.permissions import is_administrator, is_director
from patroncare.conduct import events
from patroncare.core.access import Refused, refuse_unless
from patroncare.core.concurrency import save_if_unchanged
from patroncare.core.files import PHOTO_KINDS, check_upload, delete_after_commit
from patroncare.incidents.models import Incident, InvolvementRole
from patroncare.libraries.calendar import local_date, today_in
from patroncare.notifications.services import notifications_clear_for
from patroncare.rulebook.authority import allowance_of, in_words, who_may_issue
from patroncare.rulebook.ladder import EarlierViolation, Recommendation, option_text, recommend
from patroncare.rulebook.models import EXCLUDING_OUTCOMES, BehaviourClass, LadderStep, Outcome

from ..models import Delivery, Exclusion, ReviewRecord
from ..permissions import EXCLUSION_ROLES, may_approve_deviation
from .letters import notice_amend
from .waiting import tell_deciders


def _seriousness(behaviour_class) -> tuple:
    # Classes may share a rank: the name, then the id, settle which one is "the" class, the same every time.
    return (behaviour_class.rank, behaviour_class.name, -behaviour_class.pk)


def incident_class(incident) -> BehaviourClass | None:
    """The most serious class among the rules the incident touched."""
    classes = [rule.behaviour_class for rule in incident.rules.select_related("behaviour_class")]
    return max(classes, key=_seriousness) if classes else None


def earlier_violations(*, person, incident) -> list[EarlierViolation]:
    """The person's earlier incidents as the subject (touching a rule), each with its most serious class."""
    rows = (
        Incident.objects.filter(
            system=incident.system,
            involvements__person=person,
            involvements__role=InvolvementRole.SUBJECT,
            rules__isnull=False,
            occurred_at__lte=incident.occurred_at,
        )
        .exclude(pk=incident.pk)
        .values_list(
            "pk",
            "occurred_at",
            "rules__behaviour_class__pk",
            "rules__behaviour_class__rank",
            "rules__behaviour_class__name",
        )
        .distinct()
    )
    classed: dict[int, tuple] = {}
    for pk, moment, class_pk, rank, name in rows:
        key = (rank, name, -class_pk)
        if pk not in classed or key > classed[pk][1]:
            classed[pk] = (moment, key)
    return [
        EarlierViolation(on=local_date(incident.system, moment), rank=key[0], class_id=-key[2])
        for moment, key in classed.values()
    ]


def recommendation_for(*, incident, person) -> Recommendation | None:
    behaviour_class = incident_class(incident)
    if behaviour_class is None:
        return None
    return recommend(
        steps=LadderStep.objects.filter(
            system=incident.system, behaviour_class=behaviour_class
        ).prefetch_related("choices"),
        behaviour_class=behaviour_class,
        on=local_date(incident.system, incident.occurred_at),
        earlier=earlier_violations(person=person, incident=incident),
        is_minor=person.is_minor,
    )


def _check_allowance(*, actor, system, outcome: str, start_date: date, end_date: date | None) -> None:
    """Refuse a length the issuer's widest limit does not reach, naming who may issue it."""
    allowance = allowance_of(actor, system)
    if allowance.allows(start_date, end_date):
        return
    who = in_words(who_may_issue(system, start=start_date, end=end_date, roles=EXCLUSION_ROLES))
    if end_date is None:
        raise Refused(
            _("A permanent or pending-review exclusion is issued by %(who)s.") % {"who": who}
            if who
            else _(
                "No one in your library system may issue a permanent or pending-review exclusion. "
                "An administrator sets who may on the page “Who may issue”."
            )
        )
    if not who:
        first = _("No one in your library system may issue an exclusion this long.")
    elif outcome == Outcome.SUSPENSION:
        first = _("A suspension this long is issued by %(who)s.") % {"who": who}
    else:
        first = _("This exclusion is issued by %(who)s.") % {"who": who}
    last = allowance.last_day(start_date)
    if last is not None and last >= start_date:
        second = _("The longest you may issue from this first day ends on %(day)s.") % {
            "day": formats.date_format(last, "DATE_FORMAT")
        }
    else:
        second = _("You may not issue exclusions yourself.")
    raise Refused(f"{first} {second}")


@transaction.atomic
def exclusion_issue(
    *,
    actor,
    incident,
    person,
    outcome: str,
    start_date: date,
    end_date: date | None = None,
    branch=None,
    rules=None,
    conditions: str = "",
    summary_es: str = "",
    conditions_es: str = "",
    letter_language: str = "en",
    deviation_reason: str = "",
    guardian_name: str = "",
    person_name: str = "",
    decided_before_in: str = "",
) -> Exclusion:
    """Issue an exclusion for an incident, as the ladder recommends or with a reason for departing from it.

    `decided_before_in` names the record an exclusion decided before the library used PatronCare comes from
    (its old ban list): the decision was made then, by whoever could make it, so neither today's limits of
    the importer nor the ladder apply to it, and no one is asked to approve it.
    """
    system = incident.system
    if outcome not in EXCLUDING_OUTCOMES:
        raise ValidationError(
            _("A warning is recorded on the incident; it does not need an exclusion order.")
        )
    if outcome == Outcome.LEAVE_DAY:
        end_date = start_date
    if outcome in (Outcome.PERMANENT, Outcome.PENDING_REVIEW):
        end_date = None
    if outcome == Outcome.SUSPENSION and end_date is None:
        raise ValidationError({"end_date": _("A suspension needs a last day.")})
    if end_date is not None and end_date < start_date:
        raise ValidationError({"end_date": _("The last day cannot be before the first day.")})
    if person.system_id != system.pk or (branch is not None and branch.system_id != system.pk):
        raise ValidationError(_("That person or branch belongs to another library system."))
    decided_before_in = decided_before_in.strip()
    refuse_unless(
        not decided_before_in or is_administrator(actor),
        _("Only an administrator brings in exclusions decided before PatronCare."),
    )
    if not decided_before_in:
        _check_allowance(
            actor=actor, system=system, outcome=outcome, start_date=start_date, end_date=end_date
        )
    recommendation = None if decided_before_in else recommendation_for(incident=incident, person=person)
    deviates = not decided_before_in and (
        recommendation is None
        or not recommendation.allows(outcome=outcome, start_date=start_date, end_date=end_date)
    )
    chosen = None
    if recommendation is not None and recommendation.has_choice():
        chosen = recommendation.chosen_option(outcome=outcome, start_date=start_date, end_date=end_date)
    deviation_reason = deviation_reason.strip()
    if deviates and not deviation_reason:
        raise ValidationError(
            {
                "deviation_reason": _(
                    "This is not what the ladder recommends. Give the reason; a supervisor must approve it."
                )
            }
        )
    if not deviates:
        deviation_reason = ""
    if person.is_minor and not guardian_name.strip():
        raise ValidationError(
            {
                "guardian_name": _(
                    "For someone under 18, name the parent or guardian who will receive the notice."
                )
            }
        )
    lift_after = None
    if outcome == Outcome.PERMANENT and recommendation:
        lift_after = recommendation.lift_request_from(start_date)
    exclusion = Exclusion(
        system=system,
        person=person,
        branch=branch,
        outcome=outcome,
        start_date=start_date,
        end_date=end_date,
        lift_request_after=lift_after,
        conditions=conditions,
        summary_es=summary_es.strip(),
        conditions_es=conditions_es.strip(),
        recommended_outcome=recommendation.outcome if recommendation else "",
        recommendation=_recommendation_text(recommendation, decided_before_in),
        deviation_reason=deviation_reason,
        ladder_option=chosen.position if chosen else None,
        ladder_option_text=option_text(chosen)[:200] if chosen else "",
        issued_by=actor,
        issued_at=timezone.now(),
        letter_language=letter_language,
        guardian_name=guardian_name.strip(),
    )
    exclusion.full_clean()
    exclusion.save()
    if person_name.strip() and not person.name:
        person.name = person_name.strip()[:150]
        person.full_clean()
        person.save(update_fields=["name"])
    exclusion.incidents.add(incident)
    exclusion.rules.set(rules if rules is not None else incident.rules.all())
    events.exclusion_issued(
        actor=actor,
        exclusion=exclusion,
        system=system,
        deviating=bool(deviation_reason),
        changes={
            "outcome": outcome,
            "start": str(start_date),
            "end": str(end_date),
            "recommendation": exclusion.recommendation,
            "deviation_reason": deviation_reason,
            "ladder_option": exclusion.ladder_option_text,
        },
    )
    if deviation_reason:
        tell_deciders(
            exclusion=exclusion,
            may=lambda person: may_approve_deviation(person, exclusion),
            kind="conduct.deviation_to_approve",
            line=gettext_lazy("An exclusion that departs from the ladder waits for your approval"),
            url_name="conduct:exclusion_detail",
            url_args=(exclusion.pk,),
            target=exclusion,
        )
    return exclusion


def _recommendation_text(recommendation, decided_before_in: str) -> str:
    if decided_before_in:
        return (_("Decided before PatronCare; from “%(source)s”.") % {"source": decided_before_in})[:300]
    return recommendation.explanation if recommendation else _("No ladder row applies.")


@transaction.atomic
def exclusion_approve_deviation(*, actor, exclusion: Exclusion) -> Exclusion:
    if not exclusion.deviation_reason or exclusion.deviation_approved_at:
        raise ValidationError(_("This exclusion has no deviation waiting for approval."))
    refuse_unless(
        may_approve_deviation(actor, exclusion),
        _("A supervisor other than the person who issued it must approve a deviation."),
    )
    exclusion.deviation_approved_by, exclusion.deviation_approved_at = actor, timezone.now()
    save_if_unchanged(
        exclusion,
        expected_version=exclusion.version,
        fields=["deviation_approved_by", "deviation_approved_at"],
    )
    events.deviation_approved(actor=actor, exclusion=exclusion)
    notifications_clear_for(obj=exclusion, kinds=("conduct.deviation_to_approve",))
    return exclusion


@transaction.atomic
def exclusion_record_delivery(
    *,
    actor,
    exclusion: Exclusion,
    method: str,
    delivered_on: date,
    acknowledgement: str = "",
    note: str = "",
    earlier_reason: str = "",
) -> Delivery:
    """The notice was given on `delivered_on`; the appeal clock runs from the earliest delivery recorded."""
    if delivered_on < local_date(exclusion.system, exclusion.issued_at):
        raise ValidationError({"delivered_on": _("The notice cannot be delivered before it was issued.")})
    today = today_in(exclusion.system)
    if delivered_on > today:
        raise ValidationError({"delivered_on": _("A delivery cannot be recorded for a day still to come.")})
    earlier_reason = earlier_reason.strip()
    if delivered_on < today and not earlier_reason:
        raise ValidationError(
            {
                "earlier_reason": _(
                    "The notice was given before today: say why it is recorded only now (the appeal "
                    "deadline is counted from the day it was given)."
                )
            }
        )
    delivery = Delivery(
        exclusion=exclusion,
        method=method,
        delivered_on=delivered_on,
        acknowledgement=acknowledgement if method == "in_person" else "",
        note=note,
        earlier_reason=earlier_reason if delivered_on < today else "",
        recorded_by=actor,
    )
    delivery.full_clean()
    delivery.save()
    events.notice_delivered(
        actor=actor,
        exclusion=exclusion,
        changes={
            "method": method,
            "on": str(delivered_on),
            "acknowledgement": acknowledgement,
            "earlier_reason": delivery.earlier_reason,
        },
    )
    return delivery


@transaction.atomic
def review_record(*, actor, system, period_start: date, period_end: date, findings: str) -> ReviewRecord:
    review = ReviewRecord(
        system=system, period_start=period_start, period_end=period_end, findings=findings, recorded_by=actor
    )
    review.full_clean()
    review.save()
    events.periodic_review_recorded(actor=actor, review=review, system=system)
    return review


@transaction.atomic
def exclusion_complete_review(
    *, actor, exclusion: Exclusion, outcome: str, end_date: date | None = None
) -> Exclusion:
    """After an immediate suspension pending review: set its end, or make it permanent."""
    if exclusion.outcome != Outcome.PENDING_REVIEW or exclusion.rescinded_at:
        raise ValidationError(_("This exclusion is not waiting for a review."))
    if outcome not in (Outcome.SUSPENSION, Outcome.PERMANENT):
        raise ValidationError(
            {"outcome": _("Choose a suspension with an end date, or a permanent exclusion.")}
        )
    if outcome == Outcome.SUSPENSION:
        if end_date is None:
            raise ValidationError({"end_date": _("A suspension needs a last day.")})
        if end_date < exclusion.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first day.")})
    else:
        end_date = None
    refuse_unless(
        actor.pk != exclusion.issued_by_id or is_director(actor, exclusion.system),
        _("The review is completed by someone other than the person who issued it."),
    )
    _check_allowance(
        actor=actor,
        system=exclusion.system,
        outcome=outcome,
        start_date=exclusion.start_date,
        end_date=end_date,
    )
    exclusion.outcome, exclusion.end_date = outcome, end_date
    save_if_unchanged(exclusion, expected_version=exclusion.version, fields=["outcome", "end_date"])
    events.pending_review_completed(
        actor=actor, exclusion=exclusion, changes={"outcome": outcome, "end_date": str(end_date)}
    )
    notice_amend(actor=actor, exclusion=exclusion, reason="review_completed")
    return exclusion


PHOTO_MAX_BYTES = 5 * 1024 * 1024


@transaction.atomic
def person_photo_set(*, actor, exclusion: Exclusion, upload) -> None:
    """A photo of an excluded person, so staff of every branch in scope recognise them. JPEG or PNG only."""
    try:
        check_upload(upload, max_bytes=PHOTO_MAX_BYTES, kinds=PHOTO_KINDS)
    except ValidationError as error:
        raise ValidationError({"photo": error.messages}) from error
    person = exclusion.person
    # The old photo goes only once the new one is committed: a failed save keeps the person recognisable.
    delete_after_commit([person.photo])  # its name is read now, before the new photo replaces it
    # The field's upload_to gives the file a random name; only the (checked) extension of the upload is kept.
    person.photo.save(upload.name, upload, save=False)
    person.full_clean()
    person.save(update_fields=["photo"])
    events.photo_added(actor=actor, exclusion=exclusion)
