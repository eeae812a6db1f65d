import io
import zipfile

import pytest
from django.utils import translation

from doithoai.delegates import excel as delegates_excel
from doithoai.lib import xlsx
from doithoai.petitions import excel as petitions_excel


def test_an_english_template_header_with_a_full_stop_is_read_back():
    with translation.override("en"):
        assert delegates_excel._header_key("No.") == delegates_excel.NUMBER
        assert petitions_excel._spec().header_key("No.") == petitions_excel.NUMBER


def test_a_zip_that_unpacks_too_large_is_refused_before_it_is_unpacked(monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "x")
        archive.writestr("xl/workbook.xml", "x")
        archive.writestr("xl/big.xml", "0" * 2_000_000)
    monkeypatch.setattr(delegates_excel, "MAX_UNCOMPRESSED", 1_000_000)

    def unpacked(self: zipfile.ZipFile) -> None:
        raise AssertionError("testzip() unpacked a file over the limit")

    monkeypatch.setattr(zipfile.ZipFile, "testzip", unpacked)
    with pytest.raises(xlsx.ImportRejected) as caught:
        xlsx.check_zip(buffer.getvalue(), delegates_excel._spec())
    assert "MB" in str(caught.value.row_errors[0])
