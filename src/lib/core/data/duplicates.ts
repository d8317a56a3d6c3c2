/**
 * Duplicate detection. Texts and labels are compared after case-folding and whitespace
 * collapsing, so "Refund  please" and "refund please" are the same text and "Billing" and
 * " billing" the same label.
 */

/** Whitespace other than a lone space, or a run of two or more, or at either end. */
const NEEDS_COLLAPSE = /[^\S ]|\s\s|^\s|\s$/;
/** Touches only what changes: replacing every single space with itself would be slower. */
const WHITESPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/g;

/** Comparison key of a text: lower case, runs of whitespace as one space, trimmed. */
export function textKey(text: string): string {
  const lower = text.toLowerCase();
  return NEEDS_COLLAPSE.test(lower) ? lower.replace(WHITESPACE_TO_COLLAPSE, ' ').trim() : lower;
}

/** Comparison key of a label (same folding as texts); null stays null (unlabelled). */
export function labelKey(label: string | null): string | null {
  return label === null ? null : textKey(label);
}

export interface DuplicateRoles {
  /** Per member: -1 if it is kept as an original, else the member index it duplicates. */
  duplicateOf: Int32Array;
  /** True when the members carry at least two different (non-null) labels. */
  conflict: boolean;
}

/**
 * Roles within one group of records with the same text, given their label keys in line order:
 * the first record of each label is the original and later ones with that label are duplicates
 * of it; unlabelled copies are duplicates of the first labelled record (they add nothing), or,
 * when no record is labelled, of the first unlabelled one.
 */
export function duplicateRoles(labelKeys: readonly (string | null)[]): DuplicateRoles {
  const firstByLabel = new Map<string, number>();
  let firstLabelled = -1;
  let firstUnlabelled = -1;
  labelKeys.forEach((k, j) => {
    if (k === null || firstByLabel.has(k)) return;
    firstByLabel.set(k, j);
    if (firstLabelled < 0) firstLabelled = j;
  });
  const duplicateOf = new Int32Array(labelKeys.length);
  labelKeys.forEach((k, j) => {
    if (k !== null) {
      const first = firstByLabel.get(k) as number;
      duplicateOf[j] = first === j ? -1 : first;
    } else if (firstLabelled >= 0) {
      duplicateOf[j] = firstLabelled;
    } else if (firstUnlabelled < 0) {
      firstUnlabelled = j;
      duplicateOf[j] = -1;
    } else {
      duplicateOf[j] = firstUnlabelled;
    }
  });
  return { duplicateOf, conflict: firstByLabel.size >= 2 };
}

/**
 * Members of each group from a per-record group array (-1 = no group): a map from group id to
 * record indexes in ascending order, built in one pass.
 */
export function groupMembers(groups: Int32Array): Map<number, number[]> {
  const members = new Map<number, number[]>();
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (g < 0) continue;
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  }
  return members;
}
