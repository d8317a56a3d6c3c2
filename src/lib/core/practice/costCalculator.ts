/**
 * The cost trade-off of two model versions: is a more accurate but costlier version worth it, and
 * where? Each version's monthly net value per segment is what its decisions are worth minus its
 * compute:
 *
 *   decisions = volume × (accuracy × valueRight − (1 − accuracy) × costWrong)
 *   compute   = volume × cost of one prediction
 *   net       = decisions − compute
 *
 * What a decision is worth can differ by segment (a wrong answer to an enterprise customer may
 * cost far more than one to a free user): a segment may carry its own value of a right decision
 * and cost of a wrong one, else the project-wide ones stand (`segmentWorth`, the one rule). That
 * is what lets routing follow value, not only accuracy.
 *
 * A prediction costs its measured latency × the price of a CPU-second (the browser's predictor
 * runs on one core, so latency is CPU time), or the version's own price per 1,000 predictions.
 * A segment's accuracy is the version's measured accuracy on it (a slice of the test split), or
 * its overall test accuracy where none was measured. Routing by segment gives each segment the
 * version with the higher net there (the costlier one only where it pays for itself).
 *
 * `delta` compares the second version with the first as the interview drill states it: accuracy
 * gained (volume-weighted), extra compute, losses prevented (the decisions' value gained) and the
 * net — e.g. 0.5 % more accurate on 1,000,000 predictions a month at $10 per decision turned
 * right prevents $50K of losses; at double the compute (+$30K) the net is +$20K.
 */

export interface CostVersion {
  versionId: string;
  name: string;
  /** Measured accuracy on the test split, 0–1. */
  accuracy: number;
  /** Measured accuracy per segment (by segment name), 0–1; a segment missing here uses `accuracy`. */
  accuracyBySegment: Record<string, number>;
  /** Recall per class on the test split, 0–1 (shown beside; the value counts decisions, not classes). */
  accuracyByClass: Record<string, number>;
  /** Mean single-prediction latency, ms. */
  latencyMs: number;
  /** Price per 1,000 predictions, used when the price is per 1,000 predictions. */
  pricePer1000: number;
}

export type ComputePrice = { per: 'cpu-second'; amount: number } | { per: '1000-predictions' };

export interface CostInputs {
  versions: [CostVersion, CostVersion];
  price: ComputePrice;
  /** Money a right decision earns and a wrong one costs (≥ 0), per decision. */
  valueRight: number;
  costWrong: number;
  /** Predictions a month per segment (≥ 0); the segments should not overlap. A segment's own
   * `valueRight` / `costWrong` (≥ 0) replace the project-wide ones there. */
  segments: CostSegment[];
}

export interface CostSegment {
  name: string;
  monthlyVolume: number;
  valueRight?: number;
  costWrong?: number;
}

/** What a decision is worth in a segment: its own figures where given, else the project-wide ones. */
export function segmentWorth(inputs: Pick<CostInputs, 'valueRight' | 'costWrong'>, segment: CostSegment): { valueRight: number; costWrong: number } {
  return { valueRight: segment.valueRight ?? inputs.valueRight, costWrong: segment.costWrong ?? inputs.costWrong };
}

export interface SegmentValue {
  segment: string;
  volume: number;
  accuracy: number;
  /** Whether the accuracy was measured on this segment (else the overall accuracy stands in). */
  measured: boolean;
  /** What a right decision earns and a wrong one costs here (`segmentWorth`). */
  valueRight: number;
  costWrong: number;
  decisions: number;
  compute: number;
  net: number;
}

export interface VersionValue {
  versionId: string;
  name: string;
  /** Cost of one prediction. */
  perPrediction: number;
  /** Volume-weighted accuracy over the segments. */
  accuracy: number;
  decisions: number;
  compute: number;
  net: number;
  segments: SegmentValue[];
}

export interface RoutedValue {
  /** Which version (index 0 or 1) each segment goes to. */
  choice: { segment: string; version: 0 | 1 }[];
  decisions: number;
  compute: number;
  net: number;
}

export interface CostTradeOff {
  versions: [VersionValue, VersionValue];
  routed: RoutedValue;
  /** The second version against the first. */
  delta: { accuracy: number; compute: number; lossesPrevented: number; net: number };
  /** The best of: all on the first, all on the second, routing by segment (ties go to the simpler, cheaper choice). */
  best: 'first' | 'second' | 'routed';
}

