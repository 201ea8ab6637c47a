import { VENDORS } from '../../catalog/vendors.js';
import { href } from '../../state/route.js';

/**
 * The vendor cards of "Connect your LLM provider": each a link to its setup form, plus the
 * custom OpenAI-compatible host; cards of providers already connected say so.
 */
export function ProviderCards({ connected }: { connected: ReadonlySet<string> }) {
  return (
    <ul class="cards">
      {VENDORS.map((vendor) => (
        <li key={vendor.id}>
          <a class="card" href={href(['setup', vendor.id])}>
            <strong>{vendor.name}</strong>
            <span>{vendor.blurb}</span>
            {connected.has(vendor.id) && <span class="badge ok">Connected</span>}
          </a>
        </li>
      ))}
      <li>
        <a class="card" href={href(['setup', 'custom'])}>
          <strong>Custom OpenAI-compatible host</strong>
          <span>vLLM, LM Studio, a proxy… any base URL that speaks OpenAI's API</span>
        </a>
      </li>
    </ul>
  );
}
