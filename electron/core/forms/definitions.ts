import type { FieldDef, FormDefinition } from './types.js';

const f = (id: string, vi: string, en: string, type: FieldDef['type'], extra: Partial<FieldDef> = {}): FieldDef => ({ id, label: { vi, en }, type, ...extra });
const sex = (id: string, vi: string, en: string) =>
  f(id, vi, en, 'select', { required: true, options: [{ value: 'Nam', label: { vi: 'Nam', en: 'Male' } }, { value: 'Nữ', label: { vi: 'Nữ', en: 'Female' } }] });
const relationship = (id: string) =>
  f(id, 'Quan hệ với người được đăng ký', 'Relationship to the person registered', 'select', {
    required: true,
    options: [
      { value: 'cha-me', label: { vi: 'Cha, mẹ', en: 'Parent' } },
      { value: 'ong-ba', label: { vi: 'Ông, bà', en: 'Grandparent' } },
      { value: 'vo-chong', label: { vi: 'Vợ, chồng', en: 'Spouse' } },
      { value: 'con', label: { vi: 'Con', en: 'Child' } },
      { value: 'anh-chi-em', label: { vi: 'Anh, chị, em', en: 'Sibling' } },
      { value: 'uy-quyen', label: { vi: 'Người được ủy quyền', en: 'Authorised person' } },
      { value: 'ban-than', label: { vi: 'Bản thân', en: 'Myself' } },
    ],
  });
const residence = (id: string, vi = 'Nơi cư trú', en = 'Place of residence') => f(id, vi, en, 'text', { required: true });
const paper = (id: string, vi: string, en: string, required = true) => ({ id, name: { vi, en }, required });
/**
 * "Does the person concerned live here?" asked of the right person for each procedure, and never a
 * wall: since the 2025 reform a ward's one-stop office helps residents file online to the competent
 * ward wherever they live, so another answer is explained, not refused.
 */
const livesHere = (id: string, vi: string, en: string, whereVi: string, whereEn: string) => ({
  id,
  question: { vi, en },
  mustBe: true,
  guideOnly: true,
  explain: {
    vi: `Bạn vẫn có thể nộp hồ sơ tại ki-ốt này. Việc giải quyết thuộc UBND phường/xã ${whereVi}; hồ sơ được chuyển trực tuyến tới đó, cán bộ sẽ liên hệ nếu cần bổ sung, và bạn nhận kết quả tại đó hoặc qua bưu chính.`,
    en: `You can still file here. The ward ${whereEn} decides; the dossier is sent there online, an officer will call if anything is missing, and you collect the result there or by post.`,
  },
});

