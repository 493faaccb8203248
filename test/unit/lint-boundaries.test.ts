import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

describe('lint boundaries', () => {
  const eslint = new ESLint();

  it('forbids electron and DOM under electron/core', async () => {
    const [result] = await eslint.lintText("import { app } from 'electron';\nexport const t = document.title + String(app);\n", { filePath: 'electron/core/probe.ts' });
    const rules = result!.messages.map((m) => m.ruleId);
    expect(rules).toContain('no-restricted-imports');
    expect(rules).toContain('no-restricted-globals');
  });

  it('forbids Node modules and the core internals in the renderer', async () => {
    const [result] = await eslint.lintText("import fs from 'node:fs';\nimport { createCore } from '../../electron/core/index';\nexport const x = [fs, createCore];\n", { filePath: 'renderer/src/probe.ts' });
    expect(result!.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toHaveLength(2);
  });

  it('lets the renderer import the contract', async () => {
    const [result] = await eslint.lintText("import { methodNames } from '../../electron/contract';\nexport const n = methodNames;\n", { filePath: 'renderer/src/probe.ts' });
    expect(result!.messages).toEqual([]);
  });
});
