import type { Hono } from 'hono';

/**
 * A JSON caller of an app under test: `call(method, path, body?, token?)` answers the status
 * and the parsed body (null for 204). The body is sent as JSON, or as it is when a string; the
 * admin token is sent unless `null` is given. The app is read at each call (it is made in beforeAll).
 */
export function apiCaller(app: () => Hono, adminToken: string) {
  return async (method: string, path: string, body?: unknown, token: string | null = adminToken) => {
    const response = await app().request(path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (response.status === 204 ? null : await response.json()) as Record<string, unknown> };
  };
}
