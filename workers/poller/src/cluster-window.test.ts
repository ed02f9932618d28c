import { expect, test } from 'vitest';
import { ClusterWindow } from './cluster-window.ts';

const hour = 3600_000;
const report = (id: string, title: string, time: number, countries: string[] = ['FR'], companies: string[] = ['meta']) => ({
  id,
  title,
  text: '',
  countries,
  companies,
  time,
});

test('two outlets reporting one event share a cluster; another event starts its own', () => {
  const window = new ClusterWindow();
  const first = window.assign(report('a', 'France fines Meta 150 million euros over Instagram age checks', 0));
  expect(first).toBe('a');
  expect(window.assign(report('b', 'Meta fined 150 million euros by France over Instagram age checks', hour))).toBe('a');
  expect(window.assign(report('c', 'Germany opens a cartel probe into Google Maps', 2 * hour, ['DE'], ['google']))).toBe('c');
});

test('a story stored earlier keeps its stored cluster id for the reports that follow it', () => {
  const window = new ClusterWindow();
  window.remember(report('x', 'France fines Meta 150 million euros over Instagram age checks', 0), 'stored-cluster');
  expect(window.assign(report('y', 'Meta fined 150 million euros by France over Instagram age checks', hour))).toBe('stored-cluster');
  // the stream brings back stories this window assigned itself: they are not learnt twice
  window.remember(report('y', 'Meta fined 150 million euros by France over Instagram age checks', hour), 'stored-cluster');
  expect(window.size).toBe(2);
});

test('a story asked about again keeps the cluster it was given, and is not learnt twice', () => {
  const window = new ClusterWindow();
  window.assign(report('a', 'France fines Meta 150 million euros over Instagram age checks', 0));
  expect(window.assign(report('b', 'Meta fined 150 million euros by France over Instagram age checks', hour))).toBe('a');
  // a retried poll streams b again: same answer, same window
  expect(window.assign(report('b', 'Meta fined 150 million euros by France over Instagram age checks', hour))).toBe('a');
  expect(window.size).toBe(2);
});

test('a story stored without a cluster (a crash before streaming it) is given one when learnt', () => {
  const window = new ClusterWindow();
  window.remember(report('a', 'France fines Meta 150 million euros over Instagram age checks', 0), 'stored-cluster');
  window.remember(report('b', 'Meta fined 150 million euros by France over Instagram age checks', hour), null);
  expect(window.assign(report('b', 'Meta fined 150 million euros by France over Instagram age checks', hour))).toBe('stored-cluster');
});

test('a story one poller assigned is learned by another from what it tells, once', () => {
  const assigning = new ClusterWindow();
  const learning = new ClusterWindow();
  const first = report('p', 'France fines Meta 150 million euros over Instagram age checks', 0);
  const clusterId = assigning.assign(first);
  const told = assigning.tell(first);
  // told once from memory, then read again from the story: the same features
  expect(assigning.tell(first)).toBe(told);
  learning.learn({ ...first, clusterId: 'event-p', features: told });
  learning.learn({ ...first, clusterId: 'event-p', features: told });
  expect(learning.size).toBe(1);
  expect(learning.assign(report('q', 'Meta fined 150 million euros by France over Instagram age checks', hour))).toBe('event-p');
  // the assigning poller hears its own story back: nothing changes
  assigning.learn({ ...first, clusterId, features: told });
  expect(assigning.size).toBe(1);
});
