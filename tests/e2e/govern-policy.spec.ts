import { test, expect } from './fixtures';
import { newProject } from './lifecycle';
import { addPerson, openGovernView } from './governPeople';

test('a new project gets its people and a policy: from Standard, corrected, published, edited into v2, in the history and the audit trail', async ({ page }) => {
  await newProject(page, 'Workshop governance');
  // Nobody acts yet: the first person is recorded as adding themselves, the second as added by them.
  await addPerson(page, 'Noor Haddad', ['Ethics reviewer']);
  await expect(page.getByText('Added Noor Haddad (recorded as added by Noor Haddad).')).toBeVisible();
  await addPerson(page, 'Sam Okafor', ['Engineering lead']);
  const people = page.getByRole('table', { name: 'People and their roles' });
  await expect(people.getByRole('row', { name: /Sam Okafor/ })).toContainText('Engineering lead');
  await expect(page.getByTestId('identity-note')).toContainText('This browser cannot authenticate anyone');

  await openGovernView(page, 'Policy');
  await expect(page.getByText(/^No policy is published: nothing is gated yet\./)).toBeVisible();
  await page.getByRole('button', { name: 'Start from Standard' }).click();
  const validity = page.getByTestId('draft-validity');
  await expect(validity).toHaveText('No problems: ready to publish.');
  await page.getByLabel('Policy name').fill('Workshop policy');

  // A role a gate is decided by is not removed silently.
  await page.getByRole('button', { name: 'Remove role Ethics reviewer' }).click();
  await expect(page.getByRole('alert')).toHaveText('“Ethics reviewer” decides “Data Ethics Review”: choose another deciding role for that gate first.');

  // A mistake is shown next to its field, and publishing is refused until it is fixed.
  const days = page.getByLabel('Look again after (days)');
  await days.fill('0');
  await expect(validity).toHaveText(/^1 problem, shown next to the fields/);
  await expect(days).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('must be a whole number from 1 to 3660, got 0.')).toBeVisible();
  await page.getByRole('button', { name: 'Publish as v1' }).click();
  await expect(page.getByRole('alert')).toHaveText('Fix the 1 problem shown in the draft before publishing.');
  await days.fill('60');
  await expect(validity).toHaveText('No problems: ready to publish.');
  // Who publishes is who was chosen when Sam was added: the choice holds for the project.
  await expect(page.getByLabel('Acting as').locator('option:checked')).toHaveText('Noor Haddad (ethics-reviewer)');
  await page.getByRole('button', { name: 'Publish as v1' }).click();
  const inForce = page.getByTestId('policy-in-force');
  await expect(inForce).toContainText(/^v1 “Workshop policy”, published .+ by Noor Haddad\. Content hash [0-9a-f]{12}\.$/);
  // Once a policy is in force, people's roles read as it names them.
  await expect(page.getByLabel('Acting as').locator('option:checked')).toHaveText('Noor Haddad (Ethics reviewer)');
  await expect(page.getByRole('table', { name: 'Gates of v1' }).getByRole('row', { name: /Performance SLA/ })).toContainText(/before deploying.*Majority baseline beaten.*Engineering lead/);

  // Editing makes draft v2; v1 stays in force until it is published.
  await page.getByRole('button', { name: 'Edit v1 as the next draft' }).click();
  const sla = page.getByRole('group', { name: 'Gate 2: Performance SLA' });
  await sla.getByRole('checkbox', { name: 'Majority baseline beaten' }).uncheck();
  await page.getByRole('button', { name: 'Publish as v2' }).click();
  await expect(inForce).toContainText(/^v2 “Workshop policy”, published .+ by Noor Haddad\./);

  const history = page.getByRole('table', { name: 'Published policy versions' });
  await expect(history.getByRole('row')).toHaveCount(3);
  await expect(history.getByRole('row').nth(1)).toContainText(/v2 “Workshop policy”in force[0-9a-f]{12}/);
  await history.getByRole('button', { name: 'Show v1' }).click();
  await expect(page.getByTestId('policy-changes')).toHaveText('Gate “Performance SLA”: no longer requires Majority baseline beaten.');

  // v1 downloaded as a policy document comes back, checked, as the next draft.
  const [download] = await Promise.all([page.waitForEvent('download'), history.getByRole('button', { name: 'Download v1' }).click()]);
  expect(download.suggestedFilename()).toBe('workshop-policy-policy-v1.json');
  const file = await download.path();
  await page.getByLabel('Import a policy file (.json)').setInputFiles(file);
  await expect(page.getByText(/^Imported “Workshop policy” from .+ as draft v3: check it, then publish\.$/)).toBeVisible();
  await expect(page.getByRole('group', { name: 'Gate 2: Performance SLA' }).getByRole('checkbox', { name: 'Majority baseline beaten' })).toBeChecked();
  await page.getByRole('button', { name: 'Discard draft' }).click();

  await openGovernView(page, 'Audit trail');
  const entries = page.getByRole('table', { name: 'Audit trail entries' });
  await expect(entries.getByRole('row', { name: /Published governance policy v2 “Workshop policy” \(2 gates\)/ })).toContainText('Noor Haddad');
  await expect(entries.getByRole('row', { name: /Published governance policy v1 “Workshop policy” \(2 gates\)/ })).toContainText('Noor Haddad');
});
