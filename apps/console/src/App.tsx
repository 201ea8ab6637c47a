import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { AuditScreen } from './screens/audit/AuditScreen.js';
import { BudgetsScreen } from './screens/budgets/BudgetsScreen.js';
import { FallbackScreen } from './screens/fallback/FallbackScreen.js';
import { KeysScreen } from './screens/keys/KeysScreen.js';
import { ModelsScreen } from './screens/models/ModelsScreen.js';
import { PlaygroundScreen } from './screens/playground/PlaygroundScreen.js';
import { ProvidersScreen } from './screens/providers/ProvidersScreen.js';
import { SetupScreen } from './screens/setup/SetupScreen.js';
import { UsageScreen } from './screens/usage/UsageScreen.js';
import { SandboxNotice } from './SandboxNotice.js';
import { SignIn } from './SignIn.js';
import { href, type Route, route, SCREENS } from './state/route.js';
import { adminToken } from './state/session.js';

/** Each screen's component; anything else is the setup screen (with the vendor from the path). */
const SCREEN_VIEWS: Readonly<Record<string, () => JSX.Element>> = {
  models: ModelsScreen,
  providers: ProvidersScreen,
  budgets: BudgetsScreen,
  fallback: FallbackScreen,
  usage: UsageScreen,
  playground: PlaygroundScreen,
  keys: KeysScreen,
  audit: AuditScreen,
};

function screenOf({ screen, rest }: Route) {
  const View = SCREEN_VIEWS[screen];
  return View ? <View /> : <SetupScreen vendorId={rest[0]} />;
}

/**
 * The console: a skip link, the navigation and the current screen; focus moves to the screen's
 * heading on every navigation so keyboard and screen-reader users land on it. Without an admin
 * token it asks for one.
 */
export function App() {
  const current = route.value;
  const token = adminToken.value;
  const [hadToken, setHadToken] = useState(token !== '');
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    if (token) setHadToken(true);
  }, [token]);
  useEffect(() => {
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [current.screen, current.rest.join('/')]);

  if (!token) return <SignIn refused={hadToken} />;
  return (
    <>
      <button
        type="button"
        class="skip"
        onClick={() => main.current?.querySelector<HTMLElement>('h1')?.focus()}
      >
        Skip to content
      </button>
      <header class="top">
        <span class="brand">PAL console</span>
        <nav aria-label="Console">
          <ul>
            {SCREENS.map(([id, label]) => (
              <li key={id}>
                <a href={href([id])} aria-current={current.screen === id ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <SandboxNotice />
      <main id="main" ref={main} key={`${current.screen}/${current.rest.join('/')}`}>
        {screenOf(current)}
      </main>
    </>
  );
}
