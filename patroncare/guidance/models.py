"""Desk guidance: a playbook for each hard moment, in the staff's language, and phrase cards for patrons who
speak another language."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionedModel
from patroncare.libraries.models import LibrarySystem
from patroncare.policies.models import Policy


class Playbook(VersionedModel):
    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="playbooks")
    slug = models.SlugField(_("short name"), max_length=60)
    on_desk = models.BooleanField(
        _("on the desk page"), default=False, help_text=_("Shown directly on the desk page: one tap away.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    shows_phrase_cards = models.BooleanField(_("shows the phrase cards"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    related_policies = models.ManyToManyField(
        Policy, verbose_name=_("policies involved"), blank=True, related_name="playbooks"
    )
    related_rules = models.ManyToManyField(
        "rulebook.Rule", verbose_name=_("rules of conduct involved"), blank=True, related_name="playbooks"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("playbook")
        verbose_name_plural = _("playbooks")
        constraints = [models.UniqueConstraint(fields=["system", "slug"], name="playbook_unique_slug")]
        indexes = [models.Index(fields=["system", "is_active", "order"])]

    def __str__(self) -> str:
        return self.slug


LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class PlaybookText(models.Model):
    """The playbook in one of the staff languages. Each section is Markdown, sanitised when shown."""

    playbook = models.ForeignKey(Playbook, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("in one line"), max_length=250)
    steps = models.TextField(_("steps"))
    words_to_use = models.TextField(_("words to use"))
    avoid = models.TextField(_("what to avoid"))
    when_to_call = models.TextField(_("when and whom to call"))

    class Meta:
        ordering = ["playbook", "language"]
        verbose_name = _("playbook text")
        verbose_name_plural = _("playbook texts")
        constraints = [
            models.UniqueConstraint(fields=["playbook", "language"], name="playbooktext_one_per_language"),
            models.CheckConstraint(
                condition=Q(language__in=LANGUAGE_CODES), name="playbooktext_language_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


TEXT_FIELDS = ["title", "summary", "steps", "words_to_use", "avoid", "when_to_call"]


class PlaybookRevision(models.Model):
    """Every saved edit of a playbook text: who, when, and the full text before and after."""

    playbook = models.ForeignKey(Playbook, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    edited_at = models.DateTimeField()

    class Meta:
        ordering = ["playbook", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["playbook", "number"], name="playbookrevision_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.playbook} #{self.number}"

    @property
    def changed_fields(self) -> list[str]:
        return [name for name in TEXT_FIELDS if self.before.get(name) != self.after.get(name)]


class TextDirection(models.TextChoices):
    LTR = "ltr", _("Left to right")
    RTL = "rtl", _("Right to left")


class PhraseLanguage(VersionedModel):
    """A language the library prints phrase cards in (set by administrators)."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="phrase_languages")
    code = models.CharField(
        _("language code"),
        max_length=12,
        help_text=_("For example vi, pt-BR, so."),
        validators=[
            RegexValidator(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", _("Use a language code such as vi or pt-BR."))
        ],
    )
    name = models.CharField(_("name in that language"), max_length=60)
    english_name = models.CharField(_("name in English"), max_length=60)
    direction = models.CharField(
        _("writing direction"), max_length=3, choices=TextDirection.choices, default=TextDirection.LTR
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "english_name"]
        constraints = [
            models.UniqueConstraint(fields=["system", "code"], name="phraselanguage_unique_code"),
            models.CheckConstraint(
                condition=Q(direction__in=TextDirection.values), name="phraselanguage_dir_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.english_name} ({self.name})"


class Phrase(models.Model):
    """One thing staff may need to say, with what it means in the staff languages."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="phrases")
    key = models.SlugField(max_length=60)
    order = models.PositiveSmallIntegerField(default=100)
    # What it means, in each staff language (`meaning_en`, `meaning_es`: translation.py).
    meaning = models.CharField(_("meaning"), max_length=200)

    class Meta:
        ordering = ["order", "key"]
        constraints = [models.UniqueConstraint(fields=["system", "key"], name="phrase_unique_key")]

    def __str__(self) -> str:
        return self.meaning


class PhraseTranslation(models.Model):
    phrase = models.ForeignKey(Phrase, on_delete=models.CASCADE, related_name="translations")
    language = models.ForeignKey(PhraseLanguage, on_delete=models.CASCADE, related_name="translations")
    text = models.CharField(max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["phrase", "language"], name="phrasetranslation_unique")
        ]

    def __str__(self) -> str:
        return self.text
