"""Likely duplicates: petitions of one unit that say the same thing, in other words, from other villages.

How two texts are compared (the same for every entry point):

1. The names of the unit's villages and of the unit itself are cut out first ("thôn Nà Pàn", "Khòn Pịt"):
   the same road raised by two villages must not look different because of where it was raised.
2. Words are segmented with pyvi ("sửa chữa", "xuống cấp" are one word each). pyvi's model needs the
   diacritics; a text typed without them ("sua chua duong") is segmented by longest match on the words
   pyvi found in the texts with diacritics it is compared with, folded ("sua_chua"), so that both
   spellings give the same words.
3. Every word is then folded to plain lower-case letters ("đường" → "duong"): the comparison is made
   without diacritics, so that a text typed without them matches. Stop words (đề nghị, xin, của, các,
   thôn, xã…) are dropped on the word as written, with diacritics where it has them: folded, "cho"
   (for) would also drop "chợ" (market) and "chó" (dog), which are what some petitions are about.
   A few abbreviations are spelled out (BHYT, sổ đỏ, GCN…).
4. Two TF-IDF signals, each fitted once per call on the candidates: words (1–2 grams) and character
   3–5 grams inside each folded syllable (which forgive typing slips and a different segmentation). The
   score is their weighted cosine: ``WORD_WEIGHT * cos(words) + (1 - WORD_WEIGHT) * cos(characters)``,
   computed as sparse products of the two matrices placed side by side. The weighting is scikit-learn's
   (TfidfTransformer: what TfidfVectorizer does after counting); the counting of each text is cached.

The thresholds below were tuned on the examples in tests/test_similarity.py: the same matter in other
words scores about 0.2 to 0.6, different matters of one sector below 0.2. Scores are relative to the
texts compared (IDF), so the scores of one petition against its sector (the panel) run a little lower
than those of all the unit's petitions fitted together (the suggested groups), hence two thresholds.

Speed, 2,000 petitions of one conference (CPU time): pyvi's model and scikit-learn load in about 2.5 s,
once per process, on first use; a text is segmented and counted once per process (about 0.5 ms a text,
cached), so a first look at 2,000 new texts takes about 1.2 s; then the suggested groups of all of them
take about 0.2 s and the petitions like one typed text 0.1 s.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import string
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from doithoai.conferences.models import Conference
from doithoai.lib.text import FOLD_FROM, FOLD_TO, fold
from doithoai.petitions.models import Petition, Sector
from doithoai.units.models import AdminUnit, Village

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

# A petition at or above this score against another of its sector is shown as "Có thể trùng".
THRESHOLD = 0.2
# Suggested groups link pairs at or above this (all the unit's petitions fitted together): a little
# stricter, because links chain (A~B and B~C put A with C).
CLUSTER_THRESHOLD = 0.25
WORD_WEIGHT = 0.5
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (3, 5)
# Without a conference, candidates are the petitions of the last twelve months.
WINDOW_DAYS = 365
LIMIT = 5

# Words that say nothing about the matter, as pyvi segments them (compounds joined by "_").
STOP_WORDS = frozenset(
    """
    đề_nghị kiến_nghị đề_xuất phản_ánh góp_ý xin mong mong_muốn muốn yêu_cầu kính cần
    xem_xét giải_quyết quan_tâm sớm khẩn_trương kịp_thời
    cho của và các những mọi là thì mà được có với để ra vào tại trên từ đến tới này đó kia nay
    hiện_nay hiện đang đã sẽ rất nhiều bị gây việc tình_trạng vấn_đề trong như nên vì do thuộc
    theo về một nào gì hoặc cũng vẫn còn lại nữa nhưng tuy đây khi lúc thời_gian gần_đây
    ubnd ủy_ban uỷ_ban chính_quyền cấp_trên cơ_quan nhân_dân bà_con cử_tri địa_phương
    thôn xã xóm bản tổ tổ_dân_phố làng ấp khối phường thị_trấn huyện tỉnh
    đồng_chí lãnh_đạo ông bà anh chị tôi chúng_tôi chúng_ta họ mình
    khó_khăn ảnh_hưởng nghiêm_trọng thường_xuyên hiện_tượng trường_hợp
    """.split()  # noqa: SIM905 - a list of words, easier to read and to edit as text
)
# A text typed without diacritics loses the stop words whose folded form is rarely another word that
# matters. Kept, on purpose: cho (chợ, chó), de (đê), do (đổ rác), ban (bán), to (tờ), toi (tối), ma
# (mạ), ba (ba), ong (ong), thi (thi), ho (hộ), thuoc (thuốc), moi (mới), can (cạn). In: co, va, xa, la, ra
# (nearly always có, và, xã, là, ra).
PLAIN_KEEP = frozenset("cho de do ban to toi ma ba ong thi ho thuoc moi can".split())  # noqa: SIM905
# Abbreviations and everyday names, folded, and the words they stand for.
SYNONYMS = {
    "bhyt": "bao_hiem y_te",
    "bhxh": "bao_hiem xa_hoi",
    "so_do": "giay_chung_nhan quyen su_dung dat",
    "bia_do": "giay_chung_nhan quyen su_dung dat",
    "gcn": "giay_chung_nhan",
    "gcnqsdd": "giay_chung_nhan quyen su_dung dat",
    "qsdd": "quyen su_dung dat",
    "ql": "quoc_lo",
    "ntm": "nong_thon moi",
    "atgt": "an_toan giao_thong",
    "gpmb": "giai_phong mat_bang",
    "tdc": "tai_dinh_cu",
    "nvh": "nha_van_hoa",
}
# What the names of villages and units begin with, cut out with the name.
PLACE_PREFIXES = ("tổ dân phố", "thị trấn", "thôn", "bản", "xóm", "khu", "khối", "làng", "ấp", "tdp", "xã", "phường")

_MARKED = frozenset(FOLD_FROM)
PLAIN_STOP_WORDS = frozenset(fold(w).replace(" ", "_") for w in STOP_WORDS) - PLAIN_KEEP
_PLAIN_COMPOUNDS = frozenset(w for w in (*PLAIN_STOP_WORDS, *SYNONYMS) if "_" in w)
_VARIANTS: dict[str, set[str]] = {}
for _marked, _plain in zip(FOLD_FROM, FOLD_TO, strict=True):
    _VARIANTS.setdefault(_plain, {_plain, _plain.upper()}).add(_marked)


# ---------------------------------------------------------------- word segmentation (pyvi)


@functools.cache
def _pyvi() -> Any:
    """pyvi's tokenizer, loaded on first use (its model takes a second or two to read)."""
    from pyvi.ViTokenizer import ViTokenizer

    return ViTokenizer


