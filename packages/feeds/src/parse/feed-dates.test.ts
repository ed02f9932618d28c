import fc from 'fast-check';
import { expect, test } from 'vitest';
import { parseFeedDate } from './feed-dates.ts';

test.each([
  ['Thu, 01 Jan 2004 19:48:21 GMT', '2004-01-01T19:48:21.000Z'],
  ['Thu, 01 Jan 04 19:48:21 GMT', '2004-01-01T19:48:21.000Z'],
  ['Fri,24 Nov 2023 18:28:36 -0000', '2023-11-24T18:28:36.000Z'],
  ['Mon, 13 Feb, 2012 06:28:00 UTC', '2012-02-13T06:28:00.000Z'],
  ['Mon, 26 January 2004 16:31:00 ET', '2004-01-26T21:31:00.000Z'],
  ['Wed, 17 Jan 2018 15:50:00 EST', '2018-01-17T20:50:00.000Z'],
  ['Thu, 30 Apr 2015 08:57:00 MEST', '2015-04-30T06:57:00.000Z'],
  ['Wed, 19 Feb 2012 22:40:00 GMT-01:01', '2012-02-19T23:41:00.000Z'],
  ['Thu, 01 Jan 2004', '2004-01-01T00:00:00.000Z'],
  ['Thu Aug 30 2012 17:26:16 +0200', '2012-08-30T15:26:16.000Z'],
  ['Sun Jan  4 16:29:06 2004', '2004-01-04T16:29:06.000Z'],
  ['Sun Jul 15 01:16:00 +0000 2012', '2012-07-15T01:16:00.000Z'],
  ['Fri, 2006/09/15 08:19:53 EDT', '2006-09-15T12:19:53.000Z'],
  ['Κυρ, 11 Ιούλ 2004 12:00:00 EST', '2004-07-11T17:00:00.000Z'],
  // day and month names in other languages, as publishers localise them
  ['Seg, 24 Set 2018 19:42:40 -0300', '2018-09-24T22:42:40.000Z'],
  ['Sáb, 06 Dez 2025 08:00:00 -0300', '2025-12-06T11:00:00.000Z'],
  ['Mi, 05 Mär 2025 10:00:00 +0100', '2025-03-05T09:00:00.000Z'],
  ['mar., 12 févr. 2019 14:30:00 +0100', '2019-02-12T13:30:00.000Z'],
  ['Lun, 03 Ene 2022 09:15:00 GMT', '2022-01-03T09:15:00.000Z'],
  ['gio, 15 ott 2020 18:00:00 +0200', '2020-10-15T16:00:00.000Z'],
  ['di, 01 okt 2024 07:00:00 +0200', '2024-10-01T05:00:00.000Z'],
  ['22.11.2022 12:16:00', '2022-11-22T12:16:00.000Z'],
  ['5.3.2024 08:05 +0100', '2024-03-05T07:05:00.000Z'],
  ['2003-12-31T10:14:55Z', '2003-12-31T10:14:55.000Z'],
  ['2003-12-31T10:14:55-08:00', '2003-12-31T18:14:55.000Z'],
  ['2007-04-23T23:25:47.538+10:00', '2007-04-23T13:25:47.538Z'],
  ['2004-07-08 23:56:58 -00:20', '2004-07-09T00:16:58.000Z'],
  ['2003-12', '2003-12-01T00:00:00.000Z'],
  ['2003', '2003-01-01T00:00:00.000Z'],
  ['20031231T101455Z', '2003-12-31T10:14:55.000Z'],
  ['03335', '2003-12-01T00:00:00.000Z'],
  ['  2021-06-16T12:00:29Z \n', '2021-06-16T12:00:29.000Z'],
])('%s', (input, expected) => {
  expect(parseFeedDate(input)).toBe(expected);
});

test.each([
  'Sun, 16 Dec 2012 1:2:3:4 GMT',
  'Sun, 16 zzz 2012 11:47:32 GMT',
  'Seg, 24 Xyz 2018 19:42:40 -0300',
  'Segunda-feira 24 Set 2018',
  '31.02.2022 10:00:00',
  'Sun, 16 Dec 2012 11:47:32 +zz:00',
  'Sun, 99 Jun 2009 12:00:00 GMT',
  'Sun, 31 Dec 9999 23:59:59 -9999',
  'Tue, 30 Feb 2021 10:00:00 GMT',
  '013',
  'yesterday',
  '',
])('unreadable date %j gives null', (input) => {
  expect(parseFeedDate(input)).toBeNull();
});

test('non-strings give null', () => {
  expect(parseFeedDate(null)).toBeNull();
  expect(parseFeedDate(undefined)).toBeNull();
});

test('every instant survives RFC 822 and ISO 8601 formatting (property)', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
      const seconds = new Date(Math.floor(date.getTime() / 1000) * 1000);
      expect(parseFeedDate(seconds.toUTCString())).toBe(seconds.toISOString());
      expect(parseFeedDate(seconds.toISOString())).toBe(seconds.toISOString());
    }),
  );
});
