import { describe, expect, it } from 'vitest';
import schema from '../../../public/schema/snapshot-v3.json';
import schemaV2 from '../../../public/schema/snapshot-v2.json';
import schemaV1 from '../../../public/schema/snapshot-v1.json';
import { CRISP_DM_PHASES } from '$lib/core/lifecycle/crispDm';
import { CRITERION_METRICS, SPLITS } from '$lib/core/lifecycle/criteria';
import { STAGES } from '$lib/core/lifecycle/stages';
import { LATENCY_BIN_COUNT } from '$lib/core/monitor/latencyHistogram';
import { CONFIDENCE_BIN_COUNT } from '$lib/core/monitor/confidence';
import { TALLY_BIN_COUNT } from '$lib/core/monitor/confidenceTallies';
import { BASE_BUCKET_MS, BUCKET_SCHEMA } from '$lib/core/monitor/buckets';
import { SLICE_OPS } from '$lib/core/data/slices';
import { VERSION_CHANGES, SNAPSHOT_KIND, SNAPSHOT_SCHEMA_VERSION } from '$lib/core/snapshot/document';
import { BASE64_PATTERN, decodeBase64, encodeBase64 } from '$lib/core/snapshot/base64';
import { PROJECT_NAME_MAX } from '$lib/db/projects';
import { MODEL_NAME_MAX } from '$lib/db/registry';
import { GOVERNANCE_KINDS } from '$lib/core/snapshot/governance';
import { REVIEWED_CHECKS } from '$lib/core/governance/facts';
import { ETHICS_QUESTIONS, MAX_ATTESTATION_LENGTH } from '$lib/core/governance/attestations';
import { RISK_TIERS } from '$lib/core/governance/riskQuestions';
import { DECISION_OUTCOMES } from '$lib/core/governance/records';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES } from '$lib/db/records';
import { PRODUCTION_SOURCES } from '$lib/core/loop/productionRows';
import { BUSINESS_METRICS } from '$lib/core/monitor/businessAlerts';
import { MAX_KEY_RESULTS, MAX_OBJECTIVES, OBJECTIVE_TEXT_MAX } from '$lib/core/lifecycle/objectives';
import { ITEM_OWNER_MAX, ITEM_TEXT_MAX, ITEM_TITLE_MAX, MAX_ITEMS, MOVED_TEXT, SCORE_MAX, SCORE_MIN } from '$lib/core/lifecycle/valueEffort';

const defs = schema.$defs;

