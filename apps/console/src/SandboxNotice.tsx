import { getStatus } from './api/console-api.js';
import { useAsync } from './ui/use-async.js';

/**
 * Says, under the navigation, when the gateway is the sandbox (emulated vendors: nothing is billed),
 * or that its status could not be read.
 */
export function SandboxNotice() {
  const status = useAsync((signal) => getStatus(signal), []);
  const { state } = status;
  if (state.status === 'error')
    return (
      <p class="banner banner-error" role="status">
        The gateway's status could not be read ({state.error.message}).{' '}
        <button type="button" class="link" onClick={status.reload}>
          Retry
        </button>
      </p>
    );
  if (state.status !== 'ready' || !state.data.sandbox) return null;
  return (
    <p class="banner" role="note">
      Sandbox: the vendors are local emulators (unless their real key is set), so calls here are not billed.
      Any key works for the gateway until you create one.
    </p>
  );
}
