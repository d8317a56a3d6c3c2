import { describe, expect, it } from 'vitest';
import { RISK_QUESTIONS, RISK_TIER_DISCLAIMER } from '$lib/core/governance/riskQuestions';
import { riskTier, tickOption, validateRiskAnswers, type RiskAnswers } from '$lib/core/governance/riskTier';
import { policyAdoptingTier, policyForTier, tierRaise } from '$lib/core/governance/tierPolicy';
import { policyTemplate } from '$lib/core/governance/templates';

const optionsOf = (questionId: string) => RISK_QUESTIONS.find((q) => q.id === questionId)!.options.filter((o) => !o.exclusive).map((o) => o.id);

/** Every question answered in the least risky way. */
const CALM: RiskAnswers = {
  'intended-use': ['none'],
  'prohibited-practice': ['none'],
  transparency: ['none'],
  'affected-people': ['public'],
  'human-review': 'every-decision',
  'data-sensitivity': ['personal'],
  scale: 'few',
};
const IN_AREA = { 'decision-role': 'shapes-outcome', 'profiles-people': 'yes' };

describe('riskTier', () => {
  it('is minimal, with the "none" answers as reasons, when nothing raises it', () => {
    const result = riskTier(CALM);
    expect(result.tier).toBe('minimal');
    expect(result.reasons.map((r) => r.questionId)).toEqual(['intended-use', 'prohibited-practice', 'transparency']);
    expect(result.unanswered).toEqual([]);
    expect(result.attention).toEqual([]);
  });

  it.each(optionsOf('intended-use'))('puts the Annex III use %s in the high tier, naming the answer and its point', (area) => {
    const result = riskTier({ ...CALM, 'intended-use': [area], ...IN_AREA });
    expect(result.tier).toBe('high');
    expect(result.reasons).toEqual([
      { questionId: 'intended-use', optionId: area, tier: 'high', says: expect.stringMatching(/Annex III point [1-8]\b/) },
      { questionId: 'decision-role', optionId: 'shapes-outcome', tier: 'high', says: expect.stringContaining('exception does not apply') },
      { questionId: 'profiles-people', optionId: 'yes', tier: 'high', says: expect.stringContaining('exception cannot apply') },
    ]);
  });

  it.each(optionsOf('prohibited-practice'))('puts the banned practice %s in the prohibited tier, above any other answer', (practice) => {
    const result = riskTier({ ...CALM, 'intended-use': ['employment'], ...IN_AREA, 'prohibited-practice': [practice], transparency: ['interacts-with-people'] });
    expect(result.tier).toBe('prohibited');
    expect(result.reasons).toEqual([{ questionId: 'prohibited-practice', optionId: practice, tier: 'prohibited', says: expect.stringMatching(/Article 5\(1\)\([a-h]\)/) }]);
  });

  it.each(optionsOf('transparency'))('puts the Article 50 case %s in the limited tier', (option) => {
    const result = riskTier({ ...CALM, transparency: [option] });
    expect(result.tier).toBe('limited');
    expect(result.reasons).toEqual([{ questionId: 'transparency', optionId: option, tier: 'limited', says: expect.stringContaining('Article 50') }]);
  });

  it('names every answer that produced the tier, in questionnaire order', () => {
    const result = riskTier({ ...CALM, 'intended-use': ['essential-services', 'employment'], ...IN_AREA, transparency: ['generates-content'] });
    expect(result.tier).toBe('high');
    expect(result.reasons.map((r) => r.optionId)).toEqual(['employment', 'essential-services', 'shapes-outcome', 'yes']);
    expect(result.answers.map((r) => [r.optionId, r.tier])).toEqual([
      ['employment', 'high'],
      ['essential-services', 'high'],
      ['shapes-outcome', 'high'],
      ['yes', 'high'],
      ['none', 'minimal'],
      ['generates-content', 'limited'],
    ]);
  });

  describe('the Article 6(3) exception', () => {
    it('takes an Annex III use out of high-risk for a narrow task that profiles no one, and says why', () => {
      const result = riskTier({ ...CALM, 'intended-use': ['employment'], 'decision-role': 'narrow-procedural-task', 'profiles-people': 'no' });
      expect(result.tier).toBe('minimal');
      expect(result.reasons).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ questionId: 'intended-use', optionId: 'employment', tier: 'minimal', says: expect.stringContaining('Article 6(3) applies') }),
          expect.objectContaining({ questionId: 'decision-role', optionId: 'narrow-procedural-task', says: expect.stringContaining('Article 6(3)(a)') }),
          expect.objectContaining({ questionId: 'profiles-people', optionId: 'no' }),
        ]),
      );
    });

    it('keeps the use high-risk when the system profiles people, or its output shapes the outcome', () => {
      expect(riskTier({ ...CALM, 'intended-use': ['employment'], 'decision-role': 'preparatory-task', 'profiles-people': 'yes' }).tier).toBe('high');
      expect(riskTier({ ...CALM, 'intended-use': ['employment'], 'decision-role': 'shapes-outcome', 'profiles-people': 'no' }).tier).toBe('high');
    });

    it('presumes high until both questions are answered, and lists them as unanswered', () => {
      const result = riskTier({ ...CALM, 'intended-use': ['education'] });
      expect(result.tier).toBe('high');
      expect(result.unanswered).toEqual(['decision-role', 'profiles-people']);
    });

    it('does not lower a banned practice or a transparency duty', () => {
      const narrow = { 'intended-use': ['biometrics'], 'decision-role': 'narrow-procedural-task', 'profiles-people': 'no' };
      expect(riskTier({ ...CALM, ...narrow, transparency: ['interacts-with-people'] }).tier).toBe('limited');
      expect(riskTier({ ...CALM, ...narrow, 'prohibited-practice': ['face-scraping'] }).tier).toBe('prohibited');
    });

    it('ignores its answers when no Annex III use is ticked (the questions are not asked)', () => {
      const result = riskTier({ ...CALM, 'decision-role': 'narrow-procedural-task', 'profiles-people': 'no' });
      expect(result.reasons.map((r) => r.questionId)).toEqual(['intended-use', 'prohibited-practice', 'transparency']);
      expect(result.unanswered).toEqual([]);
    });
  });

  it('gives heightened-attention notes for sensitive data, scale, vulnerable people and no review, without changing the tier', () => {
    const result = riskTier({ ...CALM, 'affected-people': ['children'], 'human-review': 'no-review', 'data-sensitivity': ['special-categories'], scale: 'large' });
    expect(result.tier).toBe('minimal');
    expect(result.attention.map((a) => [a.questionId, a.optionId])).toEqual([
      ['affected-people', 'children'],
      ['human-review', 'no-review'],
      ['data-sensitivity', 'special-categories'],
      ['scale', 'large'],
    ]);
    expect(result.attention.find((a) => a.optionId === 'special-categories')?.says).toMatch(/Article 9/);
  });

  it('lists every unanswered question when nothing is answered, and stays minimal until answered', () => {
    const result = riskTier({});
    expect(result.tier).toBe('minimal');
    expect(result.unanswered).toEqual(['intended-use', 'prohibited-practice', 'transparency', 'affected-people', 'human-review', 'data-sensitivity', 'scale']);
  });

  it('refuses answers that are not valid instead of guessing a tier', () => {
    expect(() => riskTier({ colour: 'blue' })).toThrow(/\/colour: is not a question of the risk questionnaire/);
  });
});

