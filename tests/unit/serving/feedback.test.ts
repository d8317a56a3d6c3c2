import { describe, expect, it } from 'vitest';
import { parseFeedbackRequest, MAX_FEEDBACK_ITEMS } from '../../../src/lib/core/serving/feedback';

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
