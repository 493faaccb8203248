import type { LawArticle, LawChapter, LawDocument } from './model.js';
import { legalCodesIn } from './parse/legal.js';

// "Điều 15.3.LQ.16. Thủ tục đăng ký khai sinh" — the pháp điển numbering. A heading starts a line
// or is glued to the end of the previous sentence ("…sinh sống.Điều 39.3.NĐ.1.1."); cross references
// ("liên quan đến Điều 2.2.LQ.16. …") follow a space and are not headings.
const CODIFIED = /(?<=^|\n|[.!?…”)])Điều ((?:\d+|[A-ZĐ]+)(?:\.(?:\d+|[A-ZĐ]+))+)\.\s+([^\n]+)/gu;
// A single act (an OCR'd decree): "Điều 1. Phạm vi điều chỉnh" at the start of a line.
const PLAIN = /(?<=^|\n)Điều (\d+)\.\s+([^\n]+)/gu;
const CHAPTER = /^[_\s]*Chương ([IVXLC]+)\s*$/;
const ENTITIES: Record<string, string> = { '&#160;': ' ', '&nbsp;': ' ', '&amp;': '&', '&quot;': '"', '&lt;': '<', '&gt;': '>' };

function decodeEntities(text: string): string {
  return text.replace(/&#160;|&nbsp;|&amp;|&quot;|&lt;|&gt;/g, (e) => ENTITIES[e]!);
}
const SOURCE_ARTICLE = /^\(Điều (\d+)/;

function slugTitle(md: string): string {
  const m = /^# (.+)$/m.exec(md) ?? /^title:\s*(.+)$/m.exec(md);
  return m ? m[1]!.trim().replace(/^"|"$/g, '') : '';
}

/** The part of the file that is the legal text: after "## VĂN BẢN", before the index at the end. */
function body(md: string): string {
  const start = md.indexOf('## VĂN BẢN');
  const end = md.indexOf('## Danh sách điều khoản');
  return md.slice(start >= 0 ? start : 0, end >= 0 ? end : md.length);
}

/** Chapter headings ("Chương I" + its title on the next non-empty line) with their positions. */
function chapters(text: string): { at: number; title: string }[] {
  const out: { at: number; title: string }[] = [];
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const m = CHAPTER.exec(lines[i]!.trim());
    if (m) {
      const next = lines.slice(i + 1).find((l) => l.trim())?.trim() ?? '';
      out.push({ at: offset, title: `Chương ${m[1]}. ${next.charAt(0) + next.slice(1).toLowerCase()}` });
    }
    offset += lines[i]!.length + 1;
  }
  return out;
}

/** "Mục 2" and its capitalised title belong to the structure, not to the article before them. */
function dropSectionHeadings(paragraphs: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    if (/^Mục \d+$/.test(paragraphs[i]!)) {
      const next = paragraphs[i + 1];
      if (next && next === next.toUpperCase()) i++;
      continue;
    }
    out.push(paragraphs[i]!);
  }
  return out;
}

/** Parses one topic of the law code (shared/data/laws/*.md) into chapters and articles. */
export function parseLawMarkdown(id: string, md: string): LawDocument {
  const text = decodeEntities(body(md));
  const codified = [...text.matchAll(CODIFIED)];
  const heads = codified.length > 0 ? codified : [...text.matchAll(PLAIN)];
  // A single act names itself at the top ("Số: 154/2026/NĐ-CP"): its articles are its own.
  const ownCode = codified.length > 0 ? null : (legalCodesIn(/Số:\s*\S+/.exec(text)?.[0] ?? '')[0] ?? null);
  const chapterMarks = chapters(text);
  const articles: LawArticle[] = [];
  const chapterList: LawChapter[] = [];
  const seen = new Map<string, number>();

  heads.forEach((m, i) => {
    const start = m.index + m[0].length;
    const end = heads[i + 1]?.index ?? text.length;
    let content = text.slice(start, end);
    // Drop a chapter heading that sits between this article and the next one.
    const nextChapter = chapterMarks.find((c) => c.at > m.index && c.at < end);
    if (nextChapter) content = text.slice(start, nextChapter.at);
    const paragraphs = dropSectionHeadings(content.split('\n').map((l) => l.trim()).filter(Boolean));
    const source = paragraphs[0]?.startsWith('(') ? paragraphs.shift()! : '';
    const number = m[1]!;
    // The same number can appear twice in a topic (a decree and its amendment); keep both.
    const count = (seen.get(number) ?? 0) + 1;
    seen.set(number, count);
    const articleId = `${id}/${number}${count > 1 ? `~${count}` : ''}`;
    const chapter = [...chapterMarks].reverse().find((c) => c.at < m.index)?.title ?? null;
    const sourceArticle = SOURCE_ARTICLE.exec(source);
    articles.push({
      id: articleId,
      number,
      title: m[2]!.trim(),
      chapter,
      text: paragraphs.join('\n'),
      source: source.replace(/^\(|\)$/g, '').trim(),
      sourceArticle: sourceArticle ? Number(sourceArticle[1]) : ownCode ? Number(number) : null,
      sourceCode: legalCodesIn(source)[0] ?? ownCode,
    });
    const title = chapter ?? 'Quy định chung';
    let current = chapterList[chapterList.length - 1];
    if (!current || current.title !== title) {
      current = { title, articleIds: [] };
      chapterList.push(current);
    }
    current.articleIds.push(articleId);
  });

  const codes = [...new Set(articles.map((a) => a.sourceCode).filter((c): c is string => c !== null))];
  return { id, title: slugTitle(md), chapters: chapterList, articles, codes };
}
