import { z } from 'zod';

/** Errors that cross the boundary as data: a code a program can test, a message a person reads. */
export const API_ERROR_CODES = [
  'bad_request',
  'unknown_method',
  'forbidden',
  'not_found',
  'unavailable',
  'invalid_inventory',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const ApiErrorSchema = z.object({
  code: z.enum(API_ERROR_CODES),
  message: z.string(),
  details: z.array(z.string()).optional(),
});
export type ApiErrorData = z.infer<typeof ApiErrorSchema>;

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly details: readonly string[] | undefined;
  constructor(code: ApiErrorCode, message: string, details?: readonly string[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
  toData(): ApiErrorData {
    return { code: this.code, message: this.message, ...(this.details ? { details: [...this.details] } : {}) };
  }
  static from(data: ApiErrorData): ApiError {
    return new ApiError(data.code, data.message, data.details);
  }
}

/** HTTP status for each error code (the RPC endpoint and the REST views share it). */
export const HTTP_STATUS: Readonly<Record<ApiErrorCode, number>> = {
  bad_request: 400,
  unknown_method: 404,
  forbidden: 403,
  not_found: 404,
  unavailable: 503,
  invalid_inventory: 422,
  internal: 500,
};

/** One line per zod issue, with the path into the payload. */
export function describeZodError(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
}
