"""Likely duplicates (issue 4, grouping): realistic Vietnamese petitions of Điềm He, worded differently in
different villages, some typed without diacritics; the thresholds of selectors/similarity.py were tuned
on these examples."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from doithoai.conferences.tests.conftest import make_conference, on_day
from doithoai.lib.text import fold
from doithoai.petitions import actions
from doithoai.petitions.actions import groups as group_actions
from doithoai.petitions.models import Channel, Petition
from doithoai.petitions.selectors import similarity
from doithoai.plans.actions import plan_create_from_preset, plan_issue
from doithoai.units.models import Village

VILLAGES = ["Thôn Nà Pàn", "Thôn Khòn Pịt", "Thôn Bản Cằm", "Thôn Pò Mã", "Xã Điềm He"]

# (matter, sector, text): the same matter = the same first element.
EXAMPLES = [
    (
        "road",
        "XD-GT-HT",
        "Đề nghị UBND xã sửa chữa tuyến đường từ thôn Nà Pàn ra trung tâm xã, đường xuống cấp, nhiều ổ gà, "
        "mùa mưa lầy lội không đi được.",
    ),
    (
        "road",
        "XD-GT-HT",
        "Tuyến đường liên thôn Khòn Pịt đi trung tâm xã bị hư hỏng nặng, nhiều ổ gà, ổ voi, đề nghị xã sớm sửa "
        "chữa để bà con đi lại.",
    ),
    ("road", "XD-GT-HT", "de nghi sua chua duong lien thon Ban Cam, duong xuong cap nang, nhieu o ga"),
    ("light", "XD-GT-HT", "Đề nghị lắp đèn chiếu sáng trên đường thôn vì buổi tối đi lại nguy hiểm."),
    ("light", "XD-GT-HT", "Xin lắp thêm bóng điện chiếu sáng dọc đường liên thôn, trời tối không có đèn."),
    (
        "drain",
        "XD-GT-HT",
        "Rãnh thoát nước hai bên đường bị tắc, mưa to nước tràn vào nhà dân, đề nghị nạo vét rãnh thoát nước.",
    ),
    (
        "bridge",
        "XD-GT-HT",
        "Cầu tràn qua suối Pò Mã bị lũ cuốn trôi một phần, học sinh phải lội suối đi học, đề nghị làm lại cầu.",
    ),
    (
        "power",
        "KT-TC",
        "Giá điện tăng cao, hóa đơn tiền điện tháng 5 tăng gấp đôi, đề nghị ngành điện kiểm tra lại công tơ.",
    ),
    (
        "power",
        "KT-TC",
        "Tiền điện các tháng gần đây cao bất thường so với trước, đề nghị Điện lực kiểm tra công tơ và giải "
        "thích cho dân.",
    ),
    ("power", "KT-TC", "tien dien thang nay tang cao bat thuong, de nghi dien luc kiem tra lai cong to"),
    (
        "land",
        "DD",
        "Đề nghị đẩy nhanh việc cấp giấy chứng nhận quyền sử dụng đất, hồ sơ nộp từ năm 2024 đến nay chưa được cấp.",
    ),
    ("land", "DD", "Nhiều hộ nộp hồ sơ xin cấp sổ đỏ đã lâu nhưng đến nay vẫn chưa được cấp, đề nghị xã trả lời."),
    ("landdispute", "DD", "Tranh chấp đất đai giữa hai hộ gia đình về ranh giới thửa đất vườn, đề nghị xã hòa giải."),
    (
        "ditch",
        "NN",
        "Mương thủy lợi nội đồng thôn Bản Cằm bị sạt lở, không dẫn được nước vào ruộng, đề nghị sửa chữa mương.",
    ),
    (
        "ditch",
        "NN",
        "Đề nghị kiên cố hóa kênh mương tưới tiêu cho cánh đồng thôn Nà Pàn, mương đất hay bị vỡ, không đủ nước cấy.",
    ),
    ("seed", "NN", "Đề nghị hỗ trợ giống ngô, giống lúa và phân bón cho các hộ bị thiệt hại do rét đậm."),
    ("bhyt", "YT", "Người cao tuổi từ 75 tuổi trở lên chưa được cấp thẻ bảo hiểm y tế, đề nghị xã rà soát cấp thẻ."),
    ("bhyt", "YT", "Đề nghị cấp thẻ BHYT miễn phí cho người trên 75 tuổi theo chính sách mới."),
    ("clinic", "YT", "Trạm y tế xã thiếu bác sĩ và thuốc, người dân phải xuống huyện khám bệnh."),
    ("theft", "ANTT", "Tình trạng trộm cắp trâu bò ban đêm diễn ra nhiều, đề nghị công an xã tăng cường tuần tra."),
    ("theft", "ANTT", "Thôn liên tiếp bị mất trộm trâu, bò, đề nghị công an tăng cường tuần tra ban đêm."),
    ("dog", "ANTT", "Chó thả rông cắn người, đề nghị xử lý các hộ thả rông chó và tiêm phòng dại."),
    ("nvh", "VH-TT", "Nhà văn hóa thôn xuống cấp, mái dột, đề nghị hỗ trợ kinh phí sửa chữa nhà văn hóa."),
    ("nvh", "VH-TT", "Đề nghị sửa chữa nhà văn hoá thôn Khòn Pịt đã dột nát, không tổ chức họp được khi trời mưa."),
    ("radio", "VH-TT", "Loa truyền thanh của thôn bị hỏng lâu ngày, người dân không nghe được thông báo của xã."),
]
TEXTS = [text for _, _, text in EXAMPLES]
PLACES = similarity.place_pattern(VILLAGES)


def sector_scores(sector):
    """Pairwise scores of one sector's examples, fitted together as the panel of a petition fits them."""
    indexes = [i for i, (_, s, _) in enumerate(EXAMPLES) if s == sector]
    matrix = similarity.scores([TEXTS[i] for i in indexes], PLACES)
    return {(indexes[a], indexes[b]): matrix[a, b] for a, b in itertools.combinations(range(len(indexes)), 2)}


