"""Step 2: each system that used the fixed tiers gets them as its own four classes, with the same names."""

from django.db import migrations

TIERS = [
    ("minor", 1, "Tier 1: minor", "Nivel 1: leve", "minor", "leve"),
    ("serious", 2, "Tier 2: serious", "Nivel 2: grave", "serious", "grave"),
    ("severe", 3, "Tier 3: severe", "Nivel 3: muy grave", "severe", "muy grave"),
    (
        "grave",
        4,
        "Tier 4: most serious or illegal",
        "Nivel 4: de máxima gravedad o ilegal",
        "most serious",
        "de máxima gravedad",
    ),
]


def tiers_to_classes(apps, schema_editor):
    BehaviourClass = apps.get_model("conduct", "BehaviourClass")
    Rule = apps.get_model("conduct", "Rule")
    RuleVersion = apps.get_model("conduct", "RuleVersion")
    LadderStep = apps.get_model("conduct", "LadderStep")
    system_ids = set(Rule.objects.values_list("system_id", flat=True)) | set(
        LadderStep.objects.values_list("system_id", flat=True)
    )
    for system_id in system_ids:
        for tier, rank, name, name_es, word, word_es in TIERS:
            behaviour_class, _ = BehaviourClass.objects.get_or_create(
                system_id=system_id,
                rank=rank,
                defaults={"name": name, "name_es": name_es, "in_sentence": word, "in_sentence_es": word_es},
            )
            Rule.objects.filter(system_id=system_id, tier=tier).update(behaviour_class=behaviour_class)
            LadderStep.objects.filter(system_id=system_id, tier=tier).update(behaviour_class=behaviour_class)
    for tier, _rank, name, *_rest in TIERS:
        RuleVersion.objects.filter(tier=tier).update(class_name=name)


def classes_to_tiers(apps, schema_editor):
    Rule = apps.get_model("conduct", "Rule")
    LadderStep = apps.get_model("conduct", "LadderStep")
    by_rank = {rank: tier for tier, rank, *_rest in TIERS}
    for model in (Rule, LadderStep):
        for row in model.objects.select_related("behaviour_class"):
            row.tier = by_rank.get(row.behaviour_class.rank, "grave") if row.behaviour_class else "minor"
            row.save(update_fields=["tier"])


class Migration(migrations.Migration):

    dependencies = [
        ('conduct', '0004_behaviour_classes'),
    ]

    operations = [migrations.RunPython(tiers_to_classes, classes_to_tiers)]
