import { ERROR_CODES, type ApiError, type ErrorCode, type FieldError } from '@gongzhi/shared';

/** A failure we expect and explain: becomes the API's one error shape with the code's HTTP status. */
export class AppError extends Error {
  /** Seconds the client should wait before trying again (sent as Retry-After), e.g. on RATE_LIMITED. */
  retryAfterSec?: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: FieldError[],
  ) {
    super(message ?? ERROR_CODES[code].message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  toBody(): ApiError {
    return { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) };
  }
}

const DB_DOWN_ERRORS = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);

/** True for errors that mean "the database cannot be reached right now" (503, retry later). */
export function isDbUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (DB_DOWN_ERRORS.has(err.name)) return true;
  return /buffering timed out|connection .* closed|ECONNREFUSED/i.test(err.message);
}

/** Maps any thrown value to the error shape; unknown errors become INTERNAL without leaking details. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isDbUnavailable(err)) return new AppError('DB_UNAVAILABLE');
  const status = typeof (err as { status?: unknown })?.status === 'number' ? (err as { status: number }).status : 500;
  const type = (err as { type?: string })?.type;
  if (status === 413 || type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE');
  if (status === 415 || type === 'encoding.unsupported') return new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (type === 'entity.parse.failed' || (status === 400 && /json/i.test((err as Error)?.message ?? ''))) {
    return new AppError('BAD_JSON');
  }
  // A body that says Content-Encoding: gzip/deflate/br but is not: zlib fails while the body is read.
  if (/^(Z_DATA_ERROR|Z_BUF_ERROR|ERR__ERROR_)/.test(String((err as { code?: unknown })?.code ?? ''))) {
    return new AppError('BAD_JSON');
  }
  if (status === 404) return new AppError('ROUTE_NOT_FOUND');
  if (status === 405) return new AppError('METHOD_NOT_ALLOWED');
  if (status === 401) return new AppError('UNAUTHENTICATED');
  if (status === 403) return new AppError('FORBIDDEN');
  if (status >= 400 && status < 500) return new AppError('VALIDATION_FAILED');
  return new AppError('INTERNAL');
}