def all_sector_pairs():
    pairs = {}
    for sector in {s for _, s, _ in EXAMPLES}:
        pairs.update(sector_scores(sector))
    return pairs


# ---------------------------------------------------------------- the text side, no database


def test_words_are_segmented_as_pyvi_segments_them():
    from pyvi import ViTokenizer

    for text in [t for t in TEXTS if similarity.has_diacritics(t)]:
        assert " ".join(similarity.segment(text)) == ViTokenizer.tokenize(text)
    assert "sửa_chữa" in similarity.segment("Đề nghị sửa chữa đường")


def test_the_same_matter_in_other_words_from_other_villages_scores_above_the_threshold():
    pairs = all_sector_pairs()
    same = {pair: score for pair, score in pairs.items() if EXAMPLES[pair[0]][0] == EXAMPLES[pair[1]][0]}
    different = {pair: score for pair, score in pairs.items() if EXAMPLES[pair[0]][0] != EXAMPLES[pair[1]][0]}
    assert len(same) == 12 and len(different) > 20
    # Every pair of one matter is found, including the ones typed without diacritics…
    assert {pair for pair, score in same.items() if score < similarity.THRESHOLD} == set()
    # …and no pair of two matters of one sector (road and street lights share "đường", "đi lại").
    assert {pair for pair, score in different.items() if score >= similarity.THRESHOLD} == set()
    # Road repair worded in two villages, with and without diacritics.
    assert pairs[(0, 1)] > 0.3 and pairs[(0, 2)] > 0.3 and pairs[(1, 2)] > 0.3


def test_road_repair_and_the_electricity_price_do_not_match_even_fitted_together():
    matrix = similarity.scores(TEXTS[:3] + TEXTS[7:10], PLACES)
    for road, power in itertools.product(range(3), range(3, 6)):
        assert matrix[road, power] < similarity.THRESHOLD / 2
    for a, b in [(0, 1), (0, 2), (3, 4), (3, 5), (4, 5)]:
        assert matrix[a, b] >= similarity.THRESHOLD


def test_a_text_typed_without_diacritics_gives_the_same_words():
    for text in TEXTS:
        matrix = similarity.scores([text, fold(text), *TEXTS], PLACES)
        assert matrix[0, 1] > 0.85, text
    words, plain_words = similarity.documents([TEXTS[0], fold(TEXTS[0])], PLACES)
    assert words == plain_words
    assert "duong" in words and "sua_chua" in words and "xuong_cap" in words


def test_village_and_unit_names_are_cut_out_with_or_without_diacritics():
    for text in ["Đường thôn Nà Pàn xuống cấp", "duong thon na pan xuong cap", "Đường Nà Pàn xuống cấp"]:
        words = similarity.words_of(text, PLACES)
        assert "na" not in words and "pan" not in words and "na_pan" not in words, words
    # The name of the unit too: every petition of Điềm He would have it.
    assert similarity.words_of("Xã Điềm He cần sửa cầu", PLACES) == ("sua", "cau")
    # A one-syllable name goes only after its "thôn": alone it is a common word ("đồng" is a rice field).
    places = similarity.place_pattern(["Thôn Đồng"])
    assert "dong" not in similarity.words_of("Mương thôn Đồng bị vỡ", places)
    assert "dong" in similarity.words_of("Mương cánh đồng bị vỡ", places)


