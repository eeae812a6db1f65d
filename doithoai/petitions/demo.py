"""Demo data of the petitions: about 150 opinions and petitions of the people of Điềm He for the demo conference.

What villagers of a Lạng Sơn mountain commune raise before a dialogue: roads and irrigation canals,
electricity and clean water, land certificates, people with meritorious service, health insurance,
schools, rubbish, theft of cattle, African swine fever, poor households. Each matter is written in the
words of each village that raised it, so that the same matter comes in several wordings (the grouping
suggestions find those not yet grouped). The people are fictional, drawn with a fixed seed.

The demo tells the story as it stands today, ten days or so before the conference (conferences.demo):
the opinion collection (from 20 days before the conference) is under way, the newest forms are not yet
classified, most are, several villages' requests are grouped, many are assigned to a department with a
due date (two are overdue), the departments' answers to be given at the conference are drafted, some
petitions received since the last conference were answered in writing (two reopened after the citizen
said the answer did not satisfy them), four beyond the commune's powers went to the province (they wait in
its inbox), the villages' complaints about electricity to the electricity company, and the provincial
Department of Construction's written reply about Quốc lộ 1B came back; a complaint and a denunciation
were redirected to their own procedures. Nothing is answered "at the
conference" while the conference has not been held: when the demo finds it held, the prepared answers
are given there and a few questions are raised from the floor.

Everything goes through the actions, as the pages do, in steps: receive, classify, group, refuse,
refer (to the province, to another body), assign, draft, approve and notify, the citizens' word and
reopening, the answers prepared for the conference, then the conference itself. One
exception: the actions date an assignment from today and refuse a due date in the past, so the two
overdue petitions get their (past) due dates written afterwards (`_make_overdue`).
Running it again changes nothing (every petition has a fixed submission key; the load stops when the
first one exists).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from doithoai.accounts.models import User
from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.delegates.demo import MEN, MIDDLE_MEN, MIDDLE_WOMEN, SURNAMES, WOMEN
from doithoai.delegates.models import Delegate
from doithoai.lib.vndates import short_date
from doithoai.petitions.actions import (
    create_petition,
    petition_classify,
    petition_refuse,
    petition_reopen,
    sectors_ensure,
)
from doithoai.petitions.actions.answers import (
    answer_approve,
    answer_at_conference,
    answer_draft,
    assign,
    notify_citizens,
    raise_at_conference,
)
from doithoai.petitions.actions.groups import group_create
from doithoai.petitions.actions.public import record_satisfaction
from doithoai.petitions.actions.referrals import refer_to_body, refer_to_parent, referral_record_answer
from doithoai.petitions.models import AnswerMode, Channel, Jurisdiction, Kind, Petition, PetitionStatus, Sector
from doithoai.units.models import AdminUnit, Department, Village
from doithoai.units.selectors import villages_of
from doithoai.workdays.selectors import calendar_for

SEED = 4004
KEY_PREFIX = "demo-petition-"
CLIENT_KEY = "demo"

# What becomes of a matter (all its petitions) by the day the demo is loaded.
NEW = "new"  # just received, not yet classified
CLASSIFIED = "classified"  # classified, waiting to be assigned
ASSIGNED = "assigned"  # assigned to a department, due in 10 working days
OVERDUE = "overdue"  # assigned weeks ago, past its due date
AT_CONFERENCE = "at_conference"  # the department's answer prepared for the conference (given there once held)
WRITTEN = "written"  # answered in writing, approved, the citizen told
WRITTEN_UNTOLD = "written_untold"  # answered in writing, approved, the citizen not yet told
SATISFIED = "satisfied"  # answered in writing; the citizen said the answer satisfied them
REOPENED = "reopened"  # answered in writing; the citizen was not satisfied; reopened
REFERRED = "referred"  # beyond the commune's powers: sent to the province, in its inbox
REFERRED_BODY = "referred_body"  # sent to another body (the electricity company), its reply awaited
REFERRED_ANSWERED = "referred_answered"  # sent to a provincial body, which answered in writing
REFUSED = "refused"  # a complaint or a denunciation, redirected to its own procedure

KT = "Phòng Kinh tế"
VHXH = "Phòng Văn hóa - Xã hội"
HCC = "Trung tâm Phục vụ hành chính công"
DVCI = "Trung tâm Dịch vụ công ích"
YTE = "Trạm Y tế xã"
CA = "Công an xã"
VP = "Văn phòng HĐND và UBND xã"

R = Kind.RECOMMENDATION
F = Kind.FEEDBACK
Q = Kind.QUESTION
OP = Kind.OPINION
HIGHER = Jurisdiction.HIGHER_LEVEL
OTHER = Jurisdiction.OTHER_BODY


@dataclass(frozen=True)
class Matter:
    """One matter, in the words of each petition that raised it ("{thon}": the village, mid-sentence)."""

    sector: str  # the code in taxonomy.DEFAULT_SECTORS
    wordings: tuple[str, ...]
    fate: str
    kind: str = R
    jurisdiction: str = Jurisdiction.THIS_UNIT
    department: str = ""
    group: str = ""  # the canonical wording, when its petitions are grouped
    answer: str = ""
    answered_by: str = ""  # at the conference
    to_body: str = ""  # referred to another body
    reply_ref: str = ""  # that body's written reply


ROADS = Matter(
    "XD-GT-HT",
    (
        "Đường từ {thon} ra trung tâm xã đã xuống cấp, nhiều ổ gà, mùa mưa lầy lội. Đề nghị xã sớm bê tông hóa.",
        "Đề nghị đầu tư bê tông hóa tuyến đường liên thôn qua {thon}; hiện là đường đất, đi lại rất khó khăn.",
        "Đường vào {thon} mưa xuống là trơn trượt, học sinh đi học bị ngã. Xin xã làm đường bê tông.",
        "Nhân dân {thon} sẵn sàng hiến đất, góp ngày công làm đường; đề nghị xã hỗ trợ xi măng để bê tông hóa.",
        "Tuyến đường nội thôn {thon} hẹp và hư hỏng, xe chở nông sản không vào được, đề nghị nâng cấp.",
        "Đường liên thôn đoạn qua {thon} bị xói lở mặt đường sau mưa lũ, đề nghị sửa chữa và làm bê tông.",
    ),
    AT_CONFERENCE,
    department=KT,
    group="Bê tông hóa các tuyến đường liên thôn, nội thôn đang là đường đất, xuống cấp",
    answer=(
        "Năm 2027 xã tiếp tục thực hiện bê tông hóa đường giao thông nông thôn theo cơ chế Nhà nước hỗ trợ "
        "xi măng, Nhân dân hiến đất và góp ngày công. Các tuyến Nhân dân kiến nghị đã được đưa vào danh mục "
        "ưu tiên; thôn nào hoàn thành giải phóng mặt bằng trước thì làm trước. Riêng các đoạn xói lở sau "
        "mưa lũ, xã bố trí kinh phí sửa chữa tạm trong tháng này."
    ),
    answered_by="Vi Văn Toàn, Trưởng phòng Kinh tế",
)
CANALS = Matter(
    "NN",
    (
        "Kênh mương nội đồng {thon} bị bồi lấp, sạt lở, nước không về được ruộng. Đề nghị nạo vét, kiên cố hóa.",
        "Đập dâng đầu nguồn của {thon} bị hỏng sau lũ, vụ xuân tới không đủ nước cấy.",
        "Đề nghị xã hỗ trợ xi măng để nhân dân {thon} kiên cố hóa mương thủy lợi.",
        "Mương dẫn nước qua cánh đồng {thon} rò rỉ nhiều đoạn, đề nghị sửa trước vụ xuân.",
        "Ruộng bậc thang ở {thon} thiếu nước vì mương đất bị sụt, đề nghị làm mương bê tông.",
    ),
    AT_CONFERENCE,
    department=KT,
    group="Nạo vét, sửa chữa và kiên cố hóa kênh mương, đập dâng phục vụ sản xuất",
    answer=(
        "Trước vụ xuân, xã tổ chức ra quân nạo vét kênh mương nội đồng ở các thôn. Đập dâng bị hỏng sau lũ đã "
        "được lập hồ sơ đề nghị hỗ trợ khắc phục thiên tai; các tuyến mương đất sạt lở được hỗ trợ xi măng "
        "theo chương trình kiên cố hóa kênh mương, Nhân dân góp công."
    ),
    answered_by="Vi Văn Toàn, Trưởng phòng Kinh tế",
)
POWER = Matter(
    "XD-GT-HT",
    (
        "Điện sinh hoạt ở {thon} rất yếu vào buổi tối, bóng đèn không sáng, tủ lạnh không chạy được.",
        "Trạm biến áp của {thon} quá tải, thường xuyên mất điện. Đề nghị ngành điện nâng cấp trạm.",
        "Đường dây điện hạ thế qua {thon} đã cũ, cột điện nghiêng, rất nguy hiểm khi mưa bão.",
        "Điện ở {thon} chập chờn, các hộ không dùng được máy bơm nước, đề nghị kiểm tra.",
    ),
    REFERRED_BODY,
    F,
    OTHER,
    group="Điện sinh hoạt yếu, chập chờn; trạm biến áp quá tải, đường dây hạ thế cũ",
    to_body="Công ty Điện lực Lạng Sơn",
)
WATER = Matter(
    "NN",
    (
        "Mùa khô {thon} thiếu nước sinh hoạt, giếng cạn, đề nghị xã có phương án cấp nước sạch.",
        "Công trình nước tự chảy của {thon} bị vỡ đường ống từ năm ngoái đến nay chưa sửa.",
        "Đề nghị đầu tư hệ thống cấp nước sạch tập trung cho {thon}.",
        "Bể chứa nước chung của {thon} bị nứt, nước không đủ dùng, đề nghị sửa chữa.",
    ),
    ASSIGNED,
    department=DVCI,
    group="Thiếu nước sinh hoạt mùa khô; sửa chữa công trình nước tự chảy, bể chứa",
)
LAND_TITLES = Matter(
    "DD",
    (
        "Nhiều hộ ở {thon} nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất hơn một năm nhưng chưa được cấp.",
        "Đề nghị xã hướng dẫn thủ tục và đẩy nhanh cấp sổ đỏ đất ở, đất vườn cho các hộ {thon}.",
        "Đất rừng sản xuất của các hộ {thon} chưa được cấp giấy chứng nhận nên không vay được vốn ngân hàng.",
        "Hồ sơ cấp giấy chứng nhận của gia đình tôi ở {thon} bị trả lại nhiều lần, đề nghị hướng dẫn một lần.",
    ),
    AT_CONFERENCE,
    department=KT,
    group="Cấp giấy chứng nhận quyền sử dụng đất còn chậm",
    answer=(
        "Xã đã rà soát 46 hồ sơ tồn đọng: 31 hồ sơ đủ điều kiện được chuyển Văn phòng đăng ký đất đai trong "
        "tháng này; các hồ sơ còn thiếu giấy tờ sẽ được cán bộ địa chính hướng dẫn một lần bằng văn bản. Đất "
        "rừng sản xuất được cấp giấy theo đợt đo đạc năm 2027."
    ),
    answered_by="Vi Văn Toàn, Trưởng phòng Kinh tế",
)
RUBBISH = Matter(
    "TNMT",
    (
        "Rác thải sinh hoạt ở {thon} chưa được thu gom, người dân phải đốt hoặc vứt xuống suối.",
        "Đề nghị bố trí điểm tập kết và xe thu gom rác định kỳ cho {thon}.",
        "Bãi rác tự phát cạnh đường vào {thon} bốc mùi, nhiều ruồi nhặng, ảnh hưởng sức khỏe.",
        "Rác ở chợ và dọc đường {thon} ùn ứ nhiều ngày, đề nghị tăng số lần thu gom.",
    ),
    WRITTEN,
    F,
    department=DVCI,
    group="Thu gom rác thải sinh hoạt chưa thường xuyên, bãi rác tự phát",
    answer=(
        "Từ tháng này Trung tâm Dịch vụ công ích xã thu gom rác hai lần mỗi tuần (thứ Ba và thứ Sáu) tại các "
        "điểm tập kết do thôn thống nhất; bãi rác tự phát đã được dọn và cắm biển cấm đổ rác. Đề nghị các hộ "
        "phân loại rác tại nguồn, ủ rác hữu cơ làm phân bón."
    ),
)
SWINE_FEVER = Matter(
    "NN",
    (
        "Dịch tả lợn châu Phi đang xuất hiện ở {thon}, đề nghị xã hỗ trợ tiêu hủy và phun tiêu độc khử trùng.",
        "Đề nghị tổ chức tiêm phòng vắc xin cho trâu, bò, lợn ở {thon} trước mùa đông.",
        "Các hộ chăn nuôi ở {thon} có lợn chết vì dịch chưa được hỗ trợ theo chính sách, đề nghị xem xét.",
    ),
    ASSIGNED,
    department=KT,
    group="Phòng, chống dịch bệnh gia súc (dịch tả lợn châu Phi), tiêm phòng, hỗ trợ hộ có lợn bị tiêu hủy",
)
CATTLE_THEFT = Matter(
    "ANTT",
    (
        "Thời gian gần đây ở {thon} xảy ra mất trộm trâu, bò; đề nghị công an xã tăng cường tuần tra ban đêm.",
        "Trâu thả rông trên đồi ở {thon} bị mất trộm liên tiếp, đề nghị điều tra, xử lý.",
        "Đề nghị thành lập tổ tự quản an ninh ở {thon} để phòng trộm cắp gia súc.",
    ),
    WRITTEN,
    F,
    department=CA,
    group="Trộm cắp trâu, bò; tăng cường tuần tra ban đêm",
    answer=(
        "Công an xã đã lập chuyên án, thu hồi 02 con trâu trả lại chủ hộ; từ nay tổ chức tuần tra ban đêm cùng "
        "lực lượng bảo vệ an ninh trật tự ở cơ sở tại các thôn giáp rừng. Đề nghị bà con không thả rông gia "
        "súc qua đêm và báo ngay khi phát hiện người lạ."
    ),
)
SCHOOLS = Matter(
    "GD",
    (
        "Điểm trường mầm non {thon} xuống cấp, mái dột, đề nghị sửa chữa trước mùa mưa.",
        "Đề nghị xây nhà vệ sinh và bếp ăn cho điểm trường tiểu học ở {thon}.",
        "Lớp học cắm bản ở {thon} thiếu bàn ghế, đồ dùng, đề nghị bổ sung.",
    ),
    ASSIGNED,
    department=VHXH,
    group="Sửa chữa, bổ sung cơ sở vật chất các điểm trường lẻ",
)
HEALTH_CARDS = Matter(
    "YT",
    (
        "Năm nay một số hộ ở {thon} không còn được cấp thẻ bảo hiểm y tế miễn phí, đề nghị xã giải thích rõ.",
        "Vì sao {thon} ra khỏi danh sách vùng khó khăn nên bị cắt thẻ BHYT? Người dân mong được tiếp tục hỗ trợ.",
        "Đề nghị hỗ trợ tiền mua thẻ bảo hiểm y tế cho hộ cận nghèo ở {thon}.",
    ),
    CLASSIFIED,
    Q,
    department=VHXH,
    group="Thẻ BHYT không còn được cấp miễn phí sau khi thôn ra khỏi vùng khó khăn",
)
# The same matter in several villages, not yet grouped: the grouping suggestions have these to find.
LIGHTS = Matter(
    "XD-GT-HT",
    (
        "Đề nghị lắp đèn chiếu sáng công cộng trên đường trục {thon}, buổi tối đi lại rất tối.",
        "Đường trục {thon} chưa có đèn chiếu sáng, đêm tối dễ xảy ra tai nạn và trộm cắp; xin lắp đèn.",
        "Xin xã hỗ trợ lắp đèn chiếu sáng năng lượng mặt trời cho đường làng {thon}.",
    ),
    CLASSIFIED,
    department=DVCI,
)
LOUDSPEAKERS = Matter(
    "VH-TT",
    (
        "Hệ thống loa truyền thanh ở {thon} hỏng đã lâu, người dân không nắm được thông tin của xã.",
        "Loa phát thanh thôn {thon} không hoạt động, đề nghị sửa để bà con nghe thông báo.",
        "Đề nghị lắp lại cụm loa truyền thanh cho {thon} vì loa cũ bị sét đánh hỏng.",
    ),
    CLASSIFIED,
    department=VHXH,
)
CULTURE_HOUSE = Matter(
    "VH-TT",
    (
        "Nhà văn hóa {thon} xuống cấp, mái dột, tường nứt, đề nghị sửa chữa.",
        "Đề nghị hỗ trợ kinh phí sửa nhà văn hóa {thon} và mua bàn ghế, loa đài.",
        "Nhà văn hóa của {thon} quá chật, họp thôn không đủ chỗ ngồi, đề nghị mở rộng.",
    ),
    NEW,
)
POOR_HOUSEHOLDS = Matter(
    "CS-LD",
    (
        "Việc bình xét hộ nghèo, cận nghèo ở {thon} chưa công khai, có hộ khá giả vẫn trong danh sách.",
        "Đề nghị xem xét lại kết quả bình xét hộ cận nghèo năm 2026 ở {thon}.",
        "Gia đình tôi ở {thon} rất khó khăn nhưng không được bình xét hộ nghèo, đề nghị xã xem xét.",
    ),
    CLASSIFIED,
    F,
    department=VHXH,
)
LANDSLIDE = Matter(
    "XD-GT-HT",
    (
        "Taluy dương đường vào {thon} sạt lở, đất đá tràn xuống đường, nguy hiểm cho người đi lại.",
        "Đoạn đường qua {thon} có nguy cơ sạt lở khi mưa lớn, đề nghị cắm biển cảnh báo và khắc phục.",
    ),
    ASSIGNED,
    F,
    department=KT,
)

GROUPED = [ROADS, CANALS, POWER, WATER, LAND_TITLES, RUBBISH, SWINE_FEVER, CATTLE_THEFT, SCHOOLS, HEALTH_CARDS]
SIMILAR = [LIGHTS, LOUDSPEAKERS, CULTURE_HOUSE, POOR_HOUSEHOLDS, LANDSLIDE]


def _one(
    sector: str, text: str, fate: str, kind: str = R, jurisdiction: str = Jurisdiction.THIS_UNIT, **more: str
) -> Matter:
    return Matter(sector, (text,), fate, kind, jurisdiction, **more)


SINGLES = [
    # Đất đai
    _one(
        "DD",
        "Đề nghị xã hòa giải tranh chấp ranh giới đất vườn giữa hai hộ ở {thon}; thôn đã hòa giải không thành.",
        ASSIGNED,
        F,
        department=KT,
    ),
    _one(
        "DD",
        "Đất nông nghiệp xen kẹt trong khu dân cư có được chuyển sang đất ở không, thủ tục thế nào?",
        WRITTEN,
        Q,
        department=KT,
        answer="Đất nông nghiệp xen kẹt trong khu dân cư được chuyển mục đích sang đất ở nếu phù hợp quy hoạch "
        "sử dụng đất của xã. Hồ sơ nộp tại Trung tâm Phục vụ hành chính công xã; cán bộ địa chính kiểm "
        "tra thực địa trong 05 ngày làm việc.",
    ),
    _one("DD", "Đề nghị công khai quy hoạch sử dụng đất của xã đến năm 2030 tại nhà văn hóa {thon}.", CLASSIFIED),
    _one(
        "DD",
        "Tiền bồi thường khi thu hồi đất làm dự án mở rộng Quốc lộ 1B qua {thon} thấp hơn giá thị trường, "
        "đề nghị xem xét lại đơn giá.",
        REFERRED,
        F,
        HIGHER,
    ),
    _one(
        "DD",
        "Khiếu nại quyết định xử phạt của UBND xã về việc gia đình tôi làm nhà trên đất nông nghiệp.",
        REFUSED,
        Kind.COMPLAINT,
    ),
    _one("DD", "Một số hộ ở {thon} lấn chiếm hành lang đường giao thông để dựng lều quán, đề nghị xử lý.", NEW, F),
    # Tài nguyên – môi trường
    _one(
        "TNMT", "Xưởng xẻ gỗ ở {thon} chạy cả đêm, gây tiếng ồn và bụi, đề nghị kiểm tra.", ASSIGNED, F, department=KT
    ),
    _one(
        "TNMT",
        "Có người khai thác cát, sỏi trái phép trên suối ở {thon}, làm sạt lở bờ ruộng.",
        OVERDUE,
        F,
        department=KT,
    ),
    _one(
        "TNMT",
        "Đề nghị hướng dẫn người dân thu gom vỏ bao bì thuốc bảo vệ thực vật trên đồng ruộng.",
        WRITTEN_UNTOLD,
        department=KT,
        answer="Xã đã đặt 12 bể chứa vỏ bao bì thuốc bảo vệ thực vật tại các cánh đồng lớn; định kỳ hằng quý "
        "Trung tâm Dịch vụ công ích thu gom và chuyển đi xử lý. Cán bộ khuyến nông sẽ hướng dẫn tại các "
        "buổi họp thôn.",
    ),
    _one(
        "TNMT",
        "Chuồng lợn của một hộ ở {thon} xả nước thải ra mương chung, gây ô nhiễm và mùi hôi.",
        ASSIGNED,
        F,
        department=KT,
    ),
    _one("TNMT", "Đề nghị trồng cây xanh và làm thùng rác ở khu vực chợ phiên.", NEW, OP),
    # Giao thông, hạ tầng
    _one(
        "XD-GT-HT",
        "Cầu tràn qua suối ở {thon} ngập mỗi khi mưa lớn, học sinh không đến trường được; đề nghị xây cầu.",
        CLASSIFIED,
    ),
    _one(
        "XD-GT-HT",
        "Quốc lộ 1B đoạn qua {thon} nhiều ổ gà, xe tải đi lại gây bụi và mất an toàn.",
        REFERRED_ANSWERED,
        F,
        HIGHER,
        answer="Sở Xây dựng tỉnh Lạng Sơn đã giao đơn vị quản lý, bảo trì đường bộ vá ổ gà, hoàn trả mặt đường "
        "đoạn qua xã Điềm He trong tháng 12/2026 và đưa đoạn này vào kế hoạch sửa chữa định kỳ năm 2027.",
        to_body="Sở Xây dựng tỉnh Lạng Sơn",
        reply_ref="Văn bản số 2417/SXD-QLKCHT của Sở Xây dựng",
    ),
    _one(
        "XD-GT-HT",
        "Đề nghị đặt biển báo, gờ giảm tốc tại ngã ba đường vào {thon} vì hay xảy ra va chạm.",
        WRITTEN,
        department=KT,
        answer="Xã đã lắp 02 biển cảnh báo và 03 gờ giảm tốc tại ngã ba; lực lượng công an xã tăng cường nhắc "
        "nhở người điều khiển xe giảm tốc độ khi qua khu dân cư.",
    ),
    _one(
        "XD-GT-HT",
        "Rãnh thoát nước hai bên đường qua {thon} bị lấp, mưa to nước tràn vào nhà dân.",
        OVERDUE,
        F,
        department=DVCI,
    ),
    _one("XD-GT-HT", "Đề nghị mở rộng đường ra khu sản xuất của {thon} để máy cày, máy gặt vào được.", CLASSIFIED),
    _one(
        "XD-GT-HT",
        "Cống qua đường ở {thon} bị vỡ, xe máy đi qua rất nguy hiểm.",
        REOPENED,
        F,
        department=KT,
        answer="Xã đã đổ đất, đá tạm lấp chỗ vỡ và đặt biển cảnh báo; cống sẽ được thay mới trong đợt sửa chữa "
        "đường giao thông nông thôn năm 2027.",
    ),
    # Nông nghiệp
    _one(
        "NN",
        "Giá phân bón tăng cao, đề nghị hỗ trợ giống và phân bón cho bà con {thon} trồng vụ đông.",
        ASSIGNED,
        department=KT,
    ),
    _one(
        "NN",
        "Đề nghị mở lớp tập huấn kỹ thuật trồng, chăm sóc hồi và quế cho bà con {thon}.",
        AT_CONFERENCE,
        department=KT,
        answer="Quý I/2027 xã phối hợp Trung tâm Khuyến nông tỉnh mở 02 lớp tập huấn trồng, chăm sóc, sơ chế "
        "hồi và quế; thôn đăng ký danh sách học viên với Phòng Kinh tế.",
        answered_by="Vi Văn Toàn, Trưởng phòng Kinh tế",
    ),
    _one(
        "NN",
        "Đề nghị xã kết nối tiêu thụ na, hồng không hạt cho bà con {thon} khi vào vụ, tránh bị ép giá.",
        CLASSIFIED,
    ),
    _one(
        "NN",
        "Chuột và sâu cuốn lá phá lúa mùa ở {thon}, đề nghị cán bộ khuyến nông xuống hướng dẫn phòng trừ.",
        SATISFIED,
        F,
        department=KT,
        answer="Cán bộ khuyến nông đã xuống tận ruộng hướng dẫn phòng trừ sâu cuốn lá và tổ chức diệt chuột tập "
        "trung; xã hỗ trợ thuốc diệt chuột sinh học cho các hộ bị hại nặng.",
    ),
    _one(
        "NN",
        "Chính sách hỗ trợ trồng rừng sản xuất năm 2027 như thế nào, mỗi héc-ta được hỗ trợ bao nhiêu?",
        CLASSIFIED,
        Q,
    ),
    _one("NN", "Trâu, bò chết rét trong đợt rét đậm năm ngoái ở {thon} chưa được hỗ trợ.", NEW, F),
    # Kinh tế – tài chính
    _one(
        "KT-TC",
        "Đề nghị công khai các khoản thu, đóng góp của Nhân dân {thon} trong năm.",
        WRITTEN,
        department=VP,
        answer="Các khoản đóng góp tự nguyện năm 2026 đã được niêm yết tại nhà văn hóa các thôn và đọc trên loa "
        "truyền thanh; xã không thu bất kỳ khoản bắt buộc nào ngoài quy định.",
    ),
    _one(
        "KT-TC",
        "Hộ mới thoát nghèo có được vay vốn ưu đãi của Ngân hàng Chính sách xã hội không, điều kiện thế nào?",
        ASSIGNED,
        Q,
        department=VHXH,
    ),
    _one("KT-TC", "Đề nghị xây chợ phiên cho các thôn phía bắc xã, bà con phải mang hàng đi bán rất xa.", CLASSIFIED),
    _one(
        "KT-TC",
        "Tiền hỗ trợ thiệt hại do bão năm 2025 cho một số hộ ở {thon} chưa được chi trả đủ.",
        ASSIGNED,
        F,
        department=VP,
    ),
    # Chính sách xã hội, người có công
    _one(
        "CS-LD",
        "Bố tôi là thương binh đã mất, đề nghị xã xem xét chế độ trợ cấp cho mẹ tôi năm nay 82 tuổi.",
        AT_CONFERENCE,
        department=VHXH,
        answer="Phòng Văn hóa - Xã hội đã hướng dẫn gia đình lập hồ sơ hưởng trợ cấp tuất hằng tháng; hồ sơ đủ "
        "điều kiện sẽ được trình cấp có thẩm quyền giải quyết trong tháng.",
        answered_by="Phòng Văn hóa - Xã hội",
    ),
    _one(
        "CS-LD",
        "Đề nghị rà soát, xác nhận hồ sơ hưởng chế độ cho con của người hoạt động kháng chiến bị nhiễm "
        "chất độc hóa học ở {thon}.",
        REFERRED,
        R,
        HIGHER,
    ),
    _one(
        "CS-LD", "Đề nghị hỗ trợ sửa nhà cho gia đình người có công ở {thon} có nhà dột nát.", ASSIGNED, department=VHXH
    ),
    _one(
        "CS-LD",
        "Người cao tuổi đủ 75 tuổi có được hưởng trợ cấp xã hội hằng tháng không?",
        WRITTEN,
        Q,
        department=VHXH,
        answer="Người từ đủ 75 tuổi trở lên không có lương hưu, trợ cấp bảo hiểm xã hội hằng tháng được hưởng "
        "trợ cấp xã hội hằng tháng theo quy định hiện hành; hồ sơ nộp tại Trung tâm Phục vụ hành chính "
        "công xã.",
    ),
    _one("CS-LD", "Đề nghị dạy nghề và giới thiệu việc làm ở khu công nghiệp cho thanh niên {thon}.", CLASSIFIED),
    _one("CS-LD", "Đề nghị hỗ trợ gạo cứu đói giáp hạt cho các hộ khó khăn ở {thon}.", NEW),
    # Y tế
    _one(
        "YT",
        "Trạm y tế xã thiếu thuốc, người dân khám bảo hiểm y tế phải mua thêm thuốc ở ngoài.",
        ASSIGNED,
        F,
        department=YTE,
    ),
    _one(
        "YT",
        "Đề nghị tổ chức khám sức khỏe định kỳ cho người cao tuổi tại {thon}.",
        WRITTEN,
        department=YTE,
        answer="Trạm Y tế xã tổ chức khám sức khỏe miễn phí cho người cao tuổi tại nhà văn hóa các thôn, lần "
        "lượt từ tuần đầu tháng tới; lịch cụ thể thông báo trên loa truyền thanh.",
    ),
    _one(
        "YT",
        "Thủ tục chuyển tuyến khám chữa bệnh bảo hiểm y tế lên bệnh viện tỉnh như thế nào?",
        WRITTEN,
        Q,
        department=YTE,
        answer="Người bệnh được Trạm Y tế xã cấp giấy chuyển tuyến khi vượt khả năng chuyên môn; trường hợp cấp "
        "cứu không cần giấy chuyển tuyến. Thẻ BHYT còn hạn và căn cước mang theo khi khám.",
    ),
    _one("YT", "Đề nghị phun thuốc phòng chống sốt xuất huyết ở {thon}, nhiều muỗi.", NEW),
    _one(
        "YT",
        "Đề nghị tỉnh nâng cấp Trạm y tế xã thành phòng khám đa khoa khu vực sau khi sáp nhập xã.",
        REFERRED,
        R,
        HIGHER,
    ),
    # Giáo dục
    _one(
        "GD",
        "Học sinh {thon} phải đi học xa 7 km, đề nghị bố trí xe đưa đón hoặc cho ở bán trú.",
        ASSIGNED,
        department=VHXH,
    ),
    _one("GD", "Đề nghị bổ sung giáo viên tiếng Anh cho Trường Tiểu học xã.", CLASSIFIED),
    _one(
        "GD",
        "Các khoản thu đầu năm học ở Trường THCS xã quá nhiều, đề nghị xem xét.",
        REOPENED,
        F,
        department=VHXH,
        answer="Nhà trường chỉ thu các khoản theo quy định của tỉnh; các khoản tự nguyện do Ban đại diện cha mẹ "
        "học sinh thống nhất. Xã đã yêu cầu nhà trường công khai bảng thu tại cổng trường.",
    ),
    # Văn hóa – thông tin
    _one("VH-TT", "Đề nghị đầu tư sân bóng chuyền, sân thể thao cho thanh niên {thon}.", CLASSIFIED),
    _one("VH-TT", "Đề nghị hỗ trợ duy trì đội hát then, đàn tính của {thon}.", ASSIGNED, department=VHXH),
    _one(
        "VH-TT", "Sóng điện thoại và internet ở {thon} rất yếu, học sinh học trực tuyến khó khăn.", CLASSIFIED, F, OTHER
    ),
    # An ninh trật tự
    _one(
        "ANTT",
        "Thanh niên tụ tập đua xe máy trên đường qua {thon} vào buổi tối, gây mất trật tự.",
        ASSIGNED,
        F,
        department=CA,
    ),
    _one(
        "ANTT",
        "Đề nghị xử lý tình trạng đánh bạc ở khu chợ phiên vào các ngày phiên.",
        AT_CONFERENCE,
        F,
        department=CA,
        answer="Công an xã đã xử phạt 02 trường hợp và sẽ bố trí lực lượng trực tại chợ vào các ngày phiên; đề "
        "nghị Nhân dân cung cấp thông tin qua số điện thoại trực ban của Công an xã.",
        answered_by="Hà Văn Kiên, Trưởng Công an xã",
    ),
    _one(
        "ANTT",
        "Tố cáo một số người cho vay nặng lãi ở {thon}, lãi suất rất cao, đòi nợ bằng đe dọa.",
        REFUSED,
        Kind.DENUNCIATION,
    ),
    _one("ANTT", "Đề nghị lắp camera an ninh ở các ngã ba vào thôn như mô hình camera giữ bình yên.", NEW),
    # Cải cách hành chính
    _one(
        "CCHC",
        "Làm thủ tục trên dịch vụ công trực tuyến khó với người cao tuổi, đề nghị có cán bộ hỗ trợ tại thôn.",
        ASSIGNED,
        department=HCC,
    ),
    _one(
        "CCHC",
        "Sau khi sáp nhập xã, người dân phải đi xa để làm thủ tục, đề nghị có điểm tiếp nhận hồ sơ ở cụm thôn.",
        AT_CONFERENCE,
        department=HCC,
        answer="Từ tháng tới, Trung tâm Phục vụ hành chính công xã cử cán bộ tiếp nhận hồ sơ lưu động tại nhà "
        "văn hóa các cụm thôn vào thứ Năm hằng tuần.",
        answered_by="Lương Thị Hạnh, Phó Chủ tịch UBND xã",
    ),
    _one(
        "CCHC",
        "Đề nghị công khai số điện thoại đường dây nóng của UBND xã tại các thôn.",
        WRITTEN,
        department=VP,
        answer="Số điện thoại đường dây nóng của UBND xã đã được niêm yết tại nhà văn hóa các thôn và đăng trên "
        "trang thông tin điện tử của xã.",
    ),
    _one(
        "CCHC",
        "Hồ sơ đăng ký biến động đất của tôi nộp ở Trung tâm Phục vụ hành chính công quá hạn nhưng không "
        "được báo lý do.",
        NEW,
        F,
    ),
    # Tư pháp – hộ tịch
    _one(
        "TP",
        "Hướng dẫn thủ tục cải chính ngày sinh bị ghi sai trong giấy khai sinh.",
        SATISFIED,
        Q,
        department=HCC,
        answer="Người có yêu cầu nộp tờ khai cải chính hộ tịch kèm giấy tờ chứng minh tại Trung tâm Phục vụ hành "
        "chính công xã; thời hạn giải quyết 03 ngày làm việc.",
    ),
    _one("TP", "Tổ hòa giải ở {thon} hoạt động chưa hiệu quả, đề nghị tập huấn cho hòa giải viên.", CLASSIFIED),
    # Xây dựng chính quyền, Mặt trận, dân tộc, phòng chống tham nhũng, khác
    _one("XDCQ", "Đề nghị cán bộ xã phụ trách thôn xuống {thon} thường xuyên hơn để nắm tình hình.", CLASSIFIED, OP),
    _one("XDD-MT", "Đề nghị tăng phụ cấp cho trưởng ban công tác Mặt trận ở các thôn.", REFERRED, R, HIGHER),
    _one(
        "DT-TG",
        "Chính sách hỗ trợ đất sản xuất cho hộ đồng bào dân tộc thiểu số thiếu đất đã triển khai đến đâu?",
        CLASSIFIED,
        Q,
    ),
    _one(
        "PCTN",
        "Đề nghị công khai kinh phí sửa nhà văn hóa {thon}; Nhân dân thấy chất lượng chưa tương xứng.",
        ASSIGNED,
        F,
        department=VP,
    ),
    _one(
        "KHAC",
        "Đề nghị tổ chức hội nghị đối thoại vào ngày nghỉ để nhiều người đi làm xa cũng dự được.",
        CLASSIFIED,
        OP,
    ),
    _one("KHAC", "Nên phát trực tiếp hội nghị đối thoại trên trang thông tin của xã cho người ở xa theo dõi.", NEW, OP),
    # More of the everyday
    _one(
        "DD",
        "Đề nghị đo đạc lại đất của gia đình tôi ở {thon}; sổ cấp năm 1998 ghi thiếu diện tích so với thực tế.",
        ASSIGNED,
        department=KT,
    ),
    _one("TNMT", "Đề nghị có biện pháp với việc đốt rơm rạ sau gặt, khói mù đường giao thông.", CLASSIFIED),
    _one("XD-GT-HT", "Đề nghị làm nhà chờ tại điểm dừng xe khách trên Quốc lộ 1B đoạn qua {thon}.", CLASSIFIED),
    _one(
        "NN", "Đề nghị hỗ trợ con giống lợn, gà cho hộ nghèo ở {thon} để phát triển sinh kế.", ASSIGNED, department=KT
    ),
    _one(
        "NN",
        "Trồng cây ăn quả trên đất lúa kém hiệu quả có phải xin phép không?",
        WRITTEN,
        Q,
        department=KT,
        answer="Chuyển đất trồng lúa kém hiệu quả sang trồng cây lâu năm phải đăng ký với UBND xã theo mẫu; "
        "không phải xin phép chuyển mục đích sử dụng đất. Phòng Kinh tế hướng dẫn cụ thể khi đăng ký.",
    ),
    _one("KT-TC", "Đề nghị hỗ trợ hợp tác xã ở {thon} xây dựng nhãn hiệu cho sản phẩm miến dong.", CLASSIFIED),
    _one(
        "CS-LD",
        "Con tôi ở {thon} khuyết tật nặng, đề nghị xét cho cháu được hưởng trợ cấp xã hội.",
        ASSIGNED,
        department=VHXH,
    ),
    _one(
        "CS-LD",
        "Đề nghị hỗ trợ xóa nhà tạm cho 3 hộ ở {thon} theo chương trình xóa nhà tạm, nhà dột nát.",
        AT_CONFERENCE,
        department=VHXH,
        answer="03 hộ đã được đưa vào danh sách hỗ trợ xóa nhà tạm đợt cuối năm, mỗi hộ được hỗ trợ theo mức "
        "của tỉnh; Mặt trận và đoàn thể xã huy động ngày công giúp các hộ dựng nhà.",
        answered_by="Lộc Thị Hoa, Chủ tịch Ủy ban MTTQ Việt Nam xã",
    ),
    _one("YT", "Đề nghị Trạm y tế có bác sĩ trực ban đêm và ngày nghỉ.", CLASSIFIED),
    _one(
        "GD",
        "Tiền hỗ trợ ăn bán trú cho học sinh dân tộc thiểu số ở {thon} chậm 3 tháng chưa nhận được.",
        ASSIGNED,
        F,
        department=VHXH,
    ),
    _one("VH-TT", "Đề nghị xây dựng quy ước mới của {thon} về tổ chức việc cưới, việc tang tiết kiệm.", CLASSIFIED, OP),
    _one(
        "ANTT",
        "Đã có người ở {thon} bị lừa mất tiền qua điện thoại, đề nghị tuyên truyền cho bà con cảnh giác.",
        WRITTEN,
        department=CA,
        answer="Công an xã đã tuyên truyền về các thủ đoạn lừa đảo qua mạng trên loa truyền thanh và tại các buổi "
        "họp thôn; người dân nghi bị lừa đảo báo ngay cho Công an xã để được hướng dẫn.",
    ),
    _one(
        "ANTT",
        "Chế độ cho thanh niên {thon} đi nghĩa vụ quân sự năm 2027 và hỗ trợ học nghề sau xuất ngũ thế nào?",
        CLASSIFIED,
        Q,
    ),
    _one("CCHC", "Đề nghị làm căn cước lưu động tại thôn cho người già, người khuyết tật.", NEW),
    _one("TP", "Đề nghị trợ giúp pháp lý miễn phí cho hộ nghèo ở {thon} đang có vụ việc tranh chấp.", CLASSIFIED),
    _one("XDCQ", "Trưởng thôn {thon} làm việc chưa công khai các khoản hỗ trợ, đề nghị xã kiểm tra.", CLASSIFIED, F),
    _one("DT-TG", "Đề nghị hỗ trợ tu sửa miếu thổ công {thon}, nơi sinh hoạt tín ngưỡng của bà con.", CLASSIFIED),
]

# Each of these is raised again, in other words, from another village (not grouped: left for the suggestions).
ECHOES = [
    _one(
        "XD-GT-HT", "Cầu treo qua suối vào {thon} đã cũ, ván cầu mục, mùa lũ rất nguy hiểm, đề nghị sửa.", CLASSIFIED, F
    ),
    _one(
        "NN",
        "Đề nghị hỗ trợ giống ngô, giống lúa và phân bón cho vụ đông xuân ở {thon} vì giá vật tư tăng.",
        CLASSIFIED,
    ),
    _one("YT", "Trạm y tế thường thiếu thuốc bảo hiểm, bà con {thon} phải tự mua thuốc ngoài.", NEW, F),
    _one("GD", "Đề nghị có xe đưa đón học sinh {thon} vì đường đến trường xa và đi qua đèo.", CLASSIFIED),
    _one("ANTT", "Buổi tối thanh niên nẹt pô, lạng lách trên đường qua {thon}, người già trẻ nhỏ rất sợ.", NEW, F),
    _one(
        "DD", "Đề nghị giải quyết dứt điểm tranh chấp đất giữa hai dòng họ ở {thon}, kéo dài nhiều năm.", CLASSIFIED, F
    ),
    _one(
        "VH-TT",
        "Internet và sóng di động ở {thon} chập chờn, đề nghị nhà mạng lắp thêm trạm phát sóng.",
        CLASSIFIED,
        F,
        OTHER,
    ),
    _one(
        "CCHC",
        "Người già ở {thon} không biết dùng điện thoại thông minh để làm dịch vụ công, xin cán bộ hướng dẫn tận nơi.",
        CLASSIFIED,
    ),
    _one("NN", "Lợn ở {thon} chết nhiều, nghi dịch tả lợn châu Phi mà chưa thấy thú y xuống.", NEW, F),
    _one(
        "XD-GT-HT",
        "Đường bê tông vào {thon} mới làm 3 năm đã vỡ nhiều chỗ, đề nghị kiểm tra chất lượng.",
        CLASSIFIED,
        F,
    ),
    _one("TNMT", "Người dân {thon} vẫn đổ rác xuống suối vì không có chỗ tập kết, đề nghị xã có giải pháp.", NEW, F),
    _one("NN", "Giếng khoan của các hộ ở {thon} nhiễm phèn, không dùng được, đề nghị hỗ trợ nước sạch.", CLASSIFIED),
    _one("DD", "Làm sổ đỏ mất nhiều thời gian, bà con {thon} phải đi lại nhiều lần mà chưa có.", NEW, F),
    _one("CS-LD", "Danh sách hộ nghèo ở {thon} có hộ có ô tô vẫn được hưởng, đề nghị rà soát lại.", NEW, F),
    _one("VH-TT", "Loa truyền thanh ở {thon} lúc nghe được lúc không, đề nghị kiểm tra.", NEW),
    _one("XD-GT-HT", "Đề nghị lắp đèn đường đoạn từ cầu vào {thon}, tối không nhìn thấy đường.", NEW),
    _one("GD", "Phòng học ở điểm trường {thon} thấm dột mỗi khi mưa, các cháu phải ngồi học chỗ ướt.", CLASSIFIED, F),
    _one(
        "YT", "Bà con {thon} không hiểu vì sao năm nay phải tự mua bảo hiểm y tế, mong được giải thích.", CLASSIFIED, Q
    ),
    _one("ANTT", "Trộm gà, trộm chó ở {thon} xảy ra thường xuyên, đề nghị công an vào cuộc.", CLASSIFIED, F),
    _one("XD-GT-HT", "Điện ở {thon} yếu lắm, đề nghị điện lực lắp thêm trạm biến áp.", CLASSIFIED, F, OTHER),
]

# Raised from the floor once the conference is held (channel "tại hội nghị"), answered there.
FROM_THE_FLOOR = [
    _one(
        "XD-GT-HT",
        "Đường vào {thon} đã có trong kế hoạch từ năm trước, bao giờ thì làm?",
        AT_CONFERENCE,
        Q,
        department="",
        answer="Tuyến này được làm trong quý II/2027, sau khi thôn hoàn thành việc hiến đất.",
        answered_by="Hoàng Văn Thắng, Chủ tịch UBND xã",
    ),
    _one(
        "CS-LD",
        "Xin xã giải thích cách bình xét hộ nghèo năm nay, vì sao nhà tôi bị đưa ra khỏi danh sách?",
        AT_CONFERENCE,
        Q,
        answer="Việc bình xét theo chuẩn nghèo đa chiều, có họp thôn và niêm yết công khai; gia đình có thể đề "
        "nghị phúc tra trong thời gian niêm yết, Phòng Văn hóa - Xã hội sẽ xuống kiểm tra lại.",
        answered_by="Lương Thị Hạnh, Phó Chủ tịch UBND xã",
    ),
    _one(
        "NN",
        "Xã có hỗ trợ làm chuồng trại xa nhà cho các hộ chăn nuôi trong khu dân cư không?",
        AT_CONFERENCE,
        Q,
        answer="Xã hỗ trợ xi măng làm chuồng trại cho hộ di dời chuồng ra khỏi khu dân cư theo đề án chăn nuôi "
        "an toàn sinh học; đăng ký tại Phòng Kinh tế.",
        answered_by="Vi Văn Toàn, Trưởng phòng Kinh tế",
    ),
]

PARENT_NOTE = "Kiến nghị vượt thẩm quyền của UBND xã; kính đề nghị UBND tỉnh xem xét, chỉ đạo giải quyết."
REFUSAL_REASONS: dict[str, str] = {
    Kind.COMPLAINT: (
        "Nội dung là khiếu nại quyết định hành chính, giải quyết theo Luật Khiếu nại, không thuộc nội dung đối "
        "thoại. Văn phòng đã hướng dẫn công dân gửi đơn khiếu nại đến Chủ tịch UBND xã."
    ),
    Kind.DENUNCIATION: (
        "Nội dung là tố cáo hành vi vi phạm pháp luật, giải quyết theo Luật Tố cáo và pháp luật hình sự. Thông tin "
        "đã được chuyển Công an xã xử lý theo thẩm quyền, bảo đảm bí mật cho người tố cáo."
    ),
}
REOPEN_NOTES = [
    "Đã hơn một tháng cống vẫn chỉ lấp tạm, mưa xuống lại sụt, xe máy vẫn ngã.",
    "Nhà trường vẫn thu quỹ lớp và tiền học thêm, chưa công khai như trả lời.",
]


@dataclass
class Seed:
    """One petition to make: what the people said, where, through which channel, by whom."""

    index: int
    matter: Matter
    text: str
    village: Village | None
    channel: str
    received_on: dt.date
    name: str = ""
    phone: str = ""
    address: str = ""
    consent_contact: bool = False
    consent_publish_name: bool = False
    petition: Petition | None = field(default=None, repr=False)


@dataclass
class People:
    chair: User
    vice_chair: User
    office: User
    economy: User  # an officer of Phòng Kinh tế
    front: User
    village_head: User
    citizen: User | None


def _people() -> People | None:
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["chutich", "phochutich", "vanphong", "kinhte", "mattran", "truongthon", "congdan"]
        )
    }
    try:
        return People(
            chair=users["chutich"],
            vice_chair=users["phochutich"],
            office=users["vanphong"],
            economy=users["kinhte"],
            front=users["mattran"],
            village_head=users["truongthon"],
            citizen=users.get("congdan"),
        )
    except KeyError:
        return None


def _mid(name: str) -> str:
    """'Thôn Nà Pàn' as it reads inside a sentence: 'thôn Nà Pàn'."""
    return name[:1].lower() + name[1:]


def _person(rng: random.Random, taken: set[str]) -> str:
    """A name nobody else in the demo has (an official, a delegate, another sender): a sender who did not
    agree to be named must not share a name that is shown in public."""
    while True:
        if rng.random() < 0.55:
            name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_MEN)} {rng.choice(MEN)}"
        else:
            name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_WOMEN)} {rng.choice(WOMEN)}"
        if name not in taken:
            taken.add(name)
            return name


class _Places:
    """Villages for the petitions: the least used first (so every village has some), ties drawn at random."""

    def __init__(self, villages: list[Village], rng: random.Random) -> None:
        self.villages = villages
        self.rng = rng
        self.used: Counter[int] = Counter()

    def take(self, n: int) -> list[Village]:
        order = sorted(self.villages, key=lambda v: (self.used[v.pk], self.rng.random()))
        chosen = order[:n]
        for village in chosen:
            self.used[village.pk] += 1
        return chosen


# How often a sender gives their name, by channel (the Front's summary of a village meeting rarely does).
NAMED_SHARE: dict[str, float] = {Channel.PAPER_FORM: 0.45, Channel.RECEPTION: 0.8, Channel.ONLINE: 0.3}

# Petitions waiting the longest were received well before the opinion collection (since the last conference).
EARLY_FATES = frozenset({OVERDUE, WRITTEN, WRITTEN_UNTOLD, SATISFIED, REOPENED, REFERRED, REFERRED_ANSWERED})
ALL_FATES = frozenset({NEW, CLASSIFIED, ASSIGNED, AT_CONFERENCE, REFERRED_BODY, *EARLY_FATES, REFUSED})


def _channel(rng: random.Random, fate: str) -> str:
    if fate in EARLY_FATES:
        return rng.choice([Channel.RECEPTION, Channel.RECEPTION, Channel.ONLINE, Channel.PAPER_FORM])
    return rng.choices(
        [Channel.PAPER_FORM, Channel.SUMMARY_IMPORT, Channel.ONLINE, Channel.RECEPTION], weights=[40, 35, 18, 7]
    )[0]


def _received_on(rng: random.Random, fate: str, today: dt.date, conference_day: dt.date) -> dt.date:
    if fate == NEW:
        return today - dt.timedelta(days=rng.randint(0, 2))
    if fate in EARLY_FATES:
        return today - dt.timedelta(days=rng.randint(28 if fate == OVERDUE else 18, 45))
    collection_starts = min(conference_day - dt.timedelta(days=20), today - dt.timedelta(days=3))
    return collection_starts + dt.timedelta(days=rng.randint(0, (today - collection_starts).days - 3))


def _seeds(
    rng: random.Random, villages: list[Village], today: dt.date, conference_day: dt.date, taken: set[str]
) -> list[Seed]:
    places = _Places(villages, rng)
    seeds: list[Seed] = []
    for matter in [*GROUPED, *SIMILAR, *SINGLES, *ECHOES]:
        for text, village in zip(matter.wordings, places.take(len(matter.wordings)), strict=True):
            channel = _channel(rng, matter.fate)
            # An online sender may leave the village out; the Front's summary always names it.
            where: Village | None = village
            if channel == Channel.ONLINE and "{thon}" not in text and rng.random() < 0.5:
                where = None
            seeds.append(
                Seed(
                    index=len(seeds) + 1,
                    matter=matter,
                    text=text.format(thon=_mid(village.name)),
                    village=where,
                    channel=channel,
                    received_on=_received_on(rng, matter.fate, today, conference_day),
                )
            )
    # About a third name themselves (paper forms and reception mostly; the Front's summary rarely does);
    # some leave a phone number to be called back, with their consent; a few agree to be named in public.
    for seed in seeds:
        chance = NAMED_SHARE.get(seed.channel, 0.05)
        if rng.random() >= chance:
            continue
        seed.name = _person(rng, taken)
        seed.address = seed.village.name if seed.village else ""
        if rng.random() < 0.45:
            seed.phone = f"09{rng.randrange(10**7, 10**8)}"
            seed.consent_contact = True
        seed.consent_publish_name = rng.random() < 0.15
    seeds.sort(key=lambda s: (s.received_on, s.index))
    return seeds


def _entered_by(seed: Seed, people: People) -> User | None:
    if seed.channel == Channel.ONLINE:
        return None  # sent from the portal, without signing in
    if seed.channel == Channel.SUMMARY_IMPORT:
        return people.front
    if seed.channel == Channel.PAPER_FORM and seed.village is not None and seed.village.name == "Thôn Nà Pàn":
        return people.village_head
    if seed.channel == Channel.PAPER_FORM:
        return people.front
    return people.office


# ---------------------------------------------------------------- the steps


def _receive(seeds: list[Seed], people: People, commune: AdminUnit, conference: Conference) -> None:
    """Step 1: every petition comes in through `create_petition`, as each channel's page would send it."""
    signed_in_sent = False
    for seed in seeds:
        fixed: dict[str, Any] = {}
        if seed.channel == Channel.ONLINE and not signed_in_sent and people.citizen is not None and seed.village:
            # One sent by the demo citizen from her account: she finds it under "Ý kiến của tôi".
            fixed["submitted_by"] = people.citizen
            signed_in_sent = True
        seed.petition, _created = create_petition(
            actor=_entered_by(seed, people),
            unit=commune,
            data={
                "text": seed.text,
                "channel": seed.channel,
                "received_on": seed.received_on,
                "village": seed.village,
                "conference": conference,
                "submitter_name": seed.name,
                "submitter_phone": seed.phone,
                "submitter_address": seed.address,
                "consent_contact": seed.consent_contact,
                "consent_publish_name": seed.consent_publish_name,
            },
            submission_key=f"{KEY_PREFIX}{seed.index:03d}",
            **fixed,
        )


