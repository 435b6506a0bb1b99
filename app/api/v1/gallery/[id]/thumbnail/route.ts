import { withUser } from '@/lib/auth/route';
import { serveImageBytes } from '@/lib/gallery/serve-bytes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = withUser('gallery thumbnail', async (request, _who, { params }: { params: Promise<{ id: string }> }) => serveImageBytes(request, (await params).id, 'thumbnail'));
