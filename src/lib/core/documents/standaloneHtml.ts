/**
 * A Markdown document (model card, datasheet, Annex IV outline) as one standalone HTML page, for
 * people who will not open Markdown: no script, no outside request, a print stylesheet inside.
 * The Markdown already escapes everything that came from data (registry/markdownText.ts); on top
 * of that, raw HTML in it is written out as text, so nothing in a document can become markup.
 */
import { Marked } from 'marked';

export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const renderer = new Marked({ gfm: true, async: false, renderer: { html: ({ text }) => escapeHtml(text) } });

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;color:#1d2330;max-width:52rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.8rem}h2{margin-top:2rem;border-bottom:1px solid #d5dae3}table{border-collapse:collapse;margin:0.5rem 0}
th,td{border:1px solid #d5dae3;padding:0.25rem 0.6rem;text-align:left}td[align=right]{text-align:right}
@page{margin:18mm 16mm}
@media print{body{margin:0;max-width:none;font-size:11pt;color:#000}a{color:inherit;text-decoration:none}
h1,h2,h3{break-after:avoid}table,li,blockquote{break-inside:avoid}th,td{border-color:#888}}`;

export function standaloneHtml(markdown: string, title: string): string {
  const body = renderer.parse(markdown) as string;
  return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n<main>\n${body}</main>\n</body>\n</html>\n`;
}
