/** The page's clock, in one place: the core never reads it; the shell passes times in. */
export function nowIso(): string {
  return new Date().toISOString();
}
