/**
 * The contract of production data in a dataset: logged predictions collected from the endpoint
 * (Monitor → Data) become rows of a dataset version whose change is `production`. Every part of
 * the loop back reads them through these names — collection writes them, the labelling queue
 * and label quality read `source` and `predicted_label`, retraining assigns their splits by
 * time and holds out the newest of them — so they are defined once, here.
 *
 * A production row: `key` is the prediction id the endpoint answered with; `text` is the logged
 * text; `label` is the outcome when one arrived (else null, for the labelling queue);
 * `timestamp` is when the request arrived; `split` is unset until retraining assigns it.
 */

/** Where a production row's label came from. */
export const PRODUCTION_SOURCES = ['feedback', 'labelled in app', 'unlabelled'] as const;
export type ProductionSource = (typeof PRODUCTION_SOURCES)[number];

/** Metadata columns every production row carries (and the version's schema gains when missing). */
export const PRODUCTION_META = {
  /** A {@link ProductionSource}. */
  source: 'source',
  /** The prediction id (also the row key), for finding the log again. */
  predictionId: 'prediction_id',
  /** "name vN" of the model version that answered. */
  servedVersion: 'served_version',
  /** What that version predicted. */
  predictedLabel: 'predicted_label',
  /** Its confidence in that prediction, in [0, 1]. */
  confidence: 'confidence',
} as const;

/** What a `production` dataset version records of where its new rows came from (lineage: deployment → window → version). */
export interface ProductionLineage {
  /** The deployments whose logged predictions were collected. */
  deploymentIds: string[];
  /** The model versions that answered them. */
  modelVersionIds: string[];
  /** The window of logged traffic, ISO 8601 (inclusive from, exclusive to). */
  from: string;
  to: string;
  /** The filters applied, in words ("label Billing · has outcome"); '' when none. */
  filters: string;
  /** Logged predictions in the window that matched the filters. */
  matched: number;
  /** Rows added to the dataset. */
  added: number;
  /** Matched predictions not added because a row with the same text hash was already in the dataset (or earlier in the window). */
  skippedDuplicates: number;
  /** Rows added per source. */
  bySource: Record<ProductionSource, number>;
}
