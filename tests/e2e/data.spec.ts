import { readFile, truncate, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, openSample } from './fixtures';
import { goToStage, importCsv, newProject } from './lifecycle';

/**
 * A support-ticket export with the usual trouble: a byte order mark, CRLF line ends, a quoted
 * field spanning two lines, a record with too many fields (line 7), two tickets without a label.
 */
const TICKETS_CSV =
  '\ufeffid,subject,body,category,created,channel\r\n' +
  '1,Refund,"I was charged twice, please refund",Billing,2026-01-02,email\r\n' +
  '2,Crash,"The app crashes\r\nwhen I open settings",Technical Issue,2026-01-03,chat\r\n' +
  '3,Hours,When are you open on Sundays?,,2026-01-04,email\r\n' +
  '4,Invoice,Where can I download my invoice?,Billing,2026-01-05,email\r\n' +
  '5,Broken,this,row,has,too many fields,x\r\n' +
  '6,Login,I cannot log in since the update,,2026-01-06,web\r\n' +
  '7,Export,Export to PDF fails with error 500,Technical Issue,2026-01-07,chat\r\n' +
  '8,Plans,What does the Pro plan include?,General Inquiry,2026-01-08,email\r\n';

/** Sensor readings with an empty date (line 3) and one in year 0102 (line 4). */
const READINGS_CSV =
  'reading_id,message,class,recorded\n' +
  'r1,Boiler sensor reads 71 degrees,normal,2026-03-01T08:00:00Z\n' +
  'r2,Boiler sensor reads 74 degrees,normal,\n' +
  'r3,Boiler sensor reads 98 degrees and rising,alarm,0102-03-02T08:00:00Z\n' +
  'r4,Pump pressure steady at 2.1 bar,normal,2026-03-03T08:00:00Z\n' +
  'r5,Pump pressure dropped to 0.4 bar,alarm,2026-03-04T08:00:00Z\n' +
  'r6,Fan speed back to normal,normal,2026-03-05T08:00:00Z\n';

test('import a CSV, fix what the report shows, label with the keyboard, split, and find it all after a reload', async ({ page }) => {
  await newProject(page, 'Ticket import');

  await page.getByLabel('Choose a CSV file').setInputFiles({ name: 'tickets.csv', mimeType: 'text/csv', buffer: Buffer.from(TICKETS_CSV) });
  // The mapping is guessed from names and values, and can be changed.
  await expect(page.getByLabel('Role of column category')).toHaveValue('label');
  await expect(page.getByLabel('Role of column id')).toHaveValue('id');
  await expect(page.getByLabel('Role of column created')).toHaveValue('timestamp');
  await expect(page.getByLabel('Role of column body')).toHaveValue('text');
  await page.getByLabel('Role of column channel').selectOption('meta:category');

  await page.getByRole('button', { name: 'Check the data' }).click();
  // The malformed record is reported with its line (the quoted newline makes it line 7), not dropped silently.
  const fieldCount = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Wrong number of fields: 1 record/ }) });
  await expect(fieldCount).toContainText('Line 7');
  await expect(page.getByRole('heading', { name: /Missing label: 2 records/ })).toBeVisible();
  await expect(page.getByLabel('What to do with wrong number of fields')).toHaveValue('exclude');

  await page.getByLabel('Version message').fill('Tickets from the help desk');
  await page.getByRole('button', { name: 'Import as a new version' }).click();
  await expect(page.getByText('Imported version v1: 7 rows kept, 1 left out.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Newest version: v1' })).toBeVisible();

  // Label the two unlabelled tickets with number keys; undo one and label it again.
  await page.getByRole('link', { name: 'Label', exact: true }).click();
  await expect(page.getByText('2 unlabelled rows left.', { exact: false })).toBeVisible();
  const queueRow = page.getByRole('article');
  await expect(queueRow).toContainText('When are you open on Sundays?');
  // Classes in alphabetical order: 1 Billing, 2 General Inquiry, 3 Technical Issue.
  await page.keyboard.press('2');
  await expect(queueRow).toContainText('I cannot log in since the update');
  await page.keyboard.press('1');
  await expect(page.getByText('Every row of the newest version has a label.')).toBeVisible();
  await page.keyboard.press('u');
  await expect(queueRow).toContainText('I cannot log in since the update');
  await page.keyboard.press('3');
  await expect(page.getByText('Every row of the newest version has a label.')).toBeVisible();

  // Each label is a version; the row remembers its history.
  await page.getByRole('button', { name: 'History of row 6' }).click();
  const history = page.getByRole('list', { name: 'Label history of row 6' });
  await expect(history.getByRole('listitem')).toHaveCount(3);
  await expect(history.getByRole('listitem').first()).toContainText('(unlabelled) → Technical Issue');

  await page.getByRole('link', { name: 'Versions & import' }).click();
  await page.getByRole('button', { name: 'Split the newest version' }).click();
  await expect(page.getByText(/split stratified: train \d+, validation \d+, test \d+/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Newest version: v6' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Newest version: v6' })).toBeVisible();
  await expect(page.getByText(/7 rows, 7 labelled, split stratified/)).toBeVisible();
  const versions = page.getByRole('table', { name: 'Dataset versions' });
  await expect(versions.getByRole('row')).toHaveCount(7);
  await expect(versions).toContainText('Tickets from the help desk');
  await page.getByRole('link', { name: 'Label', exact: true }).click();
  await page.getByLabel('Search text').fill('log in');
  await expect(page.getByLabel('Label of row 6')).toHaveValue('Technical Issue');
  await expect(page.getByLabel('Label of row 3')).toHaveCount(0);
});