def _classify(seeds: list[Seed], people: People, sectors: dict[str, Sector]) -> None:
    """Step 2: the Front and the office classify all but the newest."""
    for seed in seeds:
        if seed.matter.fate == NEW:
            continue
        assert seed.petition is not None
        actor = people.front if seed.index % 3 else people.office
        seed.petition = petition_classify(
            actor=actor,
            petition=seed.petition,
            kind=seed.matter.kind,
            sector=sectors[seed.matter.sector],
            jurisdiction=seed.matter.jurisdiction,
        )


def _by_matter(seeds: list[Seed], fates: Collection[str]) -> list[tuple[Matter, list[Petition]]]:
    matters: dict[int, tuple[Matter, list[Petition]]] = {}
    for seed in seeds:
        if seed.matter.fate in fates and seed.petition is not None:
            matters.setdefault(id(seed.matter), (seed.matter, []))[1].append(seed.petition)
    return list(matters.values())


def _answerable(matter: Matter, petitions: list[Petition]) -> list[list[Petition]]:
    """What one answer covers: a grouped matter's petitions together, each other petition alone."""
    if matter.group and all(p.group_id is not None for p in petitions):
        return [petitions]
    return [[p] for p in petitions]


def _group(seeds: list[Seed], people: People, commune: AdminUnit) -> None:
    """Step 3: the Front groups the petitions of one matter raised by several villages, under one wording."""
    for matter, petitions in _by_matter(seeds, ALL_FATES - {NEW}):
        if not matter.group:
            continue
        group = group_create(actor=people.front, unit=commune, petitions=petitions, title=matter.group)
        for petition in petitions:
            petition.group = group


