import { serveImageBytes } from '@/lib/gallery/serve-bytes';
import { errorResponse } from '@/lib/images/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    return await serveImageBytes(request, (await params).id, 'thumbnail');
  } catch (error) {
    return errorResponse(error, 'gallery thumbnail');
  }
}
