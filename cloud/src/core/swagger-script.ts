/**
 * Swagger UI's start-up script, inline in its page and allowed by its hash in the CSP. Kept apart from
 * the docs controller: importing that would decide its routes before the settings are known.
 */
export const SWAGGER_SCRIPT = "window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui' });";
