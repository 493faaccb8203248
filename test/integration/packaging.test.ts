import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { updaterChannel } from '../../electron/shell/updater.js';

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

  it('signs Windows builds with a certificate supplied at build time (none in the repository), and the updater checks the publisher', () => {
    const win = config.win as unknown as { signtoolOptions: { publisherName: string[]; signingHashAlgorithms: string[] }; verifyUpdateCodeSignature: boolean };
    expect(win.signtoolOptions.publisherName).toEqual(['Sở Khoa học và Công nghệ Hà Nội']);
    expect(win.signtoolOptions.signingHashAlgorithms).toEqual(['sha256']);
    expect(win.verifyUpdateCodeSignature).toBe(true);
    const text = fs.readFileSync('electron-builder.yml', 'utf8');
    for (const secret of ['certificateFile', 'certificatePassword', 'cscLink', 'cscKeyPassword', '.pfx']) expect(text).not.toContain(`${secret}:`);
    const guide = fs.readFileSync('docs/admin-guide.md', 'utf8');
    for (const name of ['CSC_LINK', 'CSC_KEY_PASSWORD', 'publisherName']) expect(guide).toContain(name);
  });
});

/**
 * Which update files a build writes, computed by electron-builder's own code (PublishManager and
 * updateInfoBuilder) on our config. The packager is a stand-in with only what that code reads — the
 * platform, the config, the version — since a real one needs the Electron download.
 */
describe('update files for both channels', () => {
  type Packager = Record<string, unknown>;
  const require = createRequire(import.meta.url);
  const { getPublishConfigs } = require('app-builder-lib/out/publish/PublishManager.js') as { getPublishConfigs(p: Packager, target: unknown, arch: unknown, errorIfCannot: boolean): Promise<unknown[] | null> };
  const { createUpdateInfoTasks } = require('app-builder-lib/out/publish/updateInfoBuilder.js') as { createUpdateInfoTasks(event: unknown, configs: unknown): Promise<{ file: string }[]> };
  const { Platform } = require('app-builder-lib') as { Platform: { WINDOWS: { buildConfigurationKey: string }; LINUX: { buildConfigurationKey: string } } };

  async function updateFiles(platform: 'win' | 'linux', version: string): Promise<string[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-release-'));
    const installer = path.join(dir, platform === 'win' ? `MotCua-${version}-x64.exe` : `motcua-${version}.AppImage`);
    fs.writeFileSync(installer, 'not an installer');
    const appInfo = { version, channel: /-(\w+)/.exec(version)?.[1] ?? null };
    const info = { config, appInfo, metadata: { dependencies: { 'electron-updater': '6.6.2' } }, repositoryInfo: Promise.resolve(null) };
    const packager: Packager = {
      platform: platform === 'win' ? Platform.WINDOWS : Platform.LINUX,
      platformSpecificBuildOptions: platform === 'win' ? config.win : config.linux,
      config,
      info,
      appInfo,
      expandMacro: (s: string) => s,
      getResource: () => Promise.resolve(null),
    };
    const configs = await getPublishConfigs(packager, null, 1, true);
    const tasks = await createUpdateInfoTasks({ packager, file: installer, arch: 1, target: { outDir: dir }, safeArtifactName: null }, configs);
    return tasks.map((t) => path.relative(dir, t.file)).sort();
  }

  it('a stable release writes latest.yml and beta.yml (pilot devices read beta.yml, and get every stable release too)', async () => {
    expect(await updateFiles('win', '1.5.0')).toEqual(['alpha.yml', 'beta.yml', 'latest.yml']);
    expect(await updateFiles('linux', '1.5.0')).toEqual(['alpha-linux.yml', 'beta-linux.yml', 'latest-linux.yml']);
  });

  it('a pilot release (1.5.0-beta.1) writes beta.yml only: devices on the stable channel never see it', async () => {
    expect(await updateFiles('win', '1.5.0-beta.1')).toEqual(['alpha.yml', 'beta.yml']);
    expect(await updateFiles('linux', '1.5.0-beta.1')).toEqual(['alpha-linux.yml', 'beta-linux.yml']);
  });

  it('the device reads the file of its channel, and a pinned device its version’s folder’s latest.yml', () => {
    expect(updaterChannel({ url: 'https://capnhat.example.vn/motcua', channel: 'stable', pinVersion: '', checkMinutes: 60 })).toBe('latest');
    expect(updaterChannel({ url: 'https://capnhat.example.vn/motcua', channel: 'pilot', pinVersion: '', checkMinutes: 60 })).toBe('beta');
    expect(updaterChannel({ url: 'https://capnhat.example.vn/motcua', channel: 'pilot', pinVersion: '1.4.2', checkMinutes: 60 })).toBe('latest');
  });
});
