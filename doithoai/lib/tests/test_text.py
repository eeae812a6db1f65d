import pytest

from doithoai.lib.text import fold, normalize_input


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Xã Điềm He", "xa diem he"),
        ("ĐƯỜNG LIÊN THÔN", "duong lien thon"),
        ("  Thôn   Nà  Pàn ", "thon na pan"),
        ("Tổ dân phố số 3", "to dan pho so 3"),
        # Decomposed input (as some phones send it) folds the same as composed.
        ("Đu\u031bo\u031b\u0300ng", "duong"),
        ("", ""),
        (None, ""),
    ],
)
def test_it_folds_vietnamese(raw, folded):
    assert fold(raw) == folded


def test_it_normalizes_input_to_composed_single_spaced():
    assert normalize_input(" Thôn\u00a0 Na\u0300 Pa\u0300n ") == "Thôn Nà Pàn"