/** What is wrong with the inputs (empty when the calculator can answer). */
export function costProblems(inputs: CostInputs): string[] {
  const problems: string[] = [];
  const nonNegative = (x: number) => Number.isFinite(x) && x >= 0;
  for (const v of inputs.versions) {
    if (!(v.accuracy >= 0 && v.accuracy <= 1)) problems.push(`${v.name}: its accuracy must be between 0 and 1.`);
    if (inputs.price.per === 'cpu-second' && !nonNegative(v.latencyMs)) problems.push(`${v.name} has no measured latency.`);
    if (inputs.price.per === '1000-predictions' && !nonNegative(v.pricePer1000)) problems.push(`Give ${v.name}'s price per 1,000 predictions (≥ 0).`);
  }
  if (inputs.price.per === 'cpu-second' && !nonNegative(inputs.price.amount)) problems.push('The price of a CPU-second must be a number ≥ 0.');
  if (!nonNegative(inputs.valueRight) || !nonNegative(inputs.costWrong)) problems.push('What a right decision earns and a wrong one costs must be numbers ≥ 0.');
  for (const s of inputs.segments) {
    const own = [s.valueRight, s.costWrong].filter((x) => x !== undefined);
    if (!own.every(nonNegative)) problems.push(`${s.name}: what a right decision earns and a wrong one costs there must be numbers ≥ 0 (leave empty for the project-wide ones).`);
  }
  if (inputs.segments.some((s) => !nonNegative(s.monthlyVolume))) problems.push('Monthly volumes must be numbers ≥ 0.');
  if (!inputs.segments.some((s) => s.monthlyVolume > 0)) problems.push('Give the monthly volume of at least one segment.');
  return problems;
}

function perPrediction(v: CostVersion, price: ComputePrice): number {
  return price.per === 'cpu-second' ? (v.latencyMs / 1000) * price.amount : v.pricePer1000 / 1000;
}

function valueOf(v: CostVersion, inputs: CostInputs): VersionValue {
  const unit = perPrediction(v, inputs.price);
  const segments = inputs.segments.map((segment): SegmentValue => {
    const { name, monthlyVolume: volume } = segment;
    const { valueRight, costWrong } = segmentWorth(inputs, segment);
    const measured = v.accuracyBySegment[name] !== undefined;
    const accuracy = measured ? v.accuracyBySegment[name] : v.accuracy;
    const decisions = volume * (accuracy * valueRight - (1 - accuracy) * costWrong);
    const compute = volume * unit;
    return { segment: name, volume, accuracy, measured, valueRight, costWrong, decisions, compute, net: decisions - compute };
  });
  const volume = segments.reduce((s, x) => s + x.volume, 0);
  const sum = (f: (s: SegmentValue) => number) => segments.reduce((s, x) => s + f(x), 0);
  return {
    versionId: v.versionId,
    name: v.name,
    perPrediction: unit,
    accuracy: volume > 0 ? sum((s) => s.volume * s.accuracy) / volume : v.accuracy,
    decisions: sum((s) => s.decisions),
    compute: sum((s) => s.compute),
    net: sum((s) => s.net),
    segments,
  };
}

/** The monthly net value of each version, of routing by segment, and the second against the first. */
export function costTradeOff(inputs: CostInputs): CostTradeOff {
  const problems = costProblems(inputs);
  if (problems.length) throw new Error(problems.join(' '));
  const [a, b] = inputs.versions.map((v) => valueOf(v, inputs)) as [VersionValue, VersionValue];
  const choice = a.segments.map((s, i) => ({ segment: s.segment, version: (b.segments[i].net > s.net ? 1 : 0) as 0 | 1 }));
  const pick = (f: (s: SegmentValue) => number) => choice.reduce((sum, c, i) => sum + f((c.version ? b : a).segments[i]), 0);
  const routed: RoutedValue = { choice, decisions: pick((s) => s.decisions), compute: pick((s) => s.compute), net: pick((s) => s.net) };
  // Routing only counts as its own answer when it sends segments to both versions.
  const mixed = choice.some((c) => c.version === 0) && choice.some((c) => c.version === 1);
  const best = mixed && routed.net > Math.max(a.net, b.net) ? 'routed' : b.net > a.net ? 'second' : 'first';
  return {
    versions: [a, b],
    routed,
    delta: { accuracy: b.accuracy - a.accuracy, compute: b.compute - a.compute, lossesPrevented: b.decisions - a.decisions, net: b.net - a.net },
    best,
  };
}
