import { withUser } from '@/lib/auth/route';
import { errorJson } from '@/lib/images/wire';
import { serverConfig } from '@/lib/config';
import { builtInSimulator } from '@/lib/simulator/instance';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The built-in simulator, mounted so its `url` results can be fetched and its counters
 * read. It answers only while the studio runs without an API key (demo mode).
 */
const handle = withUser('simulator', async (request) => {
  if (serverConfig().mode !== 'simulator')
    return errorJson(404, { message: 'The simulator is off: this studio uses a real image service.', type: 'invalid_request_error', param: null, code: 'not_found' });
  return builtInSimulator().handle(request);
});

export const GET = handle;
export const POST = handle;
