import { useState } from 'preact/hooks';
import { signIn } from './state/session.js';
import { SecretInput } from './ui/SecretInput.js';
import { Form } from './ui/Form.js';
import { FormFooter } from './ui/FormFooter.js';

/**
 * Asks for the admin token (the one `pal serve` printed; the sandbox's address carries it, so
 * there this screen is skipped).
 */
export function SignIn({ refused }: { refused: boolean }) {
  const [token, setToken] = useState('');
  return (
    <main id="main" class="signin">
      <h1 tabIndex={-1}>PAL console</h1>
      <Form
        label="Sign in"
        onSubmit={() => {
          if (token.trim()) signIn(token.trim());
        }}
      >
        <p>Enter the admin token the gateway printed when it started (or its PAL_ADMIN_TOKEN).</p>
        <SecretInput label="Admin token" value={token} onInput={setToken} required />
        <FormFooter
          action={{ busy: false }}
          submit="Open the console"
          busyText="Opening…"
          problem={refused ? 'The gateway refused that token. Check it and try again.' : undefined}
        />
      </Form>
    </main>
  );
}