def test_stop_words_go_but_not_the_words_they_look_like_without_diacritics():
    assert similarity.words_of("Đề nghị sửa chợ cho dân") == ("sua", "cho", "dan")  # chợ stays, cho goes
    assert similarity.words_of("Chó thả rông") == ("cho", "tha", "rong")
    # Typed without diacritics "cho" could be chợ or chó: it stays. "de nghi" goes.
    assert "cho" in similarity.words_of("de nghi sua cho")
    assert "de_nghi" not in similarity.words_of("de nghi sua cho")
    # Abbreviations are spelled out: BHYT is bảo hiểm y tế, sổ đỏ the land use certificate.
    assert similarity.words_of("Cấp thẻ BHYT")[-2:] == ("bao_hiem", "y_te")
    assert "giay_chung_nhan" in similarity.words_of("cấp sổ đỏ")


def test_empty_and_punctuation_only_texts_match_nothing():
    matrix = similarity.scores(["", "...", TEXTS[0]])
    assert matrix[0, 2] == 0 and matrix[1, 2] == 0


# ---------------------------------------------------------------- petitions in the database


@pytest.fixture
def sectors(cast):
    return {s.code: s for s in actions.sectors_ensure(actor=cast.officer_a, unit=cast.commune_a)}


@pytest.fixture
def villages(cast):
    return [cast.village_a] + [Village.objects.create(unit=cast.commune_a, name=name) for name in VILLAGES[1:4]]


def receive(cast, text, village=None, sector=None, unit=None, **data):
    values = {"text": text, "channel": Channel.PAPER_FORM, "village": village, "sector": sector, **data}
    actor = cast.officer_b if unit == cast.commune_b else cast.officer_a
    petition, _ = actions.petition_receive(actor=actor, unit=unit or cast.commune_a, data=values)
    return petition


@pytest.fixture
def petitions(cast, sectors, villages):
    """The examples as petitions of Điềm He, in four villages, classified by sector."""
    return [
        receive(cast, text, village=villages[i % 4], sector=sectors[sector])
        for i, (_, sector, text) in enumerate(EXAMPLES)
    ]


def test_similar_petitions_are_of_the_same_unit_and_sector_across_villages(cast, sectors, petitions):
    road = petitions[0]
    found = similarity.similar_petitions(road)
    assert [p for p, _ in found] == [petitions[1], petitions[2]]
    assert {p.village_id for p, _ in found} == {petitions[1].village_id, petitions[2].village_id} != {road.village_id}
    assert all(similarity.THRESHOLD <= score <= 1 for _, score in found)
    assert found[0][1] >= found[1][1]
    # A petition without a sector is compared with all of them; the electricity price is not like a road.
    loose = receive(cast, "Đường liên thôn xuống cấp, nhiều ổ gà, đề nghị sửa chữa.")
    like_loose = [p for p, _ in similarity.similar_petitions(loose)]
    assert set(like_loose[:3]) == set(petitions[:3]) and petitions[7] not in like_loose
    # The same words in another sector or another commune are not suggested.
    receive(cast, TEXTS[1], sector=sectors["DD"])
    receive(cast, TEXTS[1], unit=cast.commune_b)
    assert [p for p, _ in similarity.similar_petitions(road)] == [petitions[1], petitions[2]]
    assert len(similarity.similar_petitions(road, limit=1)) == 1


def test_petitions_already_in_its_group_are_not_suggested_again(cast, petitions):
    road = petitions[0]
    group_actions.group_create(actor=cast.officer_a, unit=cast.commune_a, petitions=petitions[:2], title="Sửa đường")
    road.refresh_from_db()
    assert [p for p, _ in similarity.similar_petitions(road)] == [petitions[2]]


def test_candidates_are_those_of_its_conference_or_of_the_last_twelve_months(cast, sectors):
    with on_day(dt.date(2026, 3, 2)):
        plan = plan_create_from_preset(actor=cast.officer_a, unit=cast.commune_a, preset="commune", year=2026)
        plan = plan_issue(actor=cast.chair_a, plan=plan, number="91/KH-UBND", issued_on=dt.date(2026, 3, 2))
    with on_day(dt.date(2026, 5, 4)):
        conference = make_conference(cast, plan, dt.date(2026, 6, 5))
    road = sectors["XD-GT-HT"]
    at_conference = receive(cast, TEXTS[0], sector=road, conference=conference)
    same_conference = receive(cast, TEXTS[1], sector=road, conference=conference)
    elsewhere = receive(cast, TEXTS[1], sector=road)
    long_ago = receive(cast, TEXTS[1], sector=road, received_on=timezone.localdate() - dt.timedelta(days=400))
    assert [p for p, _ in similarity.similar_petitions(at_conference)] == [same_conference]
    outside = receive(cast, TEXTS[0], sector=road)
    found = [p for p, _ in similarity.similar_petitions(outside)]
    assert elsewhere in found and at_conference in found and long_ago not in found


