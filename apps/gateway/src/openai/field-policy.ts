/**
 * What PAL does with the OpenAI chat fields it cannot honour as OpenAI would (see the README's
 * table): `refuse` is a 400 naming the field, because dropping it would change what the caller
 * gets back (several choices, log probabilities, audio); `ignore` drops a harmless field and says
 * so in `x-pal-warnings`. A value that asks for the default (`n: 1`, `logprobs: false`, `null`) is
 * neither.
 */
export type FieldVerdict = { refuse: string } | { ignore: string } | undefined;

const given = (value: unknown) => value !== undefined && value !== null;

const TEXT_ONLY = 'PAL answers in text only';

/** Top-level chat fields PAL does not translate, each with its verdict for a value. */
export const FIELD_POLICY: Readonly<Record<string, (value: unknown) => FieldVerdict>> = {
  n: (value) =>
    given(value) && value !== 1
      ? {
          refuse:
            'PAL returns one choice per request: only n: 1 is supported (send several requests for more)',
        }
      : undefined,
  logprobs: (value) =>
    value === true ? { refuse: 'log probabilities are not available through PAL' } : undefined,
  top_logprobs: (value) =>
    given(value) ? { refuse: 'log probabilities are not available through PAL' } : undefined,
  logit_bias: (value) =>
    given(value) && Object.keys(value as object).length > 0
      ? { refuse: "token ids belong to one vendor's tokenizer, and PAL may route the call to another" }
      : undefined,
  audio: (value) => (given(value) ? { refuse: TEXT_ONLY } : undefined),
  modalities: (value) =>
    given(value) && !(Array.isArray(value) && value.every((m) => m === 'text'))
      ? { refuse: TEXT_ONLY }
      : undefined,
  functions: (value) =>
    given(value) ? { refuse: 'the deprecated functions field is not supported: use tools' } : undefined,
  function_call: (value) =>
    given(value)
      ? { refuse: 'the deprecated function_call field is not supported: use tool_choice' }
      : undefined,
  web_search_options: (value) =>
    given(value) ? { refuse: "web search is OpenAI's own tool, not available through PAL" } : undefined,
  parallel_tool_calls: (value) =>
    value === false
      ? { ignore: 'parallel_tool_calls: false was not sent; the model may call several tools at once' }
      : undefined,
  store: (value) =>
    value === true
      ? { ignore: 'store was not sent: PAL does not store completions at the vendor' }
      : undefined,
  service_tier: (value) =>
    given(value) && value !== 'auto' && value !== 'default'
      ? { ignore: "service_tier was not sent: the vendor's default tier serves the call" }
      : undefined,
  prediction: (value) =>
    given(value) ? { ignore: 'prediction was not sent (predicted outputs only shorten latency)' } : undefined,
  prompt_cache_key: (value) =>
    given(value)
      ? { ignore: 'prompt_cache_key was not sent: vendors cache prompts by their own rules' }
      : undefined,
  safety_identifier: (value) => (given(value) ? { ignore: 'safety_identifier was not sent' } : undefined),
  verbosity: (value) => (given(value) ? { ignore: 'verbosity was not sent' } : undefined),
};
