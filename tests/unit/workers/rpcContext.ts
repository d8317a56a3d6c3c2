/** A worker handler's context for tests (not a test file itself): records progress, cancels on demand. */
import { CancelledError, type RpcContext } from '$lib/workers/rpc';
import type { DataProgress } from '$lib/workers/dataProtocol';

export function testContext(): RpcContext<DataProgress> & { phases: DataProgress['phase'][]; cancel(): void } {
  const phases: DataProgress['phase'][] = [];
  let cancelled = false;
  return {
    phases,
    progress: (p) => phases.push(p.phase),
    cancel: () => (cancelled = true),
    get cancelled() {
      return cancelled;
    },
    throwIfCancelled() {
      if (cancelled) throw new CancelledError();
    },
  };
}
