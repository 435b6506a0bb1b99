import type { Catalogue, ModelSpec } from './types';

export type UpstreamKind = 'simulator' | 'openai' | 'gateway';

/** `reason` is in English; `retired` says the same as data, for pages to say it in the person's language. */
export type Availability = { available: boolean; reason: string | null; retired?: { date: string; upstream: UpstreamKind } };

/**
 * Whether a model can be used through this deployment's upstream. OpenAI itself
 * refuses retired models; gateways and the simulator may still serve them, so there
 * they stay usable with a note.
 */
export function availability(model: ModelSpec, upstream: UpstreamKind): Availability {
  if (!model.retired) return { available: true, reason: null };
  const retired = { date: model.retired.date, upstream };
  if (upstream === 'openai')
    return { available: false, reason: `Retired by OpenAI on ${model.retired.date}; only compatible gateways still serve it.`, retired };
  return { available: true, reason: `Retired by OpenAI on ${model.retired.date}; available here through the ${upstream}.`, retired };
}

/** The catalogue as the browser receives it: the data plus what this deployment can reach. */
export type ClientCatalogue = Catalogue & { upstream: UpstreamKind; availability: Record<string, Availability> };

export function clientCatalogue(catalogue: Catalogue, upstream: UpstreamKind): ClientCatalogue {
  return {
    ...catalogue,
    upstream,
    availability: Object.fromEntries(catalogue.models.map((m) => [m.id, availability(m, upstream)])),
  };
}

/** A model's `created` as the API gives it: seconds since 1970, from the catalogue's dated source (0 when it has none). */
export const createdSeconds = (model: ModelSpec) => (model.created ? Math.floor(Date.parse(`${model.created.date}T00:00:00Z`) / 1000) : 0);

/** `GET /v1/models` in OpenAI's list format, with the studio's details as extra fields. */
export function modelList(catalogue: Catalogue, upstream: UpstreamKind) {
  return {
    object: 'list' as const,
    upstream,
    defaults: catalogue.defaults,
    data: catalogue.models.map((m) => ({
      id: m.id,
      object: 'model' as const,
      created: createdSeconds(m),
      owned_by: 'openai',
      label: m.label,
      family: m.family,
      description: m.description,
      aliases: m.aliases,
      retired: m.retired,
      ...availability(m, upstream),
      endpoints: m.endpoints,
      price: m.price,
    })),
  };
}
