"""How a notification names the record it is about, so that acting on the record finds what waited."""


def target_key(obj) -> str:
    """The name of a record a notification is about: "complaints.complaint:12"."""
    if obj is None:
        return ""
    if isinstance(obj, str):
        return obj
    return f"{obj._meta.label_lower}:{obj.pk}"
