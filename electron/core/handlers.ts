import type { Caller, MethodName, MethodResult, ParsedInput, SessionFor, Warning } from '../contract.js';
import type { Clock } from './clock.js';
import type { LoadedConfig } from './config/load.js';
import type { Db } from './db/open.js';
import type { EventBus } from './events.js';
import type { Logger } from './log.js';
import type { DeviceStore } from './device/store.js';
import type { Sequences } from './sequences.js';
import type { AuditLog } from './staff/audit.js';
import type { LanDevice } from './queue/lan.js';

/** What every domain's handlers get: explicit instances, never module state. */
export interface CoreDeps {
  db: Db;
  dbVersion: number;
  clock: Clock;
  log: Logger;
  events: EventBus;
  loaded: LoadedConfig;
  version: string;
  warnings: Warning[];
  device: DeviceStore;
  audit: AuditLog;
  sequences: Sequences;
}

/** Who called, as the authorization check established: the session is there whenever the rule asks for an officer. */
export interface Ctx<K extends MethodName> {
  caller: Caller;
  session: SessionFor<K>;
  /** The enrolled kiosk or desk of the ward the call came from over the LAN, when its key checked out. */
  lanDevice?: LanDevice | null;
}

export type Handler<K extends MethodName> = (input: ParsedInput<K>, ctx: Ctx<K>) => MethodResult<K> | Promise<MethodResult<K>>;

export type Handlers = { [K in MethodName]: Handler<K> };

/** The handlers of one domain: the methods whose names start with `Prefix`. */
export type HandlersOf<Prefix extends string> = { [K in MethodName as K extends `${Prefix}${string}` ? K : never]: Handler<K> };
