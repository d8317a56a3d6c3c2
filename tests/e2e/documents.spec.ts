import { test, expect, openSample, SAMPLE_NAME } from './fixtures';
import { actAsOnDocuments, documentAction, downloadDocument, fillSections, generateDocument, openDocuments, saveDocument, sectionText } from './documents';

/** Assumes the sample starts with dataset v1 and two people: Noor Haddad and Sam Okafor. */
test('Govern → Documents: a datasheet from the data stage is refused review while empty, approved by another person, then versioned with a diff; the Annex IV outline has a meter', async ({ page }) => {
  test.setTimeout(90_000);
  await openSample(page);
  await openDocuments(page);
  await actAsOnDocuments(page, 'Noor Haddad');
  const sheet = await generateDocument(page, 'Datasheet', 'dataset v1');
  await expect(sheet.getByTestId('doc-status')).toHaveText('Draft');
  await expect(sheet.getByRole('list', { name: 'Facts for Composition' })).toContainText(/\d[\d,]* rows in v1, content hash/);
  await expect(sheet.getByRole('list', { name: 'Facts for Collection' })).toContainText('rows brought in');
  await expect(sheet.getByTestId('completeness').first()).toHaveText('0 of 4 required');

  // Required sections empty: submitting is refused, with the sections named, and it stays a Draft.
  await sheet.getByRole('button', { name: 'Submit for review' }).click();
  await expect(sheet.getByRole('alert')).toHaveText('Required sections are empty: Motivation, Composition, Collection, Uses. The document stays in Draft until they are written.');
  await expect(sheet.getByTestId('doc-status')).toHaveText('Draft');

  await fillSections(sheet, { Motivation: 'Route support tickets <b>to</b> the right team.', Composition: 'One ticket per row.', Collection: 'Generated sample tickets.', Uses: 'Routing only.' });
  await expect(sheet.getByTestId('completeness').first()).toHaveText('4 of 4 required');
  await saveDocument(sheet);
  await documentAction(sheet, 'Submit for review', 'In review');

  // The last editor may not approve; another person may.
  await sheet.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(sheet.getByRole('alert')).toHaveText('Noor Haddad edited v1 last: another person must approve it.');
  await actAsOnDocuments(page, 'Sam Okafor');
  await documentAction(sheet, 'Approve', 'Approved');

  // Approved is immutable: an edit becomes v2 (a draft), v1 stays approved, and the diff shows the change.
  await expect(sheet.getByTestId('immutable-note')).toHaveText('v1 is Approved and will not change: saving an edit makes a new draft version.');
  await fillSections(sheet, { Uses: 'Routing and weekly reporting.' });
  await saveDocument(sheet);
  await expect(sheet.getByTestId('doc-version')).toHaveText('v2');
  await expect(sheet.getByTestId('doc-status')).toHaveText('Draft');
  const changes = sheet.getByRole('region', { name: 'Changes from v1 to v2' });
  await expect(changes.getByRole('heading', { name: 'Uses' })).toBeVisible();
  await expect(changes.locator('.diff-removed')).toHaveText('− Routing only.');
  await expect(changes.locator('.diff-added')).toHaveText('+ Routing and weekly reporting.');
  await sheet.getByRole('button', { name: 'v1: Approved' }).click();
  await expect(sectionText(sheet, 'Uses')).toHaveValue('Routing only.');

  // The approved v1 as a standalone HTML file: its text escaped, a print stylesheet inside.
  const html = await downloadDocument(page, sheet, 'HTML');
  expect(html.name).toBe('datasheet-dataset-v1-v1.html');
  expect(html.text).toContain('<h1>Datasheet: dataset v1</h1>');
  expect(html.text).toContain('Route support tickets &lt;b&gt;to&lt;/b&gt; the right team.');
  expect(html.text).not.toContain('<b>to</b>');
  expect(html.text).toContain('<strong>Status:</strong> Approved');
  expect(html.text).toContain('@media print');

  // The list shows both; the Annex IV outline links each section to its evidence, with a meter.
  await page.getByRole('button', { name: '← All documents' }).click();
  const table = page.getByRole('table', { name: 'Documents' });
  await expect(table.getByRole('row', { name: /Datasheet/ })).toContainText('v2 (v1 approved)');
  const annex = await generateDocument(page, 'Technical documentation (Annex IV outline)', SAMPLE_NAME);
  await expect(annex.getByRole('list', { name: 'Facts for Intended purpose' })).toContainText('Risk tier: not assessed.');
  await expect(annex.getByRole('list', { name: 'Facts for Data and data governance' })).toContainText('1 approved datasheet.');
  await expect(annex.getByTestId('completeness').first()).toHaveText('0 of 8 required');
  await fillSections(annex, { 'Intended purpose': 'Route tickets; a person reads every low-confidence one.' });
  await expect(annex.getByTestId('completeness').first()).toHaveText('1 of 8 required');
  await expect(annex.getByRole('link', { name: 'Open in Monitor' }).first()).toHaveAttribute('href', /#\/p\/.+\/monitor\/drift$/);
});
