"""What a change may say: which fields changed always; old and new values only where they cannot be personal.

Values are kept for codes, dates, numbers, booleans and ids. Anything else (names, e-mail, phone, card number,
description, narrative, free text) is recorded as changed, without its values.
"""

import datetime
import re
from decimal import Decimal

from django.db import models

SAFE_FIELD_TYPES = (
    models.BooleanField,
    models.IntegerField,
    models.FloatField,
    models.DecimalField,
    models.DateField,  # and DateTimeField
    models.TimeField,
    models.DurationField,
    models.ForeignKey,
    models.AutoField,
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?)?$")


def safe_changes(changes: dict | None, model=None) -> dict:
    """{field: {"old": o, "new": n}} or {field: {"value": v}} where values are safe, else {field: {}}.

    A list of two is read as [old, new] (what `changed_fields` gives); pass {"value": [a, b]} for a list.
    """
    result = {}
    for name, values in (changes or {}).items():
        field = _field(model, name)
        if isinstance(values, dict) and set(values) <= {"old", "new", "value"}:
            pair = values  # already in the stored shape
        elif isinstance(values, list | tuple) and len(values) == 2:
            pair = {"old": values[0], "new": values[1]}
        else:
            pair = {"value": values}
        result[str(name)] = pair if all(_safe(field, value) for value in pair.values()) else {}
    return result


def _field(model, name):
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except Exception:  # not a field of the model: judged by its value alone
        return None
    return field if isinstance(field, models.Field) else None  # a reverse relation is judged by its value


def _safe(field, value) -> bool:
    if field is None:
        return _safe_value(value)
    if field.choices:
        return value is None or isinstance(value, str | int | bool)
    if isinstance(field, models.ManyToManyField):
        return isinstance(value, list | tuple) and all(isinstance(item, int) for item in value)
    # A foreign key's value must be the id (an int): its label (a person's name) is not kept.
    return isinstance(field, SAFE_FIELD_TYPES) and _safe_value(value)


def _safe_value(value) -> bool:
    if value is None or isinstance(value, bool | int | float | Decimal):
        return True
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        return True
    if isinstance(value, str):
        return bool(_ISO_DATE.match(value)) or _is_code(value)
    if isinstance(value, list | tuple):
        return all(_safe_value(item) for item in value)
    return False


_CODE = re.compile(r"^[a-z0-9]+([_.:\-][a-z0-9]+)*$")


def _is_code(value: str) -> bool:
    """A code such as "upheld", "sms", "branch_manager" or "6_months": lower case, no spaces.

    A bare lower-case word could be a name typed in lower case, so only codes with a separator or digits, or
    values of a field with choices (checked by the caller through the field), pass here.
    """
    return bool(_CODE.match(value)) and (
        any(sep in value for sep in "_.:-") or any(c.isdigit() for c in value)
    )
