import type { NeutralRequest } from '../../emulator/defaults.js';

/** A Converse body or content block, loosely typed (the emulator reads only what it needs). */
export type Block = Record<string, any>;

/**
 * Matches Bedrock model ids (`anthropic.claude-3-haiku-20240307-v1:0`), cross-region inference
 * profiles (`us.anthropic.…`) and ARNs; anything else is "The provided model identifier is invalid."
 */
const MODEL_ID =
  /^(arn:aws[\w-]*:bedrock:.+|((us|eu|apac|jp|au|ca|us-gov|global)\.)?[a-z0-9-]+\.[a-z0-9][\w.-]*(:[\w.-]+)?)$/;

/** True when `modelId` has the shape of a Bedrock model id, inference profile or ARN. */
export function isValidModelId(modelId: string): boolean {
  return MODEL_ID.test(modelId);
}

function blockText(block: Block): string {
  if (typeof block.text === 'string') return block.text;
  if (block.toolResult) {
    return (block.toolResult.content ?? [])
      .map((c: Block) =>
        typeof c.text === 'string' ? c.text : c.json !== undefined ? JSON.stringify(c.json) : '',
      )
      .join('');
  }
  if (block.toolUse) return `${block.toolUse.name} ${JSON.stringify(block.toolUse.input ?? {})}`;
  return '';
}

/** The JSON Schema asked for through `outputConfig.textFormat` (the schema travels as a string). */
function requestedJsonSchema(body: Block): { wantsJson: boolean; schema?: unknown } {
  const format = body.outputConfig?.textFormat;
  if (format?.type !== 'json_schema') return { wantsJson: false };
  const raw = format.structure?.jsonSchema?.schema;
  try {
    return { wantsJson: true, schema: typeof raw === 'string' ? JSON.parse(raw) : raw };
  } catch {
    return { wantsJson: true };
  }
}

/** Reads a Converse / ConverseStream body into the vendor-neutral view the answer planner uses. */
export function neutralFromConverse(body: Block | undefined): NeutralRequest {
  const messages: Block[] = Array.isArray(body?.messages) ? body.messages : [];
  const system: Block[] = Array.isArray(body?.system) ? body.system : [];
  const tools: Block[] = (body?.toolConfig?.tools ?? []).filter((t: Block) => t.toolSpec);
  const last = messages.at(-1);
  const lastBlocks: Block[] = Array.isArray(last?.content) ? last.content : [];
  const userText = lastBlocks
    .filter((b) => typeof b.text === 'string')
    .map((b) => b.text)
    .join('');
  const lastIsToolResult = lastBlocks.some((b) => b.toolResult);
  const promptText = [...system, ...messages.flatMap((m) => (Array.isArray(m.content) ? m.content : []))]
    .map(blockText)
    .join('\n');
  const { wantsJson, schema } = requestedJsonSchema(body ?? {});
  return {
    lastUserText: lastIsToolResult
      ? lastBlocks.map(blockText).join('')
      : last?.role === 'user'
        ? userText
        : '',
    promptText,
    toolNames: tools.map((t) => t.toolSpec.name),
    toolSchemas: Object.fromEntries(tools.map((t) => [t.toolSpec.name, t.toolSpec.inputSchema?.json])),
    ...(schema !== undefined && { jsonSchema: schema }),
    wantsJson,
    lastIsToolResult,
    imageCount: messages.flatMap((m) => m.content ?? []).filter((b: Block) => b.image).length,
  };
}

/** The tool the request forces (`toolChoice: {tool: {name}}`, or the first tool under `{any: {}}`), with its input schema. */
export function forcedTool(body: Block | undefined): { name: string; schema: unknown } | undefined {
  const choice = body?.toolConfig?.toolChoice;
  const tools: Block[] = (body?.toolConfig?.tools ?? []).filter((t: Block) => t.toolSpec);
  const spec = choice?.tool?.name
    ? tools.find((t) => t.toolSpec.name === choice.tool.name)?.toolSpec
    : choice?.any
      ? tools[0]?.toolSpec
      : undefined;
  return spec ? { name: spec.name, schema: spec.inputSchema?.json } : undefined;
}
