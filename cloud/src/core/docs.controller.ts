import { Controller, Get } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { buildOpenApi } from './openapi';

let cached: Record<string, unknown> | null = null;

/** Serves the OpenAPI document and Swagger UI (assets from swagger-ui-dist, see config). */
@Controller('/')
export class DocsController {
  @Get('/api/v1/openapi.json')
  async openapi() {
    cached ??= buildOpenApi();
    return cached;
  }

  @Get('/api/docs')
  async swaggerUi(ctx: Context) {
    ctx.type = 'html';
    return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>共治通 API 文档</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui' });</script>
</body></html>`;
  }
}
