/** Where a local Ollama listens by default. */
export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

/**
 * The base URL from `OLLAMA_HOST` the way the `ollama` CLI reads it: a scheme is optional
 * (`127.0.0.1:11434`), the port defaults to 11434, and the bind-all address `0.0.0.0` means this machine.
 */
export function ollamaBaseURL(host: string | undefined = process.env.OLLAMA_HOST): string {
  const value = host?.trim();
  if (!value) return DEFAULT_OLLAMA_HOST;
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  if (!url.port && url.protocol === 'http:' && !/:\d+/.test(value.replace(/^[a-z]+:\/\//i, '')))
    url.port = '11434';
  return url.toString().replace(/\/+$/, '');
}
