"""Public statements on serious upheld mistakes: drafted and edited in English and Spanish, approved by the
director, reviewed (or objected to) by a trustee, published on /notices/, and the patron told.

Each step lands on the next approver's desk and in their mail: the director for a draft, every trustee of
the system for an approved statement, the director again once it is ready to publish or a trustee objected.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from patroncare.accounts.models import Role
from patroncare.audit.services import changed_fields
from patroncare.complaints import events
from patroncare.core.concurrency import save_if_unchanged
from patroncare.core.mail import absolute_link
from patroncare.notifications.services import notifications_clear_for

from ..models import Complaint, PublicStatement, StatementComment, StatementStatus
from ..permissions import can_comment_statement, can_edit_statement, can_object_to_statement, is_director
from ._common import require
from .notify import mail_patron, mail_staff

TEXT_FIELDS = ["title_en", "body_en", "title_es", "body_es"]


def _require_patron_not_named(complaint: Complaint, texts) -> None:
    """A statement never names the patron nor gives their address."""
    marks = [mark.strip().casefold() for mark in (complaint.patron_name, complaint.patron_email)]
    joined = " ".join(texts).casefold()
    require(
        not any(mark and mark in joined for mark in marks),
        _("A public statement never names the patron: take their name and address out of the text."),
    )


def trustees_of(system):
    return (
        get_user_model()
        .objects.filter(library_system=system, is_active=True, role_assignments__role=Role.TRUSTEE)
        .distinct()
        .order_by("id")
    )


def _tell(user, statement, kind: str, template: str, context: dict | None = None) -> None:
    mail_staff(
        user=user,
        complaint=statement.complaint,
        subject_template=f"complaints/email/statement_{template}_subject.txt",
        body_template=f"complaints/email/statement_{template}_body.txt",
        kind=kind,
        context={"statement": statement, **(context or {})},
        url=absolute_link("complaints:statement_detail", statement.pk),
        target=statement,
    )


def _tell_director(statement, template: str, context: dict | None = None) -> None:
    director = statement.system.director
    if director is not None and director.pk not in statement.complaint.named_staff_ids:
        kind = "complaints.statement_ready" if template == "ready" else "complaints.statement_approval"
        _tell(director, statement, kind, template, context)


@transaction.atomic
def statement_draft(
    *, actor, complaint: Complaint, title: str, body: str, title_es: str = "", body_es: str = ""
) -> PublicStatement:
    require(complaint.warrants_statement, _("Public statements are for serious mistakes that were upheld."))
    require(
        not PublicStatement.objects.filter(complaint=complaint).exists(),
        _("This case already has a statement."),
    )
    statement = PublicStatement(
        complaint=complaint,
        system_id=complaint.system_id,
        title=title.strip(),
        body=body.strip(),
        title_en=title.strip(),
        body_en=body.strip(),
        title_es=title_es.strip(),
        body_es=body_es.strip(),
        drafted_by=actor,
    )
    _require_patron_not_named(complaint, [getattr(statement, name) for name in TEXT_FIELDS])
    statement.full_clean()
    statement.save()
    events.statement_drafted(actor=actor, statement=statement)
    if not is_director(actor):
        _tell_director(statement, "approval")
    return statement


@transaction.atomic
def statement_edit(
    *,
    actor,
    statement: PublicStatement,
    expected_version: int,
    title: str,
    body: str,
    title_es: str,
    body_es: str,
) -> PublicStatement:
    """Change the text of a draft: its drafter or the director, never after approval, never over
    someone else's newer edit."""
    require(
        statement.status == StatementStatus.DRAFT,
        _("This statement has been approved: its text can no longer be changed."),
    )
    require(
        can_edit_statement(actor, statement),
        _("Only the person who drafted this statement or the director may change it."),
    )
    before = {name: getattr(statement, name) for name in TEXT_FIELDS}
    statement.title_en, statement.body_en = title.strip(), body.strip()
    statement.__dict__.update(title=statement.title_en, body=statement.body_en)
    statement.title_es, statement.body_es = title_es.strip(), body_es.strip()
    _require_patron_not_named(statement.complaint, [getattr(statement, name) for name in TEXT_FIELDS])
    # Only a draft is written: an approval that landed meanwhile also bumped the version.
    save_if_unchanged(statement, expected_version=expected_version, fields=TEXT_FIELDS)
    events.statement_edited(
        actor=actor, statement=statement, changes=changed_fields(statement, before, TEXT_FIELDS)
    )
    return statement


