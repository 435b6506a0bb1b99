import { withUser } from '@/lib/auth/route';
import { unknownEndpointMessage } from '@/lib/http/api-routes';
import { errorJson } from '@/lib/images/wire';

export const dynamic = 'force-dynamic';

/** Anything under /api/v1 that is not an endpoint: the API's envelope, not an HTML page. */
const unknown = withUser('unknown endpoint', async (request) =>
  errorJson(404, { message: unknownEndpointMessage(request.method, new URL(request.url).pathname), type: 'invalid_request_error', param: null, code: 'unknown_url' }),
);

export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
