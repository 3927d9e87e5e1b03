import { Controller, Get } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { mountedRoutes } from '../config/settings';
import { buildOpenApi } from './openapi';
import { SWAGGER_SCRIPT } from './swagger-script';

let cached: Record<string, unknown> | null = null;

/** Mounted only where the docs are on (development; production with API_DOCS=on). */
const GetDocs = (path: string): MethodDecorator => (mountedRoutes().apiDocs ? Get(path) : () => undefined);

/** Serves the OpenAPI document and Swagger UI (assets from swagger-ui-dist, see config). */
@Controller('/')
export class DocsController {
  @GetDocs('/api/v1/openapi.json')
  async openapi() {
    cached ??= buildOpenApi({ devOnly: mountedRoutes().devOnly });
    return cached;
  }

  @GetDocs('/api/docs')
  async swaggerUi(ctx: Context) {
    ctx.type = 'html';
    return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>共治通 API 文档</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script>${SWAGGER_SCRIPT}</script>
</body></html>`;
  }
}
