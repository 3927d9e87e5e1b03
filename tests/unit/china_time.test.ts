import {
  addDays,
  chinaDateTime,
  chinaDay,
  chinaIso,
  chinaMonthOf,
  chinaMonthsBetween,
  chinaSpan,
  chinaWall,
  chinaYearOf,
  clockMinutes,
  clockText,
  isoWeekday,
  isoWeekOf,
  localDateOf,
  localInstant,
  localMinutesOf,
  parseLocalDate,
  percent,
  rate,
  roundedShare,
} from '@gongzhi/shared';

// China time is UTC+8 whatever the process's zone: these instants sit on either side of a China
// midnight that is still the previous day in UTC.

const lateUtc = new Date('2026-12-31T16:30:00Z'); // 2027-01-01 00:30 in China
const earlyUtc = new Date('2026-12-31T15:59:00Z'); // 2026-12-31 23:59 in China

test('dates, years and minutes of an instant are read on the China wall clock', () => {
  expect(localDateOf(lateUtc)).toBe('2027-01-01');
  expect(localDateOf(earlyUtc)).toBe('2026-12-31');
  expect(localDateOf('2026-12-31T16:30:00Z')).toBe('2027-01-01');
  expect(chinaYearOf(lateUtc)).toBe(2027);
  expect(chinaYearOf(earlyUtc)).toBe(2026);
  expect(localMinutesOf(lateUtc)).toBe(30);
  expect(localMinutesOf(earlyUtc)).toBe(23 * 60 + 59);
  expect(chinaWall(lateUtc).getUTCHours()).toBe(0);
  expect(isoWeekOf(lateUtc)).toBe('2026-W53');
});

test('a local date and minute give back the UTC instant, and days bound at China midnight', () => {
  expect(localInstant('2027-01-01', 30).toISOString()).toBe(lateUtc.toISOString());
  expect(localInstant('2026-11-05', 19 * 60).toISOString()).toBe('2026-11-05T11:00:00.000Z');
  expect(() => localInstant('2026-02-30', 0)).toThrow('not a date');
  const { from, to } = chinaDay('2026-11-27');
  expect(from.toISOString()).toBe('2026-11-26T16:00:00.000Z');
  expect(to.toISOString()).toBe('2026-11-27T16:00:00.000Z');
  expect(Number.isNaN(chinaDay('2026-13-01').from.getTime())).toBe(true);
});

test('calendar arithmetic on local dates', () => {
  expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  expect(isoWeekday('2026-11-29')).toBe(7); // a Sunday
  expect(isoWeekday('2026-11-30')).toBe(1);
  expect(parseLocalDate('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 });
  expect(parseLocalDate('2026-02-29')).toBeNull();
  expect(clockMinutes('08:30')).toBe(510);
  expect(clockText(510)).toBe('08:30');
});

test('months of an instant and of a range are China months', () => {
  expect(chinaMonthOf(lateUtc)).toBe('2027-01');
  expect(chinaMonthOf(earlyUtc)).toBe('2026-12');
  // 90 days back from late November crosses August, September, October, November.
  expect(chinaMonthsBetween(new Date('2026-08-29T04:00:00Z'), new Date('2026-11-27T04:00:00Z'))).toEqual([
    '2026-08',
    '2026-09',
    '2026-10',
    '2026-11',
  ]);
  // The end is exclusive: a range ending at China's midnight of 1 January stays in December.
  expect(chinaMonthsBetween(new Date('2026-12-01T00:00:00Z'), new Date('2026-12-31T16:00:00Z'))).toEqual(['2026-12']);
  expect(chinaMonthsBetween(new Date('2026-12-31T16:00:00Z'), new Date('2027-01-01T16:00:00Z'))).toEqual(['2027-01']);
  expect(chinaMonthsBetween(new Date('2026-11-30T16:00:00Z'), new Date('2027-02-01T00:00:00Z'))).toEqual([
    '2026-12',
    '2027-01',
    '2027-02',
  ]);
  expect(chinaMonthsBetween(lateUtc, lateUtc)).toEqual([]);
});

test('texts people read', () => {
  expect(chinaDateTime(new Date('2026-11-27T01:00:00Z'))).toBe('11月27日 09:00');
  expect(chinaSpan(new Date('2026-11-27T01:00:00Z'), new Date('2026-11-27T03:30:00Z'))).toBe('11月27日 09:00–11:30');
  expect(chinaSpan(new Date('2026-11-27T14:00:00Z'), new Date('2026-11-27T17:00:00Z'))).toBe(
    '11月27日 22:00–11月28日 01:00',
  );
  expect(chinaIso('2026-11-27', '09:15')).toBe('2026-11-27T09:15:00+08:00');
  expect(chinaIso('2026-11-27', 555)).toBe('2026-11-27T09:15:00+08:00');
  expect(new Date(chinaIso('2026-11-27', 555)).toISOString()).toBe(localInstant('2026-11-27', 555).toISOString());
});

test('one rounding of shares: a fraction to 4 places, a percentage to 2, half up and exact', () => {
  expect(rate(2, 3)).toBe(0.6667);
  expect(percent(102, 280)).toBe(36.43);
  expect(rate(1, 0)).toBeNull();
  expect(percent(0, 0)).toBeNull();
  // 57/800 = 0.07125 exactly: half up gives 0.0713 (a float division before scaling gave 0.0712).
  expect(rate(57, 800)).toBe(0.0713);
  expect(percent(57, 800)).toBe(7.13);
  expect(roundedShare(1, 8, 100, 1)).toBe(12.5);
  for (let whole = 1; whole <= 300; whole++) {
    for (let part = 0; part <= whole; part++) {
      expect(percent(part, whole)).toBe(roundedShare(part, whole, 100, 2));
      expect(Math.abs(rate(part, whole)! - part / whole)).toBeLessThanOrEqual(0.00005 + 1e-12);
    }
  }
});
