import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import helmet from 'koa-helmet';
import type { Settings } from '../config/settings';
import { SWAGGER_SCRIPT } from './swagger-script';

const hashOf = (script: string) => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;

/** CSP sources for the inline scripts of an HTML page (Taro's root font-size script in the H5 index.html). */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1])
    .filter((body) => body.trim() !== '')
    .map(hashOf);
}

/**
 * Security headers on every response, from helmet: a Content-Security-Policy the H5 build satisfies
 * (its own scripts, and its inline one by hash, read from the built index.html at start-up; inline
 * styles, which Taro's components set; images from the API, data: and blob: URLs; chosen photos read
 * from their blob: URLs), no framing,
 * nosniff, a Referrer-Policy that keeps paths (invitation codes) to ourselves, and HSTS when the
 * public address is https.
 */
export function securityHeaders(settings: Pick<Settings, 'h5Dir' | 'publicUrl'>) {
  const index = path.join(settings.h5Dir, 'index.html');
  const html = fs.existsSync(index) ? fs.readFileSync(index, 'utf8') : '';
  const tls = settings.publicUrl.startsWith('https://');
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes(html), hashOf(SWAGGER_SCRIPT)],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // blob: the H5 reads a chosen photo's bytes from its blob URL before uploading them.
        connectSrc: ["'self'", 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(tls ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: tls ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
  });
}
