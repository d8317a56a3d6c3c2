/**
 * The Deploy page's cost trade-off: the measurements read live (db/costInputs.ts), the person's
 * inputs (versions, price, worth of a decision, monthly volumes), and the calculator's answer
 * (core/practice/costCalculator.ts). In a mission's project, the figures can be kept for the
 * mission (`record`): no store keeps a calculation otherwise.
 */
import { costMeasurements, missionOfProject, type CostMeasurements } from '$lib/db';
import { costProblems, costTradeOff, type CostInputs, type CostTradeOff } from '$lib/core/practice/costCalculator';
import { COST_TRADE_OFF_EVENT } from '$lib/core/practice/missions/drillCost';
import { noteMissionAction } from './practice/missionEvents';
import { db } from './database.svelte';
import { Live } from './live.svelte';

export class CostCalculator {
  readonly measurements: Live<CostMeasurements | null>;
  readonly inMission: Live<boolean>;
  /** Chosen versions (ids); '' = the default (the second newest and the newest). */
  firstId = $state('');
  secondId = $state('');
  priceKind = $state<'cpu-second' | '1000-predictions'>('cpu-second');
  cpuSecondPrice = $state(1);
  pricePer1000 = $state<Record<string, number>>({});
  /** null = from the project's business settings. */
  valueRight = $state<number | null>(null);
  costWrong = $state<number | null>(null);
  volumes = $state<Record<string, number>>({});
  recorded = $state<string | null>(null);

  constructor(readonly projectId: string) {
    this.measurements = new Live(() => costMeasurements(db, projectId), null);
    this.inMission = new Live(async () => Boolean(await missionOfProject(db, projectId)), false);
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
      versions: versions.map((v) => ({ ...v!, pricePer1000: this.pricePer1000[v!.versionId] ?? 0 })) as CostInputs['versions'],
      price: this.priceKind === 'cpu-second' ? { per: 'cpu-second', amount: this.cpuSecondPrice } : { per: '1000-predictions' },
      valueRight: this.valueRight ?? m.valueRight,
      costWrong: this.costWrong ?? m.costWrong,
      segments: m.segments.map((name) => ({ name, monthlyVolume: this.volumes[name] ?? 0 })),
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
