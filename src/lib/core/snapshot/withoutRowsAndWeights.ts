import type { SnapshotDocument } from './document';

/**
 * The document as it would have been exported without rows and model files: what a page needs
 * to compare or summarise snapshots, a small fraction of a document that carries them. The
 * worker that read the file keeps the rest, so handing the document over does not freeze the page.
 */
export function withoutRowsAndWeights(doc: SnapshotDocument): SnapshotDocument {
  return {
    ...doc,
    options: { ...doc.options, includeRows: false, includeWeights: false },
    datasets: { ...doc.datasets, versions: doc.datasets.versions.map(({ rows: _rows, ...version }) => version), labelEvents: [] },
    registry: { ...doc.registry, artifacts: [], runArtifacts: [] },
  };
}