def _refuse(seeds: list[Seed], people: People) -> None:
    """Step 4: the complaint and the denunciation leave the dialogue for their own procedures."""
    for _matter, petitions in _by_matter(seeds, {REFUSED}):
        for petition in petitions:
            petition_refuse(actor=people.office, petition=petition, reason=REFUSAL_REASONS[petition.kind])


def _refer(seeds: list[Seed], people: People, today: dt.date) -> None:
    """Step 5: beyond the commune's powers, with a transfer letter: to the province (Lạng Sơn), where each
    matter lands in its inbox; to the electricity company; to the province's Department of Construction,
    whose written reply came back and is recorded (its petition resolved, the citizen told)."""
    number = 40
    for _matter, petitions in _by_matter(seeds, {REFERRED}):
        for petition in petitions:
            number += 3
            refer_to_parent(
                actor=people.office,
                petitions=[petition],
                letter_number=f"{number}/UBND-VP",
                letter_date=_letter_date(petition, today),
                note=PARENT_NOTE,
            )
    for matter, petitions in _by_matter(seeds, {REFERRED_BODY, REFERRED_ANSWERED}):
        for batch in _answerable(matter, petitions):
            number += 3
            referral = refer_to_body(
                actor=people.office,
                petitions=batch,
                to_body=matter.to_body,
                letter_number=f"{number}/UBND-VP",
                letter_date=_letter_date(batch[-1], today),
            )
            if matter.fate == REFERRED_ANSWERED:
                referral_record_answer(
                    actor=people.office,
                    referral=referral,
                    text=matter.answer,
                    document_ref=f"{matter.reply_ref} ngày {short_date(today)}",
                )
                notify_citizens(actor=people.office, petitions=batch)


