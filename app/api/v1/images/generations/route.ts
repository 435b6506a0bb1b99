import { withUser } from '@/lib/auth/route';
import { serverConfig } from '@/lib/config';
import { methodNotAllowed } from '@/lib/http/method-not-allowed';
import { readJson } from '@/lib/http/read-json';
import { answerImageRequest, checkGeneration } from '@/lib/images/image-request';
import { publicOrigin } from '@/lib/http/request-facts';
import { upstreamClient } from '@/lib/images/upstream';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = withUser('images/generations', async (request, who) => {
  const checked = checkGeneration(await readJson(request, serverConfig().maxJsonBytes));
  return answerImageRequest(checked, who, upstreamClient(request), request.signal, publicOrigin(request));
});

export const GET = methodNotAllowed('POST');
