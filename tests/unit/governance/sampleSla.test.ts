/**
 * The sample project's journey (tests/e2e/lifecycle.ts `deploySampleModel`: a stratified split
 * with the form's seed, logistic regression for 3 epochs, seed "run-1") must be able to pass the
 * Performance SLA of Standard, the policy the sample starts on; otherwise no journey can deploy
 * without a waiver. Judged by the core, from a run trained by the core pipeline.
 */
import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { runPipeline } from '$lib/core/models/pipeline';
import { DEFAULT_VECTORIZER } from '$lib/core/models/runReport';
import { generateTickets } from '$lib/core/scenarios/tickets';
import { SAMPLE_PROJECT } from '$lib/core/scenarios/sampleProject';
import { DEFAULT_SPLIT_RATIOS, stratifiedSplit } from '$lib/core/data/split';
import { MODEL_CATALOG } from '$lib/core/models/catalog';
import { DEFAULT_TICKET_CRITERIA } from '$lib/core/lifecycle/criteria';
import { policyTemplate } from '$lib/core/governance/templates';
import { evaluateEvidence } from '$lib/core/governance/evidenceCatalog';
import { ticketToRow } from '$lib/db/sampleProject';
import { trainedRunRecord } from '$lib/db/runs';
import type { DataRow } from '$lib/core/data/dataset';

it('a 3-epoch logistic regression on the sample passes every Performance SLA evidence item of Standard', { timeout: 60_000 }, async () => {
  await tf.setBackend('cpu');
  const tickets = generateTickets({ seed: SAMPLE_PROJECT.seed, count: SAMPLE_PROJECT.ticketCount });
  const all = tickets.map((t) => ticketToRow(t) as DataRow);
  const splits = stratifiedSplit(all, { ratios: DEFAULT_SPLIT_RATIOS, seed: 'split-1' });
  const rows = all.map((r, i) => ({ ...r, split: splits[i] }));
  const family = MODEL_CATALOG.find((f) => f.id === 'softmax-regression')!;
  const result = await runPipeline({
    train: rows.filter((r) => r.split === 'train'),
    validation: rows.filter((r) => r.split === 'validation'),
    test: rows.filter((r) => r.split === 'test'),
    family: family.id,
    params: { ...family.defaults, epochs: 3 } as never,
    vectorizer: DEFAULT_VECTORIZER,
    seed: 'run-1',
    now: () => performance.now(),
    slices: [{ id: 'email', name: 'channel = email', where: [{ column: 'channel', op: '=', value: 'email' }] }],
  });
  result.model.dispose();
  const run = trainedRunRecord(result, {
    projectId: 'p', datasetVersion: { id: 'dv', number: 1 }, family: family.id, seed: 'run-1', vectorizer: DEFAULT_VECTORIZER,
    backend: 'cpu', fallbackReason: null, createdAt: '2026-06-01T00:00:00.000Z', totalMs: 0, appVersion: 'test',
  });
  const standard = policyTemplate('standard');
  const sla = standard.gates.find((g) => g.id === 'performance-sla')!;
  const facts = {
    modelVersionId: 'mv', modelName: 'Ticket router', version: 1, runId: run.id, runNumber: 1, datasetVersionId: 'dv',
    metrics: run.metrics, evaluation: run.evaluation!, criteria: DEFAULT_TICKET_CRITERIA, modelCard: null,
  };
  const evidence = evaluateEvidence(sla.evidence, { kind: 'model-version', facts }, standard.sliceFloor);
  expect(evidence.map((e) => [e.title, e.status])).toEqual(evidence.map((e) => [e.title, 'pass']));
  // The margin the journey has: accuracy on test against the Frame target of 0.9.
  expect(run.evaluation!.test.accuracy).toBeGreaterThanOrEqual(0.92);
});
