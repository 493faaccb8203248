import { toValue, type MaybeRefOrGetter, type Ref } from 'vue';

const MM_PER_PX = 25.4 / 96;

/**
 * The paper a printed page asks for, as an `@page` rule: A4, A5, or an 80 mm thermal roll cut as long
 * as the content (measured once it is rendered). A constructed style sheet, so the strict CSP
 * (no inline styles) allows it; removed again when the page goes.
 */
export function usePaperSize(sheet: Ref<HTMLElement | null>, size: MaybeRefOrGetter<'80mm' | 'a5' | 'a4'>) {
  const rules = new CSSStyleSheet();
  function fit() {
    const el = sheet.value;
    if (toValue(size) === 'a5') rules.replaceSync('@page { size: A5 portrait; margin: 0; }');
    else if (toValue(size) === 'a4') rules.replaceSync('@page { size: A4 portrait; margin: 0; }');
    else {
      const height = Math.ceil((el?.scrollHeight ?? 756) * MM_PER_PX) + 4;
      rules.replaceSync(`@page { size: 80mm ${height}mm; margin: 0; }`);
    }
    if (!document.adoptedStyleSheets.includes(rules)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, rules];
  }
  function release() {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== rules);
  }
  return { fit, release };
}