describe('validateRiskAnswers', () => {
  it('names each unknown question and option by its JSON Pointer', () => {
    const read = validateRiskAnswers({ 'intended-use': ['employment', 'farming', 'employment'], 'human-review': 'sometimes', scale: ['few'], colour: 'blue', transparency: 'none' }, '/answers');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => p.path)).toEqual(['/answers/intended-use/1', '/answers/intended-use/2', '/answers/human-review', '/answers/scale', '/answers/colour', '/answers/transparency']);
    expect(read.problems[0].message).toMatch(/must be one of biometrics, .*none, got "farming"/);
    expect(read.problems[1].message).toMatch(/twice/);
    expect(read.problems[2].message).toMatch(/got "sometimes"/);
    expect(read.problems[3].message).toMatch(/takes one option id/);
    expect(read.problems[5].message).toMatch(/takes a list of option ids/);
  });

  it('refuses "none of these" ticked with another option, and a value that is not an object', () => {
    const read = validateRiskAnswers({ 'prohibited-practice': ['none', 'social-scoring'] });
    expect(read).toEqual({ ok: false, problems: [{ path: '/prohibited-practice', message: expect.stringContaining('cannot be ticked with other options') }] });
    expect(validateRiskAnswers(['employment'])).toEqual({ ok: false, problems: [{ path: '', message: expect.stringContaining('must be an object') }] });
  });

  it('accepts valid answers unchanged', () => {
    expect(validateRiskAnswers({ ...CALM, ...IN_AREA, 'intended-use': ['employment'] })).toEqual({ ok: true, value: { ...CALM, ...IN_AREA, 'intended-use': ['employment'] } });
  });
});

