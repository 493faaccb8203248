import type { Locator, Page } from 'playwright-core';

/** The kiosk's on-screen keyboard, by its label in the screen's language. */
export const onScreenKeyboard = (page: Page, label = 'Bàn phím ảo'): Locator => page.getByRole('group', { name: label });

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The keys' labels: Vietnamese unless the screen was switched to English. */
export const VI_KEYS = { keyboard: 'Bàn phím ảo', space: 'Dấu cách', shift: 'Chữ hoa', left: 'Lùi con trỏ sang trái', right: 'Đưa con trỏ sang phải' };
export const EN_KEYS = { ...VI_KEYS, keyboard: 'On-screen keyboard', space: 'Space' };

/**
 * Types on the kiosk's on-screen keyboard only, one tap per key, as a resident does (never `fill()`,
 * never the physical keyboard): "^" is Shift, "←" "→" move the caret, Vietnamese in Telex. The page's
 * context needs `hasTouch`.
 */
export async function tapType(page: Page, text: string, keys = VI_KEYS): Promise<void> {
  const kb = onScreenKeyboard(page, keys.keyboard);
  for (const ch of text) {
    if (ch === '^') await kb.getByRole('button', { name: keys.shift }).tap();
    else if (ch === ' ') await kb.getByRole('button', { name: keys.space }).tap();
    else if (ch === '←') await kb.getByRole('button', { name: keys.left }).tap();
    else if (ch === '→') await kb.getByRole('button', { name: keys.right }).tap();
    else await kb.getByRole('button', { name: new RegExp(`^${escape(ch)}$`, 'i') }).first().tap();
  }
}
