# ruff: noqa: E501 -- Vietnamese report texts are long; the catalogue keeps one per line.
"""What the demo's grassroots reports, notes and resolutions say: the text catalogue.

Matters, not citizens: a summary names a place and a problem, never a person. A few
summaries carry a phone number, an ID number or an e-mail typed in by the reporter
(IDENTIFIERS) so that the scrubber's redaction shows in the demo.
"""

from mandate.grassroots.models import Case

# fmt: off
# (season, text): a seasonal text only when its season is on. {area} a village or
# residential group, {place} the commune as written mid-sentence, {market}, {school},
# {project} places of the commune, {n} a small number.
TEMPLATES = {
    "land": [
        ("", "Người dân {area} phản ánh đơn giá bồi thường đất nông nghiệp thuộc {project} thấp hơn giá thị trường, đề nghị xem xét lại phương án bồi thường."),
        ("", "Nhiều hộ dân {area} chưa nhận được tiền hỗ trợ chuyển đổi nghề nghiệp khi bị thu hồi đất cho {project}, dù đã bàn giao mặt bằng từ {n} tháng trước."),
        ("", "Bà con {area} băn khoăn về vị trí, hạ tầng khu tái định cư của {project}; đề nghị công khai quy hoạch chi tiết."),
        ("", "Người dân phản ánh tình trạng lấn chiếm đất công, xây dựng công trình trái phép trên đất nông nghiệp tại {area}."),
        ("", "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất lần đầu của nhiều hộ tại {area} bị chậm, đã quá thời hạn giải quyết."),
        ("", "Tranh chấp ranh giới đất giữa các hộ liền kề tại {area} kéo dài, chưa được hòa giải dứt điểm."),
        ("", "Người dân {area} phản ánh việc đo đạc, kiểm đếm tài sản trên đất phục vụ giải phóng mặt bằng {project} chưa chính xác."),
        ("reform", "Người dân {area} đề nghị hướng dẫn chỉnh lý giấy chứng nhận quyền sử dụng đất sau khi đổi tên đơn vị hành chính."),
    ],
    "environment": [
        ("", "Người dân {area} phản ánh nước thải từ cơ sở chế biến thủy sản xả trực tiếp ra kênh tiêu, gây mùi hôi."),
        ("", "Khói bụi từ trạm trộn bê tông gần {area} ảnh hưởng sinh hoạt của các hộ dân, nhất là vào buổi sáng."),
        ("", "Rác thải sinh hoạt tồn đọng nhiều ngày tại điểm tập kết {area}, chưa được thu gom."),
        ("", "Mùi hôi từ trang trại chăn nuôi lợn tại {area} ảnh hưởng các hộ dân xung quanh; đề nghị kiểm tra hệ thống xử lý chất thải."),
        ("", "Xưởng cơ khí tại {area} hoạt động cả ban đêm, tiếng ồn ảnh hưởng giấc ngủ của người dân."),
        ("", "Tình trạng đổ trộm phế thải xây dựng ven đê, ven đường tại {area} tái diễn."),
        ("", "Nước kênh đoạn qua {area} đổi màu đen, có váng dầu, người dân lo ngại ảnh hưởng sản xuất."),
        ("harvest", "Tình trạng đốt rơm rạ sau thu hoạch tại {area} gây khói mù, ảnh hưởng giao thông trên tuyến đường liên xã."),
    ],
    "prices": [
        ("", "Tiểu thương {market} phản ánh sức mua giảm, nhiều ki-ốt đóng cửa, đề nghị xem xét giảm phí thuê điểm kinh doanh."),
        ("", "Giá phân bón, thức ăn chăn nuôi tăng trong khi giá lúa thấp; nông dân {area} lo lắng về thu nhập."),
        ("", "Công nhân một số doanh nghiệp trên địa bàn {place} bị giảm giờ làm, thu nhập giảm."),
        ("", "Người dân {area} phản ánh hóa đơn tiền điện sinh hoạt tháng này tăng cao bất thường."),
        ("", "Nhiều lao động ở {area} thiếu việc làm lúc nông nhàn, đề nghị mở lớp đào tạo nghề ngắn hạn."),
        ("tet", "Giá thịt lợn, rau xanh tại {market} tăng mạnh những ngày cận Tết, người dân lo ngại tình trạng găm hàng, đẩy giá."),
        ("tet", "Giá vé xe khách và cước vận chuyển dịp Tết tăng cao; người dân {area} đề nghị kiểm tra việc niêm yết giá."),
        ("tet", "Một số doanh nghiệp chậm trả lương, thưởng Tết, công nhân ở trọ tại {area} gặp khó khăn."),
        ("lychee", "Giá vải thiều đầu vụ thấp, các hộ trồng vải ở {area} đề nghị hỗ trợ tiêu thụ."),
    ],
    "public-services": [
        ("", "Người dân phản ánh thủ tục tại bộ phận một cửa {place} còn yêu cầu nộp bản giấy dù đã nộp hồ sơ trực tuyến."),
        ("", "Cổng dịch vụ công trực tuyến thường xuyên lỗi khi ký số, người dân {area} phải đi lại nhiều lần."),
        ("", "Thời gian chờ tại bộ phận một cửa {place} kéo dài vào đầu tuần, chưa bố trí đủ cán bộ tiếp nhận."),
        ("", "Hồ sơ chứng thực, đăng ký hộ tịch của người dân {area} bị trả kết quả chậm so với giấy hẹn."),
        ("reform", "Sau sắp xếp đơn vị hành chính, người dân {area} phải đi xa hơn để làm thủ tục; đề nghị bố trí điểm tiếp nhận lưu động."),
        ("reform", "Người dân {area} chưa được hướng dẫn cập nhật thông tin trên giấy tờ cá nhân sau khi đổi tên đơn vị hành chính."),
        ("reform", "Trụ sở tiếp công dân mới của {place} chưa có biển chỉ dẫn, người cao tuổi khó tìm."),
    ],
    "infrastructure": [
        ("", "Tuyến đường liên thôn qua {area} xuống cấp, nhiều ổ gà, đi lại khó khăn."),
        ("", "Hệ thống đèn chiếu sáng tuyến đường qua {area} hỏng nhiều ngày, tiềm ẩn nguy cơ mất an toàn."),
        ("", "Cầu dân sinh qua kênh tại {area} xuống cấp, lan can gãy, học sinh đi qua hằng ngày."),
        ("", "Xe tải chở vật liệu xây dựng chạy quá tải làm hư hỏng đường bê tông {area}."),
        ("", "Công trình nâng cấp đường tại {area} thi công kéo dài, không có rào chắn, gây bụi và mất an toàn."),
        ("rain", "Mưa lớn gây ngập úng {area}, nhiều tuyến ngõ ngập sâu 30-40 cm, nước rút chậm do cống thoát nước bị bồi lấp."),
        ("rain", "Bờ kênh, bờ đê đoạn qua {area} bị sạt lở sau mưa lớn, đề nghị sớm gia cố trước mùa bão."),
        ("rain", "Cây xanh gãy đổ sau mưa bão trên tuyến đường qua {area} chưa được thu dọn."),
    ],
    "health": [
        ("", "Trạm y tế {place} thiếu một số thuốc điều trị bệnh mạn tính thuộc danh mục bảo hiểm y tế."),
        ("", "Người dân phản ánh thời gian chờ khám tại bệnh viện tuyến thành phố kéo dài, thủ tục chuyển tuyến còn phức tạp."),
        ("", "Cơ sở kinh doanh thực phẩm tại {market} bày bán hàng không rõ nguồn gốc, người dân lo ngại an toàn thực phẩm."),
        ("", "Người cao tuổi {area} đề nghị trạm y tế tổ chức khám sức khỏe định kỳ tại nhà văn hóa khu dân cư."),
        ("summer", "Tại {area} xuất hiện ca sốt xuất huyết, người dân đề nghị phun thuốc diệt muỗi và vệ sinh môi trường."),
        ("summer", "Nhiều trẻ nhỏ tại {area} mắc bệnh tay chân miệng, phụ huynh lo lắng khi cho con đến lớp."),
        ("summer", "Người dân {area} phản ánh tình trạng mất điện, thiếu nước sạch những ngày nắng nóng, ảnh hưởng sức khỏe người già và trẻ nhỏ."),
    ],
    "education": [
        ("", "Phụ huynh phản ánh tình trạng dạy thêm, học thêm tại {school} chưa đúng quy định."),
        ("", "{school} thiếu phòng học, một số lớp phải học nhờ tại nhà văn hóa khu dân cư."),
        ("", "Phụ huynh lo lắng về an toàn giao thông trước cổng {school} giờ tan học."),
        ("", "Bếp ăn bán trú tại {school} chưa bảo đảm vệ sinh, phụ huynh đề nghị kiểm tra."),
        ("school", "Phụ huynh phản ánh các khoản thu đầu năm học tại {school} cao, một số khoản chưa được họp thống nhất."),
        ("school", "Sau sắp xếp trường lớp, học sinh {area} phải đi học xa, chưa có phương án đưa đón."),
        ("exam", "Phụ huynh {area} băn khoăn về chỉ tiêu tuyển sinh lớp 10 công lập năm nay."),
    ],
    "social-policy": [
        ("", "Việc chi trả trợ cấp xã hội hằng tháng cho người cao tuổi tại {area} chậm so với mọi năm."),
        ("", "Người dân {area} đề nghị công khai kết quả bình xét hộ nghèo, hộ cận nghèo."),
        ("", "Hồ sơ đề nghị xác nhận người có công với cách mạng của một số gia đình {area} giải quyết chậm."),
        ("", "Người lao động phản ánh doanh nghiệp trên địa bàn {place} nợ đóng bảo hiểm xã hội nhiều tháng."),
        ("", "Một số hộ nghèo {area} đang ở nhà tạm, dột nát, đề nghị được hỗ trợ theo chương trình xóa nhà tạm."),
        ("reform", "Cán bộ không chuyên trách {place} nghỉ việc sau sắp xếp chưa nhận được chế độ hỗ trợ."),
        ("insurance-campaign", "Sau buổi tuyên truyền về bảo hiểm xã hội tự nguyện, người dân {area} hỏi cách tính mức đóng và thời gian hưởng lương hưu."),
        ("insurance-campaign", "Nhiều hộ {area} phản ánh thẻ bảo hiểm y tế hộ gia đình tăng mức đóng, đề nghị được giải thích chính sách giảm trừ."),
        ("insurance-campaign", "Người lao động tự do {area} đề nghị hỗ trợ thủ tục tham gia bảo hiểm xã hội tự nguyện qua ứng dụng VssID."),
    ],
    "order-safety": [
        ("", "Tình trạng trộm cắp xe máy, gia cầm về đêm tại {area} gia tăng, người dân đề nghị tăng cường tuần tra."),
        ("", "Thanh thiếu niên tụ tập đua xe, lạng lách trên tuyến đường qua {area} vào ban đêm."),
        ("", "Người dân {area} nhận nhiều cuộc gọi từ số {phone} giả danh cán bộ công an, yêu cầu cài ứng dụng và chuyển tiền."),
        ("", "Nhiều cơ sở kinh doanh gas, xăng dầu nhỏ lẻ tại {area} chưa bảo đảm an toàn phòng cháy chữa cháy."),
        ("", "Nút giao tại {area} thiếu biển báo, đèn tín hiệu, thường xuyên xảy ra va chạm giao thông."),
        ("", "Người dân phản ánh tình trạng cho vay nặng lãi, đòi nợ kiểu xã hội đen tại {area}."),
        ("tet", "Tình trạng mua bán, tàng trữ pháo nổ trước Tết tại {area}; đề nghị tăng cường kiểm tra."),
    ],
    "culture-religion": [
        ("", "Việc tổ chức đám cưới, đám tang tại {area} còn kéo dài, sử dụng loa công suất lớn đến khuya."),
        ("", "Đình làng ở {area} xuống cấp, người dân đề nghị sớm có kế hoạch tu bổ."),
        ("", "Cơ sở thờ tự tại {area} đề nghị được hướng dẫn thủ tục sửa chữa, cải tạo công trình."),
        ("", "Thông tin sai lệch trên mạng xã hội về việc sáp nhập thôn, tổ dân phố tại {place} gây hoang mang trong Nhân dân."),
        ("festival", "Lễ hội đầu xuân tại {area} đông người, còn tình trạng chèo kéo, bán hàng không niêm yết giá."),
        ("festival", "Người dân phản ánh tình trạng đặt tiền lẻ, đốt vàng mã nhiều tại các di tích ở {area} dịp đầu năm."),
    ],
    "other": [
        ("", "Người dân {area} đề nghị thông tin cụ thể về tiến độ các công trình xây dựng nông thôn mới trên địa bàn."),
        ("", "Cử tri {area} đề nghị tổ chức đối thoại giữa chính quyền với Nhân dân về các vấn đề dân sinh."),
        ("", "Người dân quan tâm việc sử dụng nhà văn hóa {area} sau khi sáp nhập thôn, tổ dân phố."),
        ("reform", "Người dân {area} đề nghị công khai số điện thoại đường dây nóng của chính quyền cấp xã mới."),
    ],
}
FOLLOW_UPS = (
    "", " Đến nay tình trạng vẫn chưa được khắc phục.", " Sự việc tái diễn trong tuần này.",
    " Người dân đề nghị sớm có phương án xử lý.", " Nhiều hộ khác cũng có ý kiến tương tự.",
)
IDENTIFIERS = (
    "Người phản ánh đề nghị liên hệ lại qua số {phone}.",
    "Số điện thoại liên hệ của người phản ánh: {phone}.",
    "Người phản ánh cung cấp số CCCD {cccd} để xác minh.",
    "Liên hệ qua thư điện tử {email} hoặc số {phone}.",
    "Hộ gia đình đề nghị cơ quan chức năng gọi lại theo số {phone}.",
)
VILLAGES = (
    "Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "An Lạc", "Phú Xuân", "Đồng Tâm",
    "Tân Lập", "Hòa Bình", "Quyết Tiến", "Đại Hợp", "Xuân Sơn", "Cao Đôi", "Lạc Dục", "Đoài",
    "Phương Đường", "Tiền Phong", "Nhân Lý", "Kim Sơn", "Hạ Đoạn", "Văn Tràng",
)
PROJECTS = (
    "dự án mở rộng khu công nghiệp", "dự án cụm công nghiệp", "dự án khu đô thị mới",
    "dự án đường vành đai", "dự án nâng cấp tuyến đê", "dự án khu tái định cư",
)

