import type { Database } from 'better-sqlite3';
import { up as initial } from './001-initial.js';
import { up as catalog } from './002-catalog.js';
import { up as sync } from './003-sync.js';
import { up as desk } from './004-desk.js';
import { up as reportIndex } from './005-report-index.js';
import { up as outboxAppointment } from './006-outbox-appointment.js';
import { up as privacy } from './007-privacy.js';
import { up as deskAtScale } from './008-desk-at-scale.js';
import { up as deskHandler } from './009-desk-handler.js';
import { up as lanDevices } from './010-lan-devices.js';
import { up as visits } from './011-visits.js';
import { up as outboxWard } from './012-outbox-ward.js';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

/** Ordered; a migration, once released, is never edited — add a new one. */
export const migrations: Migration[] = [
  { version: 1, name: 'initial', up: initial },
  { version: 2, name: 'catalog', up: catalog },
  { version: 3, name: 'sync', up: sync },
  { version: 4, name: 'desk', up: desk },
  { version: 5, name: 'report-index', up: reportIndex },
  { version: 6, name: 'outbox-appointment', up: outboxAppointment },
  { version: 7, name: 'privacy', up: privacy },
  { version: 8, name: 'desk-at-scale', up: deskAtScale },
  { version: 9, name: 'desk-handler', up: deskHandler },
  { version: 10, name: 'lan-devices', up: lanDevices },
  { version: 11, name: 'visits', up: visits },
  { version: 12, name: 'outbox-ward', up: outboxWard },
];

export const latestVersion = migrations[migrations.length - 1]!.version;
