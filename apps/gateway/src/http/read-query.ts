import type { z } from '@pal/core/provider';
import type { Context } from 'hono';
import { checked } from './read-body.js';

/** The query string checked against `schema` (values are strings: coerce in the schema); a bad one is a 400 naming the parameter. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return checked(c.req.query(), schema, 'query');
}
