/** Any AWS SDK command (all of them carry their own middleware stack). */
interface CommandWithStack {
  middlewareStack: {
    // biome-ignore lint/suspicious/noExplicitAny: each command's stack has its own generic types
    add(middleware: any, options: { step: 'build'; name: string; override?: boolean }): void;
  };
}
type Handler = (args: { request: unknown }) => Promise<unknown>;

/**
 * Adds `headers` to one command's HTTP request (a `build`-step middleware, so SigV4 signs them).
 * Names are lower-cased, as HTTP/2 requires. Returns the command.
 */
export function withRequestHeaders<C extends CommandWithStack>(
  command: C,
  headers: Record<string, string>,
): C {
  const entries = Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value] as const);
  if (entries.length === 0) return command;
  command.middlewareStack.add(
    (next: Handler) => async (args: { request: unknown }) => {
      const request = args.request as { headers?: Record<string, string> } | undefined;
      if (request?.headers) for (const [name, value] of entries) request.headers[name] = value;
      return next(args);
    },
    { step: 'build', name: 'palRequestHeaders', override: true },
  );
  return command;
}
