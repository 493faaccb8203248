/** A device process for the SIGKILL test: syncs in a loop until it is killed. */
import { makeDevice } from '../../helpers/sync.js';

const [dir, portalUrl, enrollmentCode, catalogDir] = process.argv.slice(2) as [string, string, string, string];
const device = makeDevice(portalUrl, enrollmentCode, { mode: 'kiosk', device: { slot: '09' } }, dir, catalogDir);
process.stdout.write('ready\n');
for (;;) {
  await device.core.sync.runOnce();
  device.clock.advance(15 * 60_000);
}
