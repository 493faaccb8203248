/**
 * `motcua provision --rotate`: the device asks the portal for a new token and a new LAN key; the old
 * ones stop working at once (a copied disk image, a token seen in a log, a technician leaving). The
 * ward's queue desk learns the new LAN key's hash at its next sync.
 */
import { AppError } from '../errors.js';
import type { Core } from '../index.js';
import { PortalClient, PortalError } from '../sync/portal-client.js';

export async function rotateCredentials(core: Core): Promise<{ deviceId: string; rotatedAt: string }> {
  const { config } = core;
  if (!config.portal.url) throw new AppError('validation', { vi: 'Thiết bị chạy ngoại tuyến (không có portal.url): không có gì để đổi.', en: 'This device is offline (no portal.url): there is nothing to rotate.' });
  const secrets = core.device.get();
  if (!secrets.deviceToken) throw new AppError('validation', { vi: 'Thiết bị chưa đăng ký với cổng: chạy motcua sync trước.', en: 'This device is not registered with the portal yet: run motcua sync first.' });
  const client = new PortalClient({ baseUrl: config.portal.url, token: () => secrets.deviceToken, network: core.network });
  let answer;
  try {
    answer = await client.rotate();
  } catch (err) {
    const e = err as PortalError;
    if (e.kind === 'unauthorized') {
      throw new AppError('unauthorized', {
        vi: 'Cổng không nhận mã thiết bị hiện tại (đã bị thu hồi?): cần gói cấu hình mới (motcua provision, rồi --apply).',
        en: 'The portal does not accept this device’s current token (revoked?): it needs a new bundle (motcua provision, then --apply).',
      });
    }
    throw new AppError('unavailable', { vi: `Không đổi được thông tin xác thực: ${e.message}`, en: `Could not rotate the credentials: ${e.message}` });
  }
  core.device.update((d) => {
    d.deviceToken = answer.deviceToken;
    d.lanKey = answer.lanKey;
  });
  const at = core.clock.now().toISOString();
  core.audit.append({ at, actor: 'machine-admin', action: 'device.rotate', after: { deviceId: secrets.deviceId } });
  core.log.info('device credentials rotated', { deviceId: secrets.deviceId });
  return { deviceId: secrets.deviceId, rotatedAt: at };
}
