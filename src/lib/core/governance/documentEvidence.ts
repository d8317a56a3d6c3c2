/**
 * Evidence that a governed document is approved (core/documents/governed): a gate may require
 * the model card, the datasheet or the Annex IV outline approved. An approved version is never
 * changed, and it names the object it is about, so a newer model or dataset version needs its own.
 */
import type { DocumentKind } from '../documents/governed/flow';
import type { ApprovedDocument } from './facts';
import type { Verdict } from './evidenceState';

/** Pass when `approved` holds a version of `kind`; `what` names the document in the reason. */
export function documentApproved(approved: readonly ApprovedDocument[] | undefined, kind: DocumentKind, what: string): Verdict {
  const doc = approved?.find((d) => d.kind === kind);
  if (!doc) return { status: 'not-yet', reason: `${what} is not approved yet: write it, submit it and have it approved under Govern → Documents.` };
  return { status: 'pass', reason: `v${doc.version} approved by ${doc.approvedBy}.` };
}
