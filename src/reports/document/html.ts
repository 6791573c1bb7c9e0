/**
 * Blocks → one self-contained HTML page (no external file, no script): inline SVG figures, tables with
 * captions and scoped header cells for screen readers, print CSS that starts each main section on a
 * new page, and a visible UTKAST label on drafts.
 */
import { esc } from '../svg.ts';
import { cellText, WRITER_WORDS, type Block, type Cell, type ReportDocument, type TableBlock } from './model.ts';

type Words = (typeof WRITER_WORDS)[keyof typeof WRITER_WORDS];

const CSS = `
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #1d1d1b; max-width: 60rem; margin: 0 auto; padding: 1.5rem; line-height: 1.45; }
header.title { border-top: 0.5rem solid #1f4e79; padding-top: 1.5rem; margin-bottom: 2rem; }
h1 { color: #1f4e79; font-size: 1.9rem; margin: 0 0 .5rem; }
h2 { color: #1f4e79; font-size: 1.4rem; margin-top: 2.2rem; border-bottom: 1px solid #b9c4ce; }
h3 { font-size: 1.1rem; margin-top: 1.4rem; }
.status { font-weight: bold; }
.draft-label { display: inline-block; background: #b00020; color: #fff; padding: .1rem .5rem; border-radius: .2rem; letter-spacing: .1em; }
p.note { color: #555; font-style: italic; font-size: .9rem; }
p.lead { font-size: 1.1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; font-size: .85rem; }
caption { text-align: left; font-weight: bold; color: #555; padding-bottom: .3rem; }
th, td { border-bottom: 1px solid #b9c4ce; padding: .25rem .4rem; vertical-align: top; text-align: left; }
thead th { background: #e6edf3; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0 1.5rem; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-style: italic; color: #555; font-size: .85rem; }
details { font-size: .85rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { font-weight: bold; }
footer { margin-top: 3rem; color: #555; font-size: .8rem; border-top: 1px solid #b9c4ce; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-before: page; }
  h2, h3 { break-after: avoid; }
  figure, tr { break-inside: avoid; }
  details { display: none; }
  @page { size: A4; margin: 18mm 16mm; }
}
`;

function cell(c: string | Cell, tag: 'td' | 'th', align: 'left' | 'right' | undefined, scope?: string): string {
  const style = typeof c !== 'string' && c.fill ? ` style="background:${esc(c.fill)}"` : '';
  const cls = align === 'right' ? ' class="num"' : '';
  const inner = typeof c !== 'string' && c.bold ? `<strong>${esc(c.text)}</strong>` : esc(cellText(c));
  return `<${tag}${scope ? ` scope="${scope}"` : ''}${cls}${style}>${inner}</${tag}>`;
}

function table(t: TableBlock, w: Words): string {
  if (!t.rows.length) return `<p class="note"><strong>${esc(t.caption)}:</strong> ${esc(t.empty ?? w.noData)}</p>`;
  const head = `<thead><tr>${t.columns.map((c) => cell(c.header, 'th', c.align, 'col')).join('')}</tr></thead>`;
  // The first column names the row (a category, an area, a measure): a row header.
  const rows = t.rows.map((r) => `<tr>${r.map((c, i) => cell(c, i === 0 ? 'th' : 'td', t.columns[i]?.align, i === 0 ? 'row' : undefined)).join('')}</tr>`).join('');
  return `<table><caption>${esc(t.caption)}</caption>${head}<tbody>${rows}</tbody></table>`;
}

function block(b: Block, w: Words): string {
  switch (b.kind) {
    case 'heading': return `<h${b.level + 1}>${esc(b.text)}</h${b.level + 1}>`;
    case 'paragraph': return `<p${b.style ? ` class="${b.style}"` : ''}>${esc(b.text).replace(/\n/g, '<br>')}</p>`;
    case 'list': return `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'keyValues': return `<dl aria-label="${esc(b.caption)}">${b.items.map((i) => `<dt>${esc(i.label)}</dt><dd>${esc(i.value)}</dd>`).join('')}</dl>`;
    case 'table': return table(b, w);
    case 'figure': {
      // The SVG's own title names it; role=img with aria-label makes it one image for screen readers.
      const svg = b.svg.replace(/aria-label="[^"]*"/, `aria-label="${esc(b.alt)}"`);
      const data = b.data ? `<details><summary>${esc(w.figureData)}</summary>${table(b.data, w)}</details>` : '';
      return `<figure${b.role ? ` class="${b.role}"` : ''}>${svg}<figcaption>${esc(b.caption)}</figcaption>${data}</figure>`;
    }
    case 'pageBreak': return '';
  }
}

/** Renders the document as one HTML page (UTF-8). */
export function renderHtml(d: ReportDocument): string {
  const w = WRITER_WORDS[d.lang];
  const label = d.draft ? ` <span class="draft-label">${w.draft}</span>` : '';
  return `<!DOCTYPE html>
<html lang="${d.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="author" content="${esc(d.author)}">
<title>${esc(d.title)}${d.draft ? ` (${w.draftLower})` : ''}</title>
<style>${CSS}</style>
</head>
<body>
<header class="title">
<h1>${esc(d.title)}${label}</h1>
${d.subtitle.map((s) => `<p class="lead">${esc(s)}</p>`).join('\n')}
<p class="status">${esc(d.status)}</p>
</header>
<main>
${d.blocks.map((b) => block(b, w)).join('\n')}
</main>
<footer><p>${esc(d.author)} · ${esc(d.status)}</p></footer>
</body>
</html>
`;
}
