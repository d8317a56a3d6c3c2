/**
 * Rows for labels laid along x (e.g. event markers above a chart) so that none overlaps another:
 * each label takes the first row whose last label ends `gap` px before it starts. Pure, in px.
 */
export interface LabelSpan {
  /** Left edge, px. */
  x: number;
  /** Width, px. */
  width: number;
}

/** Row index (0 = first) of each label, in input order. */
export function labelRows(labels: readonly LabelSpan[], gap = 8): number[] {
  const rowEnds: number[] = [];
  const rows = new Array<number>(labels.length);
  const order = labels.map((_, i) => i).sort((a, b) => labels[a].x - labels[b].x);
  for (const i of order) {
    const { x, width } = labels[i];
    let row = rowEnds.findIndex((end) => end + gap <= x);
    if (row === -1) row = rowEnds.length;
    rowEnds[row] = x + width;
    rows[i] = row;
  }
  return rows;
}
