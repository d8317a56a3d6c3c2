import { describe, expect, it } from 'vitest';
import { evaluateEvidence } from '$lib/core/governance/evidenceCatalog';
import { policyTemplate } from '$lib/core/governance/templates';
import { model, modelFacts, retrained } from './fixtures';

const FLOOR = policyTemplate('high-risk').sliceFloor;

describe('approved documents as gate evidence', () => {
  it('the High-risk model card approval requires the version’s approved model card', () => {
    const gate = policyTemplate('high-risk').gates.find((g) => g.id === 'model-card-approval');
    expect(gate?.evidence).toEqual(['model-card-approved']);
  });

  it('passes with an approved version of the document about this object, and says where to get one otherwise', () => {
    const [card, annex] = evaluateEvidence(['model-card-approved', 'annex-iv-approved'], model(), FLOOR);
    expect(card).toMatchObject({ status: 'pass', reason: 'v2 approved by Ana.', checkedBy: 'person', source: { stage: 'govern', view: 'documents' } });
    expect(annex.status).toBe('pass');
    const [newCard] = evaluateEvidence(['model-card-approved'], model(retrained()), FLOOR);
    expect(newCard).toEqual(expect.objectContaining({ status: 'not-yet', reason: "Classifier v2's model card is not approved yet: write it, submit it and have it approved under Govern → Documents." }));
    expect(evaluateEvidence(['annex-iv-approved'], model(modelFacts({ approvedDocuments: undefined })), FLOOR)[0].status).toBe('not-yet');
  });
});
