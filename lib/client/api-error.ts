import type { ErrorBody } from '../images/wire';

/** An answer from the studio that was not a success, read from its error envelope. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly retryAfter: number | null = null,
  ) {
    super(body.message);
  }
}

export async function errorFrom(response: Response): Promise<ApiRequestError> {
  const retry = Number(response.headers.get('retry-after'));
  try {
    const parsed = (await response.json()) as { error?: ErrorBody };
    if (parsed.error?.message) return new ApiRequestError(response.status, parsed.error, Number.isFinite(retry) && retry > 0 ? retry : null);
  } catch {
    // Not our envelope (a proxy's error page, say): fall through to a generic message.
  }
  return new ApiRequestError(response.status, {
    message: `The studio answered ${response.status} ${response.statusText}.`,
    type: 'server_error',
    param: null,
    code: null,
  });
}
