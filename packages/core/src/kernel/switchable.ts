import type { Middleware } from './middleware.js';

/** Lets a caller skip a custom middleware for one call with `overrides: { [name]: false }`. */
export function switchable(mw: Middleware): Middleware {
  const off = (overrides: Readonly<Record<string, unknown>> | undefined) => overrides?.[mw.name] === false;
  return {
    name: mw.name,
    chat:
      mw.chat &&
      ((request, ctx, next) => (off(ctx.overrides) ? next.chat(request, ctx) : mw.chat!(request, ctx, next))),
    stream:
      mw.stream &&
      ((request, ctx, next) =>
        off(ctx.overrides) ? next.stream(request, ctx) : mw.stream!(request, ctx, next)),
    embed:
      mw.embed &&
      ((request, ctx, next) =>
        off(ctx.overrides) ? next.embed(request, ctx) : mw.embed!(request, ctx, next)),
    generateImage:
      mw.generateImage &&
      ((request, ctx, next) =>
        off(ctx.overrides) ? next.generateImage(request, ctx) : mw.generateImage!(request, ctx, next)),
  };
}
