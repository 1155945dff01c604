"""Per-system configuration: categories, deadlines per severity, pattern thresholds."""

from django.db import transaction

from patroncare.complaints import events
from patroncare.core.concurrency import save_if_unchanged, save_versioned

from ..models import Category, ComplaintSettings, SeverityRule

# (key, English, Spanish): the kinds of mistake the issue names, then the other doors into the same system.
DEFAULT_CATEGORIES = [
    (
        "simple-mistake",
        "Simple mistake (wrong change, a name mispronounced)",
        "Error sencillo (cambio equivocado, un nombre mal pronunciado)",
    ),
    (
        "rudeness",
        "Insulted or emotionally abused by staff",
        "Insulto o maltrato emocional por parte del personal",
    ),
    (
        "unequal-treatment",
        "Others visibly treated with deference denied to the patron",
        "A otras personas se les trató con una deferencia negada al usuario",
    ),
    ("discourtesy", "Discourtesy", "Descortesía"),
    (
        "discrimination",
        "Discrimination (race, disability, religion, sex, age or another protected ground)",
        "Discriminación (raza, discapacidad, religión, sexo, edad u otro motivo protegido)",
    ),
    ("incompetent-help", "Incompetent or unhelpful help", "Ayuda incompetente o poco útil"),
    ("wrong-information", "Wrong information", "Información errónea"),
    (
        "wrongful-accusation",
        "Wrongful accusation (for example of stealing)",
        "Acusación injusta (por ejemplo, de robo)",
    ),
    ("mockery", "Mockery of how someone speaks or dresses", "Burla de cómo alguien habla o se viste"),
    ("safety", "Not kept physically or emotionally safe", "No se protegió la seguridad física o emocional"),
    ("money-fines", "Money and fines", "Dinero y multas"),
    ("policy-disagreement", "Disagreement with a policy", "Desacuerdo con una norma"),
    ("facilities", "Facilities", "Instalaciones"),
    ("collections-services", "Collections and services", "Colecciones y servicios"),
    ("technology-help", "Technology help", "Ayuda con la tecnología"),
    ("praise", "Praise", "Elogio"),
    ("suggestion", "Suggestion", "Sugerencia"),
]


# Complaints in these categories are about how staff treated someone: restricted from the moment of receipt.
RESTRICTING_CATEGORY_KEYS = frozenset(
    {"rudeness", "unequal-treatment", "wrongful-accusation", "mockery", "discrimination"}
)

# A critical case in these categories concerns someone's safety: security staff of the branch are told too.
SAFETY_CATEGORY_KEYS = frozenset({"safety", "facilities"})


def categories_install_defaults(*, system) -> int:
    """Create the default categories a system lacks (by key). Returns how many were created."""
    existing = set(Category.objects.filter(system=system).values_list("key", flat=True))
    created = 0
    for position, (key, name, name_es) in enumerate(DEFAULT_CATEGORIES, start=1):
        if key not in existing:
            category = Category(
                system=system,
                key=key,
                name_en=name,
                name_es=name_es,
                position=position * 10,
                restricts=key in RESTRICTING_CATEGORY_KEYS,
                concerns_safety=key in SAFETY_CATEGORY_KEYS,
            )
            category.full_clean()
            category.save()
            created += 1
    return created


@transaction.atomic
def category_save(
    *,
    actor,
    system,
    category: Category | None = None,
    key: str,
    name: str,
    name_es: str,
    position: int,
    is_active: bool,
    restricts: bool = False,
    concerns_safety: bool = False,
    expected_version: int | None = None,
) -> Category:
    category = category or Category(system=system)
    category.key, category.name_en, category.name_es = key, name.strip(), name_es.strip()
    category.__dict__["name"] = category.name_en  # the plain column keeps the main language
    category.position, category.is_active, category.restricts = position, is_active, restricts
    category.concerns_safety = concerns_safety
    if category.pk is None:
        category.full_clean()
        category.save()
    else:
        fields = ["key", "name", "position", "is_active", "restricts", "concerns_safety"]
        save_if_unchanged(category, expected_version=expected_version or 0, fields=fields)
    events.category_saved(actor=actor, category=category, system=system)
    return category


@transaction.atomic
def severity_rule_save(
    *,
    actor,
    system,
    severity: str,
    acknowledge_days: int,
    respond_days: int,
    review_acknowledge_days: int,
    review_respond_days: int,
    owner_rule: str,
    expected_version: int | None = None,
) -> SeverityRule:
    rule = SeverityRule.objects.filter(system=system, severity=severity).first() or SeverityRule(
        system=system, severity=severity
    )
    rule.acknowledge_days, rule.respond_days = acknowledge_days, respond_days
    rule.review_acknowledge_days, rule.review_respond_days = review_acknowledge_days, review_respond_days
    rule.owner_rule = owner_rule
    fields = [
        "acknowledge_days",
        "respond_days",
        "review_acknowledge_days",
        "review_respond_days",
        "owner_rule",
    ]
    save_versioned(rule, expected_version=expected_version, fields=fields)
    events.deadlines_saved(actor=actor, rule=rule, system=system, severity=severity)
    return rule


@transaction.atomic
def settings_save(
    *,
    actor,
    system,
    pattern_window_days: int,
    pattern_threshold: int,
    board_review: bool = False,
    expected_version: int | None = None,
) -> ComplaintSettings:
    config = ComplaintSettings.objects.filter(system=system).first() or ComplaintSettings(system=system)
    config.pattern_window_days, config.pattern_threshold = pattern_window_days, pattern_threshold
    config.board_review = board_review
    fields = ["pattern_window_days", "pattern_threshold", "board_review"]
    save_versioned(config, expected_version=expected_version, fields=fields)
    events.pattern_thresholds_saved(actor=actor, config=config, system=system)
    return config
