/**
 * The Deploy page's cost trade-off: the measurements read live (db/costInputs.ts), the person's
 * inputs (versions, price, worth of a decision — project-wide and per segment —, monthly volumes),
 * and the calculator's answer (core/practice/costCalculator.ts). In a mission's project, the
 * figures can be kept for the mission (`record`): no store keeps a calculation otherwise. In the
 * cost drill's project the drill's own figures are the starting inputs (DRILL_COST_INPUTS).
 */
import { costMeasurements, missionOfProject, type CostMeasurements } from '$lib/db';
import { costProblems, costTradeOff, type CostInputs, type CostTradeOff } from '$lib/core/practice/costCalculator';
import { COST_TRADE_OFF_EVENT, DRILL_COST_INPUTS } from '$lib/core/practice/missions/drillCost';
import type { MissionId } from '$lib/core/practice/mission';
import { noteMissionAction } from './practice/missionEvents';
import { db } from './database.svelte';
import { Live } from './live.svelte';

/** A segment's own worth of a decision as typed: undefined = untouched (the starting figure), null = the project-wide one. */
type SegmentWorthInput = { valueRight?: number | null; costWrong?: number | null };

export class CostCalculator {
  readonly measurements: Live<CostMeasurements | null>;
  readonly mission: Live<MissionId | null>;
  /** Chosen versions (ids); '' = the default (the second newest and the newest). */
  firstId = $state('');
  secondId = $state('');
  /** null = the starting figure (per CPU-second, or the drill's). */
  typedPriceKind = $state<'cpu-second' | '1000-predictions' | null>(null);
  cpuSecondPrice = $state(1);
  pricePer1000 = $state<Record<string, number>>({});
  /** null = from the project's business settings. */
  valueRight = $state<number | null>(null);
  costWrong = $state<number | null>(null);
  volumes = $state<Record<string, number>>({});
  worth = $state<Record<string, SegmentWorthInput>>({});
  recorded = $state<string | null>(null);

  constructor(readonly projectId: string) {
    this.measurements = new Live(() => costMeasurements(db, projectId), null);
    this.mission = new Live(async () => (await missionOfProject(db, projectId))?.id ?? null, null);
  }

  get inMission(): boolean {
    return this.mission.current !== null;
  }

  /** The starting figures: the cost drill's in its project, else none (volumes 0, project-wide worth). */
  get #start(): typeof DRILL_COST_INPUTS | null {
    return this.mission.current === 'drill-cost' ? DRILL_COST_INPUTS : null;
  }

  get priceKind(): 'cpu-second' | '1000-predictions' {
    return this.typedPriceKind ?? this.#start?.priceKind ?? 'cpu-second';
  }

  set priceKind(kind: 'cpu-second' | '1000-predictions') {
    this.typedPriceKind = kind;
  }

  /** A version's price per 1,000 predictions: as typed, else the starting figure (by version name), else 0. */
  pricePer1000Of(versionId: string): number {
    const name = this.measurements.current?.versions.find((v) => v.versionId === versionId)?.name ?? '';
    return this.pricePer1000[versionId] ?? this.#start?.pricePer1000[name] ?? 0;
  }

  volumeOf(segment: string): number {
    return this.volumes[segment] ?? this.#start?.volumes[segment] ?? 0;
  }

  /** A segment's own worth of a decision (undefined = the project-wide one). */
  worthOf(segment: string, key: 'valueRight' | 'costWrong'): number | undefined {
    const typed = this.worth[segment]?.[key];
    return typed === null ? undefined : (typed ?? this.#start?.worth[segment]?.[key]);
  }

  /** Sets a segment's own worth; null goes back to the project-wide one. */
  setWorth(segment: string, key: 'valueRight' | 'costWrong', value: number | null): void {
    this.worth = { ...this.worth, [segment]: { ...this.worth[segment], [key]: value } };
  }

  /** The two versions compared: the chosen ones, else the second newest against the newest. */
  get pair(): [string, string] {
    const ids = this.measurements.current?.versions.map((v) => v.versionId) ?? [];
    return [this.firstId || ids[1] || '', this.secondId || ids[0] || ''];
  }

  get inputs(): CostInputs | null {
    const m = this.measurements.current;
    if (!m) return null;
    const versions = this.pair.map((id) => m.versions.find((v) => v.versionId === id));
    if (!versions[0] || !versions[1] || versions[0] === versions[1]) return null;
    return {
      versions: versions.map((v) => ({ ...v!, pricePer1000: this.pricePer1000Of(v!.versionId) })) as CostInputs['versions'],
      price: this.priceKind === 'cpu-second' ? { per: 'cpu-second', amount: this.cpuSecondPrice } : { per: '1000-predictions' },
      valueRight: this.valueRight ?? m.valueRight,
      costWrong: this.costWrong ?? m.costWrong,
      segments: m.segments.map((name) => ({
        name, monthlyVolume: this.volumeOf(name), valueRight: this.worthOf(name, 'valueRight'), costWrong: this.worthOf(name, 'costWrong'),
      })),
    };
  }

  get answer(): { result: CostTradeOff; problems: [] } | { result: null; problems: string[] } {
    const inputs = this.inputs;
    if (!inputs) return { result: null, problems: ['Choose two different registered versions with an evaluation.'] };
    const problems = costProblems(inputs);
    return problems.length ? { result: null, problems } : { result: costTradeOff(inputs), problems: [] };
  }

  /** Keeps the figures for the mission that owns the project. */
  async record(): Promise<void> {
    const { result } = this.answer;
    const inputs = this.inputs;
    if (!result || !inputs) return;
    const [a, b] = result.versions;
    const kept = await noteMissionAction({ projectId: this.projectId }, COST_TRADE_OFF_EVENT, {
      first: a.name, second: b.name, firstNet: a.net, secondNet: b.net, routedNet: result.routed.net, best: result.best,
      segments: inputs.segments.filter((s) => s.monthlyVolume > 0).length,
      routedTo: result.routed.choice.filter((c) => c.version === 1).map((c) => c.segment).join(', '),
    });
    this.recorded = kept ? 'Kept for the mission.' : 'No mission uses this project, so nothing was kept.';
  }
}
