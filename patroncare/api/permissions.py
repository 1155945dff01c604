"""Who may hold API tokens and who manages them."""

from patroncare.accounts.permissions import is_administrator, is_director


def can_hold_tokens(user) -> bool:
    """Any member of a library system with a role: a token acts with exactly its holder's roles."""
    from patroncare.accounts.permissions import role_scopes

    return bool(user.is_authenticated and user.library_system_id and role_scopes(user))


def can_manage_all_tokens(user) -> bool:
    return bool(
        user.is_authenticated and user.library_system_id and (is_administrator(user) or is_director(user))
    )


def can_revoke_token(user, token) -> bool:
    if token.revoked_at is not None or token.system_id != user.library_system_id:
        return False
    return token.user_id == user.pk or can_manage_all_tokens(user)
