import { createHash } from 'node:crypto';
import type { JsonReply } from '../../emulator/types.js';
import type { Block } from './converse-request.js';
import { claudeThinkingRefusal, showsThinking } from '../claude-generation.js';
import { bedrockErrorReply } from './errors.js';

/**
 * Anthropic's documented test prompt: Claude with thinking on answers a prompt that contains it
 * with redacted (encrypted) thinking, on Anthropic's API and on Bedrock alike.
 */
export const REDACTED_THINKING_TRIGGER =
  'ANTHROPIC_MAGIC_STRING_TRIGGER_REDACTED_THINKING_46C9A13E193C177646C7398A98432ECCCE4C1253D5E2D82641AC0E52CC2876CB';

const DOCS =
  'Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking';

/** True for Claude model ids, inference profiles and ARNs. */
const isClaude = (modelId: string) => /(^|[.:/])anthropic\./.test(modelId);

/** Claude's thinking config (`additionalModelRequestFields.thinking`) when it is on, else undefined. */
export function claudeThinkingOf(
  modelId: string,
  body: Block | undefined,
): { type: string; budget_tokens?: number; display?: string } | undefined {
  const thinking = body?.additionalModelRequestFields?.thinking;
  if (!isClaude(modelId) || (thinking?.type !== 'enabled' && thinking?.type !== 'adaptive')) return undefined;
  return thinking;
}

/**
 * True when Claude's reasoning comes back as text (always with thinking off: scripted reasoning is
 * shown); false when its display is omitted (Claude
 * 4.7+'s default, or `display: 'omitted'`): the reasoningText then has an empty text and its signature.
 */
export function claudeShowsThinking(modelId: string, body: Block | undefined): boolean {
  const thinking = claudeThinkingOf(modelId, body);
  return !thinking || showsThinking(modelId, thinking);
}

/**
 * What Claude refuses of its thinking and sampling fields, as Bedrock relays it (a
 * ValidationException with the model's message): extended thinking on Claude 4.7+, adaptive thinking
 * on 4.5 and earlier, `budget_tokens` beside adaptive, an unknown effort or display, and on 4.7+
 * any temperature, topP (inferenceConfig) or top_k (additionalModelRequestFields).
 */
export function checkClaudeGeneration(modelId: string, body: Block | undefined): JsonReply | undefined {
  if (!isClaude(modelId)) return undefined;
  const fields = body?.additionalModelRequestFields ?? {};
  const refusal = claudeThinkingRefusal(modelId, {
    thinking: fields.thinking,
    output_config: fields.output_config,
    temperature: body?.inferenceConfig?.temperature,
    top_p: body?.inferenceConfig?.topP,
    top_k: fields.top_k,
  });
  return refusal ? modelError(refusal) : undefined;
}

/** Opaque, deterministic bytes (base64) standing in for the encrypted thinking Claude redacts. */
export function redactedThinkingFor(seed: string): string {
  const digest = createHash('sha256').update(`redacted:${seed}`).digest();
  return Buffer.concat([Buffer.from([0x12, 0x4c, 0x0a, 0x02, 0x18, 0x02]), digest, digest]).toString(
    'base64',
  );
}

/** Anthropic's name of a Converse content block, as its validation messages say it. */
function anthropicType(block: Block | undefined): string {
  if (!block) return 'nothing';
  if (block.toolUse) return 'tool_use';
  if (block.toolResult) return 'tool_result';
  if (block.image) return 'image';
  if (block.document) return 'document';
  return typeof block.text === 'string' ? 'text' : (Object.keys(block)[0] ?? 'nothing');
}

/** Bedrock relays the model's own 400 as a ValidationException with this prefix. */
const modelError = (message: string) =>
  bedrockErrorReply('ValidationException', `The model returned the following errors: ${message}`);

const blocksOf = (message: Block | undefined): Block[] =>
  Array.isArray(message?.content) ? message.content : [];

/**
 * What Claude refuses of its generation's thinking and sampling ({@link checkClaudeGeneration}),
 * then once thinking is on, as Bedrock relays it: a budget under 1024, `maxTokens`
 * not above the budget, a temperature other than 1, reasoningText sent back without its
 * signature, and a tool-result turn whose assistant turn does not start with its thinking
 * (signed reasoningText or redactedContent) — the blocks must be sent back for the tool loop.
 */
export function checkClaudeThinking(modelId: string, body: Block | undefined): JsonReply | undefined {
  const refused = checkClaudeGeneration(modelId, body);
  if (refused) return refused;
  const thinking = claudeThinkingOf(modelId, body);
  if (!thinking) return undefined;
  const budget = thinking.budget_tokens ?? 0;
  if (thinking.type === 'enabled' && budget < 1024) {
    return modelError('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
  }
  const maxTokens = body?.inferenceConfig?.maxTokens;
  if (thinking.type === 'enabled' && maxTokens !== undefined && maxTokens <= budget) {
    return modelError(`\`max_tokens\` must be greater than \`thinking.budget_tokens\`. ${DOCS}`);
  }
  const temperature = body?.inferenceConfig?.temperature;
  if (temperature !== undefined && temperature !== 1) {
    return modelError(`\`temperature\` may only be set to 1 when thinking is enabled. ${DOCS}`);
  }
  const messages: Block[] = Array.isArray(body?.messages) ? body.messages : [];
  for (const [i, message] of messages.entries()) {
    if (message.role !== 'assistant') continue;
    const unsigned = blocksOf(message).findIndex(
      (b) => b.reasoningContent?.reasoningText && !b.reasoningContent.reasoningText.signature,
    );
    if (unsigned >= 0)
      return modelError(`messages.${i}.content.${unsigned}.thinking.signature: Field required`);
  }
  const last = messages.length - 1;
  const assistant = messages[last - 1];
  const toolTurn = messages[last]?.role === 'user' && blocksOf(messages[last]).some((b) => b.toolResult);
  if (toolTurn && assistant?.role === 'assistant' && !blocksOf(assistant)[0]?.reasoningContent) {
    const found = anthropicType(blocksOf(assistant)[0]);
    return modelError(
      `messages.${last - 1}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${found}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. ${DOCS}`,
    );
  }
  return undefined;
}
