/**
 * The one error shape of the API: a stable `code` for programs, a Chinese `message` for people,
 * and the failing fields when input was at fault.
 */
export interface FieldError {
  /** Dotted path of the failing field, e.g. `body.phone` or `query.page`. */
  path: string;
  message: string;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  fields?: FieldError[];
  requestId?: string;
}

export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, message: '提交的内容有误，请检查标出的项目' },
  BAD_JSON: { status: 400, message: '请求内容不是有效的 JSON' },
  CHECKIN_CODE_INVALID: { status: 400, message: '签到码无效或已过期，请重新扫码' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  TOKEN_INVALID: { status: 401, message: '登录已失效，请重新登录' },
  WX_CODE_INVALID: { status: 401, message: '微信登录凭证无效或已过期，请重试' },
  ACCOUNT_DISABLED: { status: 401, message: '该账号已停用，如有疑问请联系社区工作人员' },
  FORBIDDEN: { status: 403, message: '您没有权限进行此操作' },
  DEV_LOGIN_DISABLED: { status: 403, message: '演示登录在正式环境中不可用' },
  NOT_FOUND: { status: 404, message: '没有找到相关内容' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持该请求方式' },
  CONFLICT: { status: 409, message: '操作与当前状态冲突，请刷新后再试' },
  INVALID_TRANSITION: { status: 409, message: '当前状态下不能进行这个操作' },
  CAPACITY_FULL: { status: 409, message: '名额已满' },
  SLOT_TAKEN: { status: 409, message: '该时段已被预约' },
  TIME_CLASH: { status: 409, message: '与您已认领的其他班次时间冲突' },
  CUTOFF_PASSED: { status: 409, message: '已过截止时间' },
  CHECKIN_CLOSED: { status: 409, message: '现在不在签到签退时间内' },
  INSUFFICIENT_POINTS: { status: 409, message: '积分不足' },
  OUT_OF_STOCK: { status: 409, message: '该商品已兑完' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, message: '相同的请求正在处理中，请稍候' },
  CONTENT_RISKY: { status: 422, message: '内容含有不适宜发布的信息，请修改后再提交' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: '同一个请求编号不能用于不同的内容' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍后再试' },
  INTERNAL: { status: 500, message: '服务器开小差了，请稍后再试' },
  WX_UNAVAILABLE: { status: 502, message: '微信服务暂时不可用，请稍后再试' },
  DB_UNAVAILABLE: { status: 503, message: '数据服务暂时不可用，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiError).code === 'string' &&
    typeof (value as ApiError).message === 'string'
  );
}
