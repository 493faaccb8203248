#!/usr/bin/env node
// Entry for `npx motcua …`: runs the compiled CLI (built by `npm install` through the prepare script).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/electron/cli/main.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('Chưa build. Chạy / Not built. Run: npm run build\n');
  process.exit(1);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
