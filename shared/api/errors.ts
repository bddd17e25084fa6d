import { z } from 'zod';

/** Errors that cross the boundary as data: a code a program can test, a message a person reads. */
export const API_ERROR_CODES = [
  'bad_request',
  /** No valid login: missing, unknown, expired or revoked token, or a wrong user/password. */
  'unauthenticated',
  'unknown_method',
  'forbidden',
  'not_found',
  /** Someone else changed it first, or the change would break an invariant (the last technician). */
  'conflict',
  /** A stored record no longer validates; the message names it. */
  'unprocessable',
  'payload_too_large',
  'unsupported_media_type',
  /** Slow down: too many attempts or requests; `params.retryAfterS` says when to try again. */
  'too_many_requests',
  'unavailable',
  /** The MCU is not connected: `params.since` (ISO time) and `params.retryInS`. */
  'mcu_unavailable',
  'invalid_inventory',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const ApiErrorSchema = z.object({
  code: z.enum(API_ERROR_CODES),
  message: z.string(),
  details: z.array(z.string()).optional(),
  /** Values the renderer's catalogue words the error with (`errors.<code>` in assets/locales). */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type ApiErrorParams = NonNullable<z.infer<typeof ApiErrorSchema>['params']>;
export type ApiErrorData = z.infer<typeof ApiErrorSchema>;

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly details: readonly string[] | undefined;
  readonly params: ApiErrorParams | undefined;
  constructor(code: ApiErrorCode, message: string, details?: readonly string[], params?: ApiErrorParams) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
    this.params = params;
  }
  toData(): ApiErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.details ? { details: [...this.details] } : {}),
      ...(this.params ? { params: { ...this.params } } : {}),
    };
  }
  static from(data: ApiErrorData): ApiError {
    return new ApiError(data.code, data.message, data.details, data.params);
  }
}

/** HTTP status for each error code (the RPC endpoint and the REST views share it). */
export const HTTP_STATUS: Readonly<Record<ApiErrorCode, number>> = {
  bad_request: 400,
  unauthenticated: 401,
  unknown_method: 404,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  unavailable: 503,
  mcu_unavailable: 503,
  invalid_inventory: 422,
  internal: 500,
};

/** One line per zod issue, with the path into the payload. */
export function describeZodError(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
}