def test_a_text_being_typed_finds_what_was_received_with_or_without_diacritics(cast, sectors, petitions):
    found = similarity.similar_to_text(cast.commune_a, "sua chua duong lien thon bi hu hong, o ga")
    assert {p for p, _ in found[:3]} == {petitions[0], petitions[1], petitions[2]}
    found = similarity.similar_to_text(cast.commune_a, "tiền điện tăng cao bất thường", sector=sectors["KT-TC"])
    assert {p for p, _ in found} == set(petitions[7:10])
    assert similarity.similar_to_text(cast.commune_a, "   ") == []
    assert similarity.similar_to_text(cast.commune_b, TEXTS[0]) == []


def test_suggested_groups_join_each_matter_of_one_sector_biggest_first(cast, sectors, petitions):
    clusters = similarity.suggested_clusters(cast.commune_a)
    matters = [sorted({EXAMPLES[petitions.index(p)][0] for p in cluster}) for cluster in clusters]
    assert all(len(m) == 1 for m in matters), matters
    found = {m[0]: cluster for m, cluster in zip(matters, clusters, strict=True)}
    assert {p.pk for p in found["road"]} == {p.pk for p in petitions[:3]}
    assert {p.pk for p in found["power"]} == {p.pk for p in petitions[7:10]}
    assert {"land", "bhyt", "theft", "nvh"} <= set(found)
    assert len(clusters[0]) == 3 and all(len(a) >= len(b) for a, b in itertools.pairwise(clusters))
    for cluster in clusters:
        assert len({p.sector_id for p in cluster}) == 1
    # Grouped petitions are not suggested again; nor those of another unit.
    group_actions.group_create(actor=cast.officer_a, unit=cast.commune_a, petitions=found["road"], title="Sửa đường")
    again = similarity.suggested_clusters(cast.commune_a)
    assert not any(p.pk in {q.pk for q in found["road"]} for cluster in again for p in cluster)
    assert similarity.suggested_clusters(cast.commune_b) == []


def test_unclassified_petitions_are_suggested_among_themselves(cast, sectors, petitions):
    a = receive(cast, "Đề nghị sửa chữa nhà văn hóa thôn bị dột.")
    b = receive(cast, "nha van hoa thon bi dot, de nghi sua chua")
    clusters = similarity.suggested_clusters(cast.commune_a)
    assert [a, b] in [sorted(c, key=lambda p: p.pk) for c in clusters]
    nvh = next(c for c in clusters if petitions[22] in c)
    assert a not in nvh


def test_the_proposed_wording_is_the_most_central_text_or_a_short_one():
    def P(text):
        return Petition(text=text)

    assert similarity.proposed_title([P("Sửa đường"), P("Đường hỏng")]) == "Sửa đường"
    long = P("đường " * 200)
    assert similarity.proposed_title([long, P("Sửa đường liên thôn")]) == "Sửa đường liên thôn"
    cut = similarity.proposed_title([long, P("x" * 10 + " đường" * 100)])
    assert len(cut) <= 500 and cut.endswith("…")
    assert similarity.proposed_title([]) == ""


def test_each_call_fits_the_weighting_once_per_signal_whatever_the_number_of_petitions(
    cast, sectors, petitions, monkeypatch
):
    """No loop over pairs or petitions: one TF-IDF fit for the words, one for the characters, per call."""
    from sklearn.feature_extraction.text import TfidfTransformer

    fits = []
    original = TfidfTransformer.fit_transform

    def counted(self, x, y=None):
        fits.append(x.shape)
        return original(self, x, y)

    monkeypatch.setattr(TfidfTransformer, "fit_transform", counted)
    similarity.suggested_clusters(cast.commune_a)
    assert [rows for rows, _ in fits] == [len(petitions)] * 2
    fits.clear()
    similarity.similar_petitions(petitions[0])
    assert [rows for rows, _ in fits] == [7] * 2  # itself and the six others of its sector
    fits.clear()
    similarity.similar_to_text(cast.commune_a, "sửa đường")
    assert [rows for rows, _ in fits] == [len(petitions) + 1] * 2
