import { DEFAULT_ANSWER, ScriptedPrompter } from '@geusemaker/kit/io';

describe('ScriptedPrompter (the test double for every prompt)', () => {
  it('answers in order, applies defaults, and records each question with its answer', async () => {
    const prompter = new ScriptedPrompter(['typed', DEFAULT_ANSWER, true]);
    expect(await prompter.input({ message: 'Name', flag: '--name', initial: 'x' })).toBe('typed');
    expect(await prompter.select({ message: 'Pick', flag: '--pick', initial: 'b', choices: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] })).toBe('b');
    expect(await prompter.confirm({ message: 'Sure?', flag: '--yes' })).toBe(true);
    expect(prompter.asked.map((q) => [q.kind, q.flag, q.answer])).toEqual([['input', '--name', 'typed'], ['select', '--pick', 'b'], ['confirm', '--yes', true]]);
    expect(prompter.remaining).toBe(0);
  });

  it('refused input is recorded and the next answer is used, as a user would retype', async () => {
    const prompter = new ScriptedPrompter(['BAD', 'good']);
    const value = await prompter.input({ message: 'Name', flag: '--name', validate: (v) => (v === v.toLowerCase() ? true : 'lowercase only') });
    expect(value).toBe('good');
    expect(prompter.asked[0]?.refused).toEqual(['lowercase only']);
  });

  it('a choice that does not exist, or running out of answers, is a test bug that throws', async () => {
    const prompter = new ScriptedPrompter(['nope']);
    await expect(prompter.select({ message: 'Pick', flag: '--pick', choices: [{ value: 'a', label: 'A' }] })).rejects.toThrow('"nope" is not a choice of "Pick": a');
    await expect(prompter.confirm({ message: 'Sure?', flag: '--yes' })).rejects.toThrow('ran out of answers at "Sure?"');
  });
});
