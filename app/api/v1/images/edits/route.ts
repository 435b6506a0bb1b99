import { withUser } from '@/lib/auth/route';
import { methodNotAllowed } from '@/lib/http/method-not-allowed';
import { editOrVary } from '@/lib/images/edit';
import { publicOrigin } from '@/lib/http/request-facts';
import { upstreamClient } from '@/lib/images/upstream';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = withUser('images/edits', (request, who) => editOrVary(request, upstreamClient(request), publicOrigin(request), 'edits', who));

export const GET = methodNotAllowed('POST');