test('a cancelled import leaves no trace', async ({ page }) => {
  await newProject(page, 'Cancelled import');
  const lines = ['id,text,label'];
  for (let i = 0; i < 60_000; i++) lines.push(`${i},"ticket number ${i} about billing, invoices and login trouble",${i % 2 ? 'Billing' : 'Technical Issue'}`);
  const big = Buffer.from(lines.join('\n'));

  // The page holds the backups' lock, which the room check takes (db/writeLocks.ts): the check
  // waits, and with it the rows stored ahead of the commit and the commit itself. Without it the
  // rows are stored while the report is read and the commit is one short transaction that a
  // Cancel cannot be sure to reach.
  await page.evaluate(
    () =>
      new Promise<void>((granted) => {
        void navigator.locks.request('lifecycle-lab-backups', () => new Promise<void>((release) => {
          (window as unknown as { __releaseRoomCheck: () => void }).__releaseRoomCheck = release;
          granted();
        }));
      }),
  );
  await page.getByLabel('Choose a CSV file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: big });
  await page.getByRole('button', { name: 'Check the data' }).click({ timeout: 60_000 });
  // Cancel while the commit waits: the page itself presses Cancel as soon as the button appears,
  // then the room check may go on and the commit stops before writing.
  await page.getByRole('button', { name: 'Import as a new version' }).evaluate(
    (importButton) =>
      new Promise<void>((resolve) => {
        const observer = new MutationObserver(() => {
          const cancel = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Cancel');
          if (!cancel) return;
          observer.disconnect();
          cancel.click();
          resolve();
        });
        observer.observe(document.body, { childList: true, subtree: true });
        (importButton as HTMLButtonElement).click();
      }),
  );
  await page.evaluate(() => (window as unknown as { __releaseRoomCheck: () => void }).__releaseRoomCheck());
  await expect(page.getByRole('alert').filter({ hasText: 'Cancelled. Nothing was saved.' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('No data yet.')).toBeVisible();

  await page.reload();
  await expect(page.getByText('No data yet.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Data.*Not started/ })).toBeVisible();
});

test('the columns are shown while a large file is still read; the check waits for the read, and another delimiter or Discard stops it', async ({ page }) => {
  test.setTimeout(120_000);
  await newProject(page, 'Large file');
  // 150,000 records, ≈ 12 MB: the data worker reads it in three chunks.
  const lines = ['id,text,label'];
  for (let i = 0; i < 150_000; i++) lines.push(`${i},"ticket number ${i} about billing, invoices and login trouble",${i % 2 ? 'Billing' : 'Technical Issue'}`);
  const big = { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) };
  // Records what was on screen when the columns first appeared: a signal, not a race with the read.
  const watchColumns = () =>
    page.evaluate(() => {
      const w = window as unknown as { __whileReading?: string | null };
      w.__whileReading = undefined;
      const observer = new MutationObserver(() => {
        if (!document.querySelector('select[aria-label="Role of column text"]')) return;
        observer.disconnect();
        w.__whileReading = document.querySelector('.job-progress')?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  const shownWhileReading = () => page.evaluate(() => (window as unknown as { __whileReading?: string | null }).__whileReading);

  await watchColumns();
  await page.getByLabel('Choose a CSV file').setInputFiles(big);
  await expect(page.getByLabel('Role of column label')).toHaveValue('label');
  // The columns came with the reading's progress (records so far, bytes of the whole file) and its Cancel.
  expect(await shownWhileReading()).toMatch(/^Reading big\.csv: the columns above come from its first records Cancel \d+ % · [\d,]+ rows so far · [\d.]+ MB of 12\.4 MB · [\d,]+ rows\/s$/);
  // Checking waits for the end of the read, then checks every record.
  await page.getByRole('button', { name: 'Check the data' }).click();
  await expect(page.getByRole('heading', { name: 'Checks on 150,000 records' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Back to the columns' }).click();
  await expect(page.getByText(/^big\.csv — /)).toContainText('150,000 records, read in');

  // Another delimiter while the file is read: the read starts over with it, and no error is left from the one stopped.
  await page.getByRole('button', { name: 'Discard this file' }).click();
  await page.getByLabel('Choose a CSV file').setInputFiles(big);
  await expect(page.getByLabel('Role of column label')).toBeVisible();
  await page.getByLabel('Delimiter').selectOption(';');
  await expect(page.getByLabel('Role of column id,text,label')).toBeVisible();
  await page.getByLabel('Delimiter').selectOption('auto');
  await expect(page.getByLabel('Role of column label')).toBeVisible();
  // Discard while reading: back to choosing a file, with nothing said about the stopped read.
  await page.getByRole('button', { name: 'Discard this file' }).click();
  await expect(page.getByLabel('Choose a CSV file')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The next file is read and imported as if the big one never was.
  await importCsv(page, 'tickets.csv', TICKETS_CSV);
  await expect(page.getByText('Imported version v1: 7 rows kept, 1 left out.')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('dates the report flags are kept without a time or fixed, a time split previews each split\'s dates and class mix and leaves undated rows out, and exports re-import to the same content hash', async ({ page }) => {
  test.setTimeout(120_000); // two projects, four imports and a split: over a minute on a loaded machine
  await newProject(page, 'Round trip');
  await importCsv(page, 'tickets.csv', TICKETS_CSV);
  const hashOf = async () => (await page.getByRole('table', { name: 'Dataset versions' }).locator('code').first().getAttribute('title'))!;
  const exportHead = async (n: number) => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: `Export v${n} as CSV` }).click();
    return readFile(await (await download).path());
  };
  const ticketsHash = await hashOf();
  const tickets = await exportHead(1);
  // The multi-line text is quoted, and the CSV is cell-for-cell what was imported.
  expect(tickets.toString('utf8')).toMatch(/\r\n2,"Crash\s+The app crashes\s+when I open settings",Technical Issue,2026-01-03T00:00:00.000Z,,chat\r\n/);

  // An empty date and a year-0102 date are reported apart, with their lines; the year is fixed, the empty one kept without a time.
  await page.getByRole('button', { name: 'Import another file' }).click();
  await page.getByLabel('Choose a CSV file').setInputFiles({ name: 'readings.csv', mimeType: 'text/csv', buffer: Buffer.from(READINGS_CSV) });
  await page.getByRole('button', { name: 'Check the data' }).click();
  const empty = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Empty dates: 1 record' }) });
  const implausible = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Implausible dates: 1 record' }) });
  await expect(empty).toContainText('Line 3');
  await expect(implausible).toContainText('Line 4 ("0102-03-02T08:00:00Z" is too early)');
  await expect(page.getByLabel('What to do with empty dates')).toHaveValue('keep-without-time');
  await page.getByLabel('What to do with implausible dates').selectOption('fix-year');
  await page.getByLabel('read as year').fill('2025');
  await page.getByRole('button', { name: 'Import as a new version' }).click();
  await expect(page.getByText('Imported version v2: 6 rows kept, 0 left out.')).toBeVisible();

  // By time, the undated row must be left out explicitly; the version says where it went.
  await page.getByLabel(/By time/).check();
  await expect(page.getByRole('alert').filter({ hasText: '1 of 6 rows have no date' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Split the newest version' })).toBeDisabled();
  await page.getByLabel('Leave out the 1 row without a date', { exact: false }).check();
  // Before splitting, the preview shows each split's rows, time range and class balance, and warns
  // that validation (the newest alarm) and test (normal only) do not look like train.
  const splitTable = (caption: RegExp) => page.getByRole('table', { name: caption });
  const splitRow = (caption: RegExp, name: string) => splitTable(caption).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  for (const caption of [/^Preview: how this split would divide version v2/, /^Split of version v3, as stored/]) {
    await expect(splitTable(caption).getByRole('columnheader')).toHaveText(['Split', 'Rows', 'Earliest', 'Latest', 'alarm', 'normal']);
    await expect(splitRow(caption, 'Train').getByRole('cell')).toHaveText(['3', '2025-03-02 08:00 UTC', '2026-03-03 08:00 UTC', '1 (33 %)', '2 (67 %)']);
    await expect(splitRow(caption, 'Validation').getByRole('cell')).toHaveText(['1', '2026-03-04 08:00 UTC', '2026-03-04 08:00 UTC', '1 (100 %)', '0 (0 %)']);
    await expect(splitRow(caption, 'Test').getByRole('cell')).toHaveText(['1', '2026-03-05 08:00 UTC', '2026-03-05 08:00 UTC', '0 (0 %)', '1 (100 %)']);
    await expect(splitRow(caption, 'No split (no date)').getByRole('cell')).toHaveText(['1', '—', '—', '0 (0 %)', '1 (100 %)']);
    await expect(page.getByRole('list', { name: 'Class mix warnings' }).getByRole('listitem')).toHaveText([
      /^The validation class mix differs from train's by 67 points .*“alarm” is 100 % of validation but 33 % of train/,
      /^The test class mix differs from train's by 33 points .*“normal” is 100 % of test but 67 % of train/,
    ]);
    if (caption.source.startsWith('^Preview')) await page.getByRole('button', { name: 'Split the newest version' }).click();
  }
  await expect(page.getByText(/split by time: train 3, validation 1, test 1, no split 1 \(no date\)/)).toBeVisible();
  const preview = page.getByRole('region', { name: /rows$/ });
  await expect(preview.getByRole('row').filter({ hasText: 'r3' }).getByRole('cell').nth(4)).toHaveText('2025-03-02');
  await expect(preview.getByRole('row').filter({ hasText: 'r2' }).getByRole('cell').nth(3)).toHaveText('—');
  const readingsHash = await hashOf();
  const readings = await exportHead(3);

  await newProject(page, 'Round trip again');
  await importCsv(page, 'round-trip-v1.csv', tickets);
  expect(await hashOf()).toBe(ticketsHash);
  await page.getByRole('button', { name: 'Import another file' }).click();
  await importCsv(page, 'round-trip-v3.csv', readings);
  expect(await hashOf()).toBe(readingsHash);
});

test('two tabs labelling at the same moment both keep their labels', async ({ context, page }) => {
  const projectId = await openSample(page);
  const other = await context.newPage();
  const tabs = [page, other];
  for (const tab of tabs) await tab.goto(`/#/p/${projectId}/data/label`);
  const everyRowLabelled = (tab: Page) => expect(tab.getByText('Every row of the newest version has a label.')).toBeVisible();
  for (const tab of tabs) await everyRowLabelled(tab);

  // Take the labels off two rows in one tab: the other tab's queue moves to that version by itself.
  await page.getByLabel('Label of row T-000001').selectOption('');
  await expect(page.getByText('1 unlabelled row left.', { exact: false })).toBeVisible();
  await page.getByLabel('Label of row T-000002').selectOption('');
  await expect(other.getByText('2 unlabelled rows left.', { exact: false })).toBeVisible();
  for (const tab of tabs) await expect(tab.getByRole('article')).toContainText('Row T-000001');
  // Out of the select, so number keys label; the second tab skips to the second row.
  await page.getByRole('heading', { name: 'Labelling queue' }).click();
  await other.keyboard.press('s');
  await expect(other.getByRole('article')).toContainText('Row T-000002');

  // Both label at once, each from the version it shows (1 Billing, 3 Technical Issue).
  await Promise.all([page.keyboard.press('1'), other.keyboard.press('3')]);

  for (const tab of tabs) {
    await everyRowLabelled(tab);
    await expect(tab.getByLabel('Label of row T-000001')).toHaveValue('Billing');
    await expect(tab.getByLabel('Label of row T-000002')).toHaveValue('Technical Issue');
    await tab.getByRole('button', { name: 'History of row T-000001' }).click();
    await expect(tab.getByRole('list', { name: 'Label history of row T-000001' }).getByRole('listitem').first()).toContainText('(unlabelled) → Billing');
  }
  await page.getByRole('link', { name: 'Versions & import' }).click();
  await expect(page.getByRole('heading', { name: 'Newest version: v5' })).toBeVisible();
});

/** Windows-1252 bytes of Latin-1 text (what a spreadsheet's "CSV" export gives on Windows): é is 0xE9, € 0x80. */
const cp1252 = (text: string) => Buffer.from([...text].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))));

test('a file in another encoding is previewed and read as chosen; binary files, unclosed quotes and files over the limit are explained', async ({ page }, testInfo) => {
  await newProject(page, 'Café reviews');
  const reviews = 'id;comment;mood\n1;La crème brûlée était parfaite;happy\n2;Café trop froid, 5 € quand même;unhappy\n3;Service très aimable;happy\n';
  await page.getByLabel('Choose a CSV file').setInputFiles({ name: 'reviews.csv', mimeType: 'text/csv', buffer: cp1252(reviews) });

  const encoding = page.getByLabel('Encoding');
  await expect(encoding).toHaveValue('auto');
  await expect(encoding.locator('option[value="auto"]')).toHaveText('Detect (found: Windows-1252 (Western European, Latin-1))');
  await expect(page.getByText(/^Read as Windows-1252 .*: the file is not UTF-8 \(line 2 has bytes UTF-8 does not allow\)/)).toBeVisible();
  const firstLines = page.getByRole('list', { name: "The file's first lines, as read" });
  await expect(firstLines.getByRole('listitem')).toHaveText(['id;comment;mood', '1;La crème brûlée était parfaite;happy', '2;Café trop froid, 5 € quand même;unhappy', '3;Service très aimable;happy']);

  // Read as UTF-8 instead, the same bytes show replacement characters, and the page counts them.
  await encoding.selectOption('utf-8');
  await expect(firstLines.getByRole('listitem').nth(1)).toHaveText('1;La cr�me br�l�e �tait parfaite;happy');
  await expect(page.getByText(/8 characters could not be decoded in UTF-8 and show as �/)).toBeVisible();
  await encoding.selectOption('auto');
  await expect(firstLines.getByRole('listitem').nth(1)).toHaveText('1;La crème brûlée était parfaite;happy');
  await page.getByRole('button', { name: 'Discard this file' }).click();

  // Random bytes are refused before parsing, with the reason.
  let state = 7;
  const noise = Buffer.from(Array.from({ length: 70_000 }, () => ((state = (state * 1103515245 + 12345) >>> 0) >>> 16) & 0xff));
  await page.getByLabel('Choose a CSV file').setInputFiles({ name: 'photo.csv', mimeType: 'text/csv', buffer: noise });
  await expect(page.getByRole('alert')).toHaveText(/^This file is not text: its first 64 KiB contain [\d,]+ NUL characters/);

  // A 600 MB file (sparse: no disk space, no memory) is refused with its size before a byte is read.
  const huge = testInfo.outputPath('huge.csv');
  await writeFile(huge, '');
  await truncate(huge, 600 * 1024 * 1024);
  await page.getByLabel('Choose a CSV file').setInputFiles(huge);
  await expect(page.getByRole('alert')).toHaveText(/huge\.csv: the file is too large to read: 600\.0 MB, and at most 512\.0 MB is read\./);

  // A quote never closed on line 3 of 6: the report says where, and that the rest was not read as rows.
  const quoted = 'id,comment,mood\n1,fine,happy\n2,"never closed,happy\n3,lost,unhappy\n4,lost too,happy\n5,and this,happy\n';
  await page.getByLabel('Choose a CSV file').setInputFiles({ name: 'quote.csv', mimeType: 'text/csv', buffer: Buffer.from(quoted) });
  await expect(page.getByText(/^quote\.csv — /)).toContainText('2 records (1 with the wrong number of fields), read in');
  await page.getByRole('button', { name: 'Check the data' }).click();
  await expect(page.getByRole('alert')).toHaveText(/^A quote opened on line 3 is never closed, so the 3 lines after it \(lines 4–6, to the end of the file\) were read into one field of that record: the rest of the file was not read as rows\./);
  await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Wrong number of fields: 1 record/ }) }))
    .toContainText('Line 3 (the quote opened on line 3 is never closed: the 3 lines after it are in this record, not read as rows)');
});

/** E-mails, spam or not, sent over two periods (1 and 2): nothing here is a ticket. */
/**
 * 60 e-mails, one a day: a `group` column that equals the label (a leak), a `period` of 1 or 2,
 * and the newest nine all spam (so a time split's test part looks nothing like train).
 */
const MAIL_CSV =
  'id,message,label,sent_at,period,group\n' +
  Array.from({ length: 60 }, (_, i) => {
    const spam = i % 2 === 0 || i >= 51;
    // Two of the newest (test) messages repeat older (train) ones: leakage between splits.
    const text = spam ? `Win a free prize now and claim your reward number ${i === 56 || i === 58 ? i - 50 : i}` : `Lunch meeting moved to room ${i} and the agenda is attached`;
    const day = new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
    return `m${i},${text},${spam ? 'spam' : 'ham'},${day},${i < 30 ? 1 : 2},${spam ? 'promotions' : 'inbox'}\n`;
  }).join('');

test('a project that is not about tickets: import, the leak named, a time split that shows its class mix, training — and no page says "ticket"; the sample still does', async ({ page }) => {
  test.setTimeout(180_000);
  const noTicket = async () => expect(await page.locator('body').innerText()).not.toMatch(/ticket/i);
  const dataView = (name: string) => page.getByRole('navigation', { name: 'Data views' }).getByRole('link', { name }).click();
  await newProject(page, 'Spam filter');
  await page.getByLabel('Choose a CSV file').setInputFiles({ name: 'mail.csv', mimeType: 'text/csv', buffer: Buffer.from(MAIL_CSV) });
  // A column of a few whole numbers is a category, not a number.
  await expect(page.getByLabel('Role of column period')).toHaveValue('meta:category');
  await page.getByRole('button', { name: 'Check the data' }).click();
  await page.getByLabel('What to do with exact duplicates').selectOption('keep');
  await page.getByRole('button', { name: 'Import as a new version' }).click();
  await expect(page.getByText(/^Imported version v1/)).toBeVisible({ timeout: 60_000 });
  // A time split previews each part's dates and class balance, and warns that test is all spam.
  await page.getByLabel(/By time/).check();
  const splitPreview = page.getByRole('table', { name: /^Preview: how this split would divide version v1/ });
  await expect(splitPreview.getByRole('columnheader')).toHaveText(['Split', 'Rows', 'Earliest', 'Latest', 'ham', 'spam']);
  await expect(page.getByRole('list', { name: 'Class mix warnings' }).getByRole('listitem').filter({ hasText: /^The test class mix differs from train's/ })).toContainText('“spam” is 100 % of test');
  await noTicket();
  await page.getByRole('button', { name: 'Split the newest version' }).click();
  await expect(page.getByText(/split by time: train/)).toBeVisible();
  await noTicket();
  await dataView('Label');
  await expect(page.getByText('Win a free prize now and claim your reward number 0', { exact: true }).first()).toBeVisible();
  await noTicket();
  await dataView('Explore');
  await expect(page.getByRole('heading', { name: 'Metadata columns' })).toBeVisible();
  await noTicket();
  await dataView('Checks');
  await expect(page.getByRole('alert').filter({ hasText: 'Likely label leak or proxy' })).toContainText('“group” predicts the label almost perfectly');
  // The two repeated messages are moved into train, where their copies are, in a new version; the checks re-run on it.
  const leakage = page.getByRole('region', { name: 'Leakage between splits' });
  await expect(leakage).toContainText('4 rows share their text with a row in another split');
  await noTicket();
  const screens = process.env.SCREENS_DIR;
  if (screens) {
    await page.setViewportSize({ width: 1366, height: 900 });
    await leakage.screenshot({ path: `${screens}/checks-leakage-before.png` });
  }
  await leakage.getByRole('button', { name: 'Move 2 repeated examples to train in a new version' }).click();
  await expect(leakage).toContainText('No identical texts across splits.');
  await expect(page.getByText(/They run on v3/)).toBeVisible();
  if (screens) await leakage.screenshot({ path: `${screens}/checks-leakage-after.png` });
  await dataView('Compare versions');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.locator('.diff-summary')).toBeVisible();
  await noTicket();

  await goToStage(page, 'Model');
  await page.getByLabel('Optimizer').selectOption('adam'); // epochs belong to the mini-batch optimizers
  await page.getByLabel('Epochs').fill('3');
  await page.getByRole('button', { name: 'Train logistic regression (softmax)' }).click();
  const report = page.getByRole('article', { name: /Run 1: logistic regression/ });
  await expect(report).toBeVisible({ timeout: 120_000 });
  await expect(report.getByText('Select a cell to see the examples in it.')).toBeVisible();
  await expect(report.getByLabel('Example text')).toBeVisible();
  await noTicket();
  for (const stage of ['Deploy', 'Monitor', 'Frame'] as const) {
    await goToStage(page, stage);
    await expect(page.getByRole('heading', { level: 2, name: stage })).toBeVisible();
    await noTicket();
  }

  // The project's own word, set on the Frame page, is used from then on.
  await expect(page.getByLabel('Singular')).toHaveValue('example');
  await page.getByLabel('Singular').fill('e-mail');
  await expect(page.getByLabel('Plural', { exact: true })).toHaveAttribute('placeholder', 'e-mails');
  await page.getByRole('button', { name: 'Save the word' }).click();
  await expect(page.getByText('Saved: 1 e-mail, 2 e-mails.')).toBeVisible();
  await goToStage(page, 'Model');
  await expect(page.getByText('Select a cell to see the e-mails in it.')).toBeVisible();

  await openSample(page);
  await goToStage(page, 'Frame');
  await expect(page.getByLabel('Singular')).toHaveValue('ticket');
  await goToStage(page, 'Deploy');
  await expect(page.getByLabel('Ticket', { exact: true })).toBeVisible();
});