def _crf_features(syllables: Sequence[str]) -> list[list[str]]:
    """pyvi's features (ViTokenizer.word2features), as python-crfsuite feature strings.

    The same features as pyvi builds, but each syllable's properties are computed once instead of five
    times: three times faster, and ViTokenizer.tokenize gives the same words (a test checks it)."""
    tokenizer = _pyvi()
    bi, tri = tokenizer.bi_grams, tokenizer.tri_grams
    n = len(syllables)
    low = [s.lower() for s in syllables]
    title = [s.istitle() for s in syllables]
    upper = [s.isupper() for s in syllables]
    in_bi = [f"{low[i]} {low[i + 1]}" in bi for i in range(n - 1)]
    in_tri = [f"{low[i]} {low[i + 1]} {low[i + 2]}" in tri for i in range(n - 2)]
    rows = []
    for i in range(n):
        row = ["bias", "word.lower():" + low[i]]
        if upper[i]:
            row.append("word.isupper()")
        if title[i]:
            row.append("word.istitle()")
        if syllables[i].isdigit():
            row.append("word.isdigit()")
        if i > 0:
            row.append("-1:word.lower():" + low[i - 1])
            if title[i - 1]:
                row.append("-1:word.istitle()")
            if upper[i - 1]:
                row.append("-1:word.isupper()")
            if in_bi[i - 1]:
                row.append("-1:word.bi_gram()")
            if i > 1 and in_tri[i - 2]:
                row.append("-2:word.tri_gram()")
        if i < n - 1:
            row.append("+1:word.lower():" + low[i + 1])
            if title[i + 1]:
                row.append("+1:word.istitle()")
            if upper[i + 1]:
                row.append("+1:word.isupper()")
            if in_bi[i]:
                row.append("+1:word.bi_gram()")
            if i < n - 2 and in_tri[i]:
                row.append("+2:word.tri_gram()")
        rows.append(row)
    return rows


