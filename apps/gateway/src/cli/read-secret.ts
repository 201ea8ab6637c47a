import password from '@inquirer/password';

/**
 * A secret typed by a person without echo (masked with `*`), or the first line of stdin when it is
 * not a terminal (`echo $KEY | pal providers add openai`); never a command-line argument, which
 * would land in the shell history and the process list.
 */
export async function readSecret(prompt: string): Promise<string> {
  if (process.stdin.isTTY) return password({ message: prompt, mask: '*' });
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  return input.split(/\r?\n/)[0]?.trim() ?? '';
}