def _letter_date(petition: Petition, today: dt.date) -> dt.date:
    """The transfer letter went a week after the petition came in (not after today)."""
    return min(today, petition.received_on + dt.timedelta(days=7))


def _assign(seeds: list[Seed], people: People, departments: dict[str, Department]) -> None:
    """Step 6: the office gives each matter to a department, due in 10 working days (R-20)."""
    fates = {ASSIGNED, OVERDUE, AT_CONFERENCE, WRITTEN, WRITTEN_UNTOLD, SATISFIED, REOPENED}
    for matter, petitions in _by_matter(seeds, fates):
        if not matter.department:
            continue
        assign(actor=people.office, petitions=petitions, department=departments[matter.department])


def _drafter(matter: Matter, people: People) -> User:
    return people.economy if matter.department == KT else people.office


def _answer_in_writing(seeds: list[Seed], people: People, today: dt.date) -> None:
    """Step 7: the department drafts, the chair (or vice chair) approves, the office tells the citizens."""
    fates = {WRITTEN, WRITTEN_UNTOLD, SATISFIED, REOPENED}
    number = 180
    for matter, petitions in _by_matter(seeds, fates):
        for batch in _answerable(matter, petitions):
            number += 7
            answer = answer_draft(
                actor=_drafter(matter, people),
                petitions=batch,
                text=matter.answer,
                document_ref=f"Văn bản số {number}/UBND ngày {short_date(today)}",
            )
            approver = people.chair if number % 2 else people.vice_chair
            answer_approve(actor=approver, answer=answer)
            if matter.fate != WRITTEN_UNTOLD:
                notify_citizens(actor=people.office, petitions=batch)


