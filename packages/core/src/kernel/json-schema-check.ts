import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv';
import type { ChatRequest } from '../contracts/chat-request.js';
import type { JsonSchema } from '../contracts/json-schema.js';
import { PalError } from '../errors/pal-error.js';

interface MetaValidator {
  validateSchema(schema: object): boolean | Promise<unknown>;
  errors?: ErrorObject[] | null;
}

let validators: { draft7: MetaValidator; draft2020: MetaValidator } | undefined;
/** Schema objects already checked (by identity): a tool set reused across calls is checked once. */
const verdicts = new WeakMap<object, string | null>();

/**
 * Loads Ajv on first use (only requests with tools or a JSON schema pay for it), one instance per
 * JSON Schema dialect PAL accepts: draft-07 (what zod schemas convert to) and 2020-12 (the default
 * for a schema that names no `$schema`, as OpenAI and Anthropic read them).
 */
function metaValidators() {
  if (!validators) {
    const load = createRequire(import.meta.url);
    const Ajv = (load('ajv') as { default: new (options: object) => MetaValidator }).default;
    const Ajv2020 = (load('ajv/dist/2020') as { default: new (options: object) => MetaValidator }).default;
    const options = { strict: false, validateFormats: false, allErrors: false };
    validators = { draft7: new Ajv(options), draft2020: new Ajv2020(options) };
  }
  return validators;
}

/** Why `schema` is not a valid JSON Schema, or null when it is (checked against its dialect's meta-schema). */
function schemaProblem(schema: JsonSchema): string | null {
  const known = verdicts.get(schema);
  if (known !== undefined) return known;
  const { draft7, draft2020 } = metaValidators();
  const dialect =
    typeof schema.$schema === 'string' && /draft-0[4-7]/.test(schema.$schema) ? draft7 : draft2020;
  let problem: string | null = null;
  try {
    if (dialect.validateSchema(schema) !== true) problem = describe(dialect.errors?.[0]);
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  verdicts.set(schema, problem);
  return problem;
}

function describe(error: ErrorObject | undefined): string {
  if (!error) return 'it is not a valid JSON Schema';
  const where = error.instancePath ? `${error.instancePath.slice(1).replaceAll('/', '.')} ` : '';
  const allowed =
    error.keyword === 'enum' && Array.isArray(error.params.allowedValues)
      ? ` (${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`
      : '';
  return `${where}${error.message ?? 'is invalid'}${allowed}`.trim();
}

/**
 * Checks every JSON Schema a chat request carries (each tool's `parameters`, the response
 * format's `schema`) against the JSON Schema meta-schema, so a broken schema (`type: "objekt"`,
 * `properties: 5`) fails here with INVALID_REQUEST naming it, instead of upstream.
 */
export function assertJsonSchemas(request: ChatRequest, what: string): void {
  request.tools?.forEach((tool, index) => {
    const problem = schemaProblem(tool.parameters);
    if (problem)
      throw invalidSchema(
        ['tools', index, 'parameters'],
        `tools[${index}].parameters`,
        tool.name,
        problem,
        what,
      );
  });
  const format = request.responseFormat;
  if (format?.type === 'json' && format.schema) {
    const problem = schemaProblem(format.schema);
    if (problem)
      throw invalidSchema(['responseFormat', 'schema'], 'responseFormat.schema', undefined, problem, what);
  }
}

function invalidSchema(
  path: Array<string | number>,
  dotted: string,
  toolName: string | undefined,
  problem: string,
  what: string,
): PalError {
  const subject = toolName ? `the parameters of tool "${toolName}"` : 'the response schema';
  return new PalError({
    code: 'INVALID_REQUEST',
    message: `Invalid ${what} request: ${dotted}: not a valid JSON Schema: ${problem}`,
    userMessage: `The ${what} request is invalid: ${subject} is not a valid JSON Schema (${problem}).`,
    retryable: false,
    path,
    details: {
      issues: [{ path: dotted, message: `not a valid JSON Schema: ${problem}`, code: 'invalid_json_schema' }],
    },
  });
}
