import { expect, test } from 'vitest';
import { AdminGate, REFUSED_TOKEN } from './admin-gate.svelte.ts';
import { AdminToken } from './admin-token.svelte.ts';
import { ApiError } from './api-client.ts';
import { memoryStorage } from './browser-storage.ts';

const setup = (saved: string | null = null) => {
  const token = new AdminToken(memoryStorage());
  if (saved) token.set(saved);
  return { token, gate: new AdminGate(token) };
};
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

test('with a saved token the action runs at once, without the dialog', async () => {
  const { gate } = setup('secret');
  expect(await gate.run(async (token) => `ran with ${token}`)).toEqual({ done: true, value: 'ran with secret' });
  expect(gate.open).toBe(false);
});

test('without a token the dialog asks first, and the action runs once one is saved', async () => {
  const { gate, token } = setup();
  const seen: string[] = [];
  const result = gate.run(async (t) => seen.push(t), 'Marking the inbox read needs the admin token.');
  await tick();
  expect(gate.open).toBe(true);
  expect(gate.reason).toBe('Marking the inbox read needs the admin token.');
  expect(seen).toEqual([]);
  token.set('typed');
  gate.saved();
  expect(await result).toEqual({ done: true, value: 1 });
  expect(seen).toEqual(['typed']);
  expect(gate.open).toBe(false);
});

test('closing the dialog gives up: the action never runs', async () => {
  const { gate } = setup();
  let ran = false;
  const result = gate.run(async () => (ran = true));
  await tick();
  gate.closed();
  expect(await result).toEqual({ done: false });
  expect(ran).toBe(false);
});

test('a token the server refuses is forgotten and asked for again, saying why', async () => {
  const { gate, token } = setup('old');
  const tried: string[] = [];
  const result = gate.run(async (t) => {
    tried.push(t);
    if (t === 'old') throw new ApiError(401, 'unauthorized');
    return 'ok';
  });
  await tick();
  expect(token.value).toBeNull();
  expect(gate.open).toBe(true);
  expect(gate.reason).toBe(REFUSED_TOKEN);
  token.set('new');
  gate.saved();
  expect(await result).toEqual({ done: true, value: 'ok' });
  expect(tried).toEqual(['old', 'new']);
});

test('other failures reach the caller and keep the token', async () => {
  const { gate, token } = setup('secret');
  await expect(gate.run(async () => Promise.reject(new ApiError(500, 'database down')))).rejects.toThrow('database down');
  expect(token.value).toBe('secret');
});

test('asking again while the dialog is open gives up the earlier question', async () => {
  const { gate } = setup();
  const first = gate.ask();
  const second = gate.ask('again');
  expect(await first).toBe(false);
  gate.saved();
  expect(await second).toBe(true);
});

test('an action on each item answers each one\'s error; a refused token starts the whole run again with the new one', async () => {
  const { gate, token } = setup('old');
  const calls: string[] = [];
  const result = gate.runEach(['a', 'b', 'c'], async (item, t) => {
    calls.push(`${item}:${t}`);
    if (t === 'old' && item === 'b') throw new ApiError(403, 'forbidden');
    if (item === 'c') throw new ApiError(409, 'already watched');
  });
  await tick();
  expect(gate.reason).toBe(REFUSED_TOKEN);
  token.set('new');
  gate.saved();
  const answer = await result;
  expect(calls).toEqual(['a:old', 'b:old', 'a:new', 'b:new', 'c:new']);
  expect(answer.done).toBe(true);
  const errors = answer.done ? answer.value : [];
  expect(errors.slice(0, 2)).toEqual([null, null]);
  expect(errors[2]).toBeInstanceOf(ApiError);
  expect((errors[2] as ApiError).status).toBe(409);
});
