import { gatherRetireHistory, type RetireHistory } from '$lib/db/practice/retireHistory';
import { DEFAULT_HORIZON_MONTHS, parseRetireForm, retireDefaults, type RetireField, type RetireForm } from '$lib/core/practice/retireDefaults';
import { retrainOrRetire, WEEKS_PER_MONTH, type RetireVerdict } from '$lib/core/practice/retrainOrRetire';
import { describeRuleProblems, parseKeywordRule, type FallbackScore } from '$lib/core/practice/retireFallback';
import { formatAmount, formatMoney } from '$lib/core/monitor/businessText';
import { decisionWorth } from '$lib/core/monitor/businessValue';
import type { AgeChartData } from '$lib/charts/ageChart';
import { dataCall } from '$lib/workers/dataClient';
import type { DataProgress } from '$lib/workers/dataProtocol';
import { CancelledError, type Call } from '$lib/workers/rpc';
import { db } from './database.svelte';
import { nowMs } from '$lib/clock';

/**
 * The retrain-or-retire calculator of one project: the history read once when the view opens
 * (and again on request — not live, since it spans months of buckets), the form filled from it
 * and edited by the person, the fallback scored in the data worker, and the verdict from core.
 */
export class RetireCalculator {
  readonly projectId: string;
  history = $state.raw<RetireHistory | null>(null);
  form = $state<RetireForm | null>(null);
  sources = $state<Record<RetireField, string> | null>(null);
  fallbackKind = $state<'majority' | 'keywords'>('majority');
  ruleText = $state('');
  fallbackProgress = $state.raw<DataProgress | null>(null);
  fallbackScore = $state.raw<FallbackScore | null>(null);
  fallbackError = $state<string | null>(null);
  scoring = $state(false);
  #call: Call<FallbackScore> | null = null;

  constructor(projectId: string) {
    this.projectId = projectId;
  }

  /** The defaults last filled in: a field the person changed since keeps its value when the history is read again. */
  #defaults: RetireForm | null = null;

  async load(): Promise<void> {
    const history = await gatherRetireHistory(db, this.projectId, nowMs());
    this.history = history;
    if (!history.ok) return;
    const fresh = retireDefaults(history.facts);
    const form = { ...fresh.form }, sources = { ...fresh.sources };
    const before = this.form, defaults = this.#defaults;
    if (before && defaults) {
      for (const f of Object.keys(form) as RetireField[]) {
        if (before[f] === defaults[f]) continue;
        form[f] = before[f];
        sources[f] = this.sources?.[f] ?? sources[f];
      }
    }
    this.#defaults = fresh.form;
    this.form = form;
    this.sources = sources;
  }

  /** The classes a keyword rule may answer: the served run's. */
  get classes(): string[] {
    return this.history?.ok ? this.history.classes : [];
  }

  /** Why the written rule cannot run, line by line; null when it can (or the majority is chosen). */
  get ruleProblem(): string | null {
    if (this.fallbackKind !== 'keywords') return null;
    const parsed = parseKeywordRule(this.ruleText, this.classes);
    return parsed.ok ? null : describeRuleProblems(parsed.problems);
  }

  /** Scores the chosen fallback on the served run's test split; its accuracy fills the form. */
  async scoreFallback(): Promise<void> {
    const history = this.history;
    if (!history?.ok || this.scoring || this.ruleProblem) return;
    this.scoring = true;
    this.fallbackError = null;
    this.fallbackProgress = null;
    const fallback = this.fallbackKind === 'majority' ? { kind: 'majority' as const } : { kind: 'keywords' as const, text: this.ruleText };
    this.#call = dataCall({ type: 'retireFallback', runId: history.runId, fallback }, (p) => (this.fallbackProgress = p));
    try {
      const score = await this.#call.result;
      this.fallbackScore = score;
      if (score.accuracy !== null && this.form && this.sources) {
        this.form.fallbackAccuracy = String(Math.round(score.accuracy * 10_000) / 100);
        this.sources.fallbackAccuracy = `${score.name} on the test split: ${score.correct} right of ${score.n}`;
        // A scored fallback is the person's choice: reading the history again keeps it.
        if (this.#defaults) this.#defaults.fallbackAccuracy = '';
      }
    } catch (error) {
      this.fallbackError = error instanceof CancelledError ? 'Cancelled: the fallback’s accuracy was not changed.' : error instanceof Error ? error.message : String(error);
    } finally {
      this.scoring = false;
      this.#call = null;
    }
  }

  cancelScoring(): void {
    this.#call?.cancel();
  }

  /** Money in the project's currency, or in its business unit when no money is set. */
  get money(): (amount: number) => string {
    const b = this.history?.ok ? this.history.facts.business : null;
    const worth = b ? decisionWorth(b) : null;
    if (worth?.inMoney) return (a) => formatMoney(a, worth.countedIn);
    const unit = worth?.countedIn ?? 'units';
    return (a) => `${formatAmount(a)} ${unit}`;
  }

  /** What amounts are counted in, for the form's labels. */
  get amountUnit(): string {
    const b = this.history?.ok ? this.history.facts.business : null;
    return b ? decisionWorth(b).countedIn : '';
  }

  /** The verdict on the form as it stands, or why there is none. */
  get verdict(): { ok: true; verdict: RetireVerdict } | { ok: false; message: string } | null {
    if (!this.form) return null;
    const parsed = parseRetireForm(this.form);
    if (!parsed.ok) return parsed;
    return { ok: true, verdict: retrainOrRetire(parsed.inputs, this.money) };
  }

  /** What the age chart draws. */
  get chart(): AgeChartData | null {
    const history = this.history;
    if (!history?.ok) return null;
    const { facts } = history;
    const v = this.verdict;
    const parsed = this.form ? parseRetireForm(this.form) : null;
    const levels: { name: string; value: number }[] = [];
    if (v?.ok && v.verdict.retrainPaysBelow !== null) levels.push({ name: 'retraining pays below', value: v.verdict.retrainPaysBelow });
    if (parsed?.ok) levels.push({ name: 'fallback', value: parsed.inputs.fallbackAccuracy });
    return {
      weeks: facts.weeks,
      fit: facts.fit.ok ? { start: facts.fit.accuracyAtStart, decayPerWeek: facts.fit.decayPerWeek } : null,
      ageWeeks: facts.served.ageWeeks,
      horizonWeeks: (parsed?.ok ? parsed.inputs.horizonMonths : Number(this.form?.horizonMonths) || DEFAULT_HORIZON_MONTHS) * WEEKS_PER_MONTH,
      levels,
    };
  }
}
