/**
 * Calls to the local prediction endpoint from the page, as any script of this origin can make
 * them. Waits until the service worker controls the page (on the very first visit it takes over
 * a moment after load).
 */
async function controlled(): Promise<void> {
  if (!('serviceWorker' in navigator)) throw new Error('This browser has no service workers, so the local endpoint is not available.');
  if (navigator.serviceWorker.controller) return;
  await navigator.serviceWorker.ready;
  if (navigator.serviceWorker.controller) return;
  await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
}

export interface EndpointAnswer {
  status: number;
  body: string;
  ms: number;
}

async function call(path: string, init?: RequestInit): Promise<EndpointAnswer> {
  await controlled();
  const started = performance.now();
  const response = await fetch(path, init);
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started };
}

const forProject = (path: string, projectId?: string) => `${path}${projectId ? `?project=${encodeURIComponent(projectId)}` : ''}`;
const predictPath = (projectId?: string) => forProject('/api/v1/predict', projectId);
const postJson = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const endpoint = {
  predict: (text: string, projectId?: string) => call(predictPath(projectId), postJson({ text })),
  /** A request of named fields, as a client application sends a ticket, with its own reference. */
  predictFields: (fields: Record<string, string>, ref: string, projectId?: string) => call(predictPath(projectId), postJson({ fields, ref })),
  feedback: (id: string, label: string) => call('/api/v1/feedback', postJson({ id, label })),
  /** Several true labels in one request (at most 1,000), as a client sends a day's outcomes. */
  outcomes: (outcomes: readonly { id: string; label: string }[], projectId?: string) => call(forProject('/api/v1/feedback', projectId), postJson({ outcomes })),
  raw: (body: string) => call('/api/v1/predict', { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
  health: (projectId?: string) => call(forProject('/api/v1/health', projectId)),
  metrics: () => call('/metrics'),
};
