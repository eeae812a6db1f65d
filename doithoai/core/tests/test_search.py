from doithoai.core.search import search
from doithoai.units.models import AdminUnit, Village


def test_it_finds_units_without_diacritics(national_units):
    found = list(search(AdminUnit.objects.filter(era="current"), "diem he", ["name"]))
    assert [u.name for u in found] == ["Xã Điềm He"]


def test_it_matches_every_word_in_any_field(national_units):
    current = AdminUnit.objects.filter(era="current", level="commune").select_related("parent")
    found = list(search(current, "diem he lang son", ["name", "parent__name"]))
    assert [u.code for u in found] == ["06280"]
    assert list(search(current, "diem he ha noi", ["name", "parent__name"])) == []


def test_it_ignores_case_and_diacritics_in_the_query_too(national_units):
    unit = AdminUnit.objects.get(era="current", level="commune", code="06280")
    Village.objects.create(unit=unit, name="Thôn Đường Sắt")
    Village.objects.create(unit=unit, name="Thôn Nà Pàn")
    villages = Village.objects.filter(unit=unit)
    assert [v.name for v in search(villages, "duong", ["name"])] == ["Thôn Đường Sắt"]
    assert [v.name for v in search(villages, "ĐƯỜNG", ["name"])] == ["Thôn Đường Sắt"]
    assert [v.name for v in search(villages, "NA PAN", ["name"])] == ["Thôn Nà Pàn"]
    assert search(villages, "   ", ["name"]).count() == 2
