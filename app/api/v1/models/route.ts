import { serverConfig } from '@/lib/config';
import { errorResponse } from '@/lib/images/errors';
import { json } from '@/lib/images/wire';
import { modelList } from '@/lib/models/availability';
import { loadCatalogue } from '@/lib/models/load-catalogue';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    return json(modelList(loadCatalogue(), serverConfig().mode));
  } catch (error) {
    return errorResponse(error, 'models');
  }
}
