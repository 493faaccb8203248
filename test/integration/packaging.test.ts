import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

/**
 * electron-builder cannot run here (it downloads Electron), so the packaging config is checked the
 * way electron-builder itself would first check it — against its own JSON schema — plus the rules
 * the IT admins rely on.
 */
// ajv-formats is CommonJS: its default export arrives wrapped.
const addFormats = (addFormatsModule as unknown as { default?: (a: Ajv) => void }).default ?? (addFormatsModule as unknown as (a: Ajv) => void);

const config = parse(fs.readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown> & {
  nsis: Record<string, unknown>;
  msi: Record<string, unknown>;
  linux: { target: string[] };
  win: { target: { target: string }[] };
  electronFuses: Record<string, boolean>;
  publish: { provider: string; url: string }[];
  asarUnpack: string[];
};

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s own JSON schema', () => {
    const schema = JSON.parse(fs.readFileSync('node_modules/app-builder-lib/scheme.json', 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // The schema itself rejects a wrong key, so the check above can fail.
    expect(validate({ ...config, nsis: { ...config.nsis, perMachineTypo: true } })).toBe(false);
  });

  it('builds per-machine NSIS with the config include script, MSI, deb and AppImage, with the app’s icon', () => {
    expect(config).toMatchObject({ appId: 'vn.motcua.app', productName: 'Một Cửa' });
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis', 'msi']);
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false, include: 'resources/installer/motcua.nsh' });
    expect(config.msi).toMatchObject({ perMachine: true });
    expect(config.linux.target).toEqual(['deb', 'AppImage']);
    const include = fs.readFileSync(config.nsis.include as string, 'utf8');
    expect(include).toContain('/CONFIG=');
    expect(include).toContain('$EXEDIR\\motcua-config.json');
    expect(include).toContain('$APPDATA\\MotCua\\config.json');
    expect([...include].every((c) => c.charCodeAt(0) < 128)).toBe(true); // NSIS reads include files as ANSI
    const icon = fs.readFileSync(config.icon as string);
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // width: electron-builder makes the .ico from it
  });

  it('keeps better-sqlite3 out of the asar, sets the fuses, and publishes to a generic update server', () => {
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.electronFuses).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true, enableEmbeddedAsarIntegrityValidation: true, enableCookieEncryption: true });
    expect(config.publish[0]).toMatchObject({ provider: 'generic', url: expect.stringMatching(/^https:\/\//) as unknown as string });
    expect(path.isAbsolute(config.icon as string)).toBe(false);
  });
});
