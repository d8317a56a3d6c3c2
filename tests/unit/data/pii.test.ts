import { describe, it, expect } from 'vitest';
import { cardIssuer, luhnValid, maskPii, maskSummary, scanPii, startsWithDate } from '$lib/core/data/pii';
import { generateTickets } from '$lib/core/scenarios/tickets';

const masked = (text: string) => maskPii(text).text;

describe('maskPii: emails', () => {
  it.each([
    ['Contact jane.doe+tickets@example.co.uk today', 'Contact [EMAIL] today'],
    ['mail: ops@harbor-analytics.com.', 'mail: [EMAIL].'],
    ['<a.b_c%d@sub.domain.io>', '<[EMAIL]>'],
  ])('%j', (input, expected) => {
    expect(masked(input)).toBe(expected);
  });

  it.each(['@mention in chat', 'user@localhost', 'price @ 5 each', 'a@b.c'])('leaves %j alone', (input) => {
    expect(masked(input)).toBe(input);
  });
});

describe('maskPii: card numbers', () => {
  it.each([
    '4111 1111 1111 1111',
    '4111-1111-1111-1111',
    '4111111111111111',
    '5555555555554444',
    '2223 0031 2200 3222',
    '6011 1111 1111 1117',
    '378282246310005',
    '3782 822463 10005',
    '3056 930902 5904',
    '4222222222222', // 13-digit Visa
  ])('masks %s', (card) => {
    expect(masked(`card ${card}, thanks`)).toBe('card [CARD], thanks');
  });

  it.each([
    ['fails the Luhn check', '4111 1111 1111 1112'],
    ['starts with 1 (epoch ms)', '1767225600000'],
    ['starts with 1 and passes Luhn', '1000000000009'],
    ['odd grouping', '41 1111 1111 1111 11'],
    ['order number', '#4111111111111111'],
    ['too short', '411111111111'],
    ['glued to a word', 'ID4111111111111111'],
    ['part of a decimal', '4111111111111111.50'],
    ['is a yyyymmddhhmmss timestamp (passes Luhn)', '20021002000000'],
    ['is a timestamp in four-digit groups (passes Luhn)', '2002 1002 0000 00'],
    ['opens with a ddmmyyyy date under a Diners prefix (passes Luhn)', '30052002123458'],
    ['has no issuer prefix (passes Luhn)', '9111111111111110'],
    ['has a Visa prefix but a length Visa does not issue (passes Luhn)', '411111111111116'],
    ['has an Amex prefix but 16 digits (passes Luhn)', '3400000000000000'],
  ])('leaves a number that %s alone', (_why, text) => {
    expect(maskPii(text).text).not.toContain('[CARD]');
  });

  it('needs an issuer prefix with a length that issuer uses', () => {
    expect(cardIssuer('4111111111111111')).toBe('Visa');
    expect(cardIssuer('5555555555554444')).toBe('Mastercard');
    expect(cardIssuer('2720999999999999')).toBe('Mastercard');
    expect(cardIssuer('2721000000000000')).toBeNull();
    expect(cardIssuer('378282246310005')).toBe('American Express');
    expect(cardIssuer('6445000000000000')).toBe('Discover');
    expect(cardIssuer('3530111333300000')).toBe('JCB');
    expect(cardIssuer('20021002000000')).toBeNull();
    expect(startsWithDate('20021002000000')).toBe(true);
    expect(startsWithDate('02102002000000')).toBe(true);
    expect(startsWithDate('4111111111111111')).toBe(false);
  });

  it('checks Luhn like the reference', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('4111 1111 1111 1111')).toBe(true);
  });
});

