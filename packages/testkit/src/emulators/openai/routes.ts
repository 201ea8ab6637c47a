import type { VendorRoute } from '../../emulator/types.js';
import { chatCompletionsReply } from './chat-route.js';
import { embeddingsReply } from './embeddings.js';
import { IMAGE_FILES_PATH, imageFileReply, imageGenerationsReply } from './images.js';
import { listModelsReply, retrieveModelReply } from './models.js';
import { responsesReply } from './responses-route.js';

/** Path prefixes the OpenAI API is served under: OpenAI, Azure "v1", and Azure classic deployments. */
const OPENAI_PREFIXES = ['/v1', '/openai/v1'];
const AZURE_DEPLOYMENT = '/openai/deployments/:deployment';

function post(suffix: string, handle: VendorRoute['handle']): VendorRoute[] {
  return [...OPENAI_PREFIXES, AZURE_DEPLOYMENT].map((prefix) => ({
    method: 'POST',
    pattern: `${prefix}${suffix}`,
    handle,
  }));
}

/** Every route of the OpenAI emulator (OpenAI, Azure classic `/openai/deployments/{d}/…` and Azure `/openai/v1/…`). */
export const OPENAI_ROUTES: readonly VendorRoute[] = [
  ...post('/chat/completions', chatCompletionsReply),
  ...post('/embeddings', embeddingsReply),
  ...post('/images/generations', imageGenerationsReply),
  ...['/v1/responses', '/openai/v1/responses', '/openai/responses'].map(
    (pattern): VendorRoute => ({ method: 'POST', pattern, handle: responsesReply }),
  ),
  ...['/v1/models', '/openai/v1/models', '/openai/models'].map(
    (pattern): VendorRoute => ({ method: 'GET', pattern, handle: listModelsReply }),
  ),
  {
    method: 'GET',
    pattern: /^\/(?:v1|openai\/v1|openai)\/models\/(?<model>.+)$/,
    handle: retrieveModelReply,
  },
  { method: 'GET', pattern: `${IMAGE_FILES_PATH}/:name`, handle: imageFileReply },
];
