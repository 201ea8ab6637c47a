/**
 * @pal/testkit: wire-faithful vendor emulators with scripting, fault injection and fixture replay.
 * @packageDocumentation
 */
export * from './emulator/defaults.js';
export { CHAT_AND_STREAM, type ChatTurn, plainError } from './chat-turns.js';
export { type ConfigProject, type ConfigProjectOptions, configProject } from './config-project.js';
export { sampleFromSchema, sampleToolArguments } from './emulator/sample-value.js';
export { FAULT_PRESET_NAMES, FAULT_PRESETS, type FaultPreset } from './emulator/fault-presets.js';
export { fixturePath, fixturesRoot, listFixtures } from './emulator/fixtures.js';
export {
  type ImageServer,
  type ImageServerRequest,
  type ServedFile,
  startImageServer,
  TEST_PNG_BASE64,
} from './image-server.js';
export {
  type Emulator,
  type EmulatorOptions,
  serveVendorEmulator,
  startEmulator,
} from './emulator/server.js';
export type * from './emulator/types.js';
export { VENDOR_EMULATORS, VENDORS, vendorEmulatorFor } from './emulator/vendors.js';
// the scripted adapter's own ScriptStep stays under @pal/testkit/scripted: the root's is the emulator's
export {
  createScriptedAdapter,
  type ScriptedAdapter,
  type ScriptedAdapterOptions,
  type ScriptedCall,
  type ScriptedModel,
  type ScriptedStreamEvent,
  type ScriptedStreamOutcome,
} from './scripted.js';
