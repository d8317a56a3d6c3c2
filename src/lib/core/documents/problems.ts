/**
 * What is wrong with a document (a snapshot, a model version …), and where: every problem names
 * a JSON Pointer into the document ("/runs/3/metrics/test.accuracy", RFC 6901; "" is the whole
 * document) and says what is wrong in words a PM can act on.
 */

export interface DocumentProblem {
  /** JSON Pointer of the offending value; '' for the document itself. */
  path: string;
  message: string;
}

/** "/runs/3/metrics/test.accuracy: must be a number". */
export function formatProblem(p: DocumentProblem): string {
  return `${p.path || '/'}: ${p.message}`;
}

/** One pointer segment: `~` → `~0`, `/` → `~1`. */
export function escapePointer(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The pointer of `segments` under `base`. */
export function pointer(base: string, ...segments: (string | number)[]): string {
  return base + segments.map((s) => `/${escapePointer(s)}`).join('');
}

/** A short, quoted preview of a value for messages. */
export function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
