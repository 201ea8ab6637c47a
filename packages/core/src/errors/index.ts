export * from './error-code.js';
export * from './mask-secret.js';
export * from './pal-error.js';
export * from './user-message.js';
