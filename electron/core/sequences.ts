import crypto from 'node:crypto';
import type { Db } from './db/open.js';
import type { DeviceStore } from './device/store.js';
import { getSetting, setSetting } from './settings.js';
import { addDays } from './time.js';

/**
 * Numbered things a device gives out — dossier codes (a daily sequence, Vietnam's day), register
 * numbers (per year), feedback codes — must never be given twice, even after the database is lost.
 * Each number is counted in the database; the device file outside it reserves numbers ahead in
 * blocks of RESERVE (one small write per block, not per filing). A database that did not write those
 * reservations — new, or started after a corrupt one was moved aside — starts each sequence after
 * them; the same database carries on from its own count, with no gap.
 */
export interface Sequences {
  /** The next number of `key`; call inside the transaction that uses it. */
  next(key: string): number;
}

export const RESERVE = 10;
const KEEP_DAYS = 3;

/** Keeps the device file small: day keys of the last few days, year keys of this year and the last. */
function prune(sequences: Record<string, number>, key: string): void {
  const day = /\d{4}-\d{2}-\d{2}/.exec(key)?.[0];
  const year = Number((day ?? /\d{4}/.exec(key)?.[0] ?? '0').slice(0, 4));
  const oldest = day ? addDays(day, -KEEP_DAYS) : null;
  for (const k of Object.keys(sequences)) {
    const kDay = /\d{4}-\d{2}-\d{2}/.exec(k)?.[0];
    if (kDay && oldest && kDay < oldest) delete sequences[k];
    else if (!kDay && Number(/\d{4}/.exec(k)?.[0] ?? year) < year - 1) delete sequences[k];
  }
}

export function createSequences(db: Db, device: DeviceStore): Sequences {
  // Which database the reservations belong to: a different one has not counted them.
  let dbId = getSetting(db, 'db.id');
  if (!dbId) {
    dbId = crypto.randomUUID();
    setSetting(db, 'db.id', dbId);
  }
  if (device.get().sequencesDb !== dbId) {
    const raise = db.prepare('INSERT INTO daily_sequences (day, last) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET last = max(last, excluded.last)');
    db.transaction(() => {
      for (const [key, last] of Object.entries(device.get().sequences)) raise.run(key, last);
    })();
    const id = dbId;
    device.update((s) => {
      s.sequencesDb = id;
    });
  }
  const bump = db.prepare<[string], { last: number }>('INSERT INTO daily_sequences (day, last) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last');
  return {
    next(key) {
      const last = bump.get(key)!.last;
      if (last > (device.get().sequences[key] ?? 0)) {
        device.update((s) => {
          s.sequences[key] = Math.max(s.sequences[key] ?? 0, last + RESERVE - 1);
          prune(s.sequences, key);
        });
      }
      return last;
    },
  };
}

/**
 * Raises this device's sequences to at least what the portal knows its slot gave (its delivered codes
 * and the reservations its heartbeats reported): a replacement device, or one restored from an older
 * backup, continues after the codes its slot already gave and never gives one twice. Returns the keys raised.
 */
export function raiseSequences(db: Db, device: DeviceStore, known: Record<string, number>): string[] {
  const raised: string[] = [];
  const current = db.prepare<[string], { last: number }>('SELECT last FROM daily_sequences WHERE day = ?');
  const raise = db.prepare('INSERT INTO daily_sequences (day, last) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET last = max(last, excluded.last)');
  // What this device reserved itself is no news: the portal only repeats it. Beyond that, another
  // device of the slot (the one replaced), or this one before the backup it was restored from, gave it.
  const reserved = device.get().sequences;
  db.transaction(() => {
    for (const [key, last] of Object.entries(known)) {
      if (Math.max(current.get(key)?.last ?? 0, reserved[key] ?? 0) < last) {
        raise.run(key, last);
        raised.push(key);
      }
    }
  })();
  if (raised.length) {
    device.update((s) => {
      for (const key of raised) s.sequences[key] = Math.max(s.sequences[key] ?? 0, known[key]!);
    });
  }
  return raised;
}
