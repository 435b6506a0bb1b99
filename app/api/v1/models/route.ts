import { withUser } from '@/lib/auth/route';
import { serverConfig } from '@/lib/config';
import { json } from '@/lib/images/wire';
import { modelList } from '@/lib/models/availability';
import { loadCatalogue } from '@/lib/models/load-catalogue';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = withUser('models', async () => json(modelList(loadCatalogue(), serverConfig().mode)));
