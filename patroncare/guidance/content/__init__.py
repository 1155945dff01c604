"""The content PatronCare ships for desk guidance: playbooks (English and Spanish) and phrase cards."""

from .phrases import PHRASE_LANGUAGES, PHRASES  # noqa: F401
from .playbooks import PLAYBOOKS, STANDARD_RULE_CODES  # noqa: F401
