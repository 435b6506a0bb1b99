import { methodNotAllowed } from '@/lib/http/method-not-allowed';
import { editOrVary } from '@/lib/images/edit';
import { errorResponse } from '@/lib/images/errors';
import { publicOrigin, upstreamClient } from '@/lib/images/upstream';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  try {
    return await editOrVary(request, upstreamClient(request), publicOrigin(request), 'edits');
  } catch (error) {
    return errorResponse(error, 'images/edits');
  }
}

export const GET = methodNotAllowed('POST');
