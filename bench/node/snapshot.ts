/**
 * snapshot.export.ms and snapshot.import.ms — a lifecycle snapshot of the sample project after
 * training, deployment and 10,000 logged predictions, rows and model weights included. Export
 * = read everything in one transaction, build the document, serialize it to JSON text; import
 * = parse, check (schema and semantics, rows replayed and hashed) and write a new project in
 * one transaction. Node over fake-indexeddb (in memory), not a browser's IndexedDB: the
 * figures measure the app's own work, not the disk.
 */
import { defineBenchmark } from '../types';
import { median, summarize, timeRuns } from '../stats';
import { exportSnapshot, importSnapshot } from '$lib/db/snapshot';
import { serializeSnapshot } from '$lib/core/snapshot/serialize';
import { readSnapshot } from '$lib/core/snapshot/readSnapshot';
import { benchDb, PREDICTIONS, snapshotScenario } from './snapshotScenario';

export default defineBenchmark({
  id: 'snapshot.export.ms',
  figures: ['snapshot.export.ms', 'snapshot.import.ms'],
  where: 'node',
  description: 'Lifecycle snapshot of the trained, deployed sample project with 10k predictions, rows and weights included: export and import (Node, fake-indexeddb)',
  async run(ctx) {
    const db = benchDb();
    const targets = [];
    try {
      ctx.log('snapshot: building the project (train, deploy, 10k predictions)');
      const { projectId } = await snapshotScenario(db);
      const options = { includeRows: true, includeWeights: true, appVersion: 'bench' };
      const warmup = 1;
      const repetitions = ctx.pick(3, 10);
      let text = '';
      const exportSamples = await timeRuns(async () => (text = serializeSnapshot(await exportSnapshot(db, projectId, options))), { warmup, repetitions });
      const readSamples = await timeRuns(() => readSnapshot(text), { warmup, repetitions });
      const importSamples: number[] = [];
      for (let i = 0; i < warmup + repetitions; i++) {
        const target = benchDb();
        targets.push(target);
        const started = performance.now();
        await importSnapshot(target, text);
        if (i >= warmup) importSamples.push(performance.now() - started);
      }
      const doc = readSnapshot(text);
      if (!doc.ok) throw new Error('the exported snapshot does not read back');
      const env = {
        predictions: PREDICTIONS,
        rows: doc.document.datasets.versions.reduce((n, v) => n + (v.rows?.length ?? 0), 0),
        datasetVersions: doc.document.datasets.versions.length,
        minuteBuckets: doc.document.monitoring.buckets.length,
        megabytes: Math.round((text.length / 1024 / 1024) * 100) / 100,
        warmup,
        repetitions,
        storage: 'fake-indexeddb (in memory)',
      };
      return [
        { id: 'snapshot.export.ms', value: median(exportSamples), unit: 'ms', better: 'lower', env: { ...env, stats: summarize(exportSamples) } },
        { id: 'snapshot.import.ms', value: median(importSamples), unit: 'ms', better: 'lower', env: { ...env, readAndCheckMs: median(readSamples), stats: summarize(importSamples) } },
      ];
    } finally {
      for (const target of targets) await target.delete();
      await db.delete();
    }
  },
});