describe('policyForTier', () => {
  it('asks the high tier for the High-risk gates (council review, model-card approval) and a 90-day re-review cap the template meets', () => {
    const high = policyForTier('high', policyTemplate('high-risk'));
    expect(high.template).toBe('high-risk');
    expect(high.requiredGates.map((g) => g.id)).toEqual(['data-ethics-review', 'performance-sla', 'model-card-approval', 'council-review']);
    expect(high.maxReReviewDays).toBe(90);
    expect(high).toMatchObject({ deployable: true, missingGates: [], reReviewTooLong: false });
  });

  it('names what a Standard policy lacks for the high tier', () => {
    const standard = { ...policyTemplate('standard'), reReview: { days: 120, graceDays: 14 } };
    const high = policyForTier('high', standard);
    expect(high.missingGates.map((g) => g.id)).toEqual(['model-card-approval', 'council-review']);
    expect(high.reReviewTooLong).toBe(true);
    expect(high.verdict).toMatch(/lacks “Model card approval”, “Council review”, and it re-reviews every 120 days, more than 90/);
  });

  it('asks the limited and minimal tiers for the Standard gates; limited adds the Article 50 duty', () => {
    for (const tier of ['minimal', 'limited'] as const) {
      const p = policyForTier(tier, policyTemplate('standard'));
      expect([p.template, p.requiredGates.map((g) => g.id), p.missingGates, p.maxReReviewDays]).toEqual(['standard', ['data-ethics-review', 'performance-sla'], [], null]);
    }
    expect(policyForTier('limited').duties.join(' ')).toMatch(/Article 50/);
  });

  it('says no policy makes a prohibited system deployable, even the High-risk one', () => {
    const p = policyForTier('prohibited', policyTemplate('high-risk'));
    expect(p).toMatchObject({ deployable: false, template: null, requiredGates: [] });
    expect(p.verdict).toMatch(/no policy can make this system deployable/);
  });
});

describe('tierRaise', () => {
  it('re-opens the council review and model-card approval when a Standard project becomes high-risk', () => {
    const raise = tierRaise('limited', 'high', policyTemplate('standard'));
    expect(raise.raised).toBe(true);
    expect(raise.gates.map((g) => g.id)).toEqual(['model-card-approval', 'council-review']);
    expect(raise.maxReReviewDays).toBeNull(); // Standard already re-reviews every 90 days
    expect(raise.says[0]).toBe('The tier rose from limited to high.');
    expect(raise.says.slice(1).join(' ')).toMatch(/Now required: “Model card approval”.*Now required: “Council review”/);
  });

  it('compares with the old tier without a policy, and asks for the 90-day cap when the policy re-reviews less often', () => {
    expect(tierRaise('minimal', 'high').gates.map((g) => g.id)).toEqual(['model-card-approval', 'council-review']);
    const light = tierRaise('minimal', 'high', policyTemplate('light'));
    expect(light.gates.map((g) => g.id)).toEqual(['data-ethics-review', 'performance-sla', 'model-card-approval', 'council-review']);
    expect(light.maxReReviewDays).toBe(90);
  });

  it('re-opens nothing when the tier stays or falls, and blocks everything when it becomes prohibited', () => {
    expect(tierRaise('high', 'limited', policyTemplate('standard'))).toMatchObject({ raised: false, gates: [], says: [] });
    expect(tierRaise('minimal', 'limited', policyTemplate('standard'))).toMatchObject({ raised: true, gates: [], says: [expect.any(String), expect.stringMatching(/^Now to do: .*Article 50/)] });
    const banned = tierRaise('high', 'prohibited', policyTemplate('high-risk'));
    expect(banned).toMatchObject({ raised: true, blocked: true, gates: [] });
    expect(banned.says[1]).toMatch(/no policy can make this system deployable/);
  });
});

