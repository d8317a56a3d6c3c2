import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { test, expect, openSample, SAMPLE_NAME } from './fixtures';
import { goToStage, splitSample, trainAndRegister, waiveSampleGate } from './lifecycle';
import { actAs, decide, gateObject, requestReview } from './governGates';
import { makeSampleHighRisk } from './riskTier';
import { addCouncil, councilForm, councilSeat, expectSigned, signAs } from './council';
import { downloadDocument, openDocuments, writeAndApprove } from './documents';
import { takeSnapshot } from './snapshotFile';

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Runs the signature verifier on `file` as a person would from a shell; never throws. */
async function verifySignatures(file: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', ['scripts/verify-signatures.mjs', file]);
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

/**
 * The whole high-risk journey. The sample starts on the Standard policy (re-review every 90 days,
 * 14 days' grace) with Noor Haddad (ethics-reviewer) and Sam Okafor (engineering-lead). The page's
 * clock is Playwright's; workers keep the real one, so it starts no later than now (a waiver from
 * the future is not yet in force there), and early enough that the run's approvals share a date.
 */
test('A high-risk model version: tier, council sign-offs, promotion, inventory, overdue re-review, documents, and a snapshot whose signatures verify outside the app', async ({ page }) => {
  test.setTimeout(300_000);
  const now = Date.now();
  const start = now % DAY > DAY - 15 * 60_000 ? now - 30 * 60_000 : now;
  await page.clock.install({ time: start });
  await openSample(page);
  await splitSample(page);
  await waiveSampleGate(page, 'Data Ethics Review', 'dataset v2', 'set-up: this journey is about a high-risk model version');
  await trainAndRegister(page, 1, '3');

  // Sam approves the Performance SLA Noor asked for (signed decision 1).
  await actAs(page, 'Noor Haddad');
  await requestReview(page, 'Performance SLA', 'Ticket router v1', 'Ready for the endpoint');
  await actAs(page, 'Sam Okafor');
  await decide(page, 'Performance SLA', 'Ticket router v1', 'Approve', 'Meets the criteria on test');
  const sla = gateObject(page, 'Performance SLA', 'Ticket router v1');
  await expect(sla.getByTestId('gate-status')).toHaveText('Approved');
  await expect(page.getByTestId('gates-risk-tier')).toContainText('Risk tier: not assessed');

  // The questionnaire: an employment use that shapes outcomes is high-risk, and the page says why.
  await makeSampleHighRisk(page);
  await expect(page.getByRole('list', { name: 'Answers that produced the tier' })).toContainText('A use listed in Annex III point 4 (Article 6(2)) is high-risk.');
  await expect(page.getByRole('list', { name: 'Needs a closer look' })).toContainText('It affects workers');
  await expect(page.getByText('This questionnaire is a teaching aid, not legal advice.', { exact: false })).toBeVisible();
  await expect(page.getByRole('status', { name: 'What the raised tier re-opens' })).toContainText('Now required: “Council review”');
  const needs = page.getByRole('table', { name: 'Gates the tier requires' });
  await expect(needs.getByRole('row', { name: /Council review/ })).toContainText('Missing');

  // Adopting publishes v2 with the extra gates: they appear under Gates and refuse the champion alias.
  await page.getByRole('button', { name: 'Adopt what the high tier requires' }).click();
  await expect(page.getByText(/^Published policy v2 “Standard” with what the high tier requires/)).toBeVisible();
  await expect(needs.getByRole('row', { name: /Council review/ })).toContainText('Yes');
  await page.getByRole('navigation', { name: 'Govern views' }).getByRole('link', { name: 'Gates' }).click();
  await expect(page.getByText(/Under policy Standard v2/)).toBeVisible();
  await expect(page.getByTestId('gates-risk-tier')).toContainText('Risk tier: high');
  await expect(page.getByRole('heading', { level: 3, name: 'Model card approval' })).toBeVisible();
  const council = gateObject(page, 'Council review', 'Ticket router v1');
  await expect(council.getByTestId('gate-status')).toHaveText('Not requested');
  await expect(page.getByRole('region', { name: 'Council review' })).toContainText('Decided by: a council of Product owner, Engineering lead, Legal counsel and Ethics reviewer (4 of 4 sign off).');
  await expect(council).toContainText('A council review cannot be waived');
  await expect(sla.getByTestId('gate-status')).toHaveText('Approved');
  await goToStage(page, 'Deploy');
  const versionRow = page.getByRole('table', { name: 'Registered model versions' }).getByRole('row', { name: /Ticket router v1/ });
  await expect(versionRow.getByRole('button', { name: 'Set' })).toBeDisabled();
  await expect(versionRow).toContainText('Making this version the champion needs Council review: No review requested yet.');
  await expect(versionRow).not.toContainText('Performance SLA');

  // The model card, written and approved as a document, lets Noor approve its gate (signed decision 2).
  await addCouncil(page);
  await openDocuments(page);
  await writeAndApprove(page, 'Model card', 'Ticket router v1', {
    Overview: 'Routes support tickets to Billing, Technical Issue or General Inquiry.',
    Owners: 'Support tooling team',
    'Intended users': 'Support agents routing incoming tickets',
    'Use cases': 'Routing only; never to judge staff.',
    'Ethical considerations': 'Tickets name staff: a person reviews every low-confidence route.',
  }, { writer: 'Sam Okafor', approver: 'Priya Shah' });
  await actAs(page, 'Alex Kim');
  await requestReview(page, 'Model card approval', 'Ticket router v1', 'Card approved under Documents');
  await actAs(page, 'Noor Haddad');
  await decide(page, 'Model card approval', 'Ticket router v1', 'Approve', 'The card matches the version');
  await expect(gateObject(page, 'Model card approval', 'Ticket router v1').getByTestId('gate-status')).toHaveText('Approved');

  // The council: the requester cannot sign, one person signs for one role only, four sign (decisions 3–6).
  await actAs(page, 'Alex Kim');
  await requestReview(page, 'Council review', 'Ticket router v1', 'Ready for the council');
  await expect(council).toContainText('0 of 4 signed, waiting for Product owner, Engineering lead, Legal counsel and Ethics reviewer.');
  await signAs(page, 'Alex Kim', 'Sign off', 'Looks good to me', 'Ticket router v1', 'Product owner');
  await expect(councilForm(page).getByRole('alert')).toHaveText('Alex Kim asked for this review and cannot sign it: the council\'s other members must.');
  await signAs(page, 'Noor Haddad', 'Sign off', 'No group is served worse');
  await expectSigned(page, 'Noor Haddad');
  await expect(council).toContainText('1 of 4 signed, waiting for Product owner, Engineering lead and Legal counsel.');
  await signAs(page, 'Noor Haddad', 'Sign off', 'And for legal', 'Ticket router v1', 'Legal counsel');
  await expect(councilForm(page).getByRole('alert')).toHaveText('Noor Haddad already signed this review as Ethics reviewer: one person cannot sign for two roles.');
  await expect(councilSeat(page, 'Legal counsel')).toContainText('Waiting');
  await signAs(page, 'Priya Shah', 'Sign off', 'Fits the intended use');
  await expectSigned(page, 'Priya Shah');
  await signAs(page, 'Sam Okafor', 'Sign off', 'Meets its targets');
  await expectSigned(page, 'Sam Okafor');
  await expect(council.getByTestId('gate-status')).toHaveText('Pending');
  await signAs(page, 'Lena Novak', 'Sign off', 'No legal objection');
  await expectSigned(page, 'Lena Novak');
  await expect(council.getByTestId('gate-status')).toHaveText('Approved');
  await expect(council).toContainText('Approved by the council on');
  await expect(council.getByRole('table', { name: /^Council of/ }).getByText(/^signed ✓ key [0-9a-f]{16}$/)).toHaveCount(4);
  await expect(page.getByText('Nothing is blocked: every gate is met for the current versions.')).toBeVisible();
  const signedDecisions = 6;

  // Each signer's key shows under People; the requester never signed.
  await page.getByRole('navigation', { name: 'Govern views' }).getByRole('link', { name: 'People', exact: true }).click();
  const people = page.getByRole('table', { name: 'People and their roles' });
  await expect(people.getByRole('row', { name: /Lena Novak/ })).toContainText(/[0-9a-f]{16}/);
  await expect(people.getByRole('row', { name: /Alex Kim/ })).toContainText('no key yet');

  // Promoted and deployed.
  await goToStage(page, 'Deploy');
  await page.getByLabel('Why, for Ticket router v1').fill('approved by the council');
  await versionRow.getByRole('button', { name: 'Set' }).click();
  await expect(versionRow).toContainText('@champion');
  await page.getByLabel('Reason').first().fill('signed off by the council');
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByText(/The endpoint serves Ticket router v1 \(@champion\)/)).toBeVisible();

  // The inventory lists it: high tier, champion, deployed, its next review 90 days on.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Model inventory' }).click();
  const listed = page.getByRole('table', { name: 'Model versions across projects' }).getByRole('row', { name: /Ticket router v1/ });
  await expect(listed).toContainText(SAMPLE_NAME);
  await expect(listed).toContainText('high');
  await expect(listed).toContainText('@champion');
  await expect(listed).toContainText('deployed');
  await expect(listed).toContainText('Council review: approved');
  await expect(listed).toContainText('due in 90 days');

  // 95 days on, every approval is overdue: the inventory and Monitor say so, promotion is refused.
  await page.clock.setSystemTime(start + 95 * DAY);
  const dueOn = day(start + 90 * DAY);
  await page.reload();
  await expect(listed).toContainText(`overdue since ${dueOn}`);
  await listed.getByRole('link', { name: SAMPLE_NAME }).click();
  await goToStage(page, 'Monitor');
  const alert = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Re-review overdue' }) });
  await expect(alert).toContainText(`Council review of Ticket router v1: re-review overdue since ${dueOn}`);
  await alert.getByRole('link', { name: /Govern → Gates/ }).click();
  await expect(sla.getByTestId('gate-status')).toHaveText('Due for re-review');
  await expect(sla).toContainText('No evidence changed since the approval.');
  await goToStage(page, 'Deploy');
  const overdue = `needs Council review: the approval of ${day(start)} is overdue — its re-review was due on ${dueOn}: request a re-review.`;
  await expect(versionRow).toContainText(`Making this version the champion ${overdue}`);
  await expect(versionRow.getByRole('button', { name: 'Set' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Deploy', exact: true })).toBeDisabled();
  await expect(page.getByText(`Deploying this version ${overdue}`)).toBeVisible();

  // The datasheet and the Annex IV outline, written and approved by another person; the outline as HTML.
  await openDocuments(page);
  const writers = { writer: 'Sam Okafor', approver: 'Noor Haddad' };
  await writeAndApprove(page, 'Datasheet', 'dataset v2', { Motivation: 'Route support tickets.', Composition: 'One ticket per row.', Collection: 'Generated sample tickets.', Uses: 'Routing only.' }, writers);
  const annex = await writeAndApprove(page, 'Technical documentation (Annex IV outline)', SAMPLE_NAME, {
    'Intended purpose': 'Route tickets <em>to</em> teams; a person reads every low-confidence one.',
    'Data and data governance': 'Sample tickets, checked under Data → Checks.',
    'Design and training': 'A logistic regression baseline on TF-IDF features.',
    'Metrics and their appropriateness': 'Accuracy and latency, as framed.',
    'Risk management': 'High tier: council review and 90-day re-reviews.',
    'Human oversight': 'Agents can re-route any ticket.',
    'Post-market monitoring plan': 'Drift checks weekly; a drifted check triggers a review.',
    'Lifecycle changes': 'Each version approved by the council, recorded in the audit trail.',
  }, writers);
  await expect(annex.getByRole('list', { name: 'Facts for Intended purpose' })).toContainText('Risk tier: high.');
  await expect(annex.getByRole('list', { name: 'Facts for Data and data governance' })).toContainText('1 approved datasheet.');
  await expect(annex.getByTestId('completeness').first()).toHaveText('8 of 8 required');
  const html = await downloadDocument(page, annex, 'HTML');
  expect(html.name).toMatch(/\.html$/);
  expect(html.text).toContain(`<h1>Technical documentation (Annex IV outline): ${SAMPLE_NAME}</h1>`);
  expect(html.text).toContain('<strong>Status:</strong> Approved');
  expect(html.text).toContain('Route tickets &lt;em&gt;to&lt;/em&gt; teams');
  expect(html.text).toContain('Risk tier: high.');
  expect(html.text).toContain('@media print');

  // The snapshot's sign-offs verify outside the app; one changed byte of a signature fails, naming the entry.
  await goToStage(page, 'Govern');
  const snapshot = await takeSnapshot(page);
  const file = test.info().outputPath(snapshot.name);
  await writeFile(file, snapshot.buffer);
  expect(await verifySignatures(file)).toEqual({ code: 0, out: `${signedDecisions} sign-offs verify\n` });

  // The copy: one character of the first sign-off's signature, inside `signing.signOffs` (the
  // decisions and the audit trail carry the same signature; the verifier reads this section).
  const text = snapshot.buffer.toString('utf8');
  const signOffs = JSON.parse(text).signing.signOffs as { id: string; payload: string; signature: string }[];
  expect(signOffs).toHaveLength(signedDecisions);
  const key = text.indexOf('"signature"', text.indexOf('"signOffs"', text.indexOf('"signing"')));
  const at = text.indexOf('"', text.indexOf(':', key)) + 10;
  const tampered = `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
  expect(JSON.parse(tampered).signing.signOffs[0].signature).not.toBe(signOffs[0].signature);
  const copy = test.info().outputPath(`tampered-${snapshot.name}`);
  await writeFile(copy, tampered);
  const first = signOffs[0];
  expect(JSON.parse(first.payload).decision.name).toBe('Sam Okafor');
  expect(await verifySignatures(copy)).toEqual({ code: 1, out: `Sign-off 1 (Sam Okafor, ${first.id}): bad signature\n` });
});
