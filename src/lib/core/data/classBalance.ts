/** Counts rows per label; unlabelled rows count under the empty string. */
export function classBalanceOf(rows: Iterable<{ label: string | null }>): Record<string, number> {
  const balance: Record<string, number> = {};
  for (const r of rows) {
    const key = r.label ?? '';
    balance[key] = (balance[key] ?? 0) + 1;
  }
  return balance;
}
