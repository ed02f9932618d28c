import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

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

/** A request's JSON body; a body that is not JSON is a 400 that says so. */
export async function jsonBody(request: { json(): Promise<unknown> }): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new ApiError(400, 'the body must be JSON');
  }
}
