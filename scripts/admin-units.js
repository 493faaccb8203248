#!/usr/bin/env node
/**
 * Copies the 2025 list of provinces and communes/wards from ../shared/data/admin-units into
 * resources/admin-units, where `motcua provision` reads it. The list is a community one: its codes
 * are not the official table (GSO), so provisioning says so and accepts the official table an admin
 * loads (`--ward-table`). Run: node scripts/admin-units.js [<source dir>]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.resolve(process.argv[2] ?? path.join(root, '..', 'shared', 'data', 'admin-units'));
const target = path.join(root, 'resources', 'admin-units');
fs.mkdirSync(target, { recursive: true });
for (const file of ['provinces.csv', 'wards.csv']) {
  fs.copyFileSync(path.join(source, file), path.join(target, file));
  process.stdout.write(`${path.join(target, file)}\n`);
}