def _citizens_word(seeds: list[Seed], people: People) -> None:
    """Step 8: on the tracking page some citizens say the answer satisfied them; two say it did not,
    and the office reopens theirs (back to the department, with a new due date)."""
    for _matter, petitions in _by_matter(seeds, {SATISFIED}):
        for petition in petitions:
            record_satisfaction(petition=petition, satisfied=True, client_key=f"{CLIENT_KEY}-{petition.pk}")
    for (_matter, petitions), note in zip(_by_matter(seeds, {REOPENED}), REOPEN_NOTES, strict=False):
        for petition in petitions:
            record_satisfaction(petition=petition, satisfied=False, note=note, client_key=f"{CLIENT_KEY}-{petition.pk}")
            petition_reopen(actor=people.office, petition=petition, reason=note)


def _make_overdue(seeds: list[Seed], commune: AdminUnit, today: dt.date) -> None:
    """Step 9: the two petitions assigned weeks ago get the due date they had then (a few working days
    ago). The actions date an assignment from today, so the date is written here, after them."""
    calendar = calendar_for(commune)
    for offset, (_matter, petitions) in enumerate(_by_matter(seeds, {OVERDUE}), start=2):
        due = calendar.next_working_day(today - dt.timedelta(days=offset * 2), backward=True)
        Petition.objects.filter(pk__in=[p.pk for p in petitions], status=PetitionStatus.ACCEPTED).update(due_date=due)


