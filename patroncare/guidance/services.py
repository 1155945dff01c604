"""Writes of desk guidance: the standard playbooks, and administrators' edits with a revision for each."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from patroncare.core.concurrency import save_if_unchanged
from patroncare.core.languages import writing_main_language
from patroncare.guidance import events

from .content import PHRASE_LANGUAGES, PHRASES, PLAYBOOKS, STANDARD_RULE_CODES
from .models import (
    TEXT_FIELDS,
    Phrase,
    PhraseLanguage,
    PhraseTranslation,
    Playbook,
    PlaybookRevision,
    PlaybookText,
)
from .permissions import can_edit_guidance


@transaction.atomic
def playbooks_install_standard(
    *, system, actor=None, policies: dict | None = None, rules: dict | None = None
) -> list[Playbook]:
    """Add the playbooks PatronCare ships (English and Spanish) that the library does not have yet.

    Idempotent: a playbook already present, edited or not, is left as it is. `policies` maps the keys used
    in the content (see content.py) to the library's Policy records, to link the policies involved; `rules`
    maps rule codes to the library's rules of conduct.
    """
    created = []
    for order, item in enumerate(PLAYBOOKS, start=1):
        playbook, is_new = Playbook.objects.get_or_create(
            system=system,
            slug=item["slug"],
            defaults={
                "order": order * 10,
                "on_desk": item.get("on_desk", False),
                "shows_phrase_cards": item.get("phrase_cards", False),
            },
        )
        if not is_new:
            continue
        for language in ("en", "es"):
            text = PlaybookText(playbook=playbook, language=language, **item[language])
            text.full_clean()
            text.save()
        if policies:
            playbook.related_policies.set(
                [policies[key] for key in item.get("policies", []) if key in policies]
            )
        if rules:
            codes = STANDARD_RULE_CODES.get(item["slug"], [])
            playbook.related_rules.set([rules[code] for code in codes if code in rules])
        events.playbook_added(actor=actor, playbook=playbook, system=system)
        created.append(playbook)
    return created


@transaction.atomic
def phrase_cards_install_standard(*, system) -> None:
    """The phrase cards PatronCare ships, in the languages of PHRASE_LANGUAGES; idempotent."""
    languages = {}
    for order, (code, name, english_name, direction) in enumerate(PHRASE_LANGUAGES, start=1):
        languages[code], _created = PhraseLanguage.objects.get_or_create(
            system=system,
            code=code,
            defaults={
                "name": name,
                "english_name": english_name,
                "direction": direction,
                "order": order * 10,
            },
        )
    for order, (key, meaning_en, meaning_es, translations) in enumerate(PHRASES, start=1):
        with writing_main_language():
            phrase, _created = Phrase.objects.get_or_create(
                system=system,
                key=key,
                defaults={"order": order * 10, "meaning": meaning_en, "meaning_es": meaning_es},
            )
        for code, text in translations.items():
            PhraseTranslation.objects.get_or_create(
                phrase=phrase, language=languages[code], defaults={"text": text}
            )


@transaction.atomic
def playbook_text_update(
    *, actor, playbook: Playbook, language: str, expected_version: int, **values
) -> PlaybookText:
    """An administrator edits one language of a playbook. The playbook's version guards against two editors;
    a revision keeps the text before and after."""
    if not can_edit_guidance(actor) or playbook.system_id != actor.library_system_id:
        raise PermissionDenied
    text = PlaybookText.objects.filter(playbook=playbook, language=language).first() or PlaybookText(
        playbook=playbook, language=language
    )
    before = {name: getattr(text, name) for name in TEXT_FIELDS}
    for name in TEXT_FIELDS:
        setattr(text, name, values[name].strip())
    text.full_clean()
    # Bump the playbook's version first: a stale editor fails here and nothing is written.
    save_if_unchanged(playbook, expected_version=expected_version, fields=[])
    text.save()
    after = {name: getattr(text, name) for name in TEXT_FIELDS}
    number = (playbook.revisions.aggregate(top=Max("number"))["top"] or 0) + 1
    PlaybookRevision.objects.create(
        playbook=playbook,
        number=number,
        language=language,
        before=before,
        after=after,
        edited_by=actor,
        edited_at=timezone.now(),
    )
    events.playbook_text_edited(
        actor=actor,
        playbook=playbook,
        language=language,
        revision=number,
        changes={name: [before[name], after[name]] for name in TEXT_FIELDS if before[name] != after[name]},
    )
    return text


@transaction.atomic
def playbook_settings_update(
    *,
    actor,
    playbook: Playbook,
    expected_version: int,
    on_desk: bool,
    order: int,
    is_active: bool,
    related_policies,
    related_rules=(),
) -> Playbook:
    if not can_edit_guidance(actor) or playbook.system_id != actor.library_system_id:
        raise PermissionDenied
    if any(item.system_id != playbook.system_id for item in [*related_policies, *related_rules]):
        raise PermissionDenied
    before = {
        "on_desk": playbook.on_desk,
        "order": playbook.order,
        "is_active": playbook.is_active,
        "related_policies": sorted(playbook.related_policies.values_list("pk", flat=True)),
        "related_rules": sorted(playbook.related_rules.values_list("pk", flat=True)),
    }
    playbook.on_desk, playbook.order, playbook.is_active = on_desk, order, is_active
    save_if_unchanged(playbook, expected_version=expected_version, fields=["on_desk", "order", "is_active"])
    playbook.related_policies.set(related_policies)
    playbook.related_rules.set(related_rules)
    after = {
        "on_desk": on_desk,
        "order": order,
        "is_active": is_active,
        "related_policies": sorted(policy.pk for policy in related_policies),
        "related_rules": sorted(rule.pk for rule in related_rules),
    }
    events.playbook_settings_changed(
        actor=actor,
        playbook=playbook,
        changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
    )
    return playbook


@transaction.atomic
def phrase_language_add(
    *, actor, system, code: str, name: str, english_name: str, direction: str
) -> PhraseLanguage:
    """An administrator adds a language the library prints phrase cards in."""
    if not can_edit_guidance(actor) or system.pk != actor.library_system_id:
        raise PermissionDenied
    if PhraseLanguage.objects.filter(system=system, code__iexact=code).exists():
        raise ValidationError({"code": _("This language is already on the phrase cards.")})
    order = (PhraseLanguage.objects.filter(system=system).aggregate(top=Max("order"))["top"] or 0) + 10
    language = PhraseLanguage(
        system=system,
        code=code,
        name=name.strip(),
        english_name=english_name.strip(),
        direction=direction,
        order=order,
    )
    language.full_clean()
    language.save()
    events.language_added(actor=actor, language=language, system=system)
    return language


@transaction.atomic
def phrase_create(*, actor, system, meaning_en: str, meaning_es: str) -> Phrase:
    if not can_edit_guidance(actor) or system.pk != actor.library_system_id:
        raise PermissionDenied
    key = slugify(meaning_en)[:50] or "phrase"
    if Phrase.objects.filter(system=system, key=key).exists():
        raise ValidationError({"meaning_en": _("This phrase is already on the cards.")})
    order = (Phrase.objects.filter(system=system).aggregate(top=Max("order"))["top"] or 0) + 10
    with writing_main_language():
        phrase = Phrase(
            system=system, key=key, order=order, meaning=meaning_en.strip(), meaning_es=meaning_es.strip()
        )
    phrase.full_clean()
    phrase.save()
    events.phrase_added(actor=actor, phrase=phrase, system=system)
    return phrase


@transaction.atomic
def phrase_translations_save(
    *, actor, language: PhraseLanguage, texts: dict[int, str], expected_version: int
) -> int:
    """Save the translations of the library's phrases into `language`; an empty text removes one.
    Returns how many changed. Refused whole when a colleague saved these cards since the page opened."""
    if not can_edit_guidance(actor) or language.system_id != actor.library_system_id:
        raise PermissionDenied
    save_if_unchanged(language, expected_version=expected_version, fields=[])
    phrases = {phrase.pk: phrase for phrase in Phrase.objects.filter(system_id=language.system_id)}
    existing = {t.phrase_id: t for t in PhraseTranslation.objects.filter(language=language)}
    changed = 0
    for phrase_id, text in texts.items():
        if phrase_id not in phrases:
            raise PermissionDenied
        text = text.strip()
        current = existing.get(phrase_id)
        if current is not None and not text:
            current.delete()
        elif current is not None and current.text != text:
            current.text = text
            current.full_clean()
            current.save(update_fields=["text"])
        elif current is None and text:
            PhraseTranslation(phrase=phrases[phrase_id], language=language, text=text).full_clean()
            PhraseTranslation.objects.create(phrase=phrases[phrase_id], language=language, text=text)
        else:
            continue
        changed += 1
    events.translations_saved(actor=actor, language=language, changed=changed)
    return changed
