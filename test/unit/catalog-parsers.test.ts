/**
 * The portal parsers on 31 real records from all seven ministries' folders. Every expected value
 * below was written by reading the record's raw text in test/fixtures/portal-records.jsonl.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Channel, Procedure } from '../../electron/core/catalog/model.js';
import { normalizeRecord, portalRecordSchema } from '../../electron/core/catalog/normalize.js';

const records = fs
  .readFileSync(new URL('../fixtures/portal-records.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => portalRecordSchema.parse(JSON.parse(l)));
const byCode = new Map(records.map((r) => [r.ma_thu_tuc, r]));

/** "online 7 working_days amount:10000" — kind, time, unit, fee in one readable string. */
function channelString(c: Channel): string {
  const time = c.time ? `${c.time.value}${c.time.unit ? ` ${c.time.unit}` : ''}` : '-';
  const fee = c.fee.kind === 'amount' ? `amount:${c.fee.amount}` : c.fee.kind;
  return `${c.kind} ${time} ${fee}`;
}

interface DocExpect {
  i: number;
  name: string | RegExp;
  group?: 'submit' | 'show';
  originals?: number;
  copies?: number;
  form?: string;
  caseTitle?: string | RegExp;
}

interface Case {
  code: string;
  ministry: string;
  channels: string[];
  /** Only the first N channels are listed when the rest repeat. */
  channelsPrefix?: boolean;
  channelNote?: { i: number; contains: string };
  feeText?: { i: number; contains: string };
  docs: DocExpect[];
  /** Codes of the legal bases: in order from the first (prefix), or `contains`. */
  codes?: string[];
  codesContain?: string[];
  results: [string, string | null, string?][];
}

