import { useState } from 'preact/hooks';
import { signIn } from './state/session.js';
import { SecretInput } from './ui/SecretInput.js';

/**
 * Asks for the admin token (the one `pal serve` printed; the sandbox's address carries it, so
 * there this screen is skipped).
 */
export function SignIn({ refused }: { refused: boolean }) {
  const [token, setToken] = useState('');
  return (
    <main id="main" class="signin">
      <h1 tabIndex={-1}>PAL console</h1>
      <form
        class="panel"
        aria-label="Sign in"
        onSubmit={(event) => {
          event.preventDefault();
          if (token.trim()) signIn(token.trim());
        }}
      >
        <p>Enter the admin token the gateway printed when it started (or its PAL_ADMIN_TOKEN).</p>
        {refused && (
          <p class="notice notice-error" role="alert">
            The gateway refused that token. Check it and try again.
          </p>
        )}
        <SecretInput label="Admin token" value={token} onInput={setToken} required />
        <div class="actions">
          <button type="submit">Open the console</button>
        </div>
      </form>
    </main>
  );
}
