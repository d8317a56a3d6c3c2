/**
 * Text from data (names, tags, descriptions, class labels, canvas notes) written into Markdown
 * so that it always stays text: it cannot open a heading, list, quote, table row or code block,
 * add a table column, start emphasis or a link, or smuggle in HTML or entities.
 *
 * Every character CommonMark/GFM could read as syntax is backslash-escaped (CommonMark lets any
 * ASCII punctuation be escaped, and renders the escaped character literally — `\<script>` shows
 * as "<script>"); line breaks become spaces, so a value never leaves its line or table cell; and
 * control and bidirectional-override characters are dropped.
 */

/** C0/C1 controls (tab and line breaks become spaces later) and bidi overrides/isolates. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
/** Inline syntax anywhere: escapes, code, emphasis, links/images, HTML, headings, tables, strikethrough, entities, math. */
const INLINE_SYNTAX = /[\\`*_[\]<>#|~&$!]/g;

/** One line of literal text for a table cell or after a list marker; '' stays ''. */
export function inlineText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim().replace(INLINE_SYNTAX, '\\$&');
}

/**
 * Literal text that starts a line (a paragraph): also escapes what only means something at the
 * start of a line — list markers (`-`, `+`, `1.`, `1)`) and setext underlines (`=`).
 */
export function lineText(text: string): string {
  return inlineText(text)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Paragraphs of literal text: blank lines in `text` separate paragraphs, other line breaks become spaces. */
export function paragraphs(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map(lineText)
    .filter((p) => p !== '')
    .join('\n\n');
}

/**
 * A GFM table; every cell is literal text (escaped here). `align[i]` 'right' right-aligns a
 * column of numbers. Rows shorter than the header are padded with empty cells.
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ('left' | 'right')[] = []): string {
  const line = (cells: readonly string[]) => `| ${header.map((_, i) => inlineText(cells[i] ?? '')).join(' | ')} |`;
  const rule = `|${header.map((_, i) => (align[i] === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
