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

const apiKey = (placeholder: string): CredentialField => ({
  name: 'apiKey',
  label: 'API key',
  secret: true,
  placeholder,
});

/** The cards of "Connect your LLM provider", in the order they are shown. */
export const VENDORS: readonly Vendor[] = [
  {
    id: 'openai',
    name: 'OpenAI',
    blurb: 'GPT-4o, GPT-4o mini, o-series reasoning models',
    package: '@pal/provider-openai',
    factory: 'openai',
    credentials: [apiKey('sk-…')],
    endpoint: { required: false, placeholder: 'https://api.openai.com/v1' },
    keyHelp: { url: 'https://platform.openai.com/api-keys', text: 'OpenAI dashboard → API keys' },
  },
  {
    id: 'anthropic',
    name: 'Anthropic',
    blurb: 'Claude Sonnet, Opus and Haiku',
    package: '@pal/provider-anthropic',
    factory: 'anthropic',
    credentials: [apiKey('sk-ant-…')],
    endpoint: { required: false, placeholder: 'https://api.anthropic.com' },
    keyHelp: { url: 'https://console.anthropic.com/settings/keys', text: 'Anthropic Console → API keys' },
  },
  {
    id: 'gemini',
    name: 'Google Gemini',
    blurb: 'Gemini 2.5 Pro and Flash',
    package: '@pal/provider-gemini',
    factory: 'gemini',
    credentials: [apiKey('AIza…')],
    keyHelp: { url: 'https://aistudio.google.com/app/apikey', text: 'Google AI Studio → Get API key' },
  },
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
  {
    id: 'azure',
    name: 'Azure OpenAI',
    blurb: 'OpenAI models in your Azure subscription',
    package: '@pal/provider-openai',
    factory: 'azureOpenAI',
    credentials: [apiKey('your resource key')],
    endpoint: {
      required: true,
      placeholder: 'https://<resource>.openai.azure.com',
      label: 'Resource endpoint',
    },
    keyHelp: {
      url: 'https://learn.microsoft.com/azure/ai-services/openai/quickstart',
      text: 'Azure portal → your OpenAI resource → Keys and Endpoint',
    },
  },
  {
    id: 'groq',
    name: 'Groq',
    blurb: 'Open models at very high speed',
    package: '@pal/provider-openai',
    factory: 'groq',
    credentials: [apiKey('gsk_…')],
    keyHelp: { url: 'https://console.groq.com/keys', text: 'GroqCloud console → API Keys' },
  },
  {
    id: 'together',
    name: 'Together AI',
    blurb: 'Hosted open models',
    package: '@pal/provider-openai',
    factory: 'together',
    credentials: [apiKey('your Together key')],
    keyHelp: { url: 'https://api.together.ai/settings/api-keys', text: 'Together → Settings → API keys' },
  },
  {
    id: 'openrouter',
    name: 'OpenRouter',
    blurb: 'Many vendors behind one key',
    package: '@pal/provider-openai',
    factory: 'openrouter',
    credentials: [apiKey('sk-or-…')],
    keyHelp: { url: 'https://openrouter.ai/settings/keys', text: 'OpenRouter → Settings → Keys' },
  },
];

/** The vendor card for a provider id, if it is one of the built-in ones. */
export function vendorOf(id: string): Vendor | undefined {
  return VENDORS.find((vendor) => vendor.id === id);
}
