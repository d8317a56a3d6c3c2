import { DEPLOYMENTS_CHANGED } from '$lib/workers/endpointMessages';

/**
 * Lets the service worker drop its cached deployments, version states and gate inputs at once
 * (it re-reads them every 2 s anyway): call it after a deployment, a rollback, a retirement, and
 * any governance record (a published policy, a decision, a waiver) that may change what it serves,
 * and new log settings (masking applies from the next request).
 */
export function tellEndpoint<T>(value: T): T {
  navigator.serviceWorker?.controller?.postMessage({ type: DEPLOYMENTS_CHANGED });
  return value;
}
