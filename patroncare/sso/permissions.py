"""Who may configure single sign-on: the library system's administrators, as for its other settings."""

from patroncare.accounts.permissions import can_configure_library


def can_configure_sign_on(user) -> bool:
    return can_configure_library(user)
