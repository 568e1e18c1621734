// @ts-check
/* global console, process */
/**
 * electron-builder's beforePack hook (electron-builder.yml): before anything is packed, says plainly
 * whether this build will be signed and notarised. Signing is read from the environment by
 * electron-builder itself (never from the config file, which is in git); when the variables are
 * missing it quietly builds unsigned, and an unsigned console is what a hospital's IT must not roll
 * out by mistake. Nothing here stops the build: a test build may well be unsigned.
 */

/** @typedef {Readonly<Record<string, string | undefined>>} Environment */

/** @param {Environment} env @param {string[]} names @returns {string[]} the names that are unset or empty */
function missing(env, names) {
  return names.filter((name) => !env[name]);
}

/** @param {Environment} env */
function windowsGaps(env) {
  const link = env.WIN_CSC_LINK ? 'WIN_CSC_LINK' : 'CSC_LINK';
  const password = env.WIN_CSC_KEY_PASSWORD ? 'WIN_CSC_KEY_PASSWORD' : 'CSC_KEY_PASSWORD';
  const absent = missing(env, [link, password]);
  if (absent.length === 0) return [];
  return [
    `Windows: ${absent.join(' and ')} not set, so the installer and the app will NOT be signed. ` +
      'SmartScreen warns whoever runs it, and installed consoles cannot check that an update comes from ' +
      'the same publisher. Set CSC_LINK (the code-signing .pfx, a path or base64) and CSC_KEY_PASSWORD to sign.',
  ];
}

/** Any one of the three ways electron-builder notarises (its documentation for mac.notarize). */
const NOTARY_CREDENTIALS = [
  ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
  ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
  ['APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE'],
];

/** @param {Environment} env */
function macGaps(env) {
  const gaps = [];
  if (missing(env, ['CSC_LINK']).length > 0 && !env.CSC_NAME) {
    gaps.push(
      'macOS: CSC_LINK is not set: the app is signed only if a Developer ID Application identity is in this ' +
        "Mac's keychain; otherwise it is only ad-hoc signed (resetAdHocDarwinSignature) and Gatekeeper " +
        'refuses it on other Macs. Set CSC_LINK and CSC_KEY_PASSWORD to sign.',
    );
  }
  if (!NOTARY_CREDENTIALS.some((names) => missing(env, names).length === 0)) {
    const [appleId = []] = NOTARY_CREDENTIALS;
    gaps.push(
      `macOS: ${missing(env, appleId).join(', ')} not set, so the app will NOT be notarised and ` +
        'Gatekeeper blocks it on first open. Set APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID ' +
        '(or an App Store Connect API key) to notarise.',
    );
  }
  return gaps;
}

/**
 * What this build will lack, one sentence each; none when signing is set up. Linux packages (AppImage,
 * deb) are not code-signed, so there is nothing to say for them.
 * @param {string} platform electron's platform name: 'win32', 'darwin', 'linux', 'mas'
 * @param {Environment} env
 * @returns {string[]}
 */
export function signingGaps(platform, env) {
  if (platform === 'win32') return windowsGaps(env);
  if (platform === 'darwin') return macGaps(env);
  return [];
}

/** @param {{ electronPlatformName: string }} context */
export default async function beforePack(context) {
  for (const gap of signingGaps(context.electronPlatformName, process.env)) console.warn(`\n  ⚠ ${gap}\n`);
}
