from pathlib import Path

import polib
from django.utils import translation

from patroncare.complaints.models import Severity

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "es" / "LC_MESSAGES" / "django.po"


def test_spanish_catalogue_is_complete():
    po = polib.pofile(str(CATALOGUE))
    assert po.untranslated_entries() == [] and po.fuzzy_entries() == []
    assert len(po.translated_entries()) > 400


def test_severity_labels_read_in_spanish():
    with translation.override("es"):
        assert [str(label) for _value, label in Severity.choices] == ["Leve", "Moderada", "Grave", "Crítica"]
