from doithoai.audit.display import field_label
from doithoai.plans.models import LegalBasis, Plan


def test_it_labels_a_plan_section_by_its_rows_plural_name():
    label = field_label(Plan, "legal_bases")
    assert label != "legal_bases"
    assert label.lower() == str(LegalBasis._meta.verbose_name_plural).lower()
