/** What a key does in the facilitator view: N shows or hides the navigation, Escape shows it (a way out). */
export function presenterKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): 'toggle' | 'show' | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const target = event.target as { tagName?: string; isContentEditable?: boolean } | null;
  if (target && (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName ?? '') || target.isContentEditable)) return null;
  if (event.key === 'n' || event.key === 'N') return 'toggle';
  if (event.key === 'Escape') return 'show';
  return null;
}
