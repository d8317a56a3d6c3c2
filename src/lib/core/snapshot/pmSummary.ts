/**
 * The one-page lifecycle summary a PM reads from a snapshot: each stage's status (the same
 * rules as the app's lifecycle strip, lifecycle/stages.ts), the metrics of the version that is
 * served (or, with nothing served, of the champion) against the success criteria (lifecycle/criteria.ts; production targets measured on the exported live
 * traffic), the latest drift findings, open gates, deployment and monitoring status, and the
 * governance section (pmGovernance.ts) when the caller gives one: it is read from the database
 * (its evidence needs facts a snapshot does not carry), and so is whether a retrain is due.
 */
import { filledBoxCount } from '../lifecycle/canvas';
import { CRISP_DM_INFO } from '../lifecycle/crispDm';
import { criterionText, evaluateCriteria, type MeasuredMetrics } from '../lifecycle/criteria';
import { unflattenMeasured } from '../lifecycle/measured';
import { computeStageStatuses, STAGE_INFO, STAGES, type LifecycleSummary, type StageId, type StageStatus } from '../lifecycle/stages';
import { emptyBucket, mergeInto } from '../monitor/buckets';
import { bucketizeHealthChecks } from '../monitor/aggregate';
import { emptyHealthBucket, mergeHealthInto } from '../monitor/health';
import { summarize } from '../monitor/query';
import { toMeasuredProduction } from '../monitor/alerts';
import type { SnapshotBusiness, SnapshotDocument, SnapshotModelVersion } from './document';
import { fromSnapshotBucket } from './bucketEncoding';
import type { PmGovernance } from './pmGovernance';
import { pmObjectives } from './pmObjectives';
import type { ObjectiveProgress } from '../lifecycle/objectives';
import type { RetrainDue } from '../loop/retrainPolicy';

export interface PmCriterion {
  id: string;
  text: string;
  /** The criterion's note ("single prediction through /api/v1/predict"), shown apart; '' without one. */
  note: string;
  status: 'pass' | 'fail' | 'unmeasured';
  measured: number | null;
  /** Signed distance to the threshold; positive = headroom. */
  margin: number | null;
  /** Where the value comes from: the champion's evaluation run, or live traffic. */
  source: 'run' | 'production' | null;
}

export interface PmModel {
  label: string;
  runNumber: number | null;
  datasetVersion: number | null;
  createdAt: string;
}

export interface PmSummary {
  project: { name: string; description: string };
  exportedAt: string;
  crispPhase: string;
  stages: { id: StageId; title: string; status: StageStatus; reason: string }[];
  champion: PmModel | null;
  /** The version the active deployment serves; null when nothing is deployed. */
  served: PmModel | null;
  /** Whose evaluation run the criteria read: the served version, else the champion. */
  criteriaOf: 'served' | 'champion' | null;
  criteria: PmCriterion[];
  /** Progress toward each key result, from the criteria above and the business figures (pmObjectives.ts). */
  objectives: ObjectiveProgress[];
  drift: { reports: number; latest: { createdAt: string; title: string } | null };
  openGates: { stage: StageId; name: string; status: 'pending' | 'rejected'; requirement: string }[];
  deployment: { served: string | null; alias: string | null; since: string | null; canary: string | null; deployments: number; rollbacks: number };
  monitoring: {
    days: number; requests: number; predictions: number; errorRate: number | null; p99Ms: number | null; accuracy: number | null; availability: number | null; alerts: number;
    /** Business figures of the last 7 days of traffic, as the snapshot carries them; null when it has none. */
    business: SnapshotBusiness | null;
  };
  /** Gates, blocks and waivers under the published policy; null when not given. */
  governance: PmGovernance | null;
  /** Whether the retraining policy (loop/retrainPolicy.ts) asks for a retrain now, and why; null when not given. */
  retrain: Pick<RetrainDue, 'due' | 'reasons'> | null;
}

/** The counts the stage rules read, from the document instead of the database. */
export function lifecycleSummaryOf(doc: SnapshotDocument): LifecycleSummary {
  const latest = doc.datasets.versions.reduce<SnapshotDocument['datasets']['versions'][number] | null>((m, v) => (!m || v.number > m.number ? v : m), null);
  const unlabelledRows = latest && Object.hasOwn(latest.classBalance, '') ? latest.classBalance[''] : 0;
  const logs = doc.monitoring.buckets.reduce((n, b) => n + b.routes.champion + b.routes.challenger + b.routes.shadow, 0);
  return {
    canvasFilledBoxes: filledBoxCount(doc.canvas.fields),
    criteriaCount: doc.canvas.criteria.length,
    datasetVersions: doc.datasets.versions.length,
    labelledRows: latest ? latest.rowCount - unlabelledRows : 0,
    unlabelledRows,
    splitAssigned: Boolean(latest?.split),
    runs: doc.runs.length,
    completedRuns: doc.runs.filter((r) => r.status === 'completed').length,
    modelVersions: doc.registry.modelVersions.length,
    activeDeployments: doc.deployments.filter((d) => d.status === 'active').length,
    predictionLogs: logs,
    healthChecks: doc.monitoring.healthChecks.length,
    driftReports: doc.driftReports.length,
    gates: doc.gates.map((g) => ({ stage: g.stage, status: g.status })),
  };
}

