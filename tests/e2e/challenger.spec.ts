import { test, expect, openSample } from './fixtures';
import { callEndpoint, deploySampleModel, goToStage, trainAndRegister, waiveSampleGate } from './lifecycle';

test('a canary earns promotion on live traffic under the promotion rule; a due retrain shows as a task', async ({ page }) => {
  test.setTimeout(300_000);
  await openSample(page);
  await deploySampleModel(page);
  await trainAndRegister(page, 2, '3');
  await waiveSampleGate(page, 'Performance SLA', 'Ticket router v2', 'the challenger of this journey');
  await goToStage(page, 'Deploy');
  // The canary rule: v2 never served, so it may not take all traffic at once; the form offers the canary.
  const canaryRule = page.getByRole('form', { name: 'Canary rule' });
  await canaryRule.getByLabel('Require a canary for a version that never served').check();
  await canaryRule.getByLabel('Largest share of requests for a first canary (%)').fill('50');
  await canaryRule.getByRole('button', { name: 'Save canary rule' }).click();
  await expect(canaryRule.getByRole('status')).toHaveText('Saved: the rule applies from the next deployment.');
  await page.getByLabel('Serve', { exact: true }).selectOption({ label: 'Ticket router v2' });
  const check = page.getByTestId('canary-rule-check');
  await expect(check.getByRole('alert')).toHaveText('Not allowed: Ticket router v2 has never served all traffic, and the canary rule is on: it may start as a canary on at most 50 % of the requests or in shadow next to the champion, and takes all traffic when the promotion rule promotes it (Monitor → Challenger).');
  await expect(page.getByRole('button', { name: 'Deploy', exact: true })).toBeDisabled();
  await check.getByRole('button', { name: 'Start Ticket router v2 as a canary on 50 % next to Ticket router v1' }).click();
  await expect(page.getByLabel('Serve', { exact: true }).locator('option:checked')).toHaveText(/^Ticket router v1/);
  await expect(page.getByLabel('Challenger').locator('option:checked')).toHaveText(/^Ticket router v2/);
  await expect(page.getByLabel('Canary share (%)')).toHaveValue('50');
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByText(/with Ticket router v2 as canary on 50 % of requests/)).toBeVisible();

  // Live traffic, then its outcomes: the canary's answers turn out right, the champion's wrong.
  const answers: { id: string; version: number; label: string }[] = [];
  for (let i = 0; i < 40; i++) {
    const a = JSON.parse((await callEndpoint(page, '/api/v1/predict', { method: 'POST', body: JSON.stringify({ text: `please refund invoice ${i}` }) })).body);
    answers.push({ id: a.prediction.id, version: a.model.version, label: a.prediction.label });
  }
  const wrong = (label: string) => (label === 'Billing' ? 'Technical Issue' : 'Billing');
  const outcomes = answers.map((a) => ({ id: a.id, label: a.version === 2 ? a.label : wrong(a.label) }));
  expect((await callEndpoint(page, '/api/v1/feedback', { method: 'POST', body: JSON.stringify({ outcomes }) })).status).toBe(200);
  const served = (v: number) => answers.filter((a) => a.version === v).length;

  await goToStage(page, 'Monitor');
  const views = page.getByRole('navigation', { name: 'Monitor views' });
  await views.getByRole('link', { name: 'Challenger' }).click();
  await expect(views.getByRole('link', { name: 'Challenger' })).toHaveAttribute('aria-current', 'page');
  const table = page.getByRole('table', { name: 'Champion and challenger on live traffic' });
  await expect(table.getByRole('row', { name: /Ticket router v2/ })).toContainText(`${served(2)}`);
  await expect(table.getByRole('row', { name: /Ticket router v2/ })).toContainText('100.0 %');
  // The default rule waits for 200 outcomes a side.
  const decision = page.getByTestId('promotion-decision');
  await expect(decision).toContainText('The rule says: wait.');

  const rule = page.getByRole('form', { name: 'Promotion rule' });
  const min = rule.getByLabel('Outcomes needed per side');
  await min.fill('0');
  await expect(rule.getByRole('alert')).toHaveText('Outcomes per side must be a whole number from 1 to 1,000,000 (got 0).');
  await expect(rule.getByRole('button', { name: 'Save rule' })).toBeDisabled();
  // 40 requests split 50 / 50: each side gets 5 or more, but for a one-in-a-million routing.
  await min.fill('5');
  await rule.getByRole('button', { name: 'Save rule' }).click();
  await expect(decision).toContainText(`The rule proposes to promote the challenger. The challenger Ticket router v2 was ${served(2)} of ${served(2)} right (100.0 %), the champion Ticket router v1 0 of ${served(1)} right (0.0 %)`);
  await decision.getByRole('button', { name: 'Promote Ticket router v2…' }).click();
  await decision.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('Ticket router v2 is now the champion and serves every request.')).toBeVisible();
  await expect(page.getByText(/The active deployment has no challenger/)).toBeVisible();

  // A retraining policy by new labelled rows: the 40 outcomes make a retrain due, shown on the project page.
  const policy = page.getByRole('form', { name: 'Retraining policy' });
  await policy.getByLabel('Every … new labelled rows').fill('20');
  await policy.getByRole('button', { name: 'Save policy' }).click();
  const task = page.getByTestId('retrain-task');
  await expect(task).toContainText('40 labelled rows are not in Ticket router v2\'s training data: the policy retrains every 20.');
  await expect(task.getByRole('link', { name: 'Retrain on fresh data' })).toHaveAttribute('href', /\/model\/retrain$/);

  await goToStage(page, 'Deploy');
  await expect(page.getByText(/The endpoint serves Ticket router v2 \(@champion\)/)).toBeVisible();

  // Retrain or retire, from the served version's history: one week of outcomes is shown, not extrapolated.
  await goToStage(page, 'Monitor');
  await views.getByRole('link', { name: 'Retrain or retire' }).click();
  await expect(page.getByTestId('retire-fit')).toHaveText(`No decay is fitted: it needs 3 weeks of age with at least 20 outcomes each, and the history has ${served(2) >= 20 ? 1 : 0} such week${served(2) >= 20 ? '' : 's'} (${served(2)} outcomes in all).`);
  const inputs = page.getByRole('form', { name: 'Retrain or retire inputs' });
  await expect(inputs.getByLabel('Accuracy now (%)')).toHaveValue('100');
  await expect(inputs.getByText(`week 0 of age: ${served(2)} right of ${served(2)} outcomes`)).toBeVisible();
  const verdict = page.getByTestId('retire-verdict');
  await expect(verdict).toContainText('Keep the model.'); // as right as it can be: retraining cannot earn more
  // A keyword rule naming a class the model does not have is refused with its line; a good one is scored on the test split.
  await page.getByLabel('a keyword rule').check();
  const keywords = page.getByLabel(/^Keyword rule/);
  await keywords.fill('refund, invoice -> Refunds\nelse -> Billing');
  await expect(page.getByRole('alert').filter({ hasText: 'Line 1:' })).toHaveText('Line 1: “Refunds” is not a class of the model; the classes are Billing, General Inquiry, Technical Issue.');
  await expect(page.getByRole('button', { name: 'Score the fallback on the test split' })).toBeDisabled();
  await keywords.fill('refund, invoice, charged -> Billing\nerror, crash, login -> Technical Issue\nelse -> General Inquiry');
  await page.getByRole('button', { name: 'Score the fallback on the test split' }).click();
  const scored = page.getByRole('status').filter({ hasText: /^the keyword rule: / });
  await expect(scored).toHaveText(/^the keyword rule: [\d.]+ % right \(\d+ of \d+ test rows; \d+ matched no keyword\)\.$/);
  await expect(inputs.getByText(/^the keyword rule on the test split: \d+ right of \d+$/)).toBeVisible();
  // A negative price is refused; a rule as good as the model with upkeep to pay retires it.
  await inputs.getByLabel('Labelling cost per row (EUR)').fill('-1');
  await expect(page.getByRole('alert').filter({ hasText: 'Not weighed' })).toHaveText('Not weighed: The labelling cost per row cannot be negative (got -1).');
  await inputs.getByLabel('Labelling cost per row (EUR)').fill('0.1');
  await inputs.getByLabel('Monthly upkeep of the model (EUR)').fill('50');
  await inputs.getByLabel('Fallback accuracy (%)').fill('100');
  await expect(verdict).toContainText('Retire the model.');
  // The model decayed far below a fresh one: retraining pays.
  await inputs.getByLabel('Fallback accuracy (%)').fill('30');
  await inputs.getByLabel('Accuracy now (%)').fill('40');
  await expect(verdict).toContainText('Retrain the model.');
});
