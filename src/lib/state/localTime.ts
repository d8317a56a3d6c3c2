/** Between `datetime-local` inputs (the person's local time, to the second) and stored ISO times. */

/** A `datetime-local` value → ISO; '' when empty or invalid. */
export function localToIso(local: string): string {
  const t = local ? new Date(local).getTime() : NaN;
  return Number.isNaN(t) ? '' : new Date(t).toISOString();
}

/** ISO → a `datetime-local` value in local time, to the second; '' when invalid. */
export function isoToLocal(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
