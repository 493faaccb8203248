import type { MethodName, MethodResult, ParsedInput, Warning } from '../contract.js';
import type { Clock } from './clock.js';
import type { LoadedConfig } from './config/load.js';
import type { Db } from './db/open.js';
import type { EventBus } from './events.js';
import type { Logger } from './log.js';

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
}

export type Handler<K extends MethodName> = (input: ParsedInput<K>) => MethodResult<K> | Promise<MethodResult<K>>;

export type Handlers = { [K in MethodName]: Handler<K> };

/** The handlers of one domain: the methods whose names start with `Prefix`. */
export type HandlersOf<Prefix extends string> = { [K in MethodName as K extends `${Prefix}${string}` ? K : never]: Handler<K> };
