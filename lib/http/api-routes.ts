/**
 * The endpoints this studio serves under /api/v1, for the message of an unknown one.
 * A test walks app/api/v1 and checks this table against the route files, so it cannot
 * drift from what exists.
 */
export const API_ROUTES: ReadonlyArray<{ path: string; methods: readonly string[]; group: 'images' | 'studio' }> = [
  { path: '/api/v1/images/generations', methods: ['POST'], group: 'images' },
  { path: '/api/v1/images/edits', methods: ['POST'], group: 'images' },
  { path: '/api/v1/images/variations', methods: ['POST'], group: 'images' },
  { path: '/api/v1/models', methods: ['GET'], group: 'images' },
  { path: '/api/v1/models/{model}', methods: ['GET'], group: 'images' },
  { path: '/api/v1/runs', methods: ['GET', 'POST'], group: 'studio' },
  { path: '/api/v1/runs/{id}', methods: ['GET'], group: 'studio' },
  { path: '/api/v1/runs/{id}/events', methods: ['GET'], group: 'studio' },
  { path: '/api/v1/runs/{id}/cancel', methods: ['POST'], group: 'studio' },
  { path: '/api/v1/gallery', methods: ['GET'], group: 'studio' },
  { path: '/api/v1/gallery/{id}', methods: ['GET', 'DELETE'], group: 'studio' },
  { path: '/api/v1/gallery/{id}/image', methods: ['GET'], group: 'studio' },
  { path: '/api/v1/gallery/{id}/thumbnail', methods: ['GET'], group: 'studio' },
  { path: '/api/v1/gallery/{id}/shares', methods: ['GET', 'POST'], group: 'studio' },
  { path: '/api/v1/gallery/{id}/shares/{token}', methods: ['DELETE'], group: 'studio' },
  { path: '/api/v1/gallery/{id}/pick', methods: ['GET', 'PUT', 'DELETE'], group: 'studio' },
  { path: '/api/v1/gallery/{id}/comments', methods: ['GET', 'POST'], group: 'studio' },
  { path: '/api/v1/gallery/{id}/comments/{comment}', methods: ['PATCH', 'DELETE'], group: 'studio' },
  { path: '/api/v1/boards', methods: ['GET', 'POST'], group: 'studio' },
  { path: '/api/v1/boards/{id}', methods: ['GET', 'PATCH', 'DELETE'], group: 'studio' },
  { path: '/api/v1/boards/{id}/images', methods: ['POST', 'PUT'], group: 'studio' },
  { path: '/api/v1/boards/{id}/images/{image}', methods: ['DELETE'], group: 'studio' },
  { path: '/api/v1/boards/{id}/shares', methods: ['GET', 'POST'], group: 'studio' },
  { path: '/api/v1/boards/{id}/shares/{token}', methods: ['DELETE'], group: 'studio' },
  { path: '/api/v1/boards/{id}/zip', methods: ['GET'], group: 'studio' },
  { path: '/api/v1/gallery/zip', methods: ['GET'], group: 'studio' },
  { path: '/api/v1/budget', methods: ['GET'], group: 'studio' },
  { path: '/api/v1/tokens', methods: ['GET', 'POST'], group: 'studio' },
  { path: '/api/v1/tokens/{id}', methods: ['DELETE'], group: 'studio' },
  { path: '/api/v1/sessions', methods: ['GET'], group: 'studio' },
  { path: '/api/v1/sessions/{id}', methods: ['DELETE'], group: 'studio' },
  { path: '/api/v1/admin/spend', methods: ['GET'], group: 'studio' },
  { path: '/api/v1/admin/sessions', methods: ['GET'], group: 'studio' },
  { path: '/api/v1/admin/people/{person}/sessions', methods: ['DELETE'], group: 'studio' },
];

export function unknownEndpointMessage(method: string, pathname: string): string {
  const list = (group: 'images' | 'studio') =>
    API_ROUTES.filter((r) => r.group === group)
      .map((r) => `${r.methods.join('/')} ${r.path}`)
      .join(', ');
  return `Unknown endpoint ${method} ${pathname}. This studio serves the Images API at ${list('images')}; and its own ${list('studio')}.`;
}
