import 'server-only';
import { errorResponse } from '../images/errors';
import type { Identity } from './identity';
import { requireUser } from './require';

/**
 * A route handler that needs a user: the caller is identified first (401 otherwise),
 * and every failure becomes the API's error envelope.
 */
export function withUser<C>(label: string, handler: (request: Request, who: Identity, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      return await handler(request, await requireUser(request), context);
    } catch (error) {
      return errorResponse(error, label);
    }
  };
}
