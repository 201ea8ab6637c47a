/** The audit log's events (seed 003's, and those PAL adds), with how the console names them. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  credentials_added: 'Key added',
  credentials_updated: 'Key updated',
  credentials_removed: 'Key removed',
  provider_added: 'Provider added',
  provider_updated: 'Provider updated',
  provider_removed: 'Provider removed',
  provider_enabled: 'Provider enabled',
  provider_disabled: 'Provider disabled',
  model_changed: 'Model changed',
  budget_changed: 'Budget changed',
  budget_alert: 'Budget alert',
  fallback_triggered: 'Fallback triggered',
  master_key_rotated: 'Master key rotated',
  key_created: 'Gateway key created',
  key_updated: 'Gateway key changed',
  key_revoked: 'Gateway key revoked',
  settings_changed: 'Settings changed',
};

/** How an action is shown: its label, else the action name itself. */
export function auditLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}