@transaction.atomic
def statement_approve(
    *, actor, statement: PublicStatement, expected_version: int | None = None
) -> PublicStatement:
    """The director approves the text they read (`expected_version`); every trustee is then asked."""
    require(statement.status == StatementStatus.DRAFT, _("Only a draft can be approved."))
    require(
        statement.has_both_languages,
        _("Write the title and the statement in both English and Spanish before approving it."),
    )
    statement.status, statement.approved_by, statement.approved_at = (
        StatementStatus.APPROVED,
        actor,
        timezone.now(),
    )
    fields = ["status", "approved_by", "approved_at"]
    if expected_version is None:
        statement.full_clean()
        PublicStatement.objects.filter(pk=statement.pk).update(
            version=F("version") + 1, **{name: getattr(statement, name) for name in fields}
        )
        statement.version += 1
    else:
        save_if_unchanged(statement, expected_version=expected_version, fields=fields)
    events.statement_approved(actor=actor, statement=statement)
    for trustee in trustees_of(statement.system):
        _tell(trustee, statement, "complaints.statement_trustees", "trustees")
    notifications_clear_for(obj=statement, kinds=("complaints.statement_approval",))
    return statement


@transaction.atomic
def statement_trustee_review(*, actor, statement: PublicStatement) -> PublicStatement:
    require(
        statement.status == StatementStatus.APPROVED,
        _("A trustee reviews a statement once the director has approved it."),
    )
    require(statement.trustee_reviewed_at is None, _("A trustee has already reviewed this statement."))
    statement.trustee_reviewed_by, statement.trustee_reviewed_at = actor, timezone.now()
    statement.full_clean()
    statement.save(update_fields=["trustee_reviewed_by", "trustee_reviewed_at"])
    events.statement_reviewed(actor=actor, statement=statement)
    _tell_director(statement, "ready")
    notifications_clear_for(obj=statement, kinds=("complaints.statement_trustees",), user=actor)
    return statement


@transaction.atomic
def statement_comment(
    *, actor, statement: PublicStatement, body: str, is_objection: bool = False
) -> StatementComment:
    """A trustee comments (or the director replies). A trustee's objection sends an approved statement back
    to the director as a draft: approval and review cleared, the director told."""
    require(
        can_comment_statement(actor, statement),
        _("Only trustees and the director may comment on a statement."),
    )
    require(
        statement.status != StatementStatus.PUBLISHED,
        _("This statement is already published: comments are no longer taken."),
    )
    text = body.strip()
    require(bool(text), _("Write your comment before sending it."))
    if is_objection:
        require(can_object_to_statement(actor), _("Only a trustee may object to a statement."))
        require(
            statement.status == StatementStatus.APPROVED,
            _("An objection is to an approved statement; this one is still a draft with the director."),
        )
    comment = StatementComment(statement=statement, author=actor, body=text, is_objection=is_objection)
    comment.full_clean()
    comment.save()
    if is_objection:
        statement.status = StatementStatus.DRAFT
        statement.approved_by = statement.approved_at = None
        statement.trustee_reviewed_by = statement.trustee_reviewed_at = None
        fields = ["status", "approved_by", "approved_at", "trustee_reviewed_by", "trustee_reviewed_at"]
        PublicStatement.objects.filter(pk=statement.pk).update(
            version=F("version") + 1, **{name: getattr(statement, name) for name in fields}
        )
        statement.version += 1
        events.statement_objected(actor=actor, statement=statement)
        _tell_director(statement, "objection", {"comment": comment})
    else:
        events.statement_commented(actor=actor, statement=statement)
    return comment


@transaction.atomic
def statement_publish(*, actor, statement: PublicStatement) -> PublicStatement:
    require(
        statement.status == StatementStatus.APPROVED and statement.trustee_reviewed_at is not None,
        _("A statement is published after the director's approval and a trustee's review."),
    )
    statement.status, statement.published_at = StatementStatus.PUBLISHED, timezone.now()
    statement.full_clean()
    statement.save(update_fields=["status", "published_at"])
    events.statement_published(actor=actor, statement=statement)
    complaint = statement.complaint
    if not complaint.anonymous:
        title, _body, _language = statement.text_in(complaint.patron_language)
        mail_patron(
            complaint=complaint,
            subject_template="complaints/email/statement_published_subject.txt",
            body_template="complaints/email/statement_published_body.txt",
            context={
                "statement_title": title,
                "notices_url": f"{absolute_link('notices:list')}?library={statement.system.slug}",
            },
        )
    notifications_clear_for(obj=statement)
    return statement
