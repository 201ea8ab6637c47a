import {
  countTokens,
  type NeutralRequest,
  type PlannedAnswer,
  planAnswer,
  splitIntoChunks,
} from '../../emulator/defaults.js';
import { sampleToolArguments } from '../../emulator/sample-value.js';
import type { ScriptStep } from '../../emulator/types.js';

/** What the route decides to answer, with OpenAI's own finish reason. */
export interface OpenAIPlan extends PlannedAnswer {
  /** `stop`, `length`, `tool_calls`, `content_filter` (or the scripted string verbatim). */
  finishReason: string;
}

const FINISH_REASONS: Record<PlannedAnswer['finish'], string> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
};

/** A step that forces a call of `name` with arguments valid against its schema. */
function forcedToolStep(neutral: NeutralRequest, name: string, step: ScriptStep): ScriptStep {
  return { ...step, toolCalls: [{ name, arguments: sampleToolArguments(neutral.toolSchemas?.[name]) }] };
}

/**
 * Plans an OpenAI answer: honours `tool_choice` (`none` offers no tool, `required` or a named
 * function forces a call when nothing is scripted) and the output token limit (`max_completion_tokens`
 * / `max_output_tokens` / `max_tokens`): a longer default text is cut and finishes with `length`.
 */
export function planOpenAIAnswer(
  neutral: NeutralRequest,
  step: ScriptStep,
  options: { toolChoice?: unknown; maxOutputTokens?: unknown },
): OpenAIPlan {
  const scripted = step.text !== undefined || step.toolCalls !== undefined;
  let effective = step;
  let request = neutral;
  const choice = options.toolChoice as string | { function?: { name?: string }; name?: string } | undefined;
  if (choice === 'none') request = { ...neutral, toolNames: [] };
  else if (!scripted && neutral.toolNames.length > 0 && !neutral.lastIsToolResult) {
    const named = typeof choice === 'object' ? (choice.function?.name ?? choice.name) : undefined;
    if (named) effective = forcedToolStep(neutral, named, step);
    else if (choice === 'required') effective = forcedToolStep(neutral, neutral.toolNames[0]!, step);
  }
  const plan = planAnswer(request, effective);
  const limit = typeof options.maxOutputTokens === 'number' ? options.maxOutputTokens : undefined;
  if (limit !== undefined && !scripted && plan.toolCalls.length === 0 && countTokens(plan.text) > limit) {
    const text = plan.text.slice(0, Math.max(1, limit * 4));
    return {
      ...plan,
      text,
      textChunks: splitIntoChunks(text, step.chunks ?? 3),
      finish: 'length',
      usage: { ...plan.usage, outputTokens: step.usage?.outputTokens ?? limit },
      finishReason: step.finishReason ?? 'length',
    };
  }
  return { ...plan, finishReason: step.finishReason ?? FINISH_REASONS[plan.finish] };
}
