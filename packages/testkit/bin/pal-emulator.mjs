#!/usr/bin/env node
// Runs one vendor emulator standalone: pal-emulator --vendor openai --port 4010 [--faults preset]
import '../dist/bin.js';
