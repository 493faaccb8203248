import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReferencePortal, type ReferencePortal } from '../portal/server.js';
import { fileAsKiosk, signInOfficer, tempDir } from '../helpers/core.js';
import { fleetPageOf, makeDevice, smallCatalog, type Device } from '../helpers/sync.js';

const catalogDir = smallCatalog();

interface Row {
  id: number;
  at: string;
  actor: string;
  action: string;
  dossier_code: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

/** What someone with the database file alone can do: the unkeyed SHA-256 chain of old, recomputed. */
function unkeyed(prev: string, r: Row): string {
  return crypto.createHash('sha256').update(JSON.stringify([prev, r.at, r.actor, r.action, r.dossier_code, r.before, r.after])).digest('hex');
}

/** Drops the append-only triggers, as an attacker with the file would. */
function dropTriggers(desk: Device): void {
  desk.core.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
}

async function someActivity(desk: Device): Promise<string> {
  const boss = await signInOfficer(desk.core, 'lanh.dao', ['supervisor', 'receptionist']);
  for (let i = 0; i < 3; i++) {
    const d = fileAsKiosk(desk.core, { fullName: `Đặng Văn ${i}` });
    await desk.core.call('dossier.get', { session: boss, code: d.code });
  }
  return boss;
}

describe('an audit log that proves itself', () => {
  let portal: ReferencePortal;
  let desk: Device;

  beforeEach(async () => {
    portal = await startReferencePortal({ dataDir: tempDir(), catalogDir });
    desk = makeDevice(portal.url, portal.createEnrollment('00324', 'staff'), { mode: 'staff' }, undefined, catalogDir);
  });
  afterEach(async () => {
    desk.core.close();
    await portal.close();
  });

  it('records who looked at whose data: every read of a dossier at the desk, exports, announcements, account changes', async () => {
    const boss = await someActivity(desk);
    await desk.core.call('announcements.create', { session: boss, title: 'Thu phí', body: 'Nộp phí tại quầy, không chuyển khoản.' });
    await desk.core.call('report.export', { session: boss, from: '2026-01-01T00:00:00+07:00', to: '2027-01-01T00:00:00+07:00', format: 'csv' });
    await desk.core.call('dossier.list', { session: boss, query: 'Đặng Văn' });
    const audit = await desk.core.call('audit.list', { session: boss, limit: 100 });
    const actions = audit.items.map((e) => `${e.actor}:${e.action}`);
    expect(actions.filter((a) => a === 'lanh.dao:dossier.read')).toHaveLength(3);
    expect(actions).toEqual(expect.arrayContaining(['lanh.dao:announcement.create', 'lanh.dao:report.export', 'lanh.dao:dossier.search', 'quantri:staff.create']));
    const read = audit.items.find((e) => e.action === 'dossier.read')!;
    expect(read.dossierCode).toMatch(/^00324\.K09-/);
    expect(audit.chain).toMatchObject({ ok: true, brokenAt: null, problem: null });
  });

  it('a row rewritten with a recomputed unkeyed hash is found, on the page that shows it and by the full verification', async () => {
    const boss = await someActivity(desk);
    dropTriggers(desk);
    const rows = desk.core.db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Row[];
    const victim = rows.find((r) => r.action === 'dossier.read')!;
    // Rewrite it (someone else read the file), and recompute its hash and the chain after it the old way.
    let prev = victim.prev_hash;
    for (const r of rows.filter((x) => x.id >= victim.id)) {
      const changed = r.id === victim.id ? { ...r, actor: 'khong-ai' } : r;
      const hash = unkeyed(prev, changed);
      desk.core.db.prepare('UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE id = ?').run(changed.actor, prev, hash, r.id);
      prev = hash;
    }
    const page = await desk.core.call('audit.list', { session: boss, limit: 100 });
    expect(page.chain).toMatchObject({ ok: false, brokenAt: victim.id });
    expect(page.chain.problem!.vi).toContain(`dòng ${victim.id}`);
    // A row beyond the page is found by the background verification.
    const again = makeDevice(portal.url, 'ENROLL-UNUSED', { mode: 'staff' }, desk.dir, catalogDir);
    try {
      expect((await again.core.audit.verifyAll()).brokenAt).toBe(victim.id);
    } finally {
      again.core.close();
    }
  });

  it('a truncated tail is found against the head kept on the device, outside the database', async () => {
    const boss = await someActivity(desk);
    const before = await desk.core.call('audit.list', { session: boss, limit: 5 });
    expect(before.chain.ok).toBe(true);
    const head = before.chain.head!.seq;
    dropTriggers(desk);
    desk.core.db.prepare('DELETE FROM audit_log WHERE id > ?').run(head - 3);
    const after = await desk.core.call('audit.list', { session: boss, limit: 5 });
    expect(after.chain).toMatchObject({ ok: false, anchor: { source: 'device', seq: head, ok: false } });
    expect(after.chain.problem!.en).toContain(`up to row ${head}; now it ends at row`);
  });

  it('each heartbeat carries the chain’s head; the portal keeps it, so a tail cut together with the device file is still found', async () => {
    const boss = await someActivity(desk);
    expect((await desk.core.sync.runOnce()).errors).toEqual([]);
    const kept = portal.db.prepare('SELECT seq, hash FROM audit_heads ORDER BY id DESC LIMIT 1').get() as { seq: number; hash: string };
    const state = await desk.core.call('audit.list', { session: boss, limit: 1 });
    expect(kept).toEqual(state.chain.head);
    // The attacker also rolls the device file back to before, then cuts the tail.
    const deviceFile = desk.core.device.file;
    const saved = JSON.parse(fs.readFileSync(deviceFile, 'utf8')) as { auditAnchor: unknown; portalAnchor: unknown };
    dropTriggers(desk);
    desk.core.db.prepare('DELETE FROM audit_log WHERE id > ?').run(kept.seq - 4);
    desk.core.device.update((d) => {
      d.auditAnchor = null;
    });
    expect(saved.portalAnchor).toMatchObject({ seq: kept.seq });
    const after = await desk.core.call('audit.list', { session: boss, limit: 1 });
    expect(after.chain).toMatchObject({ ok: false, anchor: { source: 'portal', seq: kept.seq, ok: false } });
    // The next heartbeat tells the portal too: the fleet page shows the cut.
    await desk.core.sync.runOnce();
    const fleet = await fleetPageOf(portal);
    expect(fleet).toContain(`Nhật ký bị cắt hoặc sửa / audit log cut or changed: lùi từ dòng ${kept.seq}`);
  });

  it('an install from before the keyed chain keeps its old rows verifiable, and seals from the upgrade on', async () => {
    const dbFile = desk.core.dbFile;
    desk.core.close();
    // As the previous version left it: three rows chained by plain SHA-256, no device folder yet.
    fs.rmSync(path.dirname(desk.core.device.file), { recursive: true });
    const raw = new Database(dbFile);
    let prev = '0'.repeat(64);
    for (let id = 1; id <= 3; id++) {
      const row = { id, at: `2026-01-0${id}T02:00:00.000Z`, actor: 'quantri', action: 'staff.signIn', dossier_code: null, before: null, after: '{"counter":"Quầy 1"}', prev_hash: prev, hash: '' };
      row.hash = unkeyed(prev, row);
      raw.prepare('INSERT INTO audit_log (id, at, actor, action, dossier_code, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(id, row.at, row.actor, row.action, null, null, row.after, prev, row.hash);
      prev = row.hash;
    }
    raw.close();
    desk = makeDevice(portal.url, 'ENROLL-UNUSED', { mode: 'staff' }, desk.dir, catalogDir);
    const boss = await signInOfficer(desk.core, 'lanh.dao', ['supervisor']);
    const page = await desk.core.call('audit.list', { session: boss, limit: 100 });
    expect(page.chain).toMatchObject({ ok: true, problem: null });
    expect(page.items.find((e) => e.action === 'audit.keyed')).toMatchObject({ id: 4, after: { legacyUntil: 3 } });
    expect((await desk.core.audit.verifyAll()).ok).toBe(true);
    // An old row changed now is still found.
    dropTriggers(desk);
    desk.core.db.prepare("UPDATE audit_log SET actor = 'khac' WHERE id = 2").run();
    expect((await desk.core.audit.verifyAll()).brokenAt).toBe(2);
  });

  it('supervisors see the chain’s problem on the audit page, in plain words', async () => {
    const boss = await someActivity(desk);
    dropTriggers(desk);
    desk.core.db.prepare("UPDATE audit_log SET after = '{}' WHERE action = 'dossier.read' AND id = (SELECT max(id) FROM audit_log WHERE action = 'dossier.read')").run();
    const { chain } = await desk.core.call('audit.list', { session: boss, limit: 50 });
    expect(chain.ok).toBe(false);
    expect(chain.problem).toEqual({
      vi: `Chuỗi nhật ký bị phá vỡ tại dòng ${chain.brokenAt}: nhật ký đã bị sửa hoặc xóa ngoài ứng dụng.`,
      en: `The audit chain is broken at row ${chain.brokenAt}: the log was changed or removed outside the app.`,
    });
  });
});
