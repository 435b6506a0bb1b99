import { errorJson } from '../images/wire';

/** A handler answering 405 in the API's error envelope, naming the methods allowed. */
export const methodNotAllowed = (allowed: string) => (request: Request) =>
  errorJson(
    405,
    { message: `${request.method} is not allowed here; use ${allowed}.`, type: 'invalid_request_error', param: null, code: 'method_not_allowed' },
    { allow: allowed },
  );