describe('the published schema', () => {
  it('is a draft 2020-12 schema with an $id, strict at the top', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('urn:lifecycle-lab:schema:snapshot-v3');
    // Versions 1 and 2 stay published: files written by them still import (after migrating).
    expect(schemaV1.$id).toBe('urn:lifecycle-lab:schema:snapshot-v1');
    expect(schemaV1.properties.schemaVersion.const).toBe(1);
    expect(schemaV2.$id).toBe('urn:lifecycle-lab:schema:snapshot-v2');
    expect(schemaV2.properties.schemaVersion.const).toBe(2);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.kind.const).toBe(SNAPSHOT_KIND);
    expect(schema.properties.schemaVersion.const).toBe(SNAPSHOT_SCHEMA_VERSION);
  });

  it('agrees with the code on every vocabulary and size it repeats', () => {
    expect(schema.properties.canvas.properties.crispPhase.enum).toEqual([...CRISP_DM_PHASES]);
    expect(defs.criterion.properties.metric.enum).toEqual(CRITERION_METRICS.map((m) => m.id));
    expect(defs.criterion.properties.split.enum).toEqual([...SPLITS]);
    expect(defs.gate.properties.stage.enum).toEqual([...STAGES]);
    expect(defs.datasetVersion.properties.change.enum).toEqual([...VERSION_CHANGES]);
    expect(defs.datasetVersion.properties.production).toEqual({ $ref: '#/$defs/productionLineage' });
    expect(defs.productionLineage.required).toContain('bySource');
    expect(defs.productionLineage.properties.bySource.required).toEqual([...PRODUCTION_SOURCES]);
    expect(defs.slice.properties.where.items.properties.op.enum).toEqual([...SLICE_OPS]);
    expect(defs.metricBucket.properties.latencyBins.maxProperties).toBe(LATENCY_BIN_COUNT);
    expect(defs.metricBucket.properties.confidenceBins.maxProperties).toBe(CONFIDENCE_BIN_COUNT);
    expect(defs.metricBucket.properties.confidenceTallies.maxProperties).toBe(TALLY_BIN_COUNT);
    expect(defs.metricBucket.properties.sizeMs.const).toBe(BASE_BUCKET_MS);
    expect(defs.metricBucket.properties.schema.const).toBe(BUCKET_SCHEMA);
    expect(schema.properties.project.properties.name.maxLength).toBe(PROJECT_NAME_MAX);
    expect(defs.modelVersion.properties.modelName.maxLength).toBe(MODEL_NAME_MAX);
    expect(defs.weightData.pattern).toBe(BASE64_PATTERN);
    // Every kind of governance record the code carries, required; the review evidence's vocabulary and sizes.
    expect([...defs.governance.required].sort()).toEqual([...GOVERNANCE_KINDS, 'policyDraft'].sort());
    expect(Object.keys(defs.governance.properties).sort()).toEqual([...GOVERNANCE_KINDS, 'policyDraft'].sort());
    expect(defs.checkReview.properties.check.enum).toEqual([...REVIEWED_CHECKS]);
    expect(defs.attestation.maxLength).toBe(MAX_ATTESTATION_LENGTH);
    for (const q of ETHICS_QUESTIONS) expect(defs.ethicsAnswers.properties[q.key]).toEqual({ $ref: '#/$defs/attestation' });
    // Schema v3: the stores' vocabularies (db/records.ts), and the signing section as scripts/verify-signatures.mjs reads it.
    expect(defs.decision.properties.outcome.enum).toEqual([...DECISION_OUTCOMES]);
    expect(defs.riskAssessment.properties.tier.enum).toEqual([...RISK_TIERS]);
    expect(defs.governedDocument.properties.kind.enum).toEqual([...DOCUMENT_KINDS]);
    expect(defs.governedDocument.properties.status.enum).toEqual([...DOCUMENT_STATUSES]);
    expect(defs.governedDocument.properties.transitions.items.properties.status.enum).toEqual([...DOCUMENT_STATUSES]);
    expect(schema.required).toContain('signing');
    expect(defs.signing.required).toEqual(['keys', 'signOffs']);
    expect(defs.signOff.required).toEqual(['id', 'payload', 'signature', 'personId']);
    expect(Object.keys(defs.signingKey.properties)).not.toContain('privateKey');
  });

  it('agrees with the code on objectives and the Value-vs-Effort matrix', () => {
    expect(defs.keyResult.properties.businessMetrics.items.enum).toEqual([...BUSINESS_METRICS]);
    expect(defs.goalText.maxLength).toBe(OBJECTIVE_TEXT_MAX);
    expect(schema.properties.canvas.properties.objectives.maxItems).toBe(MAX_OBJECTIVES);
    expect(defs.objective.properties.keyResults.maxItems).toBe(MAX_KEY_RESULTS);
    expect(schema.properties.canvas.properties.valueEffort.maxItems).toBe(MAX_ITEMS);
    expect([defs.valueEffortScore.minimum, defs.valueEffortScore.maximum]).toEqual([SCORE_MIN, SCORE_MAX]);
    expect([defs.valueEffortItem.properties.title.maxLength, defs.valueEffortItem.properties.owner.maxLength, defs.valueEffortItem.properties.expected.maxLength]).toEqual([ITEM_TITLE_MAX, ITEM_OWNER_MAX, ITEM_TEXT_MAX]);
    expect(defs.valueEffortItem.properties.outcome.properties.moved.enum).toEqual(Object.keys(MOVED_TEXT));
    // Optional: v3 files written before them still read.
    expect(schema.properties.canvas.required).not.toContain('objectives');
    expect(schema.properties.canvas.required).not.toContain('valueEffort');
  });

  it('gives every string a maximum length', () => {
    const unbounded: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (typeof node !== 'object' || node === null) return;
      const n = node as Record<string, unknown>;
      const types = Array.isArray(n.type) ? n.type : [n.type];
      if (types.includes('string') && n.maxLength === undefined && n.enum === undefined && n.pattern === undefined && n.format === undefined) unbounded.push(path);
      for (const [key, child] of Object.entries(n)) walk(child, `${path}/${key}`);
    };
    walk(schema, '#');
    expect(unbounded).toEqual([]);
  });
});

describe('base64', () => {
  it('round-trips every length and matches the schema pattern', () => {
    for (let n = 0; n < 10; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 255);
      const text = encodeBase64(bytes);
      expect(text).toMatch(new RegExp(BASE64_PATTERN));
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(decodeBase64(text)).toEqual(bytes);
    }
    expect(() => decodeBase64('ab$=')).toThrow(RangeError);
  });
});
