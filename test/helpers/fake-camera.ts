import fs from 'node:fs';
import path from 'node:path';
import QRCode from 'qrcode';
import { tempDir } from './core.js';

/**
 * A Y4M video of a QR code, for Chromium's fake camera (--use-file-for-fake-video-capture): the
 * camera is a boundary this machine does not have, so the test brings its own picture.
 */
export function qrVideo(text: string, width = 640, height = 480): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const scale = Math.floor(Math.min(width, height) / (size + 8));
  const ox = Math.floor((width - size * scale) / 2);
  const oy = Math.floor((height - size * scale) / 2);
  const y = Buffer.alloc(width * height, 235);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!qr.modules.get(row, col)) continue;
      for (let dy = 0; dy < scale; dy++) y.fill(16, (oy + row * scale + dy) * width + ox + col * scale, (oy + row * scale + dy) * width + ox + (col + 1) * scale);
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  const file = path.join(tempDir('motcua-camera-'), 'qr.y4m');
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]));
  return file;
}
