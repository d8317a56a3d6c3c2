/// <reference lib="webworker" />
/** The drift lab worker: holds the CTR scenario and answers the lab page (see labProtocol.ts). */
import type { LabProgress, LabRequest, LabResults } from './labProtocol';
import { createLabSession } from './labSession';
import { serveRpc } from './rpc';

const session = createLabSession();

serveRpc<LabRequest, LabProgress, LabResults[LabRequest['type']]>(
  self as unknown as DedicatedWorkerGlobalScope,
  (request, ctx) => session.handle(request, (p) => ctx.progress(p), () => ctx.cancelled),
  // An exported model's zip moves to the page instead of being copied.
  (result) => ('bytes' in result && result.bytes instanceof Uint8Array ? [result.bytes.buffer] : []),
);