/** The guided forms of the kiosk (issue 5 names these seven). */
export const FORM_DEFINITIONS: FormDefinition[] = [
  {
    procedureCode: '1.001193',
    title: { vi: 'Đăng ký khai sinh', en: 'Birth registration' },
    eligibility: [
      livesHere('ward', 'Cha hoặc mẹ của trẻ đang cư trú tại phường/xã này?', 'Does the child’s father or mother live in this ward?', 'nơi cha hoặc mẹ của trẻ cư trú', 'where the father or the mother lives'),
      { id: 'foreign', question: { vi: 'Trẻ có cha hoặc mẹ là người nước ngoài?', en: 'Is a parent a foreign national?' }, mustBe: false, explain: { vi: 'Trường hợp có yếu tố nước ngoài dùng thủ tục 2.000528 (Đăng ký khai sinh có yếu tố nước ngoài).', en: 'With a foreign parent, use procedure 2.000528 (birth registration with a foreign element).' }, seeProcedure: '2.000528' },
    ],
    steps: [
      {
        id: 'child',
        title: { vi: 'Thông tin của trẻ', en: 'The child' },
        fields: [
          f('childName', 'Họ, chữ đệm và tên của trẻ', 'Child’s full name', 'text', { required: true }),
          f('childBirthDate', 'Ngày sinh của trẻ', 'Child’s date of birth', 'date', { required: true, notFuture: true, warnIfOlderThanDays: 60 }),
          sex('childSex', 'Giới tính của trẻ', 'Child’s sex'),
          f('birthPlace', 'Nơi sinh', 'Place of birth', 'text', { required: true, help: { vi: 'Tên bệnh viện, cơ sở y tế hoặc địa chỉ nơi sinh.', en: 'Hospital, clinic or address.' } }),
        ],
      },
      {
        id: 'parents',
        title: { vi: 'Cha, mẹ của trẻ', en: 'The parents' },
        fields: [
          f('motherName', 'Họ và tên mẹ', 'Mother’s full name', 'text', { required: true }),
          f('motherId', 'Số căn cước của mẹ', 'Mother’s ID number', 'cccd', { required: true }),
          f('fatherName', 'Họ và tên cha', 'Father’s full name', 'text'),
          f('fatherId', 'Số căn cước của cha', 'Father’s ID number', 'cccd'),
          relationship('relationship'),
        ],
      },
    ],
    documents: [paper('birthCertificate', 'Giấy chứng sinh (bản chính)', 'Birth certificate from the hospital (original)'), paper('authorisation', 'Văn bản ủy quyền (nếu nộp thay)', 'Authorisation (if filing for someone)', false)],
  },
  {
    procedureCode: '1.000894',
    title: { vi: 'Đăng ký kết hôn', en: 'Marriage registration' },
    eligibility: [
      livesHere('ward', 'Bên nam hoặc bên nữ đang cư trú tại phường/xã này?', 'Does the man or the woman live in this ward?', 'nơi bên nam hoặc bên nữ cư trú', 'where the man or the woman lives'),
      { id: 'age', question: { vi: 'Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi?', en: 'Is the man at least 20 and the woman at least 18?' }, mustBe: true, explain: { vi: 'Luật Hôn nhân và gia đình chưa cho phép kết hôn ở độ tuổi này.', en: 'The law does not yet allow marriage at this age.' } },
      { id: 'single', question: { vi: 'Cả hai bên hiện không có vợ hoặc chồng?', en: 'Are both currently unmarried?' }, mustBe: true, explain: { vi: 'Người đang có vợ hoặc chồng không được kết hôn.', en: 'A married person cannot marry again.' } },
    ],
    steps: [
      { id: 'groom', title: { vi: 'Bên nam', en: 'The man' }, fields: [f('groomName', 'Họ và tên bên nam', 'His full name', 'text', { required: true }), f('groomBirthDate', 'Ngày sinh bên nam', 'His date of birth', 'date', { required: true, notFuture: true }), f('groomId', 'Số căn cước bên nam', 'His ID number', 'cccd', { required: true }), residence('groomResidence')] },
      { id: 'bride', title: { vi: 'Bên nữ', en: 'The woman' }, fields: [f('brideName', 'Họ và tên bên nữ', 'Her full name', 'text', { required: true }), f('brideBirthDate', 'Ngày sinh bên nữ', 'Her date of birth', 'date', { required: true, notFuture: true }), f('brideId', 'Số căn cước bên nữ', 'Her ID number', 'cccd', { required: true }), residence('brideResidence')] },
    ],
    documents: [paper('declaration', 'Tờ khai đăng ký kết hôn (cả hai bên ký)', 'Marriage declaration signed by both')],
  },
  {
    procedureCode: '1.000656',
    title: { vi: 'Đăng ký khai tử', en: 'Death registration' },
    eligibility: [livesHere('ward', 'Người mất cư trú cuối cùng tại phường/xã này?', 'Did the deceased last live in this ward?', 'nơi cư trú cuối cùng của người mất', 'where the deceased last lived')],
    steps: [
      {
        id: 'deceased',
        title: { vi: 'Người đã mất', en: 'The deceased' },
        fields: [
          f('deceasedName', 'Họ và tên người đã mất', 'Full name of the deceased', 'text', { required: true }),
          f('deceasedId', 'Số căn cước người đã mất', 'ID number of the deceased', 'cccd'),
          f('deathDate', 'Ngày mất', 'Date of death', 'date', { required: true, notFuture: true, warnIfOlderThanDays: 15 }),
          f('deathPlace', 'Nơi mất', 'Place of death', 'text', { required: true }),
          relationship('relationship'),
        ],
      },
    ],
    documents: [paper('deathNotice', 'Giấy báo tử hoặc giấy tờ thay thế', 'Death notice or equivalent')],
  },
  {
    procedureCode: '2.000635',
    title: { vi: 'Cấp bản sao trích lục hộ tịch', en: 'Copy of a civil status extract' },
    eligibility: [],
    steps: [
      {
        id: 'record',
        title: { vi: 'Giấy tờ cần sao', en: 'The record' },
        fields: [
          f('recordType', 'Loại giấy tờ', 'Type of record', 'select', {
            required: true,
            options: [
              { value: 'khai-sinh', label: { vi: 'Giấy khai sinh', en: 'Birth certificate' } },
              { value: 'ket-hon', label: { vi: 'Giấy chứng nhận kết hôn', en: 'Marriage certificate' } },
              { value: 'khai-tu', label: { vi: 'Trích lục khai tử', en: 'Death extract' } },
            ],
          }),
          f('personName', 'Họ và tên người có tên trên giấy tờ', 'Name on the record', 'text', { required: true }),
          f('registeredOn', 'Ngày đăng ký (nếu nhớ)', 'Date registered (if known)', 'date', { notFuture: true }),
          f('copies', 'Số bản sao', 'Number of copies', 'number', { required: true, min: 1, max: 10 }),
        ],
      },
    ],
    documents: [paper('authorisation', 'Văn bản ủy quyền (nếu xin thay)', 'Authorisation (if for someone else)', false)],
  },
  {
    procedureCode: '1.004873',
    title: { vi: 'Xác nhận tình trạng hôn nhân', en: 'Certificate of marital status' },
    eligibility: [livesHere('ward', 'Bạn (người xin xác nhận) đang cư trú tại phường/xã này?', 'Do you (the person asking) live in this ward?', 'nơi bạn cư trú', 'where you live')],
    steps: [
      {
        id: 'status',
        title: { vi: 'Tình trạng và mục đích', en: 'Status and purpose' },
        fields: [
          f('maritalStatus', 'Tình trạng hôn nhân hiện tại', 'Current marital status', 'select', {
            required: true,
            options: [
              { value: 'chua-ket-hon', label: { vi: 'Chưa đăng ký kết hôn với ai', en: 'Never married' } },
              { value: 'ly-hon', label: { vi: 'Đã ly hôn', en: 'Divorced' } },
              { value: 'goa', label: { vi: 'Vợ/chồng đã mất', en: 'Widowed' } },
              { value: 'dang-co-vo-chong', label: { vi: 'Đang có vợ/chồng', en: 'Married' } },
            ],
          }),
          f('purpose', 'Mục đích sử dụng', 'Purpose', 'text', { required: true, help: { vi: 'Ví dụ: kết hôn, mua bán nhà, vay vốn.', en: 'For example: to marry, to buy a house.' } }),
        ],
      },
    ],
    documents: [paper('previous', 'Giấy xác nhận đã cấp trước đây (nếu xin lại)', 'Earlier certificate (if re-issued)', false)],
  },
  {
    procedureCode: '1.004194',
    title: { vi: 'Đăng ký tạm trú', en: 'Temporary residence registration' },
    eligibility: [],
    steps: [
      {
        id: 'stay',
        title: { vi: 'Nơi tạm trú', en: 'Where you will stay' },
        fields: [
          f('address', 'Địa chỉ tạm trú', 'Temporary address', 'text', { required: true }),
          f('fromDate', 'Ngày bắt đầu ở', 'Staying from', 'date', { required: true }),
          f('months', 'Thời hạn tạm trú (tháng)', 'Duration (months)', 'number', { required: true, min: 1, max: 24 }),
          f('hostName', 'Chủ hộ hoặc chủ nhà', 'Head of household or owner', 'text', { required: true }),
        ],
      },
    ],
    documents: [paper('lawfulResidence', 'Giấy tờ chứng minh chỗ ở hợp pháp', 'Proof of lawful residence')],
  },
  {
    procedureCode: '1.004222',
    title: { vi: 'Đăng ký thường trú', en: 'Permanent residence registration' },
    eligibility: [],
    steps: [
      {
        id: 'home',
        title: { vi: 'Nơi thường trú mới', en: 'New permanent address' },
        fields: [
          f('address', 'Địa chỉ thường trú mới', 'New permanent address', 'text', { required: true }),
          f('headName', 'Họ và tên chủ hộ', 'Head of household', 'text', { required: true }),
          f('headRelation', 'Quan hệ với chủ hộ', 'Relationship to the head of household', 'text', { required: true }),
          f('reason', 'Lý do đăng ký', 'Reason', 'text', { required: true, help: { vi: 'Ví dụ: về ở cùng gia đình, mua nhà.', en: 'For example: joining family, bought a home.' } }),
        ],
      },
    ],
    documents: [paper('lawfulResidence', 'Giấy tờ chứng minh chỗ ở hợp pháp', 'Proof of lawful residence'), paper('headConsent', 'Ý kiến đồng ý của chủ hộ', 'Consent of the head of household', false)],
  },
];

export function formFor(procedureCode: string): FormDefinition | undefined {
  return FORM_DEFINITIONS.find((d) => d.procedureCode === procedureCode);
}