const cases: Case[] = [
  {
    code: '1.001193', ministry: 'bo-tu-phap',
    channels: ['online 1 free', 'post 1 free', 'in_person 1 free'],
    docs: [{ i: 0, group: 'submit', name: /^Trường hợp trẻ em bị bỏ rơi thì phải có biên bản/, originals: 1, copies: 0 }],
    codes: ['85/2019/TT-BTC', '104/2022/NĐ-CP', '123/2015/NĐ-CP'],
    results: [['Giấy khai sinh', 'KQ.G15.000031']],
  },
  {
    code: '1.000894', ministry: 'bo-tu-phap',
    channels: ['online 1 free', 'post 1 free', 'in_person 1 free'],
    channelNote: { i: 0, contains: 'Miễn lệ phí' },
    docs: [{ i: 0, group: 'show', name: /^Hộ chiếu\/Thẻ căn cước công dân\/Thẻ căn cước/ }],
    codes: ['04/2020/TT-BTP', '07/2025/NĐ-CP'],
    results: [['Giấy chứng nhận kết hôn', 'KQ.G15.000032']],
  },
  {
    code: '1.000656', ministry: 'bo-tu-phap',
    channels: ['online 1 free'], channelsPrefix: true,
    channelNote: { i: 0, contains: 'Hội đồng nhân dân tỉnh' },
    docs: [{ i: 0, group: 'submit', name: /^Giấy báo tử hoặc giấy tờ thay Giấy báo tử/, originals: 1 }],
    codes: ['85/2019/TT-BTC'],
    results: [['Trích lục khai tử', 'KQ.G15.000034']],
  },
  {
    code: '2.000635', ministry: 'bo-tu-phap',
    channels: ['online - amount:8000', 'post - amount:8000', 'in_person - amount:8000'],
    docs: [{ i: 0, group: 'submit', name: /^Trường hợp gửi hồ sơ qua hệ thống bưu chính/, originals: 0 }],
    codes: ['66.7/2025/NQ-CP', '04/2020/TT-BTP'],
    results: [['Bản sao Trích lục hộ tịch, bản sao giấy khai sinh', 'KQ.G15.000342']],
  },
  {
    code: '1.004873', ministry: 'bo-tu-phap',
    channels: ['online 3 free', 'post 3 free'], channelsPrefix: true,
    docs: [{ i: 0, group: 'submit', name: /^Trường hợp cá nhân yêu cầu cấp lại Giấy xác nhận tình trạng hôn nhân/, originals: 1 }],
    codes: ['85/2019/TT-BTC'],
    results: [['Giấy xác nhận tình trạng hôn nhân', 'KQ.G15.000038']],
  },
  {
    code: '1.004194', ministry: 'bo-cong-an',
    channels: ['online 3 working_days amount:7000'], channelsPrefix: true,
    channelNote: { i: 0, contains: '7.000 đồng/lần đăng ký' },
    docs: [{ i: 0, caseTitle: 'Hồ sơ đăng ký tạm trú gồm', name: /^Ví dụ: Trường hợp giấy tờ, tài liệu chứng minh chỗ ở hợp pháp/ }],
    codesContain: ['55/2021/TT-BCA'],
    results: [
      ['Phiếu từ chối tiếp nhận, giải quyết hồ sơ (lĩnh vực cư trú)', 'KQ.G01.000067'],
      ['Cập nhật thông tin trong Cơ sở dữ liệu quốc gia về dân cư', 'KQ.G01.000064'],
    ],
  },
  {
    code: '1.004222', ministry: 'bo-cong-an',
    channels: ['online 7 working_days amount:10000', 'in_person 7 working_days amount:20000'],
    docs: [{ i: 0, caseTitle: 'Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình', name: /^Văn bản xác nhận của Ủy ban nhân dân cấp xã về địa điểm phương tiện/ }],
    codes: ['66.7/2025/NQ-CP'],
    results: [
      ['Cập nhật thông tin trong Cơ sở dữ liệu quốc gia về dân cư', 'KQ.G01.000064'],
      ['Thông báo kết quả giải quyết thủ tục về cư trú, hủy bỏ thủ tục về cư trú', 'KQ.G01.000065'],
    ],
  },
  {
    code: '1.002010', ministry: 'bo-tu-phap',
    channels: ['online 7 working_days text', 'post 7 working_days text', 'in_person 7 working_days text'],
    feeText: { i: 0, contains: '50 VNĐ' },
    channelNote: { i: 0, contains: '25.000 đồng/hồ sơ' },
    docs: [
      { i: 0, name: 'Dự thảo Điều lệ của công ty luật', originals: 1, copies: 0 },
      { i: 1, name: 'Giấy tờ chứng minh về trụ sở của tổ chức hành nghề luật sư.', originals: 0, copies: 1 },
      { i: 2, name: 'Giấy đề nghị đăng ký hoạt động theo mẫu thống nhất', form: 'Mẫu TP-LS-02-sđ.docx', originals: 1 },
    ],
    codes: ['64/2025/TT-BTC', '47/2019/TT-BTC'],
    results: [
      ['Giấy đăng ký hoạt động cho Văn phòng luật sư/Công ty TNHH 1 thành viên', 'KQ.G15.000168'],
      ['Giấy đăng ký hoạt động cho Công ty Luật hợp danh/Công ty TNHH 2 thành viên trở lên', 'KQ.G15.000329'],
    ],
  },
  {
    code: '3.000444', ministry: 'bo-tu-phap',
    channels: ['online 10 working_days free', 'post 10 working_days free', 'in_person 10 working_days free'],
    docs: [
      { i: 0, name: 'Văn bản đề nghị công nhận hoàn thành tập sự', originals: 1 },
      { i: 1, name: /^Bản chính hoặc bản sao có chứng thực hoặc bản sao điện tử báo cáo kết quả tập sự/, originals: 1 },
    ],
    codes: ['06/2025/TT-BTP'],
    results: [['Quyết định công nhận hoàn thành tập sự hành nghề công chứng hoặc văn bản từ chối có nêu rõ lý do', null, 'adjfsbj']],
  },
  {
    code: '1.000178', ministry: 'bo-cong-an',
    channels: ['post 60 working_days unknown'], channelsPrefix: true,
    channelNote: { i: 0, contains: 'Thời hạn giải quyết khiếu nại lần đầu không quá 30 ngày' },
    docs: [
      { i: 0, name: 'Tài liệu, chứng cứ do các bên cung cấp', originals: 1 },
      { i: 1, name: 'Quyết định giải quyết khiếu nại', originals: 1 },
    ],
    codes: ['68/2013/TT-BCA', '02/2011/QH13', '11/2015/TT-BCA'],
    results: [['Quyết định giải quyết khiếu nại lần 1, lần 2', 'KQ.G01.00262']],
  },
  {
    code: '1.003777', ministry: 'bo-cong-an',
    channels: ['in_person 10 days unknown', 'in_person 10 days unknown', 'in_person 10 days unknown'], channelsPrefix: true,
    docs: [
      { i: 0, caseTitle: /^Hồ sơ hưởng chế độ hằng tháng chuyển đến Sở Lao động/, name: 'Bản khai cá nhân (Mẫu số 03).', form: 'Mẫu 03.TT41.doc', originals: 1 },
      { i: 1, form: 'Mẫu 05A.TT41.doc', name: /^Quyết định về việc hưởng chế độ trợ cấp hằng tháng/ },
    ],
    codes: ['53/2010/QĐ-TTg'],
    results: [
      ['Quyết định về việc hưởng chế độ trợ cấp hàng tháng (Mẫu số 05A)', 'KQ.G01.000105'],
      ['Quyết định về việc hưởng chế độ trợ cấp một lần (Mẫu số 05B)', 'KQ.G01.000106'],
    ],
  },
  {
    code: '3.000350', ministry: 'bo-cong-an',
    channels: ['in_person 5 working_days text'],
    feeText: { i: 0, contains: '135 VNĐ' },
    channelNote: { i: 0, contains: '135.000 đồng/lần' },
    docs: [
      { i: 0, name: /^Giấy khám sức khỏe của người lái xe/, originals: 1 },
      { i: 1, name: /^Bản sao giấy tờ chứng minh thôi không còn phục vụ trong lực lượng Công an nhân dân/, originals: 0, copies: 1 },
    ],
    codes: ['12/2025/TT-BCA'],
    results: [['Giấy phép lái xe', 'KQ.G01.000185']],
  },
  {
    code: '1.000480', ministry: 'ngan-hang-nha-nuoc',
    channels: ['post 30 days free', 'in_person 30 days free'],
    docs: [
      { i: 0, name: 'Đơn đề nghị chuyển đổi Giấy phép', form: 'Phlc8.docx', originals: 0, copies: 2 },
      { i: 1, name: /^Quy chế quản lý, kiểm soát nội bộ đối với nguồn thu, chi ngoại tệ/, originals: 2 },
    ],
    codes: ['24/2026/NQ-CP'],
    results: [['Giấy phép thu, chi ngoại tệ và các hoạt động ngoại hối khác/ Văn bản từ chối', 'KQ.G19.000183']],
  },
  {
    code: '1.000823', ministry: 'ngan-hang-nha-nuoc',
    channels: ['post 22 working_days free', 'in_person 22 working_days free'],
    docs: [{ i: 0, name: /^Đơn đề nghị chuyển đổi Giấy phép theo Mẫu số 08/, form: 'Mus08.docx', originals: 1 }],
    codes: ['121/2021/NĐ-CP', '24/2026/NQ-CP'],
    results: [['Giấy phép thu, chi ngoại tệ và các hoạt động ngoại hối khác', 'KQ.G19.000181']],
  },
  {
    code: '1.001651', ministry: 'ngan-hang-nha-nuoc',
    channels: ['online 10 days free', 'post 10 days free', 'in_person 10 days free'],
    docs: [
      { i: 0, name: /^Phương án xử lý các rủi ro phát sinh do việc tạm ngừng giao dịch/, originals: 1 },
      { i: 1, name: 'Nghị quyết của Đại hội thành viên về việc tạm ngừng giao dịch', originals: 1 },
    ],
    codesContain: ['73/2025/TT-NHNN', '32/2024/QH15'],
    results: [
      ['Văn bản chấp thuận tạm ngừng giao dịch của tổ chức tín dụng là hợp tác xã', 'KQ.G19.000515'],
      ['Văn bản từ chối tạm ngừng giao dịch của tổ chức tín dụng là hợp tác xã', 'KQ.G19.000516'],
    ],
  },
  {
    code: '1.000811', ministry: 'bo-cong-an',
    channels: ['online 21 days amount:1200000', 'post 21 working_days free', 'in_person 21 days amount:1200000'],
    docs: [{ i: 0, name: /^01 tờ khai đề nghị cấp thẻ ABTC \(mẫu TK06\)/ }],
    codes: ['25/2021/TT-BTC', '49/2019/QH14', '09/2023/QĐ-TTg'],
    results: [['Thẻ ABTC (thẻ cứng hoặc thẻ điện tử)', 'KQ.G01.000084']],
  },
  {
    code: '1.007664', ministry: 'bo-tai-chinh',
    channels: ['online 1 free', 'in_person 1 free'],
    docs: [{ i: 0, caseTitle: /^Ngoài hồ sơ miễn thuế nêu trên/, name: /^Giấy phép lao động hoặc văn bản có giá trị tương đương/, originals: 0, copies: 1 }],
    codes: ['54/2014/QH13', '107/2016/QH13', '134/2016/NĐ-CP'],
    results: [
      ['Thực hiện miễn thuế theo quy định', 'KQ.G12.001222'],
      ['Thông báo lý do không thuộc diện được miễn thuế, thu thuế và xử phạt vi phạm (nếu có) theo quy định', 'KQ.G12.001223'],
    ],
  },
  {
    code: '3.000042', ministry: 'bo-tai-chinh',
    channels: ['post 30 days free', 'in_person 30 days free'],
    docs: [
      { i: 0, name: /^b\) Các văn bản của Chính phủ, Thủ tướng Chính phủ phê duyệt/, originals: 0, copies: 1 },
      { i: 1, name: /^g\) Các cam kết của Đối tượng được bảo lãnh/, originals: 1 },
    ],
    codes: ['92/2018/NĐ-CP'],
    results: [['Thư bảo lãnh của Bộ Tài chính', 'KQ.G12.000693']],
  },
  {
    code: '1.010093', ministry: 'bo-nong-nghiep-mt',
    channels: ['online 2 working_days free', 'post 2 working_days free', 'in_person 2 working_days free'],
    channelNote: { i: 0, contains: 'Trong thời hạn 02 ngày làm việc' },
    docs: [{ i: 0, name: /^Danh mục hàng hóa, vật tư, trang thiết bị hỗ trợ/, form: 'Phu lục II NĐ 66.doc', originals: 1 }],
    codes: ['66/2021/NĐ-CP', '53/2026/NĐ-CP'],
    results: [['Thông báo kết quả xử lý hồ sơ đến tổ chức, cá nhân nộp hồ sơ đăng ký', 'KQ.G10.001108']],
  },
  {
    code: '1.012834', ministry: 'bo-nong-nghiep-mt',
    channels: ['online 20 days free', 'post 20 days free', 'in_person 20 days free'],
    docs: [{ i: 0, caseTitle: /^\(i\) Đối với hồ sơ đề nghị hỗ trợ sản xuất, chế biến/, name: 'Văn bản đề nghị hỗ trợ kinh phí theo Mẫu số 07 Phụ lục ban hành kèm theo Nghị định số 106/2024/NĐ-CP', originals: 1 }],
    codes: ['106/2024/NĐ-CP'],
    results: [['Quyết định phê duyệt kinh phí hỗ trợ (thủ tục theo Nghị định 106/2024/NĐ-CP)', 'KQ.G10.000521']],
  },
  {
    code: '2.000769', ministry: 'bo-xay-dung',
    channels: ['in_person 3 working_days free'],
    channelNote: { i: 0, contains: '72/2011/TTLT-BTC-BGTVT' },
    docs: [{ i: 0, name: '03 ảnh màu kích thước 2x3 cm chụp không quá 06 tháng', originals: 1 }],
    codes: [],
    results: [['Chứng chỉ bồi dưỡng kiến thức pháp luật về giao thông đường bộ', 'KQ.G17.000333']],
  },
  {
    code: '1.002693', ministry: 'bo-xay-dung',
    channels: ['in_person 10 working_days unknown', 'online 10 working_days unknown', 'post 10 working_days unknown'],
    channelNote: { i: 0, contains: '20 ngày làm việc đối với trường hợp' },
    docs: [
      { i: 0, name: 'Đơn đề nghị cấp giấy phép chặt hạ, dịch chuyển cây xanh theo Mẫu số 01 Phụ lục I của Nghị định số 258/2025/NĐ-CP', form: 'Mẫu số 01.docx', originals: 1 },
      { i: 1, name: 'Ảnh chụp hiện trạng cây xanh đô thị cần chặt hạ, dịch chuyển', originals: 0, copies: 1 },
    ],
    codes: ['258/2025/NĐ-CP', '47/2024/QH15'],
    results: [['Giấy phép chặt hạ, dịch chuyển cây xanh', 'KQ.H17.000039']],
  },
  {
    code: '1.006391', ministry: 'bo-xay-dung',
    channels: ['online 2 working_days amount:70000'], channelsPrefix: true,
    channelNote: { i: 0, contains: '70.000 đồng/giấy' },
    docs: [{ i: 0, group: 'submit', caseTitle: 'Giấy tờ phải nộp để lưu giữ tại cơ quan đăng ký phương tiện', name: 'Đơn đề nghị đăng ký lại phương tiện thủy nội địa theo quy định', form: 'Mauon.docx', originals: 1 }],
    codes: ['09/2025/TT-BXD'],
    results: [['Giấy chứng nhận đăng ký phương tiện thủy nội địa', 'KQ.G17.000321']],
  },
  {
    code: '3.000379', ministry: 'bo-cong-an',
    channels: ['online 12 working_days free'], channelsPrefix: true,
    channelNote: { i: 0, contains: '50.000.000 đồng' },
    docs: [{ i: 0, name: 'Văn bản đề nghị cấp giấy phép (theo mẫu)', form: '12.1.PLCpgiyphpcungcpDVHKnngh.docx', originals: 1 }],
    codes: ['64/2022/NĐ-CP', '15/2024/NĐ-CP'],
    results: [['Giấy phép cung cấp dịch vụ hàng không tại cảng hàng không, sân bay', 'KQ.G01.000184']],
  },
  {
    code: '5.003797', ministry: 'bo-xay-dung',
    channels: ['in_person 1 days unknown', 'online 1 days unknown', 'post 1 days unknown'],
    channelNote: { i: 0, contains: 'không quy định cụ thể' },
    docs: [{ i: 0, caseTitle: 'Hồ sơ trình thẩm định nhiệm vụ lập quy hoạch gồm các tài liệu sau đây', name: /^Tờ trình thẩm định nhiệm vụ lập quy hoạch cảng hàng không, sân bay/, originals: 1 }],
    codes: ['33/2025/NĐ-CP', '05/2021/NĐ-CP'],
    results: [['Quyết định phê duyệt quy hoạch tổng thể phát triển hệ thống cảng hàng không sân bay toàn quốc', 'KQ.G17.000278']],
  },
  {
    code: '1.002046', ministry: 'bo-xay-dung',
    channels: ['in_person 2 working_days unknown'],
    docs: [{ i: 0, name: 'Giấy phép liên vận GMS hoặc sổ TAD (bản chính).', originals: 1 }],
    codes: ['158/2024/NĐ-CP'],
    results: [['Gia hạn thời gian lưu hành tại Việt Nam cho phương tiện của các nước thực hiện Hiệp định GMS', 'KQ.G04.000503']],
  },
  {
    code: '1.012363', ministry: 'bo-tai-chinh',
    channels: ['post 30 days free', 'in_person 30 days free'],
    docs: [{ i: 0, name: 'Văn bản đề nghị đăng ký hoặc thay đổi theo mẫu quy định tại Phụ lục XI ban hành kèm theo Nghị định 46/2023/NĐ-CP', originals: 1 }],
    codes: [],
    results: [
      ['Văn bản thông báo lý do từ chối của Bộ Tài chính', 'KQ.G12.001161'],
      ['Văn bản ghi nhận đăng ký nguyên tắc tách nguồn vốn chủ sở hữu, nguồn phí bảo hiểm', 'KQ.G12.000778'],
    ],
  },
  {
    code: '1.014980', ministry: 'bo-cong-an',
    channels: ['in_person 3 working_days unknown', 'online 3 working_days unknown'], channelsPrefix: true,
    docs: [
      // The quantity is glued to the year: "…ngày 24/07/20231 bản chính".
      { i: 0, name: 'Văn bản đề nghị ghi đầy đủ nội dung theo mẫu quy định tại Phụ lục IX ban hành kèm theo Nghị định số 56/2023/NĐ-CP ngày 24/07/2023', originals: 1 },
      { i: 1, name: /^Danh sách cá nhân tham gia huấn luyện/, originals: 1 },
    ],
    codes: ['137/2020/NĐ-CP'],
    results: [['Thông báo về việc đồng ý đề nghị huấn luyện kỹ thuật an toàn trong sản xuất, quản lý, bảo quản, sử dụng pháo hoa, pháo hoa nổ, thuốc pháo', 'KQ.G01.000268']],
  },
  {
    code: '3.000163', ministry: 'toa-an-nhan-dan',
    channels: ['online 1 free', 'in_person 1 free'],
    docs: [
      { i: 0, group: 'submit', name: 'Đơn khởi kiện', originals: 1 },
      { i: 1, name: 'Tài liệu, chứng cứ kèm theo (nếu có)', originals: 0, copies: 1 },
    ],
    codes: ['02/2014/TTLT-TANDTC-VKSNDTC-BTP-BTC', '110/2015/QH13', '21/2014/L-CTN', '56/2010/QH12'],
    results: [['Văn bản tố tụng của Tòa án theo tiến trình giải quyết', null, 'VBTT']],
  },
  {
    code: '3.000164', ministry: 'toa-an-nhan-dan',
    channels: ['online 1 free', 'in_person 1 free'],
    docs: [
      { i: 0, name: 'Đăng ký nhận thông báo, văn bản tố tụng bằng phương tiện điện tử', originals: 1 },
      { i: 1, name: 'Thông tin vụ/việc', originals: 0 },
    ],
    codes: ['02/2012/NQ-HĐTP', '110/2015/QH13', '21/2014/L-CTN', '56/2010/QH12'],
    results: [['Văn bản tố tụng của Tòa án theo tiến trình giải quyết', null, 'VBTT']],
  },
  {
    code: '3.000165', ministry: 'toa-an-nhan-dan',
    channels: ['online 1 free', 'in_person 1 free'],
    docs: [
      { i: 0, name: 'Đơn đăng ký cấp sao tài liệu', originals: 1 },
      { i: 1, name: 'Chứng minh nhân dân/Căn cước công dân', originals: 0, copies: 1 },
    ],
    codes: [],
    results: [['Văn bản tố tụng của Tòa án theo tiến trình giải quyết', null, 'VBTT']],
  },
];

