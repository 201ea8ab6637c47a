/** A credential field a vendor's setup form asks for. */
export interface CredentialField {
  /** The credential's name as the provider factory takes it (`apiKey`, `secretAccessKey`). */
  name: string;
  label: string;
  /** Typed into a masked field and stored encrypted (false: an id that is not secret). */
  secret: boolean;
  placeholder?: string;
}

/** A provider a person can connect from the console, with what its setup form needs. */
export interface Vendor {
  /** The provider id it is saved under. */
  id: string;
  name: string;
  /** What it is, in a few words, for the card. */
  blurb: string;
  package: string;
  /** The package's factory export (default `createProvider`). */
  factory?: string;
  credentials: CredentialField[];
  /** An endpoint field: `required` for hosts with no default (Azure), else optional. */
  endpoint?: { required: boolean; placeholder: string; label?: string };
  /** "Where to find your key". */
  keyHelp: { url: string; text: string };
}

const OPENAI_PACKAGE = '@pal/provider-openai';

/**
 * A vendor whose one credential is an API key: its id (also its factory's name, unless `extra`
 * says otherwise), name, blurb, package, what its keys look like and where to find one.
 */
function keyed(
  [id, name, blurb, pkg]: [string, string, string, string],
  keyPlaceholder: string,
  [url, text]: [string, string],
  extra: Partial<Vendor> = {},
): Vendor {
  return {
    id,
    name,
    blurb,
    package: pkg,
    factory: id,
    credentials: [{ name: 'apiKey', label: 'API key', secret: true, placeholder: keyPlaceholder }],
    keyHelp: { url, text },
    ...extra,
  };
}

/** The cards of "Connect your LLM provider", in the order they are shown. */
export const VENDORS: readonly Vendor[] = [
  keyed(
    ['openai', 'OpenAI', 'GPT-5.5, GPT-5.4, GPT-5.4 mini and nano', OPENAI_PACKAGE],
    'sk-…',
    ['https://platform.openai.com/api-keys', 'OpenAI dashboard → API keys'],
    { endpoint: { required: false, placeholder: 'https://api.openai.com/v1' } },
  ),
  keyed(
    ['anthropic', 'Anthropic', 'Claude Sonnet, Opus and Haiku', '@pal/provider-anthropic'],
    'sk-ant-…',
    ['https://console.anthropic.com/settings/keys', 'Anthropic Console → API keys'],
    { endpoint: { required: false, placeholder: 'https://api.anthropic.com' } },
  ),
  keyed(
    ['gemini', 'Google Gemini', 'Gemini 3.6 Flash, 3.1 Pro and Flash-Lite', '@pal/provider-gemini'],
    'AIza…',
    ['https://aistudio.google.com/app/apikey', 'Google AI Studio → Get API key'],
  ),
  {
    id: 'bedrock',
    name: 'Amazon Bedrock',
    blurb: 'Claude, Llama, Titan and more through your AWS account',
    package: '@pal/provider-bedrock',
    factory: 'bedrock',
    credentials: [
      { name: 'accessKeyId', label: 'Access key ID', secret: false, placeholder: 'AKIA…' },
      { name: 'secretAccessKey', label: 'Secret access key', secret: true },
    ],
    endpoint: { required: false, placeholder: 'https://bedrock-runtime.us-east-1.amazonaws.com' },
    keyHelp: {
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
      text: 'AWS IAM → Security credentials → Access keys',
    },
  },
  {
    id: 'ollama',
    name: 'Ollama',
    blurb: 'Models on your own machine; no key, no bill',
    package: '@pal/provider-ollama',
    factory: 'ollama',
    credentials: [],
    endpoint: { required: false, placeholder: 'http://127.0.0.1:11434' },
    keyHelp: { url: 'https://ollama.com/download', text: 'Install Ollama (no key needed)' },
  },
  keyed(
    ['azure', 'Azure OpenAI', 'OpenAI models in your Azure subscription', OPENAI_PACKAGE],
    'your resource key',
    [
      'https://learn.microsoft.com/azure/ai-services/openai/quickstart',
      'Azure portal → your OpenAI resource → Keys and Endpoint',
    ],
    {
      factory: 'azureOpenAI',
      endpoint: {
        required: true,
        placeholder: 'https://<resource>.openai.azure.com',
        label: 'Resource endpoint',
      },
    },
  ),
  keyed(['groq', 'Groq', 'Open models at very high speed', OPENAI_PACKAGE], 'gsk_…', [
    'https://console.groq.com/keys',
    'GroqCloud console → API Keys',
  ]),
  keyed(['together', 'Together AI', 'Hosted open models', OPENAI_PACKAGE], 'your Together key', [
    'https://api.together.ai/settings/api-keys',
    'Together → Settings → API keys',
  ]),
  keyed(['openrouter', 'OpenRouter', 'Many vendors behind one key', OPENAI_PACKAGE], 'sk-or-…', [
    'https://openrouter.ai/settings/keys',
    'OpenRouter → Settings → Keys',
  ]),
];

/** The vendor card for a provider id, if it is one of the built-in ones. */
export function vendorOf(id: string): Vendor | undefined {
  return VENDORS.find((vendor) => vendor.id === id);
}
