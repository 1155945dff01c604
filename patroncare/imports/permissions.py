from patroncare.accounts.permissions import is_administrator


def can_import(user) -> bool:
    return bool(user.is_authenticated and user.library_system_id and is_administrator(user))


def can_undo_import(user, run) -> bool:
    return can_import(user) and run.system_id == user.library_system_id and run.status == "done"
