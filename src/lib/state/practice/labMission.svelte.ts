/**
 * The drift lab's link to the intermediate mission: while the lab shows the mission's scenario
 * and the mission runs, the learner's actions are recorded on the mission (the lab keeps no store
 * of its own). Analyses and remedies are followed from the lab's state; the verdict, the findings
 * and the downloaded report are said by the learner (`judge`, `recordFindings`, `reported`). The
 * lab's latest address is kept on the mission, so its links reopen the lab where the learner left.
 */
import { untrack } from 'svelte';
import { getMission } from '$lib/db';
import { keepIntermediateLabState } from '$lib/db/practice/intermediateLab';
import { isIntermediateScenario } from '$lib/core/practice/missions/intermediate';
import { driftReportEvent, evaluationEvent, findingsEvent, remedyEvents, reportEvent, verdictEvent, type LabEvent } from '$lib/core/practice/intermediateLab';
import { checkDrop } from '$lib/core/diagnosis/ctrEvidence';
import type { DiagnosisData } from '$lib/core/diagnosis/ctrReport';
import type { LabSnapshot } from '$lib/workers/labProtocol';
import type { CtrLab } from '../ctrLab.svelte';
import { db } from '../database.svelte';
import { Live } from '../live.svelte';
import { noteMissionAction } from './missionEvents';
import { encodeLabState } from '../labUrl';

export class LabMission {
  readonly #lab: CtrLab;
  readonly #record = new Live(async () => (await getMission(db, 'intermediate')) ?? null, null);
  /** The snapshot last seen, to tell a remedy taken here from a state reopened. */
  #seen: LabSnapshot | null = null;
  /** Whether the lab shows the running mission's scenario: only then is anything recorded. */
  readonly active = $derived.by(() => this.#record.current !== null && !!this.#lab.snapshot && isIntermediateScenario(this.#lab.snapshot.record.data.config));

  /** Call while a component is set up (it follows the lab with effects). */
  constructor(lab: CtrLab) {
    this.#lab = lab;
    $effect(() => {
      const drift = lab.drift;
      if (drift) untrack(() => this.#note(driftReportEvent(drift)));
    });
    $effect(() => {
      const evaluation = lab.evaluation;
      if (evaluation) untrack(() => this.#note(evaluationEvent(evaluation)));
    });
    $effect(() => {
      const snapshot = lab.snapshot;
      untrack(() => {
        const seen = this.#seen;
        this.#seen = snapshot;
        if (snapshot && this.active) void keepIntermediateLabState(db, encodeLabState(snapshot.record));
        if (!seen || !snapshot || JSON.stringify(seen.record.data.config) !== JSON.stringify(snapshot.record.data.config)) return;
        for (const event of remedyEvents(seen.record.data.actions, snapshot.record.data.actions)) this.#note(event);
      });
    });
  }

  /** The learner's verdict on the drop, kept with the lab's own reading of the same weeks. */
  judge(verdict: 'real' | 'artefact'): Promise<boolean> {
    const snapshot = this.#lab.snapshot;
    if (!snapshot) return Promise.resolve(false);
    return this.#note(verdictEvent(verdict, checkDrop(snapshot.summaries, { daily: snapshot.daily }), snapshot.week));
  }

  recordFindings(columns: readonly string[], segment: string): Promise<boolean> {
    return this.#note(findingsEvent(columns, segment));
  }

  /** A diagnosis report was downloaded. */
  reported(data: DiagnosisData): Promise<boolean> {
    return this.#note(reportEvent(data));
  }

  #note(event: LabEvent): Promise<boolean> {
    if (!this.active) return Promise.resolve(false);
    return noteMissionAction({ missionId: 'intermediate' }, event.kind, event.detail);
  }
}