def _prepare_for_the_conference(seeds: list[Seed], people: People) -> None:
    """Step 10: the departments draft what will be answered at the conference (due the day before it)."""
    for matter, petitions in _by_matter(seeds, {AT_CONFERENCE}):
        if not matter.department:
            continue
        for batch in _answerable(matter, petitions):
            answer_draft(
                actor=_drafter(matter, people),
                petitions=batch,
                text=matter.answer,
                mode=AnswerMode.AT_CONFERENCE,
                answered_by=matter.answered_by,
            )


def _at_the_conference(
    seeds: list[Seed], people: People, commune: AdminUnit, conference: Conference, rng: random.Random
) -> None:
    """Step 11, once the conference is held: the prepared answers are given in the hall, and a few
    questions are raised from the floor and answered there."""
    for matter, petitions in _by_matter(seeds, {AT_CONFERENCE}):
        for batch in _answerable(matter, petitions):
            answer_at_conference(
                actor=people.office, petitions=batch, text=matter.answer, answered_by=matter.answered_by
            )
    villages = [s.village for s in seeds if s.village is not None]
    sectors = {s.code: s for s in sectors_ensure(actor=people.office, unit=commune)}
    for index, matter in enumerate(FROM_THE_FLOOR, start=1):
        village = villages[rng.randrange(len(villages))]
        petition, _created = raise_at_conference(
            actor=people.office,
            conference=conference,
            data={
                "text": matter.wordings[0].format(thon=_mid(village.name)),
                "village": village,
                "received_on": min(timezone.localdate(conference.starts_at), timezone.localdate()),
            },
            submission_key=f"{KEY_PREFIX}floor-{index}",
        )
        petition = petition_classify(
            actor=people.office,
            petition=petition,
            kind=matter.kind,
            sector=sectors[matter.sector],
            jurisdiction=matter.jurisdiction,
        )
        answer_at_conference(
            actor=people.office, petitions=[petition], text=matter.answer, answered_by=matter.answered_by
        )


