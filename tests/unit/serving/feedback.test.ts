import { describe, expect, it } from 'vitest';
import { outcomeLabelProblem, parseFeedbackRequest, unknownLabelBody, MAX_FEEDBACK_ITEMS } from '../../../src/lib/core/serving/feedback';

describe('parseFeedbackRequest', () => {
  it('reads one outcome or a list, trimming labels', () => {
    expect(parseFeedbackRequest('{"id": "p-1", "label": " Billing "}')).toEqual({ ok: true, single: true, outcomes: [{ id: 'p-1', label: 'Billing' }] });
    expect(parseFeedbackRequest('{"outcomes": [{"id": "T-1", "label": "a"}, {"id": "T-2", "label": "b"}]}')).toEqual({
      ok: true,
      single: false,
      outcomes: [
        { id: 'T-1', label: 'a' },
        { id: 'T-2', label: 'b' },
      ],
    });
  });

  it('rejects malformed bodies with the fitting status and a message naming the field', () => {
    const cases: [string, number, string, RegExp][] = [
      ['{"id": "p-1"', 400, 'invalid_json', /not valid JSON/],
      ['[1]', 422, 'invalid_request', /JSON object/],
      ['{"label": "a"}', 422, 'invalid_request', /"id" must be a non-empty string/],
      ['{"id": "p-1", "label": 3}', 422, 'invalid_request', /"label" must be a non-empty string/],
      ['{"id": "p-1", "label": "  "}', 422, 'invalid_request', /"label"/],
      ['{"outcomes": []}', 422, 'invalid_request', /non-empty array/],
      ['{"outcomes": [{"id": "a", "label": "b"}, "x"]}', 422, 'invalid_request', /outcomes\[1\]: must be an object/],
      ['{"outcomes": [{"id": "a", "label": "b"}, {"id": "", "label": "b"}]}', 422, 'invalid_request', /outcomes\[1\]: "id"/],
      [JSON.stringify({ outcomes: Array(MAX_FEEDBACK_ITEMS + 1).fill({ id: 'a', label: 'b' }) }), 413, 'too_many_outcomes', /at most 1000/],
    ];
    for (const [body, status, code, message] of cases) {
      const parsed = parseFeedbackRequest(body);
      if (parsed.ok) throw new Error(`accepted ${body.slice(0, 60)}`);
      expect(parsed.status, body.slice(0, 60)).toBe(status);
      expect(parsed.body.error.code).toBe(code);
      expect(parsed.body.error.message).toMatch(message);
    }
  });
});

describe('outcomeLabelProblem: the one rule for ground-truth labels', () => {
  const classes = ['Billing', 'General Inquiry', 'Technical Issue'];

  it('accepts a class of the predicting version, exactly as spelled', () => {
    expect(outcomeLabelProblem('Billing', classes)).toBeNull();
    expect(outcomeLabelProblem('Technical Issue', classes)).toBeNull();
  });

  it('refuses anything else, listing the classes and pointing at a near miss', () => {
    expect(outcomeLabelProblem('Nonsense', classes)).toBe('"Nonsense" is not one of the model\'s classes (Billing, General Inquiry, Technical Issue).');
    expect(outcomeLabelProblem('billing', classes)).toBe('"billing" is not one of the model\'s classes (Billing, General Inquiry, Technical Issue); did you mean "Billing"?');
    // Classes of another version do not count: the version that predicted decides.
    expect(outcomeLabelProblem('Refund', ['Billing', 'Refund'])).toBeNull();
    expect(outcomeLabelProblem('Refund', classes)).not.toBeNull();
  });

  it('cannot judge without classes, so it accepts', () => {
    expect(outcomeLabelProblem('Anything', [])).toBeNull();
  });

  it('answers 422 unknown_label naming the first refusal and listing all', () => {
    const body = unknownLabelBody([
      { index: 0, id: 'T-1', label: 'Nonsense', classes },
      { index: 2, id: 'T-3', label: 'Spam', classes },
    ]);
    expect(body.error).toMatchObject({ status: 422, code: 'unknown_label' });
    expect(body.error.message).toBe('Nothing was recorded: outcome for "T-1": "Nonsense" is not one of the model\'s classes (Billing, General Inquiry, Technical Issue). 1 more outcome has a label that is not a class; see "refused".');
    expect(body.error.refused.map((r) => [r.index, r.id, r.label, r.classes])).toEqual([[0, 'T-1', 'Nonsense', classes], [2, 'T-3', 'Spam', classes]]);
  });
});
