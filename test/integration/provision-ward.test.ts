import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { main, type CliEnv } from '../../electron/cli/main.js';
import { startCoreHost } from '../../electron/host/client.js';
import { tempDir } from '../helpers/core.js';

/**
 * The ward code goes into every dossier code: `motcua provision` names the ward and its province and
 * asks the admin to confirm, refuses a code outside the province being deployed, and takes the
 * official code table the admin loads. Run through the CLI's own entry with a terminal stand-in
 * (the admin's answers); the enrollment code is given, so no portal is needed.
 */
function terminal(answers: (string | null)[], vars: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const asked: string[] = [];
  const env: CliEnv = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    startHost: startCoreHost,
    ask: (q) => (asked.push(q), Promise.resolve(answers.shift() ?? null)),
    vars,
  };
  return { env, asked, out: () => out, err: () => err };
}

const provisionArgs = (ward: string, out: string, extra: string[] = []) => ['provision', '--ward', ward, '--mode', 'kiosk', '--portal', 'https://dichvucong.hanoi.gov.vn/motcua-api', '--enrollment-code', 'MA-THU-1', '--out', out, ...extra];

describe('provision: the right ward, confirmed', () => {
  it('shows the ward’s full name and province, and makes the bundle only when the admin says yes', async () => {
    const out = path.join(tempDir(), 'p');
    const no = terminal(['không']);
    expect(await main(provisionArgs('00324', out, ['--province', '01']), no.env)).toBe(1);
    expect(no.err()).toContain('Phường/xã / Ward: Phường Ba Đình, Thành phố Hà Nội — mã / code 00324');
    expect(no.err()).toContain('Code table: the list bundled with the app, NOT the official one (load the official table with --ward-table).');
    expect(no.asked).toEqual(['Đúng phường/xã này? / Is this the right ward? [c/y = có/yes, khác/other = không/no] ']);
    expect(no.err()).toContain('Cancelled, nothing made.');
    expect(fs.existsSync(out)).toBe(false);

    const yes = terminal(['có']);
    expect(await main(provisionArgs('00324', out, ['--province', '01']), yes.env)).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(out, '00324-K01', 'motcua-config.json'), 'utf8'))).toMatchObject({ ward: { code: '00324', name: 'Phường Ba Đình' } });

    // A script with nobody at the terminal: told to check and pass --yes, nothing made.
    const script = terminal([null]);
    const out2 = path.join(tempDir(), 'p');
    expect(await main(provisionArgs('00324', out2, ['--province', '01']), script.env)).toBe(2);
    expect(script.err()).toContain('run again with --yes');
    expect(fs.existsSync(out2)).toBe(false);
  });

  it('--ward 00004 while deploying Hà Nội: refused with the name it has (a ward of Hồ Chí Minh City); no province given: asked for', async () => {
    const out = path.join(tempDir(), 'p');
    const t = terminal(['có']);
    expect(await main(provisionArgs('00004', out, ['--province', '01', '--yes']), t.env)).toBe(1);
    expect(t.err()).toContain('Code 00004 is Phường Tăng Nhơn Phú, Thành phố Hồ Chí Minh — not in Thành phố Hà Nội (--province 01). Check the ward code.');
    expect(fs.existsSync(out)).toBe(false);
    const none = terminal([]);
    expect(await main(provisionArgs('00324', out, ['--yes']), none.env)).toBe(2);
    expect(none.err()).toContain('say which province you deploy in: --province 01 (or MOTCUA_PROVINCE)');
    // MOTCUA_PROVINCE serves as well.
    const env = terminal([], { MOTCUA_PROVINCE: '30' });
    expect(await main(provisionArgs('00324', out, ['--yes']), env.env)).toBe(1);
    expect(env.err()).toContain('Code 00324 is Phường Ba Đình, Thành phố Hà Nội — not in Thành phố Hồ Chí Minh (--province 30).');
    // A province code the table does not have is named as such, not as every ward being outside it.
    const unknown = terminal([]);
    expect(await main(provisionArgs('00324', out, ['--province', '99', '--yes']), unknown.env)).toBe(1);
    expect(unknown.err()).toMatch(/There is no province 99 in the 2025 administrative units \(.*wards\.csv\): check --province\./);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('the official table the admin loads (XLSX with GSO’s column names) decides the name, and says it is the one used', async () => {
    const dir = tempDir();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('DanhMuc');
    sheet.addRow(['Mã tỉnh', 'Tên tỉnh', 'Mã xã', 'Tên xã', 'Cấp']);
    sheet.addRow(['01', 'Thành phố Hà Nội', '00324', 'Ba Đình', 'Phường']);
    sheet.addRow(['01', 'Thành phố Hà Nội', '00991', 'Minh Châu', 'Xã']);
    const table = path.join(dir, 'danh-muc-2025.xlsx');
    await book.xlsx.writeFile(table);
    const out = path.join(dir, 'p');
    const t = terminal([]);
    expect(await main(provisionArgs('00991', out, ['--province', '01', '--ward-table', table, '--yes']), t.env)).toBe(0);
    expect(t.err()).toContain('Phường/xã / Ward: Xã Minh Châu, Thành phố Hà Nội — mã / code 00991');
    expect(t.err()).toContain(`Bảng mã / code table: ${table}`);
    expect(JSON.parse(fs.readFileSync(path.join(out, '00991-K01', 'motcua-config.json'), 'utf8'))).toMatchObject({ ward: { code: '00991', name: 'Xã Minh Châu' } });
    // A code the official table does not have is refused, whatever the bundled list says.
    const t2 = terminal([]);
    expect(await main(provisionArgs('00001', out, ['--province', '01', '--ward-table', table, '--yes']), t2.env)).toBe(1);
    expect(t2.err()).toContain(`There is no ward 00001 in the loaded code table (${table}).`);
  });
});
