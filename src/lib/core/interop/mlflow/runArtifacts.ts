/**
 * A run's `artifacts/` folder: the model as a Lifecycle Lab model package's files
 * (`model/model.json` + `model/weights.bin` in TF.js layers format, `model/vectorizer.json`, and
 * for a registered run `model/MODEL_CARD.md` and `model/lifecycle-lab.json`), plus
 * `evaluation.json`, the run's report without its example texts (they are data, not model
 * documentation — the same rule as the model package).
 */
import { modelCardMarkdown } from '../../registry/modelCard';
import { describeLayers, MODEL_PACKAGE_FILES, modelJson } from '../../registry/modelPackage';
import { modelVersionData, modelVersionDocument } from '../../registry/modelVersionDocument';
import { TfidfVectorizer } from '../../text/tfidf';
import type { MlflowFile, MlflowRunArtifacts } from './input';

/** The folder under `artifacts/` holding the model; `runs:/<run id>/model` points at it. */
export const MODEL_ARTIFACT_PATH = 'model';

/** `artifacts/evaluation.json`: the report as JSON (NaN as null), `cellExamples` left out. */
export function evaluationFile(dir: string, evaluation: unknown): MlflowFile {
  const json = JSON.stringify(evaluation, (key, value: unknown) => (key === 'cellExamples' ? undefined : value), 2);
  return { path: `${dir}/evaluation.json`, data: `${json}\n` };
}

/** The files of `artifacts/model/`; problems that only cost the card are reported through `warn`. */
export function modelFiles(dir: string, artifacts: MlflowRunArtifacts, warn: (message: string) => void): MlflowFile[] {
  const folder = `${dir}/${MODEL_ARTIFACT_PATH}`;
  const { model, vectorizer, version } = artifacts;
  const files: MlflowFile[] = [
    { path: `${folder}/${MODEL_PACKAGE_FILES.model}`, data: JSON.stringify(modelJson(model)) },
    { path: `${folder}/${MODEL_PACKAGE_FILES.weights}`, data: new Uint8Array(model.weightData), compress: false },
    { path: `${folder}/${MODEL_PACKAGE_FILES.vectorizer}`, data: JSON.stringify(vectorizer) },
  ];
  if (!version) return files;
  try {
    const data = modelVersionData(version);
    let fitted: TfidfVectorizer | null = null;
    try {
      fitted = TfidfVectorizer.fromJSON(vectorizer);
    } catch {
      // The card says "unknown" for the vectorizer rather than losing the whole card.
    }
    const card = modelCardMarkdown({
      data,
      vectorizer: fitted ? { options: fitted.options, vocabularySize: fitted.vocabularySize } : null,
      layers: describeLayers(model.modelTopology),
    });
    files.push(
      { path: `${folder}/${MODEL_PACKAGE_FILES.card}`, data: card },
      { path: `${folder}/${MODEL_PACKAGE_FILES.metadata}`, data: `${JSON.stringify(modelVersionDocument(data), null, 2)}\n` },
    );
  } catch (error) {
    warn(`${folder}: no model card (${error instanceof Error ? error.message : String(error)}).`);
  }
  return files;
}
