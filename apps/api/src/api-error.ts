import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { hasLoneSurrogate } from '@radar/core';

/** The one error type of the API: a status and a message a user can act on. */
export class ApiError extends HTTPException {
  constructor(status: ContentfulStatusCode, message: string) {
    super(status, { message });
  }
}

export function invalidInput(error: ZodError): ApiError {
  const first = error.issues[0];
  const where = first?.path.length ? `${first.path.join('.')}: ` : '';
  return new ApiError(400, `${where}${first?.message ?? 'invalid input'}`);
}

/** What an address or body holding U+0000 is told. */
export const NUL_REFUSED = 'text may not contain the character U+0000';

/**
 * What a body holding a lone surrogate is told: JSON can escape one (`\ud800` without its
 * pair), but it is no character, and PostgreSQL refuses it in JSON.
 */
export const LONE_SURROGATE_REFUSED = 'text may not contain a lone surrogate (\\ud800 to \\udfff without its pair)';

/** Where in a JSON value a string (or a key) passes `holds`, as a path (`channels.0.url`), or null. */
function pathTo(value: unknown, holds: (text: string) => boolean, path: string[] = []): string | null {
  if (typeof value === 'string') return holds(value) ? path.join('.') || '(the body)' : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = pathTo(key, holds, [...path, key]) ?? pathTo(item, holds, [...path, key]);
    if (found) return found;
  }
  return null;
}

/** Where in a JSON value a string holds U+0000, as a path (`channels.0.url`), or null. */
export const pathToNul = (value: unknown): string | null => pathTo(value, (text) => text.includes('\u0000'));

/**
 * A request's JSON body; a body that is not JSON, or whose text holds U+0000 or a lone
 * surrogate (which no name, address or query means, and PostgreSQL cannot store), is a 400
 * that says so.
 */
export async function jsonBody(request: { json(): Promise<unknown> }): Promise<unknown> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ApiError(400, 'the body must be JSON');
  }
  const nul = pathToNul(body);
  if (nul) throw new ApiError(400, `${nul}: ${NUL_REFUSED}`);
  const lone = pathTo(body, hasLoneSurrogate);
  if (lone) throw new ApiError(400, `${lone}: ${LONE_SURROGATE_REFUSED}`);
  return body;
}

/**
 * Refuses an address whose path or query holds U+0000 (`%00`): no id, filter or query
 * means it, and PostgreSQL cannot take it as a parameter.
 */
export const refuseNulInAddress: MiddlewareHandler = async (c, next) => {
  if (/%00/i.test(c.req.url)) throw new ApiError(400, `the address: ${NUL_REFUSED}`);
  await next();
};
