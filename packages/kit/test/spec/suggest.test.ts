import { closestMatch, editDistance } from '../../src/spec/suggest.js';

describe('suggestions', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['abc', 'abd', 1],
    ['abc', 'acb', 1],
    ['t3.larg', 't3.large', 1],
    ['kitten', 'sitting', 3],
  ])('editDistance(%j, %j) = %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });

  it('suggests only plausible typos, ignoring case', () => {
    const regions = ['us-east-1', 'us-east-2', 'eu-west-1'];
    expect(closestMatch('us-east-7', regions)).toBe('us-east-1');
    expect(closestMatch('US-EAST-2', regions)).toBe('us-east-2');
    expect(closestMatch('useast1', regions)).toBe('us-east-1');
    expect(closestMatch('mars-1', regions)).toBeUndefined();
    expect(closestMatch('x', ['y'])).toBe('y');
    expect(closestMatch('ab', ['xy'])).toBeUndefined();
  });
});
