/** Types of signing-preflight.mjs, for builder-config.test.ts. */
export function signingGaps(platform: string, env: Readonly<Record<string, string | undefined>>): string[];
export default function beforePack(context: { electronPlatformName: string }): Promise<void>;
