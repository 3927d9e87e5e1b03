import { allEndpoints, ERROR_CODES, ROLES, ROLE_LABELS, z, type Endpoint } from '@gongzhi/shared';

type JsonSchema = Record<string, unknown>;

function schemaOf(type: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function parametersOf(def: Endpoint): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [where, type] of [
    ['path', def.params],
    ['query', def.query],
  ] as const) {
    if (!type) continue;
    const json = schemaOf(type, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema });
    }
  }
  return out;
}

function accessText(def: Endpoint): string {
  if (def.access === 'public') return '无需登录';
  if (def.access === 'signedIn') return '任何已登录用户';
  return `角色：${def.access.join(', ')}`;
}

const errorSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', enum: Object.keys(ERROR_CODES), description: '稳定的错误码，供程序判断' },
    message: { type: 'string', description: '给人看的中文说明' },
    fields: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
    requestId: { type: 'string' },
  },
};

/**
 * The OpenAPI 3.1 document, built from the shared contract so it cannot drift from the routes;
 * without `devOnly` (production) the development-only endpoints are left out, as they are not mounted.
 */
export function buildOpenApi({ devOnly = true }: { devOnly?: boolean } = {}): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const def of allEndpoints) {
    if (def.devOnly && !devOnly) continue;
    const path = def.path.replace(/:([a-zA-Z]+)/g, '{$1}');
    // 限流: writes, exports and pages (a big page takes a concurrent read slot) may answer 429 with Retry-After.
    const paged = (def.query as { shape?: Record<string, unknown> } | undefined)?.shape?.pageSize !== undefined;
    const limited = def.method !== 'get' || def.expensive || paged;
    const errors = ['400', '401', '403', '404', ...(limited ? ['429'] : []), '503'];
    paths[path] ??= {};
    paths[path][def.method] = {
      operationId: def.id,
      summary: def.summary,
      description: `${def.description ? `${def.description}\n\n` : ''}权限：${accessText(def)}${def.devOnly ? '；仅开发环境' : ''}`,
      tags: [def.tag],
      // Who may call it, machine-readable: 'public', 'signedIn', or the roles (the permission matrix reads this).
      'x-access': def.access,
      ...(def.idempotent ? { 'x-idempotent': true } : {}),
      ...(def.limit ? { 'x-rate-limit': def.limit } : {}),
      ...(def.access === 'public' ? { security: [] } : {}),
      parameters: parametersOf(def),
      ...(def.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: schemaOf(def.body, 'input'),
                  ...(def.example !== undefined ? { example: def.example } : {}),
                },
              },
            },
          }
        : {}),
      responses: {
        '200': { description: '成功', content: { 'application/json': { schema: schemaOf(def.response, 'output') } } },
        ...Object.fromEntries(
          errors.map((code) => [
            code,
            {
              description: '错误',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
          ]),
        ),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '共治通 API',
      version: '1.0.0',
      description:
        '共治通（党建引领城市基层治理）小程序与第三方使用的接口。所有错误都是 `{ code, message, fields? }`；' +
        '创建类请求可带 `Idempotency-Key`。',
    },
    servers: [{ url: '/' }],
    // Every role an operation's `x-access` may name, with its Chinese name.
    'x-roles': ROLES.map((role) => ({ role, label: ROLE_LABELS[role] })),
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: errorSchema },
    },
    security: [{ bearerAuth: [] }],
    paths,
  };
}
