import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Bounds } from '../security.js';

const boundsSchema = z.object({ x: z.number().int().optional(), y: z.number().int().optional(), width: z.number().int().min(400).max(10000), height: z.number().int().min(300).max(10000) });

/** Saved staff-window bounds; anything unreadable is simply ignored (the window opens at its default size). */
export function readWindowState(dataDir: string): Bounds | null {
  try {
    const parsed = boundsSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dataDir, 'window-state.json'), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeWindowState(dataDir: string, bounds: Bounds): void {
  fs.writeFileSync(path.join(dataDir, 'window-state.json'), JSON.stringify(bounds));
}
