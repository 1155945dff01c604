"""Reply templates: defaults built on BLAST and on a real apology, editing, and filling the merge fields."""

import re

from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format

from patroncare.complaints import events
from patroncare.core.concurrency import save_if_unchanged

from ..models import MERGE_FIELDS, ReplyTemplate

MERGE_FIELD = re.compile(r"\{(" + "|".join(MERGE_FIELDS) + r")\}")

# Believe, Listen, Assist, Solve/Support, Thank; and an apology that acknowledges, explains, says what was
# done and what will change. Written by the library; administrators adapt them.
DEFAULT_TEMPLATES = [
    (
        "blast-acknowledgement",
        "acknowledge",
        "Acknowledgement (BLAST)",
        "en",
        "Thank you for telling us what happened at {branch}. We believe your account matters, and we are "
        "sorry "
        "for how it left you feeling.\n\n"
        "We have read your message carefully. {staff_name} is looking into it now, and we will speak with "
        "the "
        "people involved.\n\n"
        "We will reply in full by {respond_by}. If anything else comes to mind, answer this message or "
        "quote your "
        "reference {reference}.\n\n"
        "Thank you for giving us the chance to put this right.",
    ),
    (
        "blast-acknowledgement",
        "acknowledge",
        "Acuse de recibo (BLAST)",
        "es",
        "Gracias por contarnos lo que pasó en {branch}. Su experiencia nos importa y lamentamos cómo se "
        "sintió.\n\n"
        "Hemos leído su mensaje con atención. {staff_name} lo está revisando y hablaremos con las personas "
        "implicadas.\n\n"
        "Le responderemos por completo antes del {respond_by}. Si quiere añadir algo, responda a este "
        "mensaje o "
        "indique su referencia {reference}.\n\n"
        "Gracias por darnos la oportunidad de arreglarlo.",
    ),
    (
        "real-apology",
        "apology",
        "A real apology",
        "en",
        "Dear {patron_name},\n\n"
        "We are sorry. What happened to you at {branch} should not have happened: [say plainly what went "
        "wrong].\n\n"
        "Why it happened: [explain, without excuses].\n\n"
        "What we have done: [the remedy, for example the fee removed, a conversation with the staff "
        "member].\n\n"
        "What will change: [the change, so that it does not happen to you or anyone else again].\n\n"
        "Thank you for telling us. {staff_name}, {library}",
    ),
    (
        "real-apology",
        "apology",
        "Una disculpa sincera",
        "es",
        "Estimado/a {patron_name}:\n\n"
        "Le pedimos disculpas. Lo que le ocurrió en {branch} no debió pasar: [diga con claridad qué salió "
        "mal].\n\n"
        "Por qué ocurrió: [explíquelo, sin excusas].\n\n"
        "Lo que hemos hecho: [la reparación, por ejemplo el cargo anulado, una conversación con el "
        "empleado].\n\n"
        "Lo que cambiará: [el cambio, para que no le vuelva a pasar ni a usted ni a nadie].\n\n"
        "Gracias por contárnoslo. {staff_name}, {library}",
    ),
    (
        "thanks-for-praise",
        "praise",
        "Thanks for praise",
        "en",
        "Thank you for taking the time to tell us about your visit to {branch}. We have shared your kind "
        "words "
        "with the team; it means a great deal to them.\n\n{staff_name}, {library}",
    ),
    (
        "thanks-for-praise",
        "praise",
        "Gracias por su elogio",
        "es",
        "Gracias por tomarse el tiempo de contarnos su visita a {branch}. Hemos compartido sus amables "
        "palabras "
        "con el equipo; significan mucho para ellos.\n\n{staff_name}, {library}",
    ),
    (
        "suggestion-reply",
        "suggestion",
        "Reply to a suggestion",
        "en",
        "Thank you for your suggestion. We have passed it to the people who decide on it, and we will tell "
        "you "
        "what they decide by {respond_by}.\n\n{staff_name}, {library}",
    ),
    (
        "suggestion-reply",
        "suggestion",
        "Respuesta a una sugerencia",
        "es",
        "Gracias por su sugerencia. La hemos enviado a quienes deciden sobre ella y le diremos qué deciden "
        "antes "
        "del {respond_by}.\n\n{staff_name}, {library}",
    ),
]


def reply_templates_install_defaults(*, system) -> int:
    existing = set(ReplyTemplate.objects.filter(system=system).values_list("key", "language"))
    created = 0
    for key, purpose, name, language, body in DEFAULT_TEMPLATES:
        if (key, language) not in existing:
            template = ReplyTemplate(
                system=system, key=key, purpose=purpose, name=name, language=language, body=body
            )
            template.full_clean()
            template.save()
            created += 1
    return created


@transaction.atomic
def reply_template_save(
    *,
    actor,
    system,
    template: ReplyTemplate | None = None,
    key: str,
    name: str,
    language: str,
    purpose: str,
    body: str,
    is_active: bool,
    expected_version: int | None = None,
) -> ReplyTemplate:
    template = template or ReplyTemplate(system=system)
    template.key, template.name, template.language = key, name.strip(), language
    template.purpose, template.body, template.is_active = purpose, body.strip(), is_active
    if template.pk is None:
        template.full_clean()
        template.save()
    else:
        fields = ["key", "name", "language", "purpose", "body", "is_active"]
        save_if_unchanged(template, expected_version=expected_version or 0, fields=fields)
    events.reply_template_saved(actor=actor, template=template, system=system)
    return template


def fill_template(*, template: ReplyTemplate, complaint, actor) -> str:
    """The template's text with its merge fields filled for this case (unknown braces are left as typed)."""
    with translation.override(template.language):
        respond_by = (
            date_format(complaint.respond_due_at.astimezone(complaint.system.zone), "DATE_FORMAT")
            if complaint.respond_due_at
            else ""
        )
    values = {
        "patron_name": complaint.patron_name or "",
        "reference": complaint.reference,
        "branch": complaint.branch.name if complaint.branch else complaint.system.name,
        "staff_name": actor.full_name,
        "respond_by": respond_by,
        "library": complaint.system.name,
    }
    return MERGE_FIELD.sub(lambda match: values[match.group(1)], template.body)
