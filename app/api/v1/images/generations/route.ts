import { serverConfig } from '@/lib/config';
import { methodNotAllowed } from '@/lib/http/method-not-allowed';
import { readJson } from '@/lib/http/read-json';
import { errorResponse } from '@/lib/images/errors';
import { generateImages } from '@/lib/images/generate';
import { publicOrigin, upstreamClient } from '@/lib/images/upstream';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  try {
    const body = await readJson(request, serverConfig().maxJsonBytes);
    return await generateImages(body, upstreamClient(request), request.signal, publicOrigin(request));
  } catch (error) {
    return errorResponse(error, 'images/generations');
  }
}

export const GET = methodNotAllowed('POST');
