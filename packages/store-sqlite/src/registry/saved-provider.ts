import { isSecret, type Secret } from '@pal/core';
import { isSecretName, z } from '@pal/core/provider';

const secretSchema = z.custom<Secret>((value) => isSecret(value), { error: 'expected a Secret' });
const credentialSchema = z.union([z.string().min(1), secretSchema]);

/** Provider ids, as in a config file: lower-case letters, digits, `.`, `_` and `-`. */
export const providerIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'provider ids are lower-case letters, digits, ".", "_" and "-"');

/**
 * What `saveProvider` takes. A field left out keeps what is saved (or its default, for a new
 * provider); `null` clears it. Credentials are encrypted; `options` must hold no secret (a key
 * under a secret-like name there is refused: put it in `credentials`).
 */
export const saveProviderSchema = z.strictObject({
  /** The provider id the runtime will know it by (`openai`, `groq`, `my-vllm`). */
  id: providerIdSchema,
  /** The name people see. Default: the provider's usual name (`OpenAI`). */
  displayName: z.string().min(1).optional(),
  /** The provider package, imported by name when loading (`@pal/provider-openai`). Required for a new provider. */
  package: z.string().min(1).optional(),
  /** Its factory export. Default `createProvider`. */
  factory: z.string().min(1).optional(),
  /** The API key: shorthand for `credentials.apiKey`. */
  apiKey: credentialSchema.nullable().optional(),
  /** Every credential the factory takes by name (`apiKey`, `secretAccessKey`…), replacing the saved ones. */
  credentials: z.record(z.string().min(1), credentialSchema).nullable().optional(),
  /** The endpoint (seed 003's `endpoint`), passed to the factory as `baseURL`. */
  baseURL: z
    .url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL' })
    .nullable()
    .optional(),
  /** The factory's other options (an OpenAI-compatible host's preset, a region…); no secrets. */
  options: z
    .record(z.string(), z.unknown())
    .refine((options) => !Object.keys(options).some(isSecretName), {
      error:
        'options must not hold secrets (a key under a secret-like name): pass them in credentials, which are encrypted',
    })
    .nullable()
    .optional(),
  /** Loaded into runtimes by `loadInto`. Default true. */
  enabled: z.boolean().optional(),
  /** The model new calls default to (seed 003's "Which model for new automations?"). */
  defaultModel: z.string().min(1).nullable().optional(),
});

/** What `saveProvider` takes. */
export type SaveProviderInput = z.input<typeof saveProviderSchema>;

/** A saved provider as the store shows it: credentials masked, never in the clear. */
export interface SavedProvider {
  id: string;
  displayName: string;
  package: string;
  factory: string;
  enabled: boolean;
  baseURL?: string;
  options?: Record<string, unknown>;
  defaultModel?: string;
  /** Each credential's name and masked value (`{ apiKey: 'sk-...vX2Q' }`: the last four characters). */
  credentials: Record<string, string>;
  /** Epoch ms of the last `recordValidation`. */
  lastValidatedAt?: number;
  /** Its outcome: ok, or the PalError code it failed with. */
  lastValidation?: { ok: boolean; errorCode?: string };
  createdAt: number;
  updatedAt: number;
}

/** Who changed something, for the audit log. */
export interface ChangeOptions {
  actor?: string;
}