def _joins(previous: str, current: str) -> bool:
    """pyvi's rule (ViTokenizer.tokenize) for when a syllable labelled "inside a word" is joined to the one before."""
    return (
        current not in string.punctuation
        and previous not in string.punctuation
        and not current[0].isdigit()
        and not previous[0].isdigit()
        and not (current[0].istitle() and not previous[0].istitle())
    )


@functools.lru_cache(maxsize=50_000)
def segment(text: str) -> tuple[str, ...]:
    """The words of a text written with diacritics, as pyvi's ViTokenizer.tokenize segments them
    ("sửa_chữa", "đường"). Cached: petitions are compared again and again, their texts rarely change."""
    tokenizer = _pyvi()
    _, syllables = tokenizer.sylabelize(text)
    if not syllables:
        return ()
    labels = tokenizer.model.tagger_.tag(_crf_features(syllables))
    words = [syllables[0]]
    for i in range(1, len(syllables)):
        if labels[i] == "I_W" and _joins(syllables[i - 1], syllables[i]):
            words[-1] += "_" + syllables[i]
        else:
            words.append(syllables[i])
    return tuple(words)


def segment_plain(syllables: Sequence[str], compounds: frozenset[str] | set[str], longest: int = 4) -> list[str]:
    """The words of a text typed without diacritics, given as folded syllables: longest match on
    `compounds`, the folded words of several syllables ("sua_chua") that pyvi found in the texts with
    diacritics compared with it (and the stop words and abbreviations of this module). What is not
    matched stays one syllable a word.

    Not pyvi's whole word list, folded: it joins syllables that were not meant together ("dân đổ" →
    "dan_do" like "dẫn độ"), and then the same text with and without diacritics gives other words."""
    words: list[str] = []
    i, n = 0, len(syllables)
    while i < n:
        for size in range(min(longest, n - i), 1, -1):
            candidate = "_".join(syllables[i : i + size])
            if candidate in compounds or candidate in _PLAIN_COMPOUNDS:
                words.append(candidate)
                i += size
                break
        else:
            words.append(syllables[i])
            i += 1
    return words


def has_diacritics(text: str) -> bool:
    return any(ch in _MARKED for ch in text)


# ---------------------------------------------------------------- from a text to its features


def _variant_pattern(plain: str) -> str:
    """A regular expression matching `plain` with or without diacritics, in any case."""
    parts = []
    for ch in plain:
        if ch == " ":
            parts.append(r"\s+")
        elif ch in _VARIANTS:
            parts.append("[" + "".join(sorted(_VARIANTS[ch])) + "]")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


_PREFIX_PATTERN = "(?:" + "|".join(_variant_pattern(fold(p)) for p in PLACE_PREFIXES) + r")\s+"


def place_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """The names of villages and units, with or without their "thôn", "xã"… and diacritics.

    A name of one syllable ("Đồng", "Chợ") is cut out only after its prefix: alone it is a common word."""
    cores: set[str] = set()
    for name in names:
        plain = fold(name)
        for prefix in sorted((fold(p) for p in PLACE_PREFIXES), key=len, reverse=True):
            if plain.startswith(prefix + " "):
                plain = plain[len(prefix) + 1 :]
                break
        if plain:
            cores.add(plain)
    if not cores:
        return None
    alternatives = []
    for core in sorted(cores, key=len, reverse=True):
        name_pattern = _variant_pattern(core)
        prefix = _PREFIX_PATTERN if " " not in core else f"(?:{_PREFIX_PATTERN})?"
        alternatives.append(prefix + name_pattern)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _is_word(token: str) -> bool:
    return token[:1].isalnum() or any(ch.isalnum() for ch in token)


