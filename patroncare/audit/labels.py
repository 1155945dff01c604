"""Labels of the records named in the trail, read from the records as they are NOW.

A record anonymised by the retention schedule shows its anonymous label; a deleted one shows its type and id.
Each domain registers a bulk labeller for its models, so a page of events costs one query per record type.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.apps import apps
from django.utils.translation import gettext as _

Labeller = Callable[[list[str]], dict[str, str]]

_labellers: dict[str, Labeller] = {}


def register_labeller(model_label: str, labeller: Labeller) -> None:
    """`labeller(ids)` returns {id: label} for the ids that still exist (ids are strings)."""
    _labellers[model_label.lower()] = labeller


def register_model(model_label: str, *, label: Callable = str, related: tuple[str, ...] = ()) -> None:
    """The common labeller: one query, with the related rows the label needs."""

    def labeller(ids: list[str]) -> dict[str, str]:
        model = apps.get_model(model_label)
        queryset = (
            model._default_manager.select_related(*related) if related else model._default_manager.all()
        )
        pks = [pk for pk in ids if pk.isdigit()] if _integer_pk(model) else ids
        return {str(obj.pk): str(label(obj)) for obj in queryset.filter(pk__in=pks)}

    register_labeller(model_label, labeller)


def labels_for(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """{(record type, id): current label} for the pairs given; removed records are labelled as such."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for object_type, object_id in pairs:
        if object_type and object_id:
            wanted[object_type].add(object_id)
    labels = {}
    for object_type, ids in wanted.items():
        found = _labeller_for(object_type)(sorted(ids))
        for object_id in ids:
            labels[(object_type, object_id)] = found.get(object_id) or removed_label(object_type, object_id)
    return labels


def type_label(object_type: str) -> str:
    model = _model(object_type)
    return str(model._meta.verbose_name) if model else object_type


def removed_label(object_type: str, object_id: str) -> str:
    return _("%(type)s #%(id)s (removed)") % {"type": type_label(object_type), "id": object_id}


def _labeller_for(object_type: str) -> Labeller:
    if object_type in _labellers:
        return _labellers[object_type]
    if _model(object_type) is None:
        return lambda ids: {}
    register_model(object_type)
    return _labellers[object_type]


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _integer_pk(model) -> bool:
    return model._meta.pk.get_internal_type() in {
        "AutoField",
        "BigAutoField",
        "IntegerField",
        "BigIntegerField",
    }
