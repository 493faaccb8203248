import type { LifeEvent, Procedure } from './model.js';
import { searchFold } from '../text/fold.js';

interface LifeEventRule {
  id: string;
  name: { vi: string; en: string };
  /** Every procedure of these sectors belongs to the event… */
  sectors: string[];
  /** …and every procedure whose name contains one of these words (any case, any tones). */
  keywords: string[];
  /** Names that match a keyword but are not what a resident means (dầu khí "biến động"…). */
  exclude?: string[];
}

/** Life events as residents think of them, mapped to procedures by sector and keywords. */
export const LIFE_EVENT_RULES: LifeEventRule[] = [
  { id: 'sinh-con', name: { vi: 'Sinh con', en: 'Having a baby' }, sectors: ['Nuôi con nuôi'], keywords: ['khai sinh', 'nhận cha, mẹ, con', 'trẻ em dưới 6 tuổi', 'dưới 14 tuổi'] },
  { id: 'ket-hon', name: { vi: 'Kết hôn', en: 'Getting married' }, sectors: [], keywords: ['kết hôn', 'tình trạng hôn nhân', 'ly hôn'] },
  { id: 'qua-doi', name: { vi: 'Qua đời', en: 'Death of a family member' }, sectors: [], keywords: ['khai tử', 'mai táng', 'tử tuất', 'xóa đăng ký thường trú'] },
  {
    id: 'cu-tru-giay-to',
    name: { vi: 'Cư trú và giấy tờ tùy thân', en: 'Residence and identity papers' },
    sectors: ['Đăng ký, quản lý cư trú', 'Cấp, quản lý căn cước', 'Định danh và xác thực điện tử'],
    keywords: ['hộ chiếu phổ thông', 'chứng minh nhân dân', 'thay đổi, cải chính', 'xác định lại dân tộc', 'bản sao trích lục'],
  },
  {
    id: 'kinh-doanh',
    name: { vi: 'Kinh doanh', en: 'Running a business' },
    sectors: ['Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)', 'Thành lập và hoạt động của doanh nghiệp', 'Thành lập và hoạt động của tổ hợp tác, hợp tác xã, liên hiệp hợp tác xã', 'Hỗ trợ doanh nghiệp nhỏ và vừa'],
    keywords: ['hộ kinh doanh', 'đăng ký thuế lần đầu đối với người nộp thuế là cá nhân', 'điều kiện về an ninh, trật tự'],
  },
  { id: 'xay-dung-nha-o', name: { vi: 'Xây dựng và nhà ở', en: 'Building and housing' }, sectors: ['Hoạt động xây dựng', 'Nhà ở và công sở', 'Kinh doanh bất động sản', 'Quy hoạch đô thị và nông thôn', 'Kiến trúc'], keywords: ['giấy phép xây dựng'] },
  { id: 'dat-dai', name: { vi: 'Đất đai', en: 'Land' }, sectors: ['Đất đai', 'Tài chính đất đai', 'Đo đạc, bản đồ và thông tin địa lý'], keywords: ['quyền sử dụng đất'], exclude: ['dầu khí'] },
  {
    id: 'xe-lai-xe',
    name: { vi: 'Xe và lái xe', en: 'Vehicles and driving' },
    sectors: ['Sát hạch, cấp giấy phép lái xe', 'Đăng ký, quản lý phương tiện giao thông cơ giới, xe máy chuyên dùng', 'Bảo đảm trật tự, an toàn giao thông đường bộ', 'Kiểm tra kiến thức pháp luật về trật tự, an toàn giao thông đường bộ'],
    keywords: ['giấy phép lái xe', 'đăng ký xe', 'biển số xe'],
  },
  {
    id: 'bao-hiem',
    name: { vi: 'Bảo hiểm', en: 'Insurance' },
    sectors: ['Thực hiện chính sách BHXH', 'Chi trả các chế độ BHXH', 'Thực hiện chính sách BHYT', 'Thu BHXH, BHYT, BHTN, BH tai nạn lao động, BNN', 'Cấp sổ BHXH, thẻ BHYT'],
    keywords: ['bảo hiểm y tế', 'bảo hiểm xã hội', 'thất nghiệp'],
  },
  { id: 'khieu-nai-to-cao', name: { vi: 'Khiếu nại – tố cáo', en: 'Complaints and denunciations' }, sectors: ['Khiếu nại, tố cáo'], keywords: ['khiếu nại', 'tố cáo', 'tiếp công dân', 'kiến nghị, phản ánh'] },
  { id: 'chung-thuc-tu-phap', name: { vi: 'Chứng thực và lý lịch tư pháp', en: 'Certification and criminal records' }, sectors: ['Chứng thực', 'Lý lịch tư pháp', 'Công chứng'], keywords: ['chứng thực'] },
  { id: 'chinh-sach-xa-hoi', name: { vi: 'Chính sách xã hội', en: 'Social support' }, sectors: ['Người có công', 'Giảm nghèo', 'Trợ giúp pháp lý', 'Bảo trợ xã hội'], keywords: ['trợ cấp', 'hỗ trợ khám chữa bệnh'] },
];