ACKNOWLEDGEMENTS = ("", "", "", "Đã tiếp nhận, giao cán bộ phụ trách địa bàn xác minh.", "Đã tiếp nhận, báo cáo Thường trực để chỉ đạo.")
STARTS = (
    "", "Đã kiểm tra thực tế tại hiện trường.", "Đã làm việc với các hộ dân và đơn vị liên quan.",
    "Đang phối hợp với chính quyền cơ sở xác minh.", "Đã lập tổ công tác kiểm tra.",
)
NOTES = (
    "Đã báo cáo Thường trực Đảng ủy, chờ ý kiến chỉ đạo.",
    "Đã phản hồi tiến độ cho cộng tác viên để thông tin lại với người dân.",
    "Đang chờ kết quả kiểm tra của cơ quan chuyên môn.",
    "Đã đề nghị đưa nội dung vào chương trình tiếp xúc cử tri.",
    "Đã phối hợp Ủy ban Mặt trận Tổ quốc xã giám sát việc khắc phục.",
)
REFERRALS = (
    "Nội dung vượt thẩm quyền giải quyết của đơn vị; chuyển {unit} tham mưu xử lý theo chức năng.",
    "Chuyển {unit} chủ trì, phối hợp các ngành liên quan giải quyết.",
    "Theo phân công của Thường trực Ban, chuyển {unit} theo dõi, xử lý.",
)
RESOLUTIONS = {
    "land": (
        "Đã tổ chức đối thoại với các hộ dân; Hội đồng bồi thường rà soát, điều chỉnh đơn giá cho {n} hộ theo đúng quy định.",
        "Đã hòa giải thành tại cơ sở; các hộ thống nhất ranh giới sử dụng đất.",
        "UBND xã đã lập biên bản, yêu cầu tháo dỡ công trình vi phạm; các hộ đã tự tháo dỡ, trả lại hiện trạng.",
        "Đã công khai phương án bồi thường, hỗ trợ tại nhà văn hóa khu dân cư và giải thích chính sách; người dân đồng thuận.",
    ),
    "environment": (
        "Đã kiểm tra, lập biên bản cơ sở vi phạm; cơ sở đã dừng xả thải và lắp đặt hệ thống xử lý nước thải.",
        "Rác tồn đọng đã được thu gom; đơn vị vệ sinh môi trường bổ sung lịch thu gom hai lần mỗi tuần.",
        "Đã yêu cầu cơ sở che chắn, phun nước giảm bụi và chỉ hoạt động trong giờ hành chính; người dân xác nhận đã cải thiện.",
        "Đã tuyên truyền trên loa truyền thanh, ký cam kết với các hộ; tình trạng không tái diễn.",
    ),
    "prices": (
        "Đã phối hợp quản lý thị trường kiểm tra niêm yết giá; các điểm kinh doanh đã chấp hành.",
        "Đã làm việc với doanh nghiệp; doanh nghiệp cam kết trả đủ lương, thưởng cho người lao động trước ngày {n}.",
        "Hội Nông dân đã kết nối tiêu thụ, hỗ trợ các hộ ký hợp đồng bao tiêu sản phẩm.",
        "Đã giải thích cách tính giá và đối chiếu chỉ số công tơ; phần chênh lệch đã được điều chỉnh.",
    ),
    "public-services": (
        "Bộ phận một cửa đã bổ sung cán bộ tiếp nhận, niêm yết quy trình; hồ sơ tồn đọng đã được trả kết quả.",
        "Đã khắc phục lỗi ký số và hướng dẫn người dân nộp hồ sơ trực tuyến tại tổ công nghệ số cộng đồng.",
        "Đã bố trí điểm tiếp nhận lưu động hai buổi mỗi tuần tại nhà văn hóa khu dân cư.",
    ),
    "infrastructure": (
        "Đã nạo vét cống thoát nước, khơi thông dòng chảy; nước đã rút hết.",
        "Đã vá ổ gà, đưa tuyến đường vào kế hoạch duy tu năm sau.",
        "Đơn vị quản lý đã thay thế bóng đèn, sửa chữa đường dây chiếu sáng.",
        "Đã gia cố tạm bờ kênh bằng cọc tre, bao tải cát; lập hồ sơ sửa chữa kiên cố.",
    ),
    "health": (
        "Trạm y tế đã phun hóa chất diệt muỗi, tổ chức chiến dịch diệt bọ gậy tại các khu dân cư.",
        "Đã bổ sung cơ số thuốc; trạm y tế thông báo lịch cấp thuốc trên loa truyền thanh.",
        "Đoàn liên ngành đã kiểm tra, xử phạt cơ sở vi phạm an toàn thực phẩm.",
    ),
    "education": (
        "Phòng chuyên môn đã làm việc với nhà trường; các khoản thu chưa đúng quy định đã được hoàn trả.",
        "Nhà trường đã chấm dứt dạy thêm trái quy định, công khai kế hoạch ôn tập.",
        "Đã bố trí lực lượng hướng dẫn giao thông trước cổng trường giờ tan học.",
    ),
    "social-policy": (
        "Đã chi trả đủ trợ cấp tháng chậm cho các đối tượng; thông báo lịch chi trả cố định.",
        "Kết quả bình xét đã được niêm yết công khai tại nhà văn hóa khu dân cư.",
        "Hồ sơ đã được hoàn thiện, chuyển cơ quan có thẩm quyền giải quyết; gia đình đã nhận quyết định.",
    ),
    "order-safety": (
        "Công an cấp xã đã tăng cường tuần tra ban đêm; tình hình đã ổn định.",
        "Đã tuyên truyền phương thức lừa đảo trên loa truyền thanh và tại các buổi họp khu dân cư.",
        "Đã kiểm tra, xử lý các cơ sở vi phạm quy định phòng cháy chữa cháy.",
    ),
    "culture-religion": (
        "Đã vận động các gia đình thực hiện nếp sống văn minh trong việc cưới, việc tang.",
        "Ban quản lý di tích đã bố trí người hướng dẫn, niêm yết giá dịch vụ.",
        "Đã hướng dẫn cơ sở thờ tự lập hồ sơ sửa chữa theo quy định.",
    ),
    "other": (
        "Đã thông tin cụ thể tại hội nghị đối thoại với Nhân dân.",
        "Đã trả lời bằng văn bản và thông báo trên trang thông tin điện tử của địa phương.",
    ),
}
CLOSINGS = ("", "", "Người dân đồng tình với kết quả giải quyết.", "Đã thông báo kết quả trên hệ thống truyền thanh cơ sở.")
REOPENINGS = (
    "Tình trạng tái diễn, người dân tiếp tục phản ánh.",
    "Người dân chưa đồng tình với kết quả giải quyết, đề nghị xem xét lại.",
    "Kiểm tra lại cho thấy việc khắc phục chưa triệt để.",
)
UNRESOLVED = {
    Case.CloseReason.NOT_OURS: (
        "Nội dung là tranh chấp dân sự giữa các hộ, thuộc thẩm quyền của Tòa án; đã hướng dẫn người dân gửi đơn theo quy định.",
        "Vấn đề thuộc trách nhiệm của doanh nghiệp cung cấp dịch vụ; đã hướng dẫn người dân liên hệ trực tiếp.",
        "Nội dung thuộc thẩm quyền của cơ quan Trung ương; đã tổng hợp vào báo cáo tình hình dư luận xã hội gửi cấp trên.",
    ),
    Case.CloseReason.NO_ACTION: (
        "Kiểm tra thực tế không xác định được địa điểm, đối tượng cụ thể; đã thông tin lại cho cộng tác viên.",
        "Sự việc đã chấm dứt, không tái diễn khi kiểm tra; tiếp tục theo dõi qua mạng lưới cộng tác viên.",
        "Nội dung phản ánh chưa đủ căn cứ để xử lý; đã đề nghị cộng tác viên cung cấp thêm thông tin.",
    ),
    Case.CloseReason.DUPLICATE: (
        "Trùng nội dung với vụ việc đang giải quyết trên cùng địa bàn; các phản ánh được gộp vào vụ việc đó.",
    ),
}
# fmt: on
