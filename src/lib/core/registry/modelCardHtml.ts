/** The model card as a standalone HTML page: the same renderer as every governed document. */
import { standaloneHtml } from '../documents/standaloneHtml';

export function modelCardHtml(markdown: string, title: string): string {
  return standaloneHtml(markdown, title);
}