_FOLD_TABLE = str.maketrans(FOLD_FROM, FOLD_TO)


def _fold_word(token: str) -> str:
    """`fold` for one word of NFC text, faster: the common case is a Vietnamese or ASCII word."""
    plain = token.translate(_FOLD_TABLE).lower()
    return plain if plain.isascii() else fold(token).replace(" ", "_")


@functools.lru_cache(maxsize=50_000)
def _prepared(text: str, places: re.Pattern[str] | None) -> tuple[bool, tuple[str, ...], frozenset[str]]:
    """(has diacritics, words, compounds): for a text with diacritics its folded words without stop
    words, and the compounds pyvi found in it; for one without, its folded syllables (segmented later,
    with the compounds of the texts it is compared with)."""
    text = unicodedata.normalize("NFC", text or "")
    if places is not None:
        text = places.sub(" ", text)
    if not has_diacritics(text):
        return False, tuple(re.findall(r"\w+|[^\w\s]", fold(text))), frozenset()
    words: list[str] = []
    compounds: set[str] = set()
    for token in segment(text):
        plain = _fold_word(token)
        if "_" in plain:
            compounds.add(plain)
        if _is_word(token) and token.lower() not in STOP_WORDS:
            words.extend(SYNONYMS.get(plain, plain).split())
    return True, tuple(words), frozenset(compounds)


def _plain_words(syllables: Sequence[str], compounds: frozenset[str] | set[str], longest: int) -> tuple[str, ...]:
    words: list[str] = []
    for token in segment_plain(syllables, compounds, longest):
        if _is_word(token) and token not in PLAIN_STOP_WORDS:
            words.extend(SYNONYMS.get(token, token).split())
    return tuple(words)


def documents(texts: Sequence[str], places: re.Pattern[str] | None = None) -> list[tuple[str, ...]]:
    """The folded words of each text that say what it is about (what the word signal counts).

    Texts with diacritics through pyvi; the words of several syllables it finds in them segment the
    texts typed without diacritics."""
    prepared = [_prepared(text, places) for text in texts]
    compounds: set[str] = set()
    for marked, _, found in prepared:
        if marked:
            compounds |= found
    longest = max((w.count("_") + 1 for w in compounds | _PLAIN_COMPOUNDS), default=1)
    return [words if marked else _plain_words(words, compounds, longest) for marked, words, _ in prepared]


def words_of(text: str, places: re.Pattern[str] | None = None) -> tuple[str, ...]:
    return documents([text], places)[0]


