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
  // A day's offset is read once and applied to every instant of the day: checked against Intl
  // itself, instant by instant, in zones with summer time (one that moves by half an hour, one
  // whose standard time is the summer one), offsets in quarter hours, and one with no change.
  const zones = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/Dublin', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns', 'Africa/Casablanca'];
  for (const zone of zones) {
    it(`equal Intl's reading at every instant of two years in ${zone}, the hours when clocks change included`, () => {
      const reference = new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset' });
      const expected = (date: Date) => {
        const part = Object.fromEntries(reference.formatToParts(date).map(({ type, value }) => [type, value]));
        const offset = part.timeZoneName === 'GMT' ? 'Z' : part.timeZoneName.slice(3);
        return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}${offset === '+00:00' ? 'Z' : offset}`;
      };
      let changes = 0;
      let previous = '';
      // Every 37 minutes and 13 seconds (and a fraction of a second) through 2020 and 2021.
      for (let time = Date.UTC(2020, 0, 1); time < Date.UTC(2022, 0, 1); time += 2_233_250) {
        const date = new Date(time);
        const want = expected(date);
        assert.equal(toZonedIso(date, zone), want, date.toISOString());
        assert.equal(dayKey(date, zone), want.slice(0, 10));
        const offset = want.slice(19);
        if (previous && offset !== previous) changes++;
        previous = offset;
      }
      if (zone !== 'Asia/Shanghai' && zone !== 'UTC' && zone !== 'Asia/Kathmandu') assert.ok(changes >= 4, `${zone} changes its clocks in these years`);
    });
  }
  it('equal Intl at the seconds around a change of clocks', () => {
    // New York sprang forward at 2021-03-14 07:00:00 UTC and fell back at 2021-11-07 06:00:00 UTC.
    for (const [time, iso] of [
      ['2021-03-14T06:59:59Z', '2021-03-14T01:59:59-05:00'], ['2021-03-14T07:00:00Z', '2021-03-14T03:00:00-04:00'],
      ['2021-11-07T05:59:59Z', '2021-11-07T01:59:59-04:00'], ['2021-11-07T06:00:00Z', '2021-11-07T01:00:00-05:00'],
      ['2021-11-07T23:59:59Z', '2021-11-07T18:59:59-05:00'], ['2021-11-08T00:00:00.999Z', '2021-11-07T19:00:00-05:00'],
    ]) assert.equal(toZonedIso(new Date(time), 'America/New_York'), iso, time);
  });
});
