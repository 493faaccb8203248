/**
 * The kiosk's contrast check, as a resident would need it: every control's text against its
 * background, and its outline (a border, else its own background, else — for a text link — its
 * text) against the page behind it; 4.5:1 at least, 7:1 in high contrast. Colours are what
 * Chromium computes, composited through every ancestor's background and opacity. Run on a kiosk
 * screen it checks the screen in each display mode (normal, high contrast, A+, A++) and leaves
 * the mode as it found it.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface ContrastProblem {
  mode: string;
  check: 'text' | 'outline';
  ratio: number;
  need: number;
  control: string;
  colors: string;
}

/** What the page shows now: every rendered control measured, the failures returned. */
export function contrastProblems(page: Page, need: number, mode = 'current'): Promise<ContrastProblem[]> {
  return page.evaluate(
    ({ need, mode }) => {
      type Rgba = { r: number; g: number; b: number; a: number };
      const parse = (c: string): Rgba | null => {
        const m = /rgba?\(([^)]+)\)/.exec(c);
        if (!m) return null;
        const p = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
        return { r: p[0]!, g: p[1]!, b: p[2]!, a: p.length > 3 ? p[3]! : 1 };
      };
      const channel = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      const lum = (c: Rgba) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
      const ratio = (a: Rgba, b: Rgba) => {
        const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
        return (hi + 0.05) / (lo + 0.05);
      };
      const over = (top: Rgba, bottom: Rgba): Rgba => ({ r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a), b: top.b * top.a + bottom.b * (1 - top.a), a: 1 });
      const hex = (c: Rgba) => `#${[c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
      const opacity = (el: Element) => {
        let o = 1;
        for (let e: Element | null = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
        return o;
      };
      /** The colour behind `el`'s content: every ancestor's background, composited from the root. */
      const background = (el: Element): Rgba => {
        const chain: Element[] = [];
        for (let e: Element | null = el; e; e = e.parentElement) chain.push(e);
        let color: Rgba = { r: 255, g: 255, b: 255, a: 1 };
        for (const e of chain.reverse()) {
          const c = parse(getComputedStyle(e).backgroundColor);
          if (c && c.a > 0) color = over({ ...c, a: c.a * opacity(e) }, color);
        }
        return color;
      };
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
      };
      const describe = (el: Element) => {
        const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50) || (el as HTMLInputElement).placeholder || el.getAttribute('aria-label') || '';
        return `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? ` class="${el.className}"` : ''}> ${text}`;
      };
      const problems: { mode: string; check: 'text' | 'outline'; ratio: number; need: number; control: string; colors: string }[] = [];
      const controls = [...document.querySelectorAll('button, a[href], input:not([type="hidden"]), select, textarea, summary, [role="button"]')].filter(visible);
      for (const control of controls) {
        const page = background(control.parentElement ?? document.documentElement);
        const own = background(control);
        // Text: the control's own and every descendant that carries text of its own.
        const carriers = [control, ...control.querySelectorAll('*')].filter((e) => visible(e) && [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()));
        const isField = control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement;
        if (isField && !['checkbox', 'radio'].includes((control as HTMLInputElement).type)) carriers.push(control);
        let textOk = true;
        for (const el of new Set(carriers)) {
          const fg = parse(getComputedStyle(el).color);
          if (!fg) continue;
          const bg = background(el);
          const r = ratio(over({ ...fg, a: fg.a * opacity(el) }, bg), bg);
          if (r < need) {
            textOk = false;
            problems.push({ mode, check: 'text', ratio: Math.round(r * 100) / 100, need, control: describe(el), colors: `${hex(over(fg, bg))} on ${hex(bg)}` });
          }
        }
        if (isField && (control as HTMLInputElement).placeholder && !(control as HTMLInputElement).value) {
          const ph = parse(getComputedStyle(control, '::placeholder').color);
          if (ph) {
            const r = ratio(over(ph, own), own);
            if (r < need) problems.push({ mode, check: 'text', ratio: Math.round(r * 100) / 100, need, control: `${describe(control)} (placeholder)`, colors: `${hex(over(ph, own))} on ${hex(own)}` });
          }
        }
        // Outline: checkboxes by their accent colour; others by a border drawn on every side, else
        // their own background, else (a text link) their text.
        const s = getComputedStyle(control);
        let outline: number;
        let colors: string;
        if (control instanceof HTMLInputElement && ['checkbox', 'radio'].includes(control.type)) {
          const accent = parse(s.accentColor) ?? { r: 0, g: 117, b: 255, a: 1 };
          outline = ratio(over(accent, page), page);
          colors = `${hex(accent)} on ${hex(page)}`;
        } else {
          const sides = (['Top', 'Right', 'Bottom', 'Left'] as const)
            .map((side) => ({ width: parseFloat(s.getPropertyValue(`border-${side.toLowerCase()}-width`)), style: s.getPropertyValue(`border-${side.toLowerCase()}-style`), color: parse(s.getPropertyValue(`border-${side.toLowerCase()}-color`)) }))
            .filter((b) => b.width >= 1 && b.style !== 'none' && b.style !== 'hidden' && b.color && b.color.a > 0);
          const borders = sides.length === 4 ? Math.min(...sides.map((b) => ratio(over({ ...b.color!, a: b.color!.a * opacity(control) }, page), page))) : 0;
          const fill = ratio(own, page);
          const hasFill = fill > 1.01;
          outline = Math.max(borders, hasFill ? fill : 0);
          colors = `border ${sides.length === 4 ? hex(sides[0]!.color!) : 'none'}, fill ${hex(own)} on ${hex(page)}`;
          if (!sides.length && !hasFill) {
            outline = textOk ? need : 0; // a text link: its text is its outline, checked above
          }
        }
        if (outline < need) problems.push({ mode, check: 'outline', ratio: Math.round(outline * 100) / 100, need, control: describe(control), colors });
      }
      return problems;
    },
    { need, mode },
  );
}

/**
 * The kiosk screen in every display mode: normal, high contrast, A+ and A++ (the classes the
 * kiosk's header buttons set on its root, set here directly so a modal dialog or an open keyboard
 * stays as it is). On a print page (no kiosk root), the page as it is.
 */
export async function expectContrastInEveryMode(page: Page, screen: string): Promise<void> {
  const problems: ContrastProblem[] = [];
  const roots = page.locator('.theme-kiosk:not(.print-kiosk)');
  if ((await roots.count()) === 0) {
    const high = (await page.locator('.theme-contrast').count()) > 0;
    problems.push(...(await contrastProblems(page, high ? 7 : 4.5, high ? 'high contrast' : 'normal')));
  } else {
    const before = await roots.first().evaluate((el) => el.getAttribute('class') ?? '');
    for (const [mode, size, high] of [['normal', '', false], ['high contrast', '', true], ['A+', 'text-large', false], ['A++', 'text-xlarge', false]] as const) {
      await roots.first().evaluate(
        (el, { size, high }) => {
          el.classList.remove('text-large', 'text-xlarge', 'theme-contrast');
          if (size) el.classList.add(size);
          if (high) el.classList.add('theme-contrast');
        },
        { size, high },
      );
      problems.push(...(await contrastProblems(page, high ? 7 : 4.5, mode)));
    }
    await roots.first().evaluate((el, cls) => el.setAttribute('class', cls), before);
  }
  expect(problems.map((p) => `${screen} [${p.mode}] ${p.check} ${p.ratio} < ${p.need}: ${p.control} (${p.colors})`)).toEqual([]);
}
