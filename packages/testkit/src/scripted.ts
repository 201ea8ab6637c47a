/**
 * `@pal/testkit/scripted`: a provider adapter that plays a script, for testing code on top of the
 * PAL runtime (policies, middleware, routers) without any vendor or network.
 * @module
 */
export {
  createScriptedAdapter,
  type ScriptedAdapter,
  type ScriptedAdapterOptions,
  type ScriptedCall,
  type ScriptedModel,
  type ScriptedStreamEvent,
  type ScriptedStreamOutcome,
  type ScriptStep,
} from './scripted-adapter.js';
