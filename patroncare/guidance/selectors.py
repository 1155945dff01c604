"""Reads of playbooks and phrase cards, always inside the user's library system."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import get_language

from patroncare.policies.models import Policy

from .models import Phrase, PhraseLanguage, PhraseTranslation, Playbook, PlaybookText


def _with_texts(playbooks: QuerySet) -> QuerySet:
    return playbooks.prefetch_related(Prefetch("texts", queryset=PlaybookText.objects.order_by("language")))


def playbook_list(*, user, include_inactive: bool = False) -> QuerySet:
    playbooks = Playbook.objects.filter(system_id=user.library_system_id)
    if not include_inactive:
        playbooks = playbooks.filter(is_active=True)
    return _with_texts(playbooks).order_by("order", "slug")


def desk_playbooks(*, user) -> QuerySet:
    return playbook_list(user=user).filter(on_desk=True)


def desk_playbook_texts(*, user, language: str | None = None) -> list[PlaybookText]:
    """The pinned playbooks' texts in the reader's language (else English), in desk order: one query."""
    language = (language or get_language() or "en")[:2]
    texts = (
        PlaybookText.objects.filter(
            playbook__system_id=user.library_system_id,
            playbook__on_desk=True,
            playbook__is_active=True,
            language__in={language, "en"},
        )
        .select_related("playbook")
        .order_by("playbook__order", "playbook__slug")
    )
    chosen: dict[int, PlaybookText] = {}
    for text in texts:
        if text.playbook_id not in chosen or text.language == language:
            chosen[text.playbook_id] = text
    return list(chosen.values())


def playbook_get(*, user, slug: str, include_inactive: bool = False) -> Playbook:
    playbook = (
        _with_texts(Playbook.objects.filter(system_id=user.library_system_id, slug=slug))
        .prefetch_related(
            Prefetch(
                "related_policies",
                queryset=Policy.objects.filter(is_retired=False).order_by("flexibility", "title"),
            )
        )
        .first()
    )
    if playbook is None or not (playbook.is_active or include_inactive):
        raise Http404
    return playbook


def text_for(playbook: Playbook, language: str | None = None) -> PlaybookText | None:
    """The playbook's text in `language` (the active one by default), else in English, else any."""
    texts = {text.language: text for text in playbook.texts.all()}
    language = (language or get_language() or "en")[:2]
    return texts.get(language) or texts.get("en") or next(iter(texts.values()), None)


def phrase_cards(*, user) -> tuple[list[PhraseLanguage], list[Phrase]]:
    """The library's phrase languages, and its phrases with their translations (three queries)."""
    languages = list(PhraseLanguage.objects.filter(system_id=user.library_system_id))
    phrases = list(
        Phrase.objects.filter(system_id=user.library_system_id).prefetch_related(
            Prefetch("translations", queryset=PhraseTranslation.objects.select_related("language"))
        )
    )
    return languages, phrases


def revisions(*, playbook: Playbook) -> QuerySet:
    return playbook.revisions.select_related("edited_by").order_by("-number")


def phrase_language_get(*, user, pk: int) -> PhraseLanguage:
    language = PhraseLanguage.objects.filter(system_id=user.library_system_id, pk=pk).first()
    if language is None:
        raise Http404
    return language
