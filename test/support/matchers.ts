// Jest's asymmetric matchers are typed `any`; these return them as `unknown`, so they can stand in an expected
// object (toMatchObject) without letting `any` into the test.

export const anyString = (): unknown => expect.any(String);

export const stringMatching = (pattern: RegExp): unknown => expect.stringMatching(pattern);
