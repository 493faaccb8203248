/** Finding a procedure in residents' words (issue 16): more results, no good match, English, browsing by ward. */
export default {
  find: {
    shown: 'Đang hiện {shown} / {total}',
    more: 'Xem thêm {n} thủ tục',
    relaxed: 'Không thủ tục nào có đủ các từ bạn gõ; kết quả dưới đây không tính: {words}.',
    no_match_title: 'Chưa có thủ tục nào đúng với “{query}”',
    no_match_hint: 'Thủ tục bạn cần có thể chưa có trong danh mục của ki-ốt này, hoặc được gọi bằng tên khác. Bạn có thể:',
    close_events: 'Chọn theo sự kiện trong đời',
    popular: 'Thủ tục người dân hay làm',
    loose: 'Xem {n} kết quả gần giống',
    ask_officer: 'Gọi cán bộ hỗ trợ',
    take_number: 'Lấy số thứ tự để hỏi tại quầy',
    others: 'Xem thêm {n} thủ tục khác (cấp tỉnh, cấp bộ, doanh nghiệp, tổ chức)',
    ward_only: 'Chỉ hiện thủ tục người dân làm tại phường, xã',
    ward_scope: 'Thủ tục người dân phường, xã này làm được',
    common_sectors: 'Lĩnh vực người dân hay dùng',
    other_sectors: 'Các lĩnh vực khác',
    legal_vietnamese: 'Văn bản pháp lý của thủ tục này bằng tiếng Việt.',
    english_name: 'Tên tiếng Anh',
  },
};
