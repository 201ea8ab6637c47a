/** What a person can do about an error, by PAL's suggested action (seed 003's "Action" column). */
export const ACTION_TEXT: Readonly<Record<string, string>> = {
  're-enter-key': 'Check the key and enter it again.',
  'auto-retry': 'PAL retries this by itself; try again shortly.',
  'pick-another-model': 'Pick another model.',
  'provider-settings': 'Check the provider settings.',
  retry: 'Try again.',
  'fix-request': 'Fix the request and send it again.',
  'raise-budget': 'Raise the budget, or wait for the period to reset.',
};

/** The sentence for an action name, or nothing for none or an unknown one. */
export function actionText(action: string | undefined): string | undefined {
  return action ? ACTION_TEXT[action] : undefined;
}
