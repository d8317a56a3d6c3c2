import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { goToStage } from './lifecycle';
import { RISK_QUESTIONS } from '../../src/lib/core/governance/riskQuestions';

/**
 * Govern → Risk tier, as a person uses it. Answers are given by question and option id (the
 * questionnaire's catalogue, riskQuestions.ts) and clicked by the words the page shows. Saving
 * is recorded as whoever is chosen under "Acting as" (choose someone first: governGates.actAs).
 */

/** Question id → option id (single, yes-no) or option ids (multi), in questionnaire order. */
export type RiskAnswersInput = Record<string, string | readonly string[]>;

/** Answers that make the sample high-risk: tickets routed to decide about staff (Annex III point 4), shaping the outcome. */
export const SAMPLE_HIGH_RISK: RiskAnswersInput = {
  'intended-use': ['employment'],
  'decision-role': 'shapes-outcome',
  'profiles-people': 'yes',
  'prohibited-practice': ['none'],
  transparency: ['none'],
  'affected-people': ['staff'],
  'human-review': 'some-decisions',
  'data-sensitivity': ['personal'],
  scale: 'thousands',
};

export async function openRiskTier(page: Page): Promise<void> {
  const heading = page.getByRole('heading', { level: 2, name: 'Risk tier' });
  if (await heading.isVisible()) return;
  await goToStage(page, 'Govern');
  await page.getByRole('navigation', { name: 'Govern views' }).getByRole('link', { name: 'Risk tier' }).click();
  await expect(heading).toBeVisible();
}

/** Ticks `answers` (an unticked multi option stays as it is) and saves them; waits until saved. */
export async function answerRiskQuestions(page: Page, answers: RiskAnswersInput): Promise<void> {
  await openRiskTier(page);
  const form = page.getByRole('form', { name: 'Risk questionnaire' });
  for (const [questionId, answer] of Object.entries(answers)) {
    const question = RISK_QUESTIONS.find((q) => q.id === questionId);
    if (!question) throw new Error(`No risk question "${questionId}".`);
    const group = form.getByRole('group', { name: question.text });
    for (const optionId of typeof answer === 'string' ? [answer] : answer) {
      const option = question.options.find((o) => o.id === optionId);
      if (!option) throw new Error(`No option "${optionId}" in "${questionId}".`);
      await group.getByRole(question.kind === 'multi' ? 'checkbox' : 'radio', { name: option.label, exact: true }).check();
    }
  }
  await form.getByRole('button', { name: 'Save answers' }).click();
  await expect(form.getByRole('status')).toHaveText(/^Saved as .+: the \w+ tier\.$/);
}

/** Answers the questionnaire so the sample is high-risk (see SAMPLE_HIGH_RISK) and waits for the tier. */
export async function makeSampleHighRisk(page: Page): Promise<void> {
  await answerRiskQuestions(page, SAMPLE_HIGH_RISK);
  await expect(page.getByTestId('risk-tier')).toContainText('Risk tier: high');
}
