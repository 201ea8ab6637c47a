import type { MiddlewareHandler } from 'hono';
import { failureResponse, palDialect } from '../http/dialect.js';
import { gatewayFailure } from '../http/gateway-error.js';

/** How the admin check knows the admin token. */
export interface AdminAuthOptions {
  /** True for the admin token (compared in constant time). */
  isAdminToken(token: string): boolean;
}

declare module 'hono' {
  interface ContextVariableMap {
    /** Who made an admin change, for the audit log: `admin`, or `admin:<x-pal-actor>`. */
    actor: string;
  }
}

/**
 * The admin check of `/api/*`: `Authorization: Bearer <admin token>`, else a 401 in PAL's dialect
 * that never repeats what was sent. An `x-pal-actor` header (a person's name, from the console)
 * names who made a change in the audit log (`admin:ann`).
 */
export function adminAuth(options: AdminAuthOptions): MiddlewareHandler {
  return async (c, next) => {
    const match = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization')?.trim() ?? '');
    const token = match?.[1]?.trim();
    if (!token || !options.isAdminToken(token)) {
      c.header('www-authenticate', 'Bearer realm="pal-admin"');
      return failureResponse(
        c,
        palDialect,
        gatewayFailure(
          401,
          'PROVIDER_AUTH_ERROR',
          token
            ? 'The admin token is not valid'
            : 'The console API needs the admin token: send "Authorization: Bearer <admin token>"',
          { action: 'none' },
        ),
      );
    }
    const person = c.req.header('x-pal-actor')?.trim().slice(0, 100);
    c.set('actor', person ? `admin:${person}` : 'admin');
    await next();
  };
}