def load(admin: User, commune: AdminUnit) -> None:
    """The petitions of the commune's first conference. Needs the demo's people and conference (else
    does nothing); stops at once when its first petition is already there."""
    conference = Conference.objects.filter(unit=commune).order_by("starts_at", "pk").first()
    people = _people()
    if conference is None or people is None or conference.status == ConferenceStatus.CANCELLED:
        return
    if Petition.objects.filter(unit=commune, submission_key__startswith=KEY_PREFIX).exists():
        return
    rng = random.Random(SEED)  # noqa: S311 - fictional data, the same in every demo
    today = timezone.localdate()
    villages = list(villages_of(commune, include_retired=False))
    sectors = {s.code: s for s in sectors_ensure(actor=people.office, unit=commune)}
    departments = {d.name: d for d in Department.objects.filter(unit=commune)}
    taken = {*User.objects.values_list("full_name", flat=True)}
    taken |= {*Delegate.objects.filter(conference__unit=commune).values_list("full_name", flat=True)}
    seeds = _seeds(rng, villages, today, timezone.localdate(conference.starts_at), taken)

    _receive(seeds, people, commune, conference)
    _classify(seeds, people, sectors)
    _group(seeds, people, commune)
    _refuse(seeds, people)
    _refer(seeds, people, today)
    _assign(seeds, people, departments)
    _answer_in_writing(seeds, people, today)
    _citizens_word(seeds, people)
    _make_overdue(seeds, commune, today)
    _prepare_for_the_conference(seeds, people)
    if conference.status in (ConferenceStatus.HELD, ConferenceStatus.CONCLUDED):
        _at_the_conference(seeds, people, commune, conference, rng)
