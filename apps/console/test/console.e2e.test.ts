import { type Emulator, startEmulator } from '@pal/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium, screenshot } from './browser.js';
import { ADMIN_TOKEN, cleanUp, type SandboxGateway, startSandboxGateway } from './sandbox-gateway.js';

const executablePath = chromiumPath();
const XSS = '<img src=x onerror="window.__xss=1">';
const CHAT = '/v1/chat/completions';

/**
 * The console in real headless Chromium against a sandbox gateway started here: first-time setup
 * as a person walks it (a wrong key, then a good one; the model picker; a budget; a streamed
 * playground prompt; the usage chart; the audit log), a custom OpenAI-compatible host that is
 * callable through /v1 at once and after a restart, and markup in data rendered as text. One
 * screenshot per screen in test-output/.
 */
describe.skipIf(!executablePath)('the console in Chromium', () => {
  let gateway: SandboxGateway;
  let browser: Browser;
  let page: Page;
  let customHost: Emulator;
  const problems: string[] = [];
  let restarting = false;
  let playgroundCost = '';
  const shots: string[] = [];
  const shoot = async (name: string) => shots.push(await screenshot(page, name));
  const nav = (screen: string) =>
    page.getByRole('navigation').getByRole('link', { name: screen, exact: true });
  const chat = (model: string) => chatThrough(gateway.url, model);
  const openai = () => gateway.emulators.find((p) => p.vendor === 'openai')?.emulator as Emulator;

  beforeAll(async () => {
    gateway = await startSandboxGateway();
    customHost = await startEmulator('openai');
    browser = await launchChromium(executablePath as string);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => {
      problems.push(`a dialog opened: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      const expected = restarting && /ERR_CONNECTION_REFUSED/.test(message.text());
      if (message.type() === 'error' && !expected) problems.push(`console error: ${message.text()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await customHost?.close();
    if (gateway) await cleanUp(gateway);
  });

  it('serves the console at / with its CSP, and signs in with the token in the fragment', async () => {
    const response = await page.goto(`${gateway.url}/#token=${encodeURIComponent(ADMIN_TOKEN)}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(await response?.text()).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script
    await expect.poll(() => page.locator('h1').textContent()).toBe('Connect your LLM provider');
    await page
      .getByRole('note')
      .getByText(/Sandbox: the vendors are local emulators/)
      .waitFor();
    expect(page.url()).not.toContain(ADMIN_TOKEN); // the address no longer holds it
    for (const vendor of [
      'OpenAI',
      'Anthropic',
      'Google Gemini',
      'Amazon Bedrock',
      'Ollama',
      'Azure OpenAI',
      'Groq',
      'Together AI',
      'OpenRouter',
      'Custom OpenAI-compatible host',
    ])
      await page.getByRole('link', { name: new RegExp(`^${vendor}`) }).waitFor();
    await shoot('01-setup-cards');
  });

  it('shows the vendor’s userMessage for a wrong key, then ✓ for a good one, never the key again', async () => {
    await page.getByRole('link', { name: /^OpenAI/ }).click();
    await page.getByRole('heading', { name: 'Enter your OpenAI API key' }).waitFor();
    const help = page.getByRole('link', { name: 'Where to find your key' });
    expect(await help.getAttribute('href')).toBe('https://platform.openai.com/api-keys');
    const key = page.getByLabel('API key', { exact: true });
    expect(await key.getAttribute('type')).toBe('password');
    // the sandbox's OpenAI is its local emulator: the form starts from the endpoint in use
    expect(await page.getByLabel('Endpoint (optional)').inputValue()).toBe(`${openai().url}/v1`);
    await key.fill('bad-key');
    await page.getByRole('button', { name: 'Test Connection' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/OpenAI API key is invalid/i);
    await shoot('02-setup-wrong-key');

    await key.fill('sk-console-test-1234567890abcdefWXYZ');
    await page.getByRole('button', { name: 'Test Connection' }).click();
    await page.getByText('Connected to OpenAI').waitFor();
    expect(await key.inputValue()).toBe('');
    const body = (await page.textContent('body')) ?? '';
    expect(body).not.toContain('sk-console-test-1234567890abcdefWXYZ');
    expect(body).toMatch(/sk-\.\.\.WXYZ/);
    await shoot('03-setup-connected');
  });

  it('connects a provider from the keyboard alone', async () => {
    await page.goto(`${gateway.url}/#/setup`);
    await page.getByRole('heading', { name: 'Connect your LLM provider' }).waitFor();
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    for (let i = 0; i < 20 && !(await focusedText()).startsWith('Anthropic'); i++)
      await page.keyboard.press('Tab');
    expect(await focusedText()).toMatch(/^Anthropic/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Enter your Anthropic API key' }).waitFor();
    const key = page.getByLabel('API key', { exact: true });
    for (let i = 0; i < 10 && !(await key.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    await page.keyboard.type('sk-ant-console-test-0000KBRD');
    await page.keyboard.press('Enter'); // submits the form: Test Connection
    await page.getByText('Connected to Anthropic').waitFor();
    await shoot('03b-setup-keyboard');
    // back to OpenAI's form (its key is saved): the model picker follows a passing test
    await page.goto(`${gateway.url}/#/setup/openai`);
    await page.getByRole('button', { name: 'Test Connection' }).click();
    await page.getByText('Connected to OpenAI').waitFor();
  });

  it('picks a model with its prices and the cost of the switch, after a confirm step', async () => {
    const picker = page.locator('.model-picker');
    const use = picker.getByRole('button', { name: 'Use GPT-5.4 nano' });
    await use.waitFor();
    const row = use.locator('xpath=ancestor::tr');
    const cells = (await row.locator('td').allTextContents()).join(' | ');
    expect(cells).toContain('400K');
    expect(cells).toContain('$0.20'); // input per 1M
    expect(cells).toContain('$1.25'); // output per 1M
    expect(cells).toMatch(/~\$[\d.]+ less per run/);
    const current = (await picker.locator('tr.current').textContent()) ?? '';
    expect(current).toMatch(/GPT-5\.4 mini.*Default/);
    expect(await picker.textContent()).not.toMatch(/Text Embedding/); // chat models only
    // deprecated models are marked; current ones are not
    const turbo = picker.locator('tr', { has: page.getByRole('button', { name: 'Use GPT-4 Turbo' }) });
    expect(await turbo.locator('th .badge').allTextContents()).toEqual(['Deprecated']);
    expect(await row.locator('th .badge').count()).toBe(0);
    await use.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toBe('Switch to GPT-5.4 nano?');
    expect(await dialog.textContent()).toMatch(/This will cost ~\$[\d.]+ (less|more) per run/);
    await shoot('04-model-switch-confirm');
    await dialog.getByRole('button', { name: 'Switch' }).click();
    await page.getByText(/New calls to openai use/).waitFor();
    await shoot('05-model-picked');
  });

  it('sets a daily budget', async () => {
    await nav('Budgets').click();
    const overall = page.getByRole('form', { name: 'All providers' });
    await overall.waitFor();
    await overall.getByLabel('Daily limit (USD)', { exact: true }).fill('5');
    expect(await overall.getByLabel('Alert me at (% of a limit)', { exact: true }).inputValue()).toBe('80');
    await overall.getByRole('button', { name: /^Save/ }).click();
    await overall.getByText(/Saved\. Calls are held to it/).waitFor();
    await expect.poll(() => overall.textContent()).toMatch(/of \$5\.00 today/);
    await shoot('06-budgets');
  });

  it('streams a playground prompt after showing its estimate, then who served it and what it cost', async () => {
    openai().script({
      path: CHAT,
      text: 'Tokens arrive one after another, as they are made.',
      chunks: 8,
      chunkDelayMs: 120,
    });
    await nav('Playground').click();
    await page.getByLabel('Model').selectOption('openai/gpt-5.4-mini');
    await page.getByLabel('Prompt').fill('Say something about streaming.');
    await expect.poll(() => page.getByTestId('estimate').textContent()).toMatch(/at most \$[\d.]+/);
    const seen = new Set<string>();
    await page.getByRole('button', { name: 'Send' }).click();
    const answer = page.getByTestId('answer');
    for (let i = 0; i < 60 && !(await page.getByTestId('served-provider').count()); i++) {
      seen.add((await answer.textContent()) ?? '');
      await page.waitForTimeout(50);
    }
    await page.getByTestId('served-provider').waitFor();
    expect(await answer.textContent()).toBe('Tokens arrive one after another, as they are made.');
    const partial = [...seen].filter(
      (t) => t && t !== '…' && t !== 'Tokens arrive one after another, as they are made.',
    );
    expect(partial.length, 'the answer grew piece by piece').toBeGreaterThan(0);
    expect(await page.getByTestId('served-provider').textContent()).toBe('openai');
    expect(await page.getByTestId('served-model').textContent()).toBe('gpt-5.4-mini');
    playgroundCost = (await page.getByTestId('served-cost').textContent()) ?? '';
    expect(playgroundCost).toMatch(/^\$[\d.]+$/);
    expect(await page.getByTestId('served-attempts').textContent()).toBe('1');
    await shoot('07-playground');
  });

  it('charts the call and its cost on the Usage screen', async () => {
    await gateway.server.store.ledger.flush();
    await nav('Usage').click();
    const chart = page.locator('.chart');
    await expect.poll(() => chart.getAttribute('data-status')).toBe('drawn');
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(0);
    expect(await page.locator('.chart canvas').count()).toBe(1);
    const byProvider = page.getByRole('region', { name: 'By provider' });
    const row = byProvider.getByRole('row', { name: /^openai/ });
    expect(await row.textContent()).toContain(playgroundCost); // the one billed call so far
    expect(await page.textContent('body')).toMatch(/You're on track for \$[\d.,]+ this month/);
    // the chart's numbers: today's bar is that call
    await page.getByText(/Show the numbers \(1 day with calls\)/).click();
    const today = page.locator('details tbody tr');
    expect(await today.count()).toBe(1);
    expect(await today.textContent()).toContain(playgroundCost);
    await shoot('08-usage');
  });

  it('lists the key added and the budget set in the audit log', async () => {
    await nav('Audit log').click();
    const table = page.locator('table.audit');
    await table.waitFor();
    await expect.poll(() => table.locator('tr[data-action="credentials_added"]').count()).toBeGreaterThan(0);
    expect(await table.locator('tr[data-action="budget_changed"]').count()).toBeGreaterThan(0);
    expect(await table.textContent()).not.toContain('sk-console-test-1234567890abcdefWXYZ');
    expect(await table.locator('tr[data-action="budget_changed"]').first().textContent()).toContain(
      'dailyUsd: none → 5',
    );
    await shoot('09-audit');
    await page.getByLabel('Event').selectOption('budget_changed');
    await expect
      .poll(() => table.locator('tbody tr').count())
      .toBe(await table.locator('tr[data-action="budget_changed"]').count());
    await shoot('09-audit-filtered');
  });

  it('adds a custom OpenAI-compatible host that answers through /v1 at once, its markup shown as text', async () => {
    customHost.script({ path: CHAT, text: `Here: ${XSS}`, chunks: 3 });
    await page.goto(`${gateway.url}/#/setup/custom`);
    await page.getByLabel('Name').fill(`Local box ${XSS}`);
    expect(await page.getByLabel('Provider id').inputValue()).toBe(
      'local-box-img-src-x-onerror-window-xss-1',
    );
    await page.getByLabel('Provider id').fill('local-box');
    await page.getByLabel('Base URL').fill(`${customHost.url}/v1`);
    await page.getByLabel('API key (if the host needs one)', { exact: true }).fill('sk-custom-host-key-0001');
    await page.getByLabel('Model 1 id').fill('house-model');
    await page.getByLabel('Model 1 context window').fill('32000');
    await page.getByLabel('Model 1 input price per million tokens').fill('0.2');
    await page.getByLabel('Model 1 output price per million tokens').fill('0.4');
    await page.getByRole('button', { name: 'Save and test' }).click();
    await page.getByText(/Connected to Local box/).waitFor();
    await page.getByText('local-box/house-model').first().waitFor();
    await shoot('10-custom-provider');

    const answer = await chat('local-box/house-model');
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(`Here: ${XSS}`);
    expect(answer.provider).toBe('local-box');

    // the name and the answer, both with markup, are text on every screen that shows them
    await nav('Providers').click();
    await page.getByRole('heading', { name: `Local box ${XSS}` }).waitFor();
    customHost.script({ path: CHAT, text: `Here: ${XSS}`, chunks: 3 });
    await nav('Playground').click();
    await page.getByLabel('Model').selectOption('local-box/house-model');
    await page.getByLabel('Prompt').fill('Answer with markup.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('served-provider').waitFor();
    expect(await page.getByTestId('answer').textContent()).toBe(`Here: ${XSS}`);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await shoot('11-xss-as-text');
  });

  it('keeps the custom host after a restart, with no code change', async () => {
    restarting = true; // the open page may poll the stopped gateway meanwhile
    await page.goto('about:blank');
    await gateway.stop();
    gateway = await startSandboxGateway({ dataDir: gateway.dataDir, emulators: gateway.emulators });
    restarting = false;
    customHost.script({ path: CHAT, text: 'Still here after the restart.' });
    const answer = await chat('local-box/house-model');
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('Still here after the restart.');
    await page.goto(`${gateway.url}/#token=${encodeURIComponent(ADMIN_TOKEN)}`);
    await nav('Providers').click();
    await page.getByRole('heading', { name: `Local box ${XSS}` }).waitFor();
    await shoot('12-providers-after-restart');
  });

  it('walks the other screens: models, fallback, gateway keys (a key shown once)', async () => {
    await nav('Models').click();
    await page.getByRole('heading', { name: `Local box ${XSS}` }).waitFor();
    await shoot('13-models');

    await nav('Fallback').click();
    await page.getByLabel('Auto-fallback to other providers').waitFor();
    await page.getByLabel('Add a provider to the chain').selectOption('anthropic');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByLabel('Add a provider to the chain').selectOption('ollama');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const order = () => page.locator('ol.chain .chain-label').allTextContents();
    expect((await order()).slice(-2)).toEqual(['Anthropic', 'Ollama']);
    // keyboard: the last entry's handle, arrow up
    await page.locator('ol.chain li').last().locator('button.handle').focus();
    await page.keyboard.press('ArrowUp');
    expect((await order()).slice(-2)).toEqual(['Ollama', 'Anthropic']);
    // mouse: drag the last entry onto the one before it
    const entries = page.locator('ol.chain li');
    await entries.last().dragTo(entries.nth((await entries.count()) - 2));
    expect((await order()).slice(-2)).toEqual(['Anthropic', 'Ollama']);
    await page.getByLabel('Always ask before switching providers').check();
    await page.getByRole('button', { name: 'Save routing' }).click();
    await page.getByText(/Saved\. New calls follow it/).waitFor();
    await shoot('14-fallback');
    await page.reload(); // the gateway kept it
    await page.getByLabel('Auto-fallback to other providers').waitFor();
    expect((await order()).slice(-2)).toEqual(['Anthropic', 'Ollama']);
    expect(await page.getByLabel('Always ask before switching providers').isChecked()).toBe(true);

    await nav('Gateway keys').click();
    await page.getByLabel('Name').fill('billing-app');
    await page.getByLabel('Daily budget (USD)').fill('2');
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = (await page.getByTestId('new-key').textContent()) ?? '';
    expect(shown).toMatch(/^sk-pal-/);
    await page.getByRole('row', { name: /billing-app/ }).waitFor();
    await shoot('15-keys-created');
    await page.getByRole('button', { name: 'Done, hide it' }).click();
    expect(await page.textContent('body')).not.toContain(shown);
    expect(await page.getByRole('row', { name: /billing-app/ }).textContent()).toMatch(/\$2\.00\/day/);
    await page.getByRole('button', { name: 'Budget of billing-app' }).click();
    const budget = page.getByRole('form', { name: 'Budget of the key billing-app' });
    await budget.getByText(/\$0\.00 of \$2\.00/).waitFor();
    await budget.getByLabel('Monthly budget (USD)').fill('20');
    await budget.getByRole('button', { name: 'Save budget' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('row', { name: /billing-app/ })
          .first()
          .textContent(),
      )
      .toMatch(/\$20\.00\/month/);
    await shoot('16-keys-budget');
  });

  it('raised no page error, no console error and no dialog', () => {
    expect(problems).toEqual([]);
    expect(shots.length).toBeGreaterThanOrEqual(18);
  });
});

/** One chat through the gateway's OpenAI-compatible endpoint, as an app with the sandbox key makes it. */
async function chatThrough(url: string, model: string) {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer pal-sandbox' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }] }),
  });
  const body = (await response.json()) as { choices?: Array<{ message: { content: string } }> };
  return {
    status: response.status,
    text: body.choices?.[0]?.message.content,
    provider: response.headers.get('x-pal-provider'),
  };
}