describe('portal parsers on real records', () => {
  it('cover at least 30 records from all seven ministries', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.ministry))).toEqual(new Set(records.map((r) => r.bo_nganh_slug)));
    expect(new Set(records.map((r) => r.bo_nganh_slug)).size).toBe(7);
  });

  for (const c of cases) {
    describe(`${c.code} (${c.ministry})`, () => {
      const record = byCode.get(c.code);
      const p: Procedure = normalizeRecord(record!);

      it('reads every channel with its time and fee', () => {
        const got = p.channels.map(channelString);
        if (c.channelsPrefix) expect(got.slice(0, c.channels.length)).toEqual(c.channels);
        else expect(got).toEqual(c.channels);
        if (c.channelNote) expect(p.channels[c.channelNote.i]!.note).toContain(c.channelNote.contains);
        if (c.feeText) expect(p.channels[c.feeText.i]!.feeText).toContain(c.feeText.contains);
        expect(p.unparsed.channels).toBeUndefined();
      });

      it('reads the documents with their quantities, forms and groups', () => {
        for (const d of c.docs) {
          const doc = p.documents[d.i];
          expect(doc, `document ${d.i}`).toBeDefined();
          if (typeof d.name === 'string') expect(doc!.name).toBe(d.name);
          else expect(doc!.name).toMatch(d.name);
          if (d.group) expect(doc!.group).toBe(d.group);
          if (d.originals !== undefined) expect(doc!.originals).toBe(d.originals);
          if (d.copies !== undefined) expect(doc!.copies).toBe(d.copies);
          if (d.form !== undefined) expect(doc!.form).toBe(d.form);
          if (d.caseTitle !== undefined) {
            if (typeof d.caseTitle === 'string') expect(doc!.caseTitle).toBe(d.caseTitle);
            else expect(doc!.caseTitle).toMatch(d.caseTitle);
          }
        }
      });

      it('reads the legal bases with their codes', () => {
        const codes = p.legalBases.map((l) => l.code).filter(Boolean);
        if (c.codes) expect(codes.slice(0, c.codes.length)).toEqual(c.codes);
        for (const code of c.codesContain ?? []) expect(codes).toContain(code);
      });

      it('reads the result documents with their KQ codes', () => {
        const got = p.results.map((r) => (r.code === null ? [r.name, null, r.codeText ?? undefined] : [r.name, r.code]));
        expect(got.slice(0, c.results.length)).toEqual(c.results.map((r) => (r[1] === null ? [r[0], null, r[2]] : [r[0], r[1]])));
      });
    });
  }
});
