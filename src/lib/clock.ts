/** The page's clock, in one place: the core never reads it; the shell passes times in. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Milliseconds since the epoch: the wall clock, for code that takes it injected. */
export function nowMs(): number {
  return Date.now();
}
