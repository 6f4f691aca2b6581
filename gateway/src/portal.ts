import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';

/**
 * Serves the built portal on the gateway's origin: hashed assets cached for a year, index.html
 * never cached, and client-side routes (e.g. /plans) answered with index.html.
 */
export function mountPortal(app: Express, portalDir: string): boolean {
  const index = path.join(portalDir, 'index.html');
  if (!existsSync(index)) return false;
  app.use(
    express.static(portalDir, {
      index: false,
      setHeaders: (res, file) => {
        res.setHeader(
          'Cache-Control',
          file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
        );
      },
    }),
  );
  app.get(/^\/(?!graphql|healthz|readyz|graphiql).*/, (req, res, next) => {
    if (!req.accepts('html') || path.extname(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
