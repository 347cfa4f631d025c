import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertTimeZone, dayKey, formatDateTime, toZonedIso } from '../../src/lib/dates.ts';

const seed = new Date(1706908501000); // first sample article, 2024-02-02T21:15:01Z

describe('dayKey', () => {
  const cases = [
    { name: 'sample in Shanghai is the next day', date: seed, zone: 'Asia/Shanghai', day: '2024-02-03' },
    { name: 'sample in UTC', date: seed, zone: 'UTC', day: '2024-02-02' },
    { name: 'New York before the spring-forward gap', date: new Date('2024-03-10T06:59:59Z'), zone: 'America/New_York', day: '2024-03-10' },
    { name: 'New York midnight after fall-back (EST)', date: new Date('2024-11-04T04:59:59Z'), zone: 'America/New_York', day: '2024-11-03' },
    { name: 'New York first second of the day (EST)', date: new Date('2024-11-04T05:00:00Z'), zone: 'America/New_York', day: '2024-11-04' },
  ];
  for (const { name, date, zone, day } of cases) it(name, () => assert.equal(dayKey(date, zone), day));
});

describe('toZonedIso and formatDateTime', () => {
  it('shows the offset', () => {
    assert.equal(toZonedIso(seed, 'Asia/Shanghai'), '2024-02-03T05:15:01+08:00');
    assert.equal(toZonedIso(seed, 'UTC'), '2024-02-02T21:15:01Z');
    assert.equal(formatDateTime(seed, 'Asia/Shanghai'), '2024-02-03 05:15 (UTC+08:00)');
    assert.equal(formatDateTime(seed, 'UTC'), '2024-02-02 21:15 (UTC+00:00)');
  });
  it('rejects a zone that does not exist', () => assert.throws(() => assertTimeZone('Mars/Base'), /IANA/));
});