function championOf(doc: SnapshotDocument): SnapshotModelVersion | null {
  return doc.registry.modelVersions.find((v) => v.aliases.includes('champion')) ?? null;
}

/** All exported traffic as one summary; null without traffic or probes. */
function liveTraffic(doc: SnapshotDocument) {
  const { buckets, healthChecks } = doc.monitoring;
  if (!buckets.length && !healthChecks.length) return null;
  const total = emptyBucket(0, 1);
  for (const b of buckets) mergeInto(total, fromSnapshotBucket(b));
  const health = emptyHealthBucket(0, 1);
  for (const h of bucketizeHealthChecks(healthChecks)) mergeHealthInto(health, h);
  return summarize(total, { health: healthChecks.length ? health : null });
}

/** The PM summary of a (checked) snapshot, with the project's governance section when given. */
export function pmSummary(doc: SnapshotDocument, governance: PmGovernance | null = null, retrain: Pick<RetrainDue, 'due' | 'reasons'> | null = null): PmSummary {
  const statuses = computeStageStatuses(lifecycleSummaryOf(doc));
  const champion = championOf(doc);
  const active = doc.deployments.find((d) => d.status === 'active') ?? null;
  const served = active ? doc.registry.modelVersions.find((v) => v.id === active.modelVersionId) ?? null : null;
  const judged = served ?? champion;
  const run = judged ? doc.runs.find((r) => r.id === judged.runId) ?? null : null;
  const live = liveTraffic(doc);
  const offline: MeasuredMetrics = run ? unflattenMeasured(run.metrics) : {};
  const production = live ? toMeasuredProduction(live).production ?? {} : {};
  const measured: MeasuredMetrics = { ...offline, production: { ...offline.production, ...production } };
  const criteria = evaluateCriteria(doc.canvas.criteria, measured).map((r): PmCriterion => {
    const fromLive = r.criterion.split === 'production' && production[r.criterion.metric] !== undefined;
    return {
      id: r.criterion.id,
      text: criterionText(r.criterion),
      note: r.criterion.note?.trim() ?? '',
      status: r.status,
      measured: r.measured ?? null,
      margin: r.margin ?? null,
      source: r.status === 'unmeasured' ? null : fromLive ? 'production' : 'run',
    };
  });
  const latestDrift = [...doc.driftReports].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0] ?? null;
  const labelOf = (id: string) => {
    const v = doc.registry.modelVersions.find((m) => m.id === id);
    return v ? `${v.modelName} v${v.version}` : 'an unknown version';
  };
  const challenger = active?.traffic.find((t) => t.mode !== 'serve') ?? null;
  const versionNumber = (id: string | null) => doc.datasets.versions.find((v) => v.id === id)?.number ?? null;
  const modelOf = (v: SnapshotModelVersion): PmModel => ({
    label: `${v.modelName} v${v.version}`,
    runNumber: doc.runs.find((r) => r.id === v.runId)?.number ?? null,
    datasetVersion: versionNumber(v.datasetVersionId),
    createdAt: v.createdAt,
  });
  return {
    project: { name: doc.project.name, description: doc.project.description },
    exportedAt: doc.exportedAt,
    crispPhase: CRISP_DM_INFO[doc.canvas.crispPhase].title,
    stages: STAGES.map((id) => ({ id, title: STAGE_INFO[id].title, ...statuses[id] })),
    champion: champion ? modelOf(champion) : null,
    served: served ? modelOf(served) : null,
    criteriaOf: served ? 'served' : champion ? 'champion' : null,
    criteria,
    objectives: pmObjectives(doc, criteria),
    drift: { reports: doc.driftReports.length, latest: latestDrift ? { createdAt: latestDrift.createdAt, title: latestDrift.title } : null },
    openGates: doc.gates.flatMap((g) => (g.status === 'pending' || g.status === 'rejected' ? [{ stage: g.stage, name: g.name, status: g.status, requirement: g.requirement }] : [])),
    deployment: {
      served: active ? labelOf(active.modelVersionId) : null,
      alias: active?.alias ?? null,
      since: active?.createdAt ?? null,
      canary: challenger ? `${labelOf(challenger.modelVersionId)} as ${challenger.mode}${challenger.mode === 'canary' ? ` (${challenger.percent} %)` : ''}` : null,
      deployments: doc.deployments.length,
      rollbacks: doc.deployments.filter((d) => d.rollbackOf !== null).length,
    },
    monitoring: {
      days: doc.monitoring.daily.length,
      requests: live?.requests ?? 0,
      predictions: live?.predictions ?? 0,
      errorRate: live?.errorRate ?? null,
      p99Ms: live?.p99 ?? null,
      accuracy: live?.accuracy ?? null,
      availability: live?.availability ?? null,
      alerts: doc.monitoring.alerts.length,
      business: doc.monitoring.business ?? null,
    },
    governance,
    retrain: retrain ? { due: retrain.due, reasons: [...retrain.reasons] } : null,
  };
}