/** Project 06's 25 essential services (online-only since 1/10/2025), with the codes the catalog has for each. */
export const ESSENTIAL_SERVICES: { vi: string; codes: string[] }[] = [
  { vi: 'Xác nhận số chứng minh nhân dân cũ', codes: ['1.012566'] },
  { vi: 'Cấp, cấp lại, cấp đổi thẻ căn cước', codes: ['1.014061', '1.014062', '1.014063', '1.014064', '2.000200', '2.001194', '2.001195'] },
  { vi: 'Đăng ký thường trú', codes: ['1.004222'] },
  { vi: 'Đăng ký tạm trú', codes: ['1.004194'] },
  { vi: 'Khai báo tạm vắng', codes: ['1.003677'] },
  { vi: 'Thông báo lưu trú', codes: ['2.001159'] },
  { vi: 'Đăng ký, cấp biển số xe mô tô, xe gắn máy', codes: ['1.012575', '1.013066'] },
  { vi: 'Nộp phạt vi phạm hành chính giao thông', codes: [] },
  { vi: 'Cấp hộ chiếu phổ thông', codes: ['1.001456', '1.001471'] },
  { vi: 'Đăng ký mẫu con dấu mới', codes: ['2.001403'] },
  { vi: 'Đăng ký dấu nổi, dấu thu nhỏ, dấu xi', codes: [] },
  { vi: 'Cấp đổi giấy phép lái xe', codes: ['3.000347'] },
  { vi: 'Cấp Phiếu lý lịch tư pháp', codes: ['3.000333'] },
  { vi: 'Đăng ký khai sinh', codes: ['1.001193'] },
  { vi: 'Đăng ký khai tử', codes: ['1.000656'] },
  { vi: 'Đăng ký kết hôn', codes: ['1.000894'] },
  { vi: 'Liên thông khai sinh, thường trú, thẻ BHYT cho trẻ dưới 6 tuổi', codes: ['2.000986', '2.001023'] },
  { vi: 'Liên thông khai tử, xóa thường trú, trợ cấp mai táng', codes: [] },
  { vi: 'Đăng ký biến động đất đai', codes: ['1.013833', '1.013992'] },
  { vi: 'Giảm trừ mức đóng BHYT theo hộ gia đình', codes: [] },
  { vi: 'Đăng ký thuế cho hộ gia đình, cá nhân', codes: ['1.008498'] },
  { vi: 'Cấp điện mới từ lưới điện hạ áp', codes: [] },
  { vi: 'Thay đổi chủ thể hợp đồng mua bán điện', codes: [] },
  { vi: 'Đăng ký dự thi tốt nghiệp THPT và xét tuyển đại học', codes: [] },
  { vi: 'Giải quyết hưởng trợ cấp thất nghiệp', codes: [] },
];

export const ESSENTIAL_CODES = new Set(ESSENTIAL_SERVICES.flatMap((s) => s.codes));

/** Resolves the rules against the catalog. */
export function buildLifeEvents(procedures: Procedure[]): LifeEvent[] {
  return LIFE_EVENT_RULES.map((rule) => {
    const keywords = rule.keywords.map(searchFold);
    const exclude = (rule.exclude ?? []).map(searchFold);
    const sectors = new Set(rule.sectors);
    const codes = procedures
      .filter((p) => {
        const name = searchFold(p.name);
        if (exclude.some((e) => name.includes(e))) return false;
        return sectors.has(p.sector) || keywords.some((k) => name.includes(k));
      })
      .map((p) => p.code);
    return { id: rule.id, name: rule.name, procedureCodes: codes };
  });
}
