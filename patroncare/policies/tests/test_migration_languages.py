"""Moving to one column per language keeps every text: the English into `_en`, the Spanish where it was."""

import pytest

from patroncare.testing.migrations import migrate_to

BEFORE = [
    ("rulebook", "0012_classes_share_rank_and_defaults"),
    ("complaints", "0016_complaint_anonymised_at"),
]


@pytest.mark.django_db(transaction=True)
def test_the_english_and_spanish_texts_are_kept_in_their_columns(back_to_the_latest_schema):

    old = migrate_to([BEFORE[0], BEFORE[1]])
    system = old.get_model("libraries", "LibrarySystem").objects.create(name="Old County", slug="old-county")
    classes = old.get_model("rulebook", "BehaviourClass").objects
    minor = classes.create(system=system, rank=1, name="Class A", name_es="Clase A")
    classes.create(system=system, rank=2, name="Class B", name_es="")
    old.get_model("rulebook", "Rule").objects.create(
        system=system,
        code="4",
        title="Noise",
        text="Keep voices low.",
        title_es="Ruido",
        text_es="",
        behaviour_class=minor,
    )
    old.get_model("complaints", "Category").objects.create(
        system=system, key="service", name="Service", name_es="Atención"
    )
    new = migrate_to([("rulebook", "0013_versions_per_language"), ("complaints", "0018_entry_codes")])
    rule = new.get_model("rulebook", "Rule").objects.get(system_id=system.pk)
    assert (rule.title_en, rule.title_es, rule.text_en, rule.text_es) == (
        "Noise",
        "Ruido",
        "Keep voices low.",
        "",
    )
    names = dict(new.get_model("rulebook", "BehaviourClass").objects.values_list("name_en", "name_es"))
    # Two classes without a Spanish name may coexist: a missing name is NULL under the unique constraint.
    assert names == {"Class A": "Clase A", "Class B": None}
    category = new.get_model("complaints", "Category").objects.get(system_id=system.pk)
    assert (category.name_en, category.name_es) == ("Service", "Atención")
