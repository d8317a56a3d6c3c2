import { readFile, truncate, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { test, expect, openHome, openSample, SAMPLE_NAME } from './fixtures';
import { callEndpoint, deploySampleModel, goToStage, trainAndRegister, waiveSampleGate } from './lifecycle';
import { downloadFrom, takeSnapshot } from './snapshotFile';

/** What each stage shows of the project: compared before the export and after the import. */
interface StageFacts {
  strip: string[];
  criteria: string[][];
  versions: string[];
  runs: string[];
  registered: string[];
  serving: string;
  deployments: string[];
  predictions: string;
}

const strip = (page: Page) => page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('listitem');
const rowsOf = (page: Page, table: string) => page.getByRole('table', { name: table, exact: true }).getByRole('row');
// Predictions, not requests: requests include the Monitor page's own health probes, which race the read.
const predictionsShown = (page: Page) => page.getByRole('term').filter({ hasText: /^Predictions \(texts\)$/ }).locator('+ dd');

/** Metric, split, comparison and threshold of each success criterion, as the Frame page's fields show them. */
async function criteriaShown(page: Page): Promise<string[][]> {
  const count = (await rowsOf(page, 'Success criteria').count()) - 1;
  const out: string[][] = [];
  for (let i = 1; i <= count; i++) {
    const fields = ['Metric', 'Split', 'Comparison', 'Threshold'].map((f) => page.getByLabel(`${f} of criterion ${i}`).inputValue());
    out.push(await Promise.all(fields));
  }
  return out;
}

/** Visits every stage and reads what it shows, once the known state has loaded. */
async function readStages(page: Page): Promise<StageFacts> {
  await expect(strip(page).filter({ hasText: 'Deploy' })).toContainText('Done');
  const facts: Partial<StageFacts> = { strip: await strip(page).allTextContents() };
  await goToStage(page, 'Frame');
  await expect(rowsOf(page, 'Success criteria').nth(1)).toBeVisible();
  facts.criteria = await criteriaShown(page);
  await goToStage(page, 'Data');
  await expect(rowsOf(page, 'Dataset versions')).toHaveCount(3);
  facts.versions = await rowsOf(page, 'Dataset versions').allTextContents();
  await goToStage(page, 'Model');
  await page.getByRole('navigation', { name: 'Model views' }).getByRole('link', { name: /^Runs/ }).click();
  await expect(rowsOf(page, 'Training runs')).toHaveCount(2);
  facts.runs = await rowsOf(page, 'Training runs').allTextContents();
  await goToStage(page, 'Deploy');
  await expect(rowsOf(page, 'Deployment history')).toHaveCount(2);
  // The policy's verdicts load after the rows: v1's waived Performance SLA is noted beside its alias.
  await expect(rowsOf(page, 'Registered model versions').filter({ hasText: 'Performance SLA: Waived until' })).toHaveCount(1);
  facts.registered = await rowsOf(page, 'Registered model versions').allTextContents();
  facts.serving = await page.getByText(/The endpoint serves/).innerText();
  facts.deployments = await rowsOf(page, 'Deployment history').allTextContents();
  await goToStage(page, 'Monitor');
  await expect(predictionsShown(page)).not.toHaveText('0');
  facts.predictions = await predictionsShown(page).innerText();
  return facts as StageFacts;
}

/** Every stage shows `facts` again (retrying, as the pages load). */
async function expectStages(page: Page, facts: StageFacts): Promise<void> {
  await expect(strip(page)).toHaveText(facts.strip);
  await goToStage(page, 'Frame');
  await expect(rowsOf(page, 'Success criteria')).toHaveCount(facts.criteria.length + 1);
  expect(await criteriaShown(page)).toEqual(facts.criteria);
  await goToStage(page, 'Data');
  await expect(rowsOf(page, 'Dataset versions')).toHaveText(facts.versions);
  await goToStage(page, 'Model');
  await page.getByRole('navigation', { name: 'Model views' }).getByRole('link', { name: /^Runs/ }).click();
  await expect(rowsOf(page, 'Training runs')).toHaveText(facts.runs);
  await goToStage(page, 'Deploy');
  await expect(rowsOf(page, 'Registered model versions')).toHaveText(facts.registered);
  await expect(page.getByText(/The endpoint serves/)).toHaveText(facts.serving);
  await expect(rowsOf(page, 'Deployment history')).toHaveText(facts.deployments);
  await goToStage(page, 'Monitor');
  await expect(predictionsShown(page)).toHaveText(facts.predictions);
  await expect(strip(page)).toHaveText(facts.strip);
}

test('export a project as a snapshot, delete it, import it back; diff two snapshots around a retraining', async ({ page }) => {
  test.setTimeout(360_000);
  await openSample(page);
  await deploySampleModel(page);
  for (const text of ['I was charged twice, please refund', 'the app crashes on login', 'what are your opening hours']) {
    expect((await callEndpoint(page, '/api/v1/predict', { method: 'POST', body: JSON.stringify({ text }) })).status).toBe(200);
  }

  // The endpoint writes its logs a moment after answering (a gathered batch, after a room check).
  await expect(strip(page).filter({ hasText: 'Monitor' })).toContainText('In progress');
  const before = await readStages(page);
  expect(before.strip.join(' ')).toMatch(/Monitor\s+In progress/);

  // The PM one-pager of the live project, printable and as Markdown.
  await page.getByRole('link', { name: 'Lifecycle summary' }).click();
  await expect(page.getByRole('heading', { name: 'Lifecycle summary' })).toBeVisible();
  await expect(rowsOf(page, 'Stages').filter({ hasText: 'Deploy' })).toContainText('Done');
  await expect(page.getByTestId('pm-models')).toHaveText(/^Served: Ticket router v1 \(run 1, dataset version \d+\), which holds the champion alias\.$/);
  await expect(rowsOf(page, 'Success criteria, measured').nth(1)).toContainText(/Pass|Fail/);
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  const summary = await readFile(await (await downloadFrom(page, 'Export as Markdown')).path(), 'utf8');
  expect(summary).toContain(`# ${SAMPLE_NAME} — lifecycle summary`);
  expect(summary).toMatch(/Serving Ticket router v1 as champion/);

  // The full snapshot, then the project is gone.
  const fullFile = await takeSnapshot(page, { rows: true, weights: true });
  const full = JSON.parse(fullFile.buffer.toString('utf8'));
  expect(full).toMatchObject({ kind: 'lifecycle-lab/snapshot', schemaVersion: 3, options: { includeRows: true, includeWeights: true, maskPii: false } });
  // The audit chain travels whole, with its head: the newest entry's seq and hash.
  expect(full.auditHead).toEqual({ seq: full.auditLog.length, hash: full.auditLog.at(-1).hash });
  // The schema the export panel links to is served by the app.
  const schema = await callEndpoint(page, await page.getByRole('link', { name: 'JSON Schema' }).getAttribute('href') ?? '');
  expect(JSON.parse(schema.body)).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', title: expect.any(String) });
  await page.getByRole('link', { name: 'Projects', exact: true }).first().click();
  await page.getByRole('button', { name: `Delete ${SAMPLE_NAME}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete project' }).click();
  await expect(page.getByText('No projects yet.')).toBeVisible();

  // Imported back, every stage shows what it showed before.
  await page.getByLabel('Import a snapshot').setInputFiles(fullFile);
  await expect(page.getByRole('status').filter({ hasText: `Imported ${fullFile.name} as ${SAMPLE_NAME}.` })).toBeVisible();
  // An imported copy of the sample is an ordinary project: no "Sample" badge.
  const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: SAMPLE_NAME, exact: true }) });
  await expect(card).toContainText('Last changed');
  await expect(card.getByText('Sample', { exact: true })).toHaveCount(0);
  await page.getByRole('link', { name: SAMPLE_NAME, exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE_NAME })).toBeVisible();
  await expectStages(page, before);
  // The trail was verified on import and stored as exported, the import entry after it: Govern → Audit verifies it all.
  await goToStage(page, 'Govern');
  await page.getByRole('navigation', { name: 'Govern views' }).getByRole('link', { name: 'Audit trail' }).click();
  await page.getByRole('button', { name: 'Verify the trail' }).click();
  await expect(page.getByTestId('audit-verdict')).toHaveText(new RegExp(`^All ${full.auditLog.length + 1} entries verify \\(head [0-9a-f]{12}\\)\\.$`));
  await expect(page.getByRole('table', { name: 'Audit trail entries' }).getByRole('row').filter({ hasText: 'Its audit trail was verified entry by entry' })).toHaveCount(1);

  // A snapshot, a retraining that becomes the champion, another snapshot: the diff shows both.
  const earlier = await takeSnapshot(page);
  await trainAndRegister(page, 2, '2');
  // The sample is governed; this journey is about snapshots, so v2's Performance SLA is waived before it becomes the champion.
  await waiveSampleGate(page, 'Performance SLA', 'Ticket router v2', 'snapshot journey: the retraining only has to move the alias');
  await goToStage(page, 'Deploy');
  const v2 = rowsOf(page, 'Registered model versions').filter({ hasText: 'run 2' });
  await page.getByLabel('Why, for Ticket router v2').fill('retrained');
  await v2.getByRole('button', { name: 'Set' }).click();
  await expect(v2).toContainText('@champion');
  const later = await takeSnapshot(page);
  await page.getByLabel('Earlier snapshot').setInputFiles(earlier);
  await page.getByLabel('Later snapshot').setInputFiles(later);
  await expect(rowsOf(page, 'Model changes').filter({ hasText: 'New model version' })).toContainText('Ticket router v2');
  await expect(rowsOf(page, 'Model changes').filter({ hasText: 'Alias moved' })).toContainText('Ticket router v1 → Ticket router v2');
  // The champion's metrics, before → after with the change; the new run's, from nothing.
  const champion = page.getByRole('table', { name: 'Champion (Ticket router v2) metrics' });
  await expect(champion.getByRole('cell', { name: /^[+-]\d/ }).first()).toBeVisible();
  await expect(page.getByRole('table', { name: /^Run 2 \(.+, added\) metrics$/ }).getByRole('row', { name: /^test\.accuracy — \d/ })).toBeVisible();
  const diff = await readFile(await (await downloadFrom(page, 'Download the diff as Markdown')).path(), 'utf8');
  expect(diff).toContain('New model version: Ticket router v2');
  expect(diff).toMatch(/\| test\.accuracy \|/);

  // Interop: the runs and registry for MLflow (model files by default: models:/…@alias needs them),
  // with absolute artifact URIs once the unzip folder is given; the monitoring for Prometheus and Grafana.
  await expect(page.getByLabel('Include model files')).toBeChecked();
  const uris = page.locator('#mlflow-uris');
  await expect(uris).toContainText('Artifact paths: relative');
  const folder = page.getByLabel('Folder you will unzip into (optional)');
  await folder.fill('mlflow');
  await expect(uris).toContainText('Give the full path');
  await expect(page.getByRole('button', { name: 'Export runs and registry for MLflow (.zip)' })).toBeDisabled();
  await folder.fill('/tmp/lab exports');
  await expect(uris).toContainText('Artifact paths: absolute (file:///tmp/lab%20exports/mlruns/…)');
  const mlflow = await downloadFrom(page, 'Export runs and registry for MLflow (.zip)');
  expect(mlflow.suggestedFilename()).toBe('support-ticket-triage-mlruns.zip');
  const zip = unzipSync(new Uint8Array(await readFile(await mlflow.path())));
  const files = Object.keys(zip);
  expect(files.some((f) => /^mlruns\/models\/[^/]+\/version-2\/meta\.yaml$/.test(f))).toBe(true);
  expect(files.some((f) => /^mlruns\/\d+\/[0-9a-f]{32}\/artifacts\/model\/weights\.bin$/.test(f))).toBe(true);
  const runMeta = files.find((f) => /^mlruns\/\d+\/[0-9a-f]{32}\/meta\.yaml$/.test(f))!;
  expect(strFromU8(zip[runMeta])).toMatch(/^artifact_uri: file:\/\/\/tmp\/lab%20exports\/mlruns\/\d+\/[0-9a-f]{32}\/artifacts$/m);
  await page.getByLabel('Window').selectOption({ label: 'last 7 days' });
  const prometheus = await readFile(await (await downloadFrom(page, 'Export monitoring (Prometheus text)')).path(), 'utf8');
  // Three predictions; the requests also count the Monitor page's health probes (one per visit and interval).
  expect(prometheus).toMatch(/^lifecycle_lab_monitor_predictions\{.*\} 3$/m);
  const answered = Number(/^lifecycle_lab_monitor_requests\{.*status_class="2xx".*\} (\d+)$/m.exec(prometheus)?.[1]);
  expect(answered).toBeGreaterThanOrEqual(4);
  expect(prometheus).toMatch(/^lifecycle_lab_monitor_requests\{.*status_class="5xx".*\} 0$/m);
  const backfill = await readFile(await (await downloadFrom(page, 'Export monitoring backfill (OpenMetrics)')).path(), 'utf8');
  expect(backfill.endsWith('\n# EOF\n')).toBe(true);
  const predictions = [...backfill.matchAll(/^lifecycle_lab_monitor_predictions_total\{.*\} (\d+) (\d+(?:\.\d+)?)$/gm)];
  expect(predictions.at(-1)?.[1]).toBe('3');
  // Stamped in seconds (the window ends in this minute or the next), not ms.
  expect(Math.abs(Number(predictions.at(-1)?.[2]) * 1000 - Date.now())).toBeLessThan(86_400_000);
  const dashboard = JSON.parse(await readFile(await (await downloadFrom(page, 'Export Grafana dashboard (.json)')).path(), 'utf8'));
  expect(dashboard.__inputs[0].name).toBe('DS_PROMETHEUS');
  // The unzip folder is remembered in this browser.
  await page.reload();
  await expect(page.getByLabel('Folder you will unzip into (optional)')).toHaveValue('/tmp/lab exports');

  // Refused files write nothing and say where the problem is; markup in a name stays text.
  const small = JSON.parse(earlier.buffer.toString('utf8'));
  await page.getByRole('link', { name: 'Projects', exact: true }).first().click();
  const projects = page.getByRole('region', { name: 'Your projects' }).getByRole('listitem');
  await expect(projects).toHaveCount(1);
  const importText = (name: string, text: string) => page.getByLabel('Import a snapshot').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await importText('future.json', JSON.stringify({ ...small, schemaVersion: 99 }));
  const future = page.getByRole('alert').filter({ hasText: 'future.json cannot be imported' });
  await expect(future).toContainText('/schemaVersion: this snapshot was written by a newer Lifecycle Lab (schema version 99)');
  await importText('polluted.json', JSON.stringify(small).replace('"project":{', '"project":{"__proto__":{"isAdmin":true},'));
  await expect(page.getByRole('alert').filter({ hasText: 'polluted.json cannot be imported' })).toContainText('/project/__proto__: the key "__proto__" is not allowed');
  // An audit entry edited in the file: refused before anything is written, naming the entry.
  const edited = structuredClone(small);
  edited.auditLog[2].detail += ' (edited)';
  await importText('tampered.json', JSON.stringify(edited));
  await expect(page.getByRole('alert').filter({ hasText: 'tampered.json cannot be imported' })).toContainText(
    `/auditLog/2: Audit entry #3 (${small.auditLog[2].at}, ${small.auditLog[2].action}) was changed after it was written: its hash does not match.`,
  );
  await expect(projects).toHaveCount(1);
  const markup = '<img src=x onerror=alert(1)> Triage';
  await importText('markup.json', JSON.stringify({ ...small, project: { ...small.project, name: markup } }));
  const listed = page.getByRole('region', { name: 'Your projects' });
  await expect(listed.getByRole('link', { name: markup, exact: true })).toBeVisible();
  await expect(listed.getByRole('img')).toHaveCount(0);
  await expect(projects).toHaveCount(2);
});

test('a snapshot over the size limit is refused with its size, before a byte of it is read', async ({ page }, testInfo) => {
  // A sparse file: 700 MB long, no disk space and no memory, handed to the input by path (the
  // reported case: 630 MB read as "not valid JSON" after seconds of reading).
  const path = testInfo.outputPath('huge-snapshot.json');
  await writeFile(path, '');
  await truncate(path, 700 * 1024 * 1024);
  await openHome(page);
  await page.getByLabel('Import a snapshot').setInputFiles(path);
  const refused = page.getByRole('alert').filter({ hasText: 'huge-snapshot.json cannot be imported' });
  await expect(refused).toContainText('the file is too large to read: 700.0 MB, and at most 256.0 MB is read.');
  await expect(page.getByRole('region', { name: 'Your projects' }).getByRole('listitem')).toHaveCount(1);
});
