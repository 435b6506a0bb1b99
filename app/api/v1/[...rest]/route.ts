import { withUser } from '@/lib/auth/route';
import { errorJson } from '@/lib/images/wire';

export const dynamic = 'force-dynamic';

/** Anything under /api/v1 that is not an endpoint: the API's envelope, not an HTML page. */
const unknown = withUser('unknown endpoint', async (request) => {
  const { pathname } = new URL(request.url);
  return errorJson(404, {
    message: `Unknown endpoint ${request.method} ${pathname}. This studio serves POST /api/v1/images/generations and GET /api/v1/models.`,
    type: 'invalid_request_error',
    param: null,
    code: 'unknown_url',
  });
});

export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