def _features(words: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The word 1–2 grams and the character n-grams (inside each syllable, padded by spaces, as
    scikit-learn's "char_wb" makes them) of one text's words."""
    grams = list(words)
    if WORD_NGRAMS[1] > 1:
        grams.extend(f"{a} {b}" for a, b in itertools.pairwise(words))
    low, high = CHAR_NGRAMS
    characters: list[str] = []
    for syllable in " ".join(words).replace("_", " ").split():
        padded = f" {syllable} "
        for n in range(low, high + 1):
            characters.extend(padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
            if n >= len(padded):
                break
    return grams, characters


# Every feature seen in this process (a word gram or a character n-gram) has a number, so that the counts
# of a text are made once (cached) and a call only stacks them: 2,000 rows are then a few numpy operations
# instead of scikit-learn's tokenising loop (CountVectorizer), and only the TF-IDF weighting is fitted per
# call. Started again when it grows too big (a long-running process that saw very many texts).
_COLUMNS: dict[str, int] = {}
MAX_COLUMNS = 2_000_000
_LOCK = threading.Lock()

Counts = tuple[Any, Any]  # (column numbers, counts): two numpy arrays


def _column_counts(features: list[str]) -> Counts:
    import numpy as np

    numbers = np.fromiter((_COLUMNS.setdefault(f, len(_COLUMNS)) for f in features), dtype=np.int64)
    return np.unique(numbers, return_counts=True)


@functools.lru_cache(maxsize=50_000)
def _counts(words: tuple[str, ...]) -> tuple[Counts, Counts]:
    grams, characters = _features(words)
    with _LOCK:
        return _column_counts(grams), _column_counts(characters)


def _tfidf(rows: Sequence[Counts]) -> csr_matrix:
    """TF-IDF rows (sublinear tf, smooth idf, L2 norm: scikit-learn's TfidfVectorizer with
    `sublinear_tf=True`) of texts given by their counts; the weighting is fitted on these texts."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfTransformer

    indices = np.concatenate([numbers for numbers, _ in rows])
    if not indices.size:
        return csr_matrix((len(rows), 1))
    indptr = np.concatenate([[0], np.cumsum([len(numbers) for numbers, _ in rows])])
    data = np.concatenate([counts for _, counts in rows]).astype(np.float64)
    # Only the columns of these texts, numbered again in the same order (rows stay sorted).
    used, indices = np.unique(indices, return_inverse=True)
    matrix = csr_matrix((data, indices.ravel(), indptr), shape=(len(rows), len(used)))
    result: csr_matrix = TfidfTransformer(sublinear_tf=True).fit_transform(matrix)
    return result


def _matrix(texts: Sequence[str], places: re.Pattern[str] | None) -> csr_matrix:
    """One row per text, L2-normalised, such that row · row is the weighted score of two texts:
    ``WORD_WEIGHT * cos(words) + (1 - WORD_WEIGHT) * cos(characters)``."""
    from scipy.sparse import hstack

    with _LOCK:
        if len(_COLUMNS) > MAX_COLUMNS:
            _COLUMNS.clear()
            _counts.cache_clear()
    counted = [_counts(words) for words in documents(texts, places)]
    x_words = _tfidf([grams for grams, _ in counted])
    x_chars = _tfidf([characters for _, characters in counted])
    result: csr_matrix = hstack([x_words * WORD_WEIGHT**0.5, x_chars * (1 - WORD_WEIGHT) ** 0.5], format="csr")
    return result


def scores(texts: Sequence[str], places: re.Pattern[str] | None = None) -> Any:
    """The dense matrix of pairwise scores of `texts` (0 to 1), for tests and tuning."""
    x = _matrix(texts, places)
    return (x @ x.T).toarray()


# ---------------------------------------------------------------- candidates and answers


@functools.lru_cache(maxsize=256)
def _cached_place_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    return place_pattern(names)


def places_of(unit: AdminUnit) -> re.Pattern[str] | None:
    names = tuple(sorted(Village.objects.filter(unit=unit).values_list("name", flat=True)))
    return _cached_place_pattern((*names, unit.name))


def _window(conference: Conference | None) -> Q:
    if conference is not None:
        return Q(conference=conference)
    since = timezone.localdate() - dt.timedelta(days=WINDOW_DAYS)
    return Q(received_on__gte=since)


def _candidates(unit: AdminUnit, sector: Sector | None, conference: Conference | None) -> QuerySet[Petition]:
    qs = Petition.objects.filter(unit=unit).filter(_window(conference))
    if sector is not None:
        qs = qs.filter(sector=sector)
    return qs.order_by("pk")


def _rows(qs: QuerySet[Petition]) -> list[tuple[int, str, int | None]]:
    """(id, text, sector id) of the candidates: what is compared, without making 2,000 model objects."""
    return list(qs.values_list("pk", "text", "sector_id"))


def _petitions(ids: Iterable[int]) -> dict[int, Petition]:
    """The petitions to show (the few found), with what their lines show."""
    return {p.pk: p for p in Petition.objects.filter(pk__in=list(ids)).select_related("village", "sector", "group")}


def _ranked(
    text: str, rows: list[tuple[int, str, int | None]], unit: AdminUnit, limit: int, threshold: float
) -> list[tuple[Petition, float]]:
    if not rows or not text.strip():
        return []
    x = _matrix([text, *(row_text for _, row_text, _ in rows)], places_of(unit))
    scored = (x[1:] @ x[0].T).toarray().ravel()
    best = [int(i) for i in scored.argsort()[::-1][:limit] if scored[i] >= threshold]
    petitions = _petitions(rows[i][0] for i in best)
    return [(petitions[rows[i][0]], min(float(scored[i]), 1.0)) for i in best]


def similar_petitions(
    petition: Petition, *, limit: int = LIMIT, threshold: float = THRESHOLD
) -> list[tuple[Petition, float]]:
    """Petitions of the same unit that may say the same as `petition`, best first, with their score (0–1).

    Same sector when it has one (else any); any village; not itself nor those already in its group;
    among the petitions of its conference when it has one, else of the last twelve months."""
    qs = _candidates(petition.unit, petition.sector, petition.conference).exclude(pk=petition.pk)
    if petition.group_id is not None:
        qs = qs.exclude(group_id=petition.group_id)
    return _ranked(petition.text, _rows(qs), petition.unit, limit, threshold)


def similar_to_text(
    unit: AdminUnit,
    text: str,
    sector: Sector | None = None,
    conference: Conference | None = None,
    *,
    limit: int = LIMIT,
    threshold: float = THRESHOLD,
) -> list[tuple[Petition, float]]:
    """Petitions already received that a text being typed in may repeat ("Có thể trùng với…")."""
    return _ranked(text, _rows(_candidates(unit, sector, conference)), unit, limit, threshold)


def suggested_clusters(
    unit: AdminUnit, conference: Conference | None = None, *, threshold: float = CLUSTER_THRESHOLD
) -> list[list[Petition]]:
    """Petitions not yet in a group that likely say the same thing, as groups to review, biggest first.

    Two petitions are linked when they are of the same sector (or both unclassified) and score at least
    `threshold`; a suggested group is a connected set of linked petitions. Inside one, the petition most
    like the others comes first (its text is the proposed wording)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    candidates = _rows(_candidates(unit, None, conference).filter(group__isnull=True))
    n = len(candidates)
    if n < 2:
        return []
    x = _matrix([text for _, text, _ in candidates], places_of(unit))
    sectors = np.array([sector_id or 0 for _, _, sector_id in candidates])
    rows, cols, data = [], [], []
    # Only pairs of one sector are compared: one sparse product per sector, no loop over pairs.
    for sector in np.unique(sectors):
        indexes = np.flatnonzero(sectors == sector)
        if len(indexes) < 2:
            continue
        block = x[indexes]
        pairs = (block @ block.T).tocoo()
        keep = (pairs.data >= threshold) & (pairs.row != pairs.col)
        rows.append(indexes[pairs.row[keep]])
        cols.append(indexes[pairs.col[keep]])
        data.append(pairs.data[keep])
    if not rows:
        return []
    links = csr_matrix((np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
    _, labels = connected_components(links, directed=False)
    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(int(label), []).append(index)
    strength = np.asarray(links.sum(axis=1)).ravel()
    clusters = [
        sorted(indexes, key=lambda i: (-strength[i], candidates[i][0]))
        for indexes in members.values()
        if len(indexes) > 1
    ]
    clusters.sort(key=lambda c: (-len(c), candidates[c[0]][0]))
    petitions = _petitions(candidates[i][0] for cluster in clusters for i in cluster)
    return [[petitions[candidates[i][0]] for i in cluster] for cluster in clusters]


def proposed_title(petitions: Sequence[Petition], max_length: int = 500) -> str:
    """The wording proposed for a new group: the most central text (the first), or the shortest one when
    that is too long, cut at a word boundary."""
    if not petitions:
        return ""
    text = petitions[0].text
    if len(text) > max_length:
        text = min((p.text for p in petitions), key=len)
    if len(text) > max_length:
        text = text[: max_length - 1].rsplit(" ", 1)[0] + "…"
    return text
