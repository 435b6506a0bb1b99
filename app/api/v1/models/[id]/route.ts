import { withUser } from '@/lib/auth/route';
import { serverConfig } from '@/lib/config';
import { errorJson, json } from '@/lib/images/wire';
import { modelList } from '@/lib/models/availability';
import { loadCatalogue } from '@/lib/models/load-catalogue';
import { findModel } from '@/lib/models/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /v1/models/{model}` (the SDK's `models.retrieve`): one model, by its id or an alias. */
export const GET = withUser('models/retrieve', async (_request, _who, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const catalogue = loadCatalogue();
  const model = findModel(catalogue, id);
  const entry = model && modelList(catalogue, serverConfig().mode).data.find((m) => m.id === model.id);
  if (!entry)
    return errorJson(404, { message: `The model '${id.slice(0, 200)}' does not exist or you do not have access to it.`, type: 'invalid_request_error', param: 'model', code: 'model_not_found' });
  // Asked by a dated snapshot's name, it answers under that name, as OpenAI does.
  return json({ ...entry, id });
});
