import { describe, expect, it } from 'vitest';
import { civilFromDays, dayOfWeek, parseIsoDate } from '../../../src/gen/civil-date';
import { accidentsForDay } from '../../../src/gen/model-accident';
import { serviceRequestsForDay, type ServiceRequest } from '../../../src/gen/model-311';
import { neighborhoodActivity } from '../../../src/gen/neighborhood-weights';
import { snowIntensity } from '../../../src/gen/weather';

const YEAR_START = parseIsoDate('2025-10-01');
const days = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);

function rank(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  order.forEach(([, i], k) => (r[i] = k));
  return r;
}

function spearman(a: readonly number[], b: readonly number[]): number {
  const [ra, rb] = [rank(a), rank(b)];
  const mean = (ra.length - 1) / 2;
  let cov = 0;
  let va = 0;
  let vb = 0;
  ra.forEach((x, i) => {
    cov += (x - mean) * (rb[i] - mean);
    va += (x - mean) ** 2;
    vb += (rb[i] - mean) ** 2;
  });
  return cov / Math.sqrt(va * vb);
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('gen/structure', () => {
  const year: ServiceRequest[] = days(YEAR_START, 365).flatMap((d) => serviceRequestsForDay(1, 0.05, d));
  const month = (r: ServiceRequest): number => civilFromDays(r.day).m;
  const count = (pred: (r: ServiceRequest) => boolean): number => year.filter(pred).length;

  it('about 430k cases a year at scale 1', () => {
    expect(year.length / 0.05).toBeGreaterThan(380_000);
    expect(year.length / 0.05).toBeLessThan(480_000);
  });

  it('seasonality: snow in winter, weeds in summer, potholes in late winter/spring', () => {
    const winter = (r: ServiceRequest): boolean => [12, 1, 2].includes(month(r));
    const summer = (r: ServiceRequest): boolean => [6, 7, 8].includes(month(r));
    const snow = (r: ServiceRequest): boolean => r.type.group === 'snow';
    expect(count((r) => snow(r) && winter(r))).toBeGreaterThan(10 * count((r) => snow(r) && summer(r)));
    const weeds = (r: ServiceRequest): boolean => r.type.type === 'Weeds & Vegetation';
    expect(count((r) => weeds(r) && summer(r))).toBeGreaterThan(2 * count((r) => weeds(r) && winter(r)));
    const pothole = (r: ServiceRequest): boolean => r.type.type === 'Pothole Repair';
    expect(count((r) => pothole(r) && [2, 3, 4].includes(month(r)))).toBeGreaterThan(2 * count((r) => pothole(r) && [8, 9, 10].includes(month(r))));
  });

  it('311 is a weekday, business-hours service', () => {
    const weekend = count((r) => [0, 6].includes(dayOfWeek(r.day))) / 2;
    const weekday = count((r) => ![0, 6].includes(dayOfWeek(r.day))) / 5;
    expect(weekday).toBeGreaterThan(1.5 * weekend);
    const hour = (r: ServiceRequest): number => Math.floor((r.created % 86400) / 3600);
    expect(count((r) => hour(r) >= 8 && hour(r) < 17) / year.length).toBeGreaterThan(0.6);
  });

  it('resolution time depends on the type', () => {
    const hours = (type: string): number[] =>
      year.filter((r) => r.type.type === type && r.closed !== null && r.closed > r.created).map((r) => ((r.closed as number) - r.created) / 3600);
    expect(median(hours('Traffic Signal Malfunction'))).toBeLessThan(24);
    expect(median(hours('Pothole Repair'))).toBeGreaterThan(24);
    expect(median(hours('Weeds & Vegetation'))).toBeGreaterThan(7 * 24);
    expect(count((r) => r.closed === r.created) / year.length).toBeGreaterThan(0.3);
    expect(count((r) => r.closed === r.created && r.type.group === 'info')).toBeGreaterThan(0.8 * count((r) => r.closed === r.created));
  });

  it("a neighborhood's street 311 activity and its accidents are positively linked", () => {
    const rhos = Array.from({ length: 20 }, (_, seed) => {
      const a = neighborhoodActivity(seed + 1);
      return spearman(a.map((n) => n.streetWeight), a.map((n) => n.accidentWeight));
    });
    const mean = rhos.reduce((x, y) => x + y, 0) / rhos.length;
    expect(mean).toBeGreaterThan(0.4);
    expect(mean).toBeLessThan(0.75);
    expect(Math.min(...rhos)).toBeGreaterThan(0.15);
  });

  it('accidents: ~65 a day, commute peaks, Friday high, more on snow days', () => {
    const winter = days(parseIsoDate('2025-11-15'), 120);
    const perDay = winter.map((d) => ({ d, n: accidentsForDay(1, 1, d).length, snow: snowIntensity(1, d) }));
    const all = perDay.reduce((s, x) => s + x.n, 0) / perDay.length;
    expect(all).toBeGreaterThan(55);
    expect(all).toBeLessThan(85);
    const snowy = perDay.filter((x) => x.snow > 0);
    const dry = perDay.filter((x) => x.snow === 0 && snowIntensity(1, x.d - 1) === 0);
    const avg = (xs: readonly { n: number }[]): number => xs.reduce((s, x) => s + x.n, 0) / xs.length;
    expect(snowy.length).toBeGreaterThan(5);
    expect(avg(snowy)).toBeGreaterThan(1.2 * avg(dry));
    const records = winter.flatMap((d) => accidentsForDay(1, 1, d));
    const byHour = (h: number): number => records.filter((r) => Math.floor((r.reported % 86400) / 3600) === h).length;
    expect(byHour(17)).toBeGreaterThan(4 * byHour(4));
    expect(byHour(8)).toBeGreaterThan(2 * byHour(4));
    const byDow = (w: number): number => records.filter((r) => dayOfWeek(r.day) === w).length;
    expect(byDow(5)).toBeGreaterThan(byDow(0));
  });

  it('snow days raise snow requests the same day and the next', () => {
    const winter = days(parseIsoDate('2025-12-01'), 90);
    const snowCount = (d: number): number => serviceRequestsForDay(1, 0.2, d).filter((r) => r.type.group === 'snow').length;
    const after = winter.filter((d) => snowIntensity(1, d) === 0 && snowIntensity(1, d - 1) > 0);
    const calm = winter.filter((d) => snowIntensity(1, d) === 0 && snowIntensity(1, d - 1) === 0);
    const mean = (ds: readonly number[]): number => ds.reduce((s, d) => s + snowCount(d), 0) / ds.length;
    expect(after.length).toBeGreaterThan(3);
    expect(mean(after)).toBeGreaterThan(1.5 * mean(calm));
  });
});
