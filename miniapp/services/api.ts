import Taro from '@tarojs/taro';
import {
  ERROR_CODES,
  UPLOAD_MAX_BYTES,
  api,
  buildPath,
  isApiError,
  parseWith,
  type CallInput,
  type Endpoint,
  type FieldError,
  type ResponseOf,
  type UploadType,
} from '@gongzhi/shared';
import { clearSession, currentUrl, getToken, goToLogin } from './session';

export const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后重试';

/**
 * Fired with the endpoint when a role-gated call answers 403: services/me.ts reads the person again
 * and, when a post was revoked meanwhile, says so (an event, so this module needs nothing of it).
 */
export const ACCESS_REFUSED = 'gongzhi:access-refused';

/** What every failed call throws: the server's code, Chinese message and failing fields. */
export class ApiClientError extends Error {
  readonly code: string;
  /** HTTP status; 0 when the request never got an answer or was refused before sending. */
  readonly status: number;
  readonly fields: FieldError[];

  constructor(code: string, message: string, status: number, fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiClientError';
    this.code = code;
    this.status = status;
    this.fields = fields;
  }
}

type Body = TaroGeneral.IAnyObject | string | ArrayBuffer;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'TRACE' | 'CONNECT';
/** Extra request headers, e.g. `{ 'Idempotency-Key': key }` on a creating request that may be retried. */
type Extra = { header?: Record<string, string> };
type Args<E> = object extends CallInput<E> ? [input?: CallInput<E> & Extra] : [input: CallInput<E> & Extra];

/** A bad path or query comes from a broken link, not from something the person typed. */
const BAD_LINK_MESSAGE = '页面地址有误，请返回后重新进入';

function validationError(fields: FieldError[], where: 'body' | 'query' | 'params'): ApiClientError {
  const message = where === 'body' ? ERROR_CODES.VALIDATION_FAILED.message : BAD_LINK_MESSAGE;
  return new ApiClientError('VALIDATION_FAILED', message, 0, fields);
}

/** Refuses locally what the API would refuse, with the same field paths it would report. */
function check(schema: Endpoint['body'], value: unknown, where: 'body' | 'query' | 'params'): void {
  if (!schema) return;
  const result = parseWith(schema, value ?? (where === 'body' ? undefined : {}), where);
  if (!result.ok) throw validationError(result.fields, where);
}

function toQueryString(query: unknown): string {
  if (!query || typeof query !== 'object') return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function fromResponse(status: number, data: unknown): ApiClientError {
  if (isApiError(data)) return new ApiClientError(data.code, data.message, status, data.fields ?? []);
  // A proxy or gateway answered instead of our API (HTML page, empty body).
  const fallback =
    status >= 500
      ? ERROR_CODES.INTERNAL
      : status === 404
        ? ERROR_CODES.ROUTE_NOT_FOUND
        : status === 429
          ? ERROR_CODES.RATE_LIMITED
          : null;
  return new ApiClientError(
    fallback ? 'HTTP_' + status : 'HTTP_ERROR',
    fallback?.message ?? `请求失败（${status}）`,
    status,
  );
}

/**
 * Calls one endpoint of the shared contract: `call(api.menu.getMenuItem, { params: { id } })`.
 * Types of input and result come from the endpoint's schemas.
 */
export async function call<E extends Endpoint>(endpoint: E, ...args: Args<E>): Promise<ResponseOf<E>> {
  const input = (args[0] ?? {}) as {
    body?: unknown;
    query?: unknown;
    params?: Record<string, string | number>;
    header?: Record<string, string>;
  };
  check(endpoint.params, input.params, 'params');
  check(endpoint.query, input.query, 'query');
  check(endpoint.body, input.body, 'body');

  const token = getToken();
  if (endpoint.access !== 'public' && !token) {
    clearSession();
    goToLogin({ next: currentUrl() });
    throw new ApiClientError('UNAUTHENTICATED', ERROR_CODES.UNAUTHENTICATED.message, 401);
  }

  const header: Record<string, string> = { Accept: 'application/json', ...input.header };
  if (token) header.Authorization = `Bearer ${token}`;
  if (input.body !== undefined) header['Content-Type'] = 'application/json';

  let response: Taro.request.SuccessCallbackResult<Body>;
  try {
    response = await Taro.request<Body>({
      url: API_BASE + buildPath(endpoint.path, input.params) + toQueryString(input.query),
      method: endpoint.method.toUpperCase() as Method,
      header,
      data: input.body as Body | undefined,
      dataType: 'json',
      timeout: 15000,
    });
  } catch {
    throw new ApiClientError('NETWORK', NETWORK_ERROR_MESSAGE, 0);
  }

  const statusCode = response.statusCode;
  const data: unknown = response.data;
  if (statusCode >= 200 && statusCode < 300) return data as ResponseOf<E>;

  const error = fromResponse(statusCode, data);
  // A signed-in call answered 401: the token expired, the browser sign-in was ended or the account
  // stopped. The login page says which. Public calls (login) keep their error.
  if (statusCode === 401 && endpoint.access !== 'public') {
    clearSession();
    goToLogin({ notice: error.message });
  }
  if (statusCode === 403 && error.code === 'FORBIDDEN' && Array.isArray(endpoint.access)) {
    Taro.eventCenter.trigger(ACCESS_REFUSED, endpoint);
  }
  throw error;
}

/**
 * Uploads one image as the raw request body (api.needs.createUpload): returns its id for `photos`.
 * `key` is an Idempotency-Key, so a retried upload of the same photo is stored once.
 */
export async function uploadImage(
  bytes: ArrayBuffer,
  type: UploadType,
  key?: string,
): Promise<ResponseOf<typeof api.needs.createUpload>> {
  if (bytes.byteLength > UPLOAD_MAX_BYTES) {
    throw new ApiClientError('PAYLOAD_TOO_LARGE', '图片不能超过 5 MB', 0);
  }
  const endpoint = api.needs.createUpload;
  const token = getToken();
  if (!token) {
    clearSession();
    goToLogin();
    throw new ApiClientError('UNAUTHENTICATED', ERROR_CODES.UNAUTHENTICATED.message, 401);
  }
  const header: Record<string, string> = {
    Accept: 'application/json',
    Authorization: `Bearer ${token}`,
    'Content-Type': type,
  };
  if (key) header['Idempotency-Key'] = key;
  let statusCode: number;
  let data: unknown;
  try {
    if (process.env.TARO_ENV === 'h5') {
      // Taro's H5 request serialises bodies itself; fetch sends the bytes as they are.
      const response = await fetch(API_BASE + endpoint.path, { method: 'POST', headers: header, body: bytes });
      statusCode = response.status;
      data = await response.json().catch(() => null);
    } else {
      const response = await Taro.request<Body>({
        url: API_BASE + endpoint.path,
        method: 'POST',
        header,
        data: bytes,
        dataType: 'json',
        timeout: 60000,
      });
      statusCode = response.statusCode;
      data = response.data;
    }
  } catch {
    throw new ApiClientError('NETWORK', NETWORK_ERROR_MESSAGE, 0);
  }
  if (statusCode >= 200 && statusCode < 300) return data as ResponseOf<typeof api.needs.createUpload>;
  const error = fromResponse(statusCode, data);
  if (statusCode === 401) {
    clearSession();
    goToLogin({ notice: error.message });
  }
  throw error;
}

/** The Chinese line to show for any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiClientError) return error.message;
  return ERROR_CODES.INTERNAL.message;
}
