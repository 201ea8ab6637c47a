/**
 * Something an adapter could not do as the caller asked, said out loud instead of dropped
 * silently (modelled on the AI SDK's call warnings):
 * - `unsupported-setting`: the vendor does not take this setting; it was not sent
 *   (temperature on Anthropic's current API, `seed` on Bedrock).
 * - `changed-setting`: it was sent, but not as given (an image URL inlined as base64,
 *   `toolChoice: 'required'` sent as `auto`).
 * - `other`: anything else the caller should know.
 */
export type CallWarning =
  | {
      type: 'unsupported-setting';
      /** The request field, as the caller wrote it: `temperature`, `toolChoice`, `providerOptions.x`. */
      setting: string;
      details?: string;
    }
  | {
      type: 'changed-setting';
      setting: string;
      /** What was sent instead, and why. */
      details: string;
    }
  | { type: 'other'; message: string };

/** A one-line description of a warning, for logs and UIs. */
export function describeWarning(warning: CallWarning): string {
  switch (warning.type) {
    case 'unsupported-setting':
      return `${warning.setting} is not supported and was not sent${warning.details ? `: ${warning.details}` : ''}`;
    case 'changed-setting':
      return `${warning.setting} was changed: ${warning.details}`;
    default:
      return warning.message;
  }
}
