/** A policy file, as a workshop facilitator shares it: the document downloaded from Govern → Policy. */
import type { DocumentProblem } from '../documents/problems';
import { checkKeys, parseSnapshotText } from '../snapshot/safeJson';
import type { GovernancePolicyData } from './policy';
import { readPolicyDocument } from './policyDocument';

/** Largest policy file read, in characters: a policy is a few kilobytes. */
export const MAX_POLICY_FILE_CHARS = 1024 * 1024;

/** "at position 41" in a JSON syntax error → "line 3, column 7" of `text`. */
function withLine(message: string, text: string): string {
  const at = /position (\d+)/.exec(message);
  if (!at || /line \d+/.test(message)) return message;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  return `${message} (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
}

/**
 * Reads a policy file's text: size, JSON (syntax errors with their line), forbidden keys, then
 * the document loader and validator (problems with JSON Pointers). Nothing is returned unless
 * all pass, so an import never writes a half-valid policy.
 */
export function readPolicyText(text: string): { ok: true; data: GovernancePolicyData } | { ok: false; problems: DocumentProblem[] } {
  const parsed = parseSnapshotText(text, MAX_POLICY_FILE_CHARS);
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map((p) => ({ ...p, message: withLine(p.message, text) })) };
  const keys = checkKeys(parsed.value);
  if (keys.length) return { ok: false, problems: keys.map((p) => ({ ...p, message: p.message.replace('a snapshot', 'a policy') })) };
  const read = readPolicyDocument(parsed.value);
  return read.ok ? { ok: true, data: read.document } : read;
}
