/** Ties a draft field to its validator problems: the id they are shown under, and the field's ARIA. */
export function problemId(prefix: string, pointer: string): string {
  return `${prefix}${pointer.replaceAll('/', '-')}-problem`;
}

export function problemAria(problems: ReadonlyMap<string, string[]>, prefix: string, pointer: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return problems.has(pointer) ? { 'aria-invalid': true, 'aria-describedby': problemId(prefix, pointer) } : {};
}