describe('the questionnaire catalogue', () => {
  it('has unique ids, a help text for each question, yes and no for yes-no questions, and cites the Act', () => {
    expect(new Set(RISK_QUESTIONS.map((q) => q.id)).size).toBe(RISK_QUESTIONS.length);
    for (const q of RISK_QUESTIONS) {
      expect(new Set(q.options.map((o) => o.id)).size).toBe(q.options.length);
      expect(q.help.length).toBeGreaterThan(20);
      if (q.kind === 'yes-no') expect(q.options.map((o) => o.id)).toEqual(['yes', 'no']);
    }
    expect(optionsOf('intended-use')).toHaveLength(8);
    expect(optionsOf('prohibited-practice')).toHaveLength(8);
  });

  it('uses words that fit any project and says it is a teaching aid, not legal advice', () => {
    expect(JSON.stringify(RISK_QUESTIONS) + RISK_TIER_DISCLAIMER).not.toMatch(/ticket/i);
    expect(RISK_TIER_DISCLAIMER).toMatch(/teaching aid, not legal advice/);
  });
});

describe('policyAdoptingTier', () => {
  it('adds what the high tier requires to a Standard policy: the missing gates after its own, their roles, the re-review capped', () => {
    const standard = { ...policyTemplate('standard'), reReview: { days: 180, graceDays: 14 } };
    const adopted = policyAdoptingTier('high', standard)!;
    expect(adopted.gates.map((g) => g.id)).toEqual(['data-ethics-review', 'performance-sla', 'model-card-approval', 'council-review']);
    expect(adopted.roles.map((r) => r.id)).toEqual(['ethics-reviewer', 'engineering-lead', 'product-owner', 'legal-counsel']);
    expect(adopted.reReview).toEqual({ days: 90, graceDays: 14 });
    expect(adopted.name).toBe('Standard');
    expect(standard.gates).toHaveLength(2);
  });

  it('is the template without a policy, null when the policy meets the tier already, and refuses a prohibited tier', () => {
    expect(policyAdoptingTier('minimal', null)).toEqual(policyTemplate('standard'));
    expect(policyAdoptingTier('high', policyTemplate('high-risk'))).toBeNull();
    expect(policyAdoptingTier('limited', policyTemplate('standard'))).toBeNull();
    expect(() => policyAdoptingTier('prohibited', policyTemplate('high-risk'))).toThrow(/^Prohibited: no policy can make this system deployable/);
  });
});

describe('tickOption', () => {
  const uses = RISK_QUESTIONS.find((q) => q.id === 'intended-use')!;
  it('adds and removes an option; "none of these" clears the others and another option clears it', () => {
    expect(tickOption(uses, [], 'employment', true)).toEqual(['employment']);
    expect(tickOption(uses, ['employment'], 'education', true)).toEqual(['employment', 'education']);
    expect(tickOption(uses, ['employment', 'education'], 'employment', false)).toEqual(['education']);
    expect(tickOption(uses, ['employment', 'education'], 'none', true)).toEqual(['none']);
    expect(tickOption(uses, ['none'], 'employment', true)).toEqual(['employment']);
    expect(validateRiskAnswers({ 'intended-use': tickOption(uses, ['none'], 'employment', true) }).ok).toBe(true);
  });
});
