/**
 * What the beginner mission's checks read, gathered from the attempt's project: its canvas
 * criteria, newest dataset version and split, completed runs with their majority-baseline
 * verdict, registered versions, the active deployment, prediction logs, health probes, and the
 * production latency the monitor measures (its minute buckets, all of them).
 */
import type { LifecycleDatabase } from '../database';
import type { MissionRecord } from '../records';
import type { BeginnerFacts } from '$lib/core/practice/missions/beginner';
import { familyNoun, isLinearFamily } from '$lib/core/models/catalog';
import { emptyBucket, mergeAll } from '$lib/core/monitor/buckets';
import { summarize } from '$lib/core/monitor/query';
import { getCanvas } from '../canvas';
import { latestDatasetVersion } from '../datasets';
import { activeDeployment } from '../deployments';

const EMPTY: Omit<BeginnerFacts, 'notes'> = {
  projectExists: false,
  criteria: [],
  dataset: null,
  runs: [],
  versions: [],
  deployment: null,
  predictions: { logged: 0, withConfidence: 0, meanConfidence: null },
  health: { probes: 0, healthy: 0 },
  production: { predictions: 0, latencyP99Ms: null },
};

const finite = (x: number | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

export async function gatherBeginnerFacts(db: LifecycleDatabase, record: MissionRecord): Promise<BeginnerFacts> {
  const notes = { ...record.notes };
  const projectId = record.projectId;
  if (!projectId || !(await db.projects.get(projectId))) return { ...EMPTY, notes };
  const [canvas, latest, runs, versions, deployment, logs, probes, buckets] = await Promise.all([
    getCanvas(db, projectId),
    latestDatasetVersion(db, projectId),
    db.runs.where('projectId').equals(projectId).filter((r) => r.status === 'completed').sortBy('number'),
    db.modelVersions.where('projectId').equals(projectId).filter((v) => !v.archived).sortBy('createdAt'),
    activeDeployment(db, projectId),
    db.predictionLogs.where('projectId').equals(projectId).toArray(),
    db.healthChecks.where('projectId').equals(projectId).toArray(),
    db.metricBuckets.where('[projectId+start]').between([projectId, -Infinity], [projectId, Infinity]).toArray(),
  ]);
  const runNumber = new Map(runs.map((r) => [r.id, r.number]));
  const label = (id: string) => {
    const v = versions.find((x) => x.id === id);
    return v ? `${v.modelName} v${v.version}` : 'a version no longer registered';
  };
  const confident = logs.filter((l) => l.status < 400 && Number.isFinite(l.confidence));
  const production = buckets.length ? summarize(mergeAll(buckets.map((b) => b.bucket))) : summarize(emptyBucket(0));
  const unlabelled = latest?.classBalance[''] ?? 0;
  return {
    notes,
    projectExists: true,
    criteria: canvas.criteria.map((c) => ({ ...c })),
    dataset: latest
      ? {
          number: latest.number,
          rowCount: latest.rowCount,
          labelled: latest.rowCount - unlabelled,
          classes: Object.keys(latest.classBalance).filter((k) => k !== '').length,
          split: latest.split ? { train: latest.split.counts.train ?? 0, validation: latest.split.counts.validation ?? 0, test: latest.split.counts.test ?? 0 } : null,
        }
      : null,
    runs: runs.map((r) => ({
      number: r.number,
      familyNoun: familyNoun(r.family),
      linear: isLinearFamily(r.family),
      datasetVersionNumber: r.datasetVersionNumber ?? null,
      testAccuracy: finite(r.evaluation?.test.accuracy),
      testMacroF1: finite(r.evaluation?.test.macroF1),
      baselineLabel: r.evaluation?.baseline.label ?? null,
      baselineAccuracy: finite(r.evaluation?.baseline.accuracy),
      beatsBaseline: r.evaluation?.baseline.verdict === 'better',
    })),
    versions: versions.map((v) => ({ label: `${v.modelName} v${v.version}`, runNumber: runNumber.get(v.runId) ?? null, aliases: [...v.aliases] })),
    deployment: deployment ? { versionLabel: label(deployment.modelVersionId), at: deployment.createdAt } : null,
    predictions: {
      logged: logs.length,
      withConfidence: confident.length,
      meanConfidence: confident.length ? confident.reduce((s, l) => s + l.confidence, 0) / confident.length : null,
    },
    health: { probes: probes.length, healthy: probes.filter((p) => p.ok).length },
    production: { predictions: production.predictions, latencyP99Ms: finite(production.p99 ?? undefined) },
  };
}
