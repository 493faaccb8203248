import { describe, expect, it } from 'vitest';
import { FORM_DEFINITIONS, formFor } from '../../electron/core/forms/definitions.js';
import { checkField, checkForm, fieldMaxLength, parseDate } from '../../electron/core/forms/validate.js';

const today = '2026-11-23';

describe('guided filing forms', () => {
  it('exist for the seven procedures the kiosk files', () => {
    expect(FORM_DEFINITIONS.map((d) => d.procedureCode).sort()).toEqual(['1.000656', '1.000894', '1.001193', '1.004194', '1.004222', '1.004873', '2.000635']);
    for (const d of FORM_DEFINITIONS) {
      const ids = d.steps.flatMap((s) => s.fields.map((f) => f.id));
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('validates as the law expects, in plain Vietnamese', () => {
    const birth = formFor('1.001193')!;
    const child = birth.steps[0]!.fields;
    const dob = child.find((f) => f.id === 'childBirthDate')!;
    expect(checkField(dob, '01/12/2026', today).error?.vi).toBe('Ngày này chưa tới. Vui lòng kiểm tra lại.');
    expect(checkField(dob, '31/02/2026', today).error?.vi).toContain('ngày/tháng/năm');
    expect(checkField(dob, '01/11/2026', today)).toEqual({});
    expect(checkField(dob, '01/08/2026', today).warning?.vi).toContain('quá 60 ngày');
    // A mistyped year a century back is refused in words (1890 was accepted for a child's birth).
    expect(checkField(dob, '01/01/1890', today).error?.vi).toBe('Năm 1890 quá xa (trước năm 1901). Vui lòng kiểm tra lại năm.');
    expect(checkField(dob, '01/01/1901', today).warning?.vi).toContain('quá 60 ngày');
    const motherId = birth.steps[1]!.fields.find((f) => f.id === 'motherId')!;
    expect(checkField(motherId, '12345', today).error?.vi).toBe('Số căn cước công dân phải gồm đúng 12 chữ số.');
    expect(checkField({ id: 'p', label: { vi: 'Điện thoại', en: 'Phone' }, type: 'phone' }, '0912 345 678', today)).toEqual({});
    expect(checkField({ id: 'e', label: { vi: 'Email', en: 'Email' }, type: 'email' }, 'an@@x', today).error?.vi).toBe('Địa chỉ email chưa đúng (ví dụ ten@gmail.com).');
    const { errors } = checkForm(birth, { childName: 'Bé An' }, today);
    expect(Object.keys(errors)).toEqual(['childBirthDate', 'childSex', 'birthPlace', 'motherName', 'motherId', 'relationship']);
    expect(errors.childSex!.vi).toBe('Vui lòng nhập giới tính của trẻ.');
    expect(parseDate('5/3/2026')).toBe('2026-03-05');
  });

  it('each kiosk text box holds what its field can hold', () => {
    const field = (type: 'text' | 'cccd' | 'phone' | 'date' | 'email' | 'number', max?: number) => fieldMaxLength({ id: 'x', label: { vi: '', en: '' }, type, ...(max ? { max } : {}) });
    expect([field('cccd'), field('phone'), field('date'), field('number', 24), field('email'), field('text')]).toEqual([15, 20, 10, 2, 254, 500]);
    // What each holds fits: a CCCD with spaces, a phone with its country code, a date.
    for (const [type, typed] of [['cccd', '001 090 123 456'], ['phone', '(+84) 912 345 678'], ['date', '05/03/2026']] as const) {
      expect(typed.length).toBeLessThanOrEqual(field(type));
      expect(checkField({ id: 'x', label: { vi: 'X', en: 'X' }, type }, typed, today)).toEqual({});
    }
  });
});
