import { describe, expect, it } from 'vitest';
import { DEFAULT_OLLAMA_HOST, ollamaBaseURL } from './ollama-host.js';

describe('ollamaBaseURL (OLLAMA_HOST)', () => {
  it('defaults to the local server when unset or blank', () => {
    expect(ollamaBaseURL(undefined)).toBe(DEFAULT_OLLAMA_HOST);
    expect(ollamaBaseURL('  ')).toBe('http://127.0.0.1:11434');
  });

  it('accepts the forms the ollama CLI accepts', () => {
    expect(ollamaBaseURL('0.0.0.0')).toBe('http://127.0.0.1:11434');
    expect(ollamaBaseURL('0.0.0.0:8080')).toBe('http://127.0.0.1:8080');
    expect(ollamaBaseURL('gpu-box')).toBe('http://gpu-box:11434');
    expect(ollamaBaseURL('http://gpu-box:80/')).toBe('http://gpu-box');
    expect(ollamaBaseURL('https://ollama.example.com')).toBe('https://ollama.example.com');
  });
});
