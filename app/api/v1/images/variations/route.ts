import { withUser } from '@/lib/auth/route';
import { methodNotAllowed } from '@/lib/http/method-not-allowed';
import { answerImageRequest, checkUploadRequest } from '@/lib/images/image-request';
import { publicOrigin } from '@/lib/http/request-facts';
import { upstreamClient } from '@/lib/images/upstream';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = withUser('images/variations', async (request, who) =>
  answerImageRequest(await checkUploadRequest(request, 'variations'), who, upstreamClient(request), request.signal, publicOrigin(request)),
);

export const GET = methodNotAllowed('POST');