describe('maskPii: phone numbers', () => {
  it.each([
    '+1 555 123 4567',
    '+1-555-123-4567',
    '+15551234567',
    '+44 20 7946 0958',
    '+49 30 901820',
    '+33 6 12 34 56 78',
    '(555) 123-4567',
    '+1 (555) 123-4567',
    '555-123-4567',
    '555.123.4567',
    '020 7946 0958',
    '06 12 34 56 78',
  ])('masks %s', (phone) => {
    expect(masked(`Call me on ${phone}. Thanks`)).toBe('Call me on [PHONE]. Thanks');
  });

  it.each([
    ['an ISO date', 'since 2026-01-05 it fails'],
    ['a dotted date', 'since 05.01.2026 it fails'],
    ['a spaced date', 'since 2026 01 05 it fails'],
    ['a day-month-year date', 'due 31-12-2026'],
    ['a time stamp', 'at 2026-01-05T09:14:27Z'],
    ['an amount', 'I paid $2,540.99 and €1,188.00 and 1,234,567.89 USD'],
    ['an order number', 'order #66268 and #12345678'],
    ['an invoice number', 'invoice INV-2026-000123'],
    ['a ticket id', 'ticket T-000001'],
    ['an IP address', 'server 192.168.1.10 is down'],
    ['a version', 'version 4.12.3 and v10.2.1'],
    ['a thousands grouping', 'we have 1 000 000 users'],
    ['a short number', 'error 500, 12345 seats'],
    ['a local two-group number', 'ext 555-1234'],
    ['a bare digit run', 'account 1234567890'],
    ['a clock time', 'at 09:14:27'],
    ['a zip+4', 'zip 12345-6789'],
    ['a date and time', 'sent 2002-10-02 12:30:00 +0200'],
    ['a dotted date and time', 'sent 02.10.2002 14.30.00'],
    ['a spaced date and time', 'sent 2002 10 02 12 30 00'],
    ['a date and a clock time', 'since 2002-10-02 12:30'],
  ])('leaves %s alone', (_why, text) => {
    expect(masked(text)).toBe(text);
  });
});

describe('maskPii', () => {
  it('masks several kinds in one text and counts them', () => {
    expect(maskPii('Mail a@b.io or call +1 555 123 4567; card 4111 1111 1111 1111.')).toEqual({
      text: 'Mail [EMAIL] or call [PHONE]; card [CARD].',
      masked: 3,
      byKind: { email: 1, card: 1, phone: 1 },
    });
  });

  it('returns clean text unchanged with a count of 0', () => {
    expect(maskPii('Nothing to see here')).toEqual({ text: 'Nothing to see here', masked: 0, byKind: { email: 0, card: 0, phone: 0 } });
  });

  it('says what it masked, by kind', () => {
    expect(maskSummary({ email: 66, card: 0, phone: 0 }, 66)).toBe('Masked 66 e-mail addresses in 66 rows.');
    expect(maskSummary({ email: 3, card: 0, phone: 1 }, 2)).toBe('Masked 3 e-mail addresses and 1 phone number in 2 rows.');
    expect(maskSummary({ email: 1, card: 2, phone: 1_200 }, 1)).toBe('Masked 1 e-mail address, 2 card numbers and 1,200 phone numbers in 1 row.');
  });
});

describe('scanPii', () => {
  it('counts matches and texts per kind, with examples pointing at the input', () => {
    const report = scanPii([
      'no pii',
      'mail x@y.com and z@y.com',
      { text: 'call +44 20 7946 0958' },
      'card 4111111111111111 from a@b.io',
    ]);
    expect(report.scanned).toBe(4);
    expect(report.textsWithPii).toBe(3);
    expect(report.kinds.email).toEqual({
      count: 3,
      texts: 2,
      examples: [
        { index: 1, match: 'x@y.com' },
        { index: 1, match: 'z@y.com' },
        { index: 3, match: 'a@b.io' },
      ],
    });
    expect(report.kinds.phone).toMatchObject({ count: 1, texts: 1, examples: [{ index: 2, match: '+44 20 7946 0958' }] });
    expect(report.kinds.card).toMatchObject({ count: 1, texts: 1, examples: [{ index: 3, match: '4111111111111111' }] });
  });

  it('keeps at most maxExamples examples', () => {
    const report = scanPii(Array.from({ length: 20 }, (_, i) => `u${i}@x.org`), 2);
    expect(report.kinds.email.count).toBe(20);
    expect(report.kinds.email.examples).toHaveLength(2);
  });

  it('finds the e-mail addresses in generated tickets and no false phones or cards', () => {
    const tickets = generateTickets({ count: 2000 });
    const texts = tickets.map((t) => `${t.subject}\n\n${t.body}`);
    const report = scanPii(texts);
    expect(report.kinds.email.texts).toBe(texts.filter((t) => t.includes('@')).length);
    expect(report.kinds.email.texts).toBeGreaterThan(0);
    expect(report.kinds.phone.count).toBe(0);
    expect(report.kinds.card.count).toBe(0);
  });
});
