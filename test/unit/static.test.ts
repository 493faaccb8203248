import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStatic } from '../../electron/web/static.js';
import { tempDir } from '../helpers/core.js';

describe('static files of the web host', () => {
  const root = tempDir();
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), '');
  fs.writeFileSync(path.join(path.dirname(root), 'secret.txt'), 'x');

  it('serves index.html for every app route', () => {
    for (const p of ['/', '/kiosk', '/kiosk/procedures/1.001193', '/staff', '/print/receipt/X', '/display']) {
      expect(resolveStatic(root, p)?.file).toBe(path.join(root, 'index.html'));
    }
  });

  it('serves built assets with their type, as immutable', () => {
    expect(resolveStatic(root, '/assets/app.js')).toEqual({ file: path.join(root, 'assets', 'app.js'), type: 'text/javascript; charset=utf-8', immutable: true });
  });

  it('never leaves the renderer folder', () => {
    expect(resolveStatic(root, '/../secret.txt')).toBeNull();
    expect(resolveStatic(root, '/%2e%2e/secret.txt')).toBeNull();
    expect(resolveStatic(root, '/assets/%00')).toBeNull();
    expect(resolveStatic(root, '/%E0%A4%A')).toBeNull();
    expect(resolveStatic(root, '/nothing-here.js')).toBeNull();
  });
});
