import type { SuggestedAction } from '@pal/core';

/** What to tell a person for each suggested action (seed 003's "Action" column), in CLI terms. */
export const ACTION_TEXT: Readonly<Record<SuggestedAction, string | undefined>> = {
  're-enter-key': 'Update the provider key: pal providers add <id> (the key is read without echo).',
  'auto-retry': 'PAL retries this by itself; try again shortly.',
  'pick-another-model': 'Pick another model: pal models.',
  'provider-settings': 'Check the provider settings: pal providers list.',
  retry: 'Try again.',
  'fix-request': 'Fix the request and send it again.',
  'raise-budget': 'Raise the budget in the console, or wait for the period to reset.',
  none: undefined,
};

/** The sentence for an action name the gateway sent, or the text as given when it is not one. */
export function actionText(action: string | undefined): string | undefined {
  if (action === undefined) return undefined;
  return action in ACTION_TEXT ? ACTION_TEXT[action as SuggestedAction] : action;
}
